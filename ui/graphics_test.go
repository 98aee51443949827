package ui

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiayuan/data"
)

// When the graphics cannot give the window its OpenGL context, the clerk is
// told why, what to do and that the jobs still work, and the details are
// written to the log in the data folder; when they can, nothing is said.
func TestNoGraphicsIsToldInChinese(t *testing.T) {
	var told error
	failing := func() error { return errors.New("VersionUnavailable: WGL: OpenGL 2.1 not supported") }
	if canDraw(failing, func(cause error) { told = cause }) {
		t.Fatal("canDraw reported a failed probe as fine")
	}
	if told == nil || !strings.Contains(told.Error(), "WGL") {
		t.Fatalf("the failure was not passed on: %v", told)
	}
	told = nil
	if !canDraw(func() error { return nil }, func(cause error) { told = cause }) || told != nil {
		t.Fatalf("a working probe was refused or told: %v", told)
	}

	dir := filepath.Join(t.TempDir(), "数据")
	logPath := writeGraphicsLog(dir, noGL)
	if logPath != filepath.Join(dir, GraphicsLog) {
		t.Fatalf("log written to %q", logPath)
	}
	msg := noGraphicsMessage(noGL, logPath)
	for _, want := range []string{"窗口无法打开", glRequirement, "远程桌面", "显卡驱动", "命令行任务", "jiayuan backup", "jiayuan help", "GLX extension not found", logPath} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%s", want, msg)
		}
	}
	logged, err := os.ReadFile(logPath)
	if err != nil || !strings.Contains(string(logged), "GLX extension not found") || !strings.Contains(string(logged), "显卡驱动") {
		t.Errorf("log %q: %v", logged, err)
	}
}

var noGL = errors.New("APIUnavailable: GLX: GLX extension not found")

// When GLFW cannot start at all (the desktop cannot be reached), the clerk
// is not sent to update the graphics driver.
func TestUnreachableDesktopIsNotBlamedOnOpenGL(t *testing.T) {
	msg := noGraphicsMessage(&desktopError{cause: "PlatformError: X11: Failed to open display :9"}, "")
	if !strings.Contains(msg, "图形桌面") || strings.Contains(msg, "显卡驱动") || !strings.Contains(msg, "Failed to open display") ||
		!strings.Contains(msg, "jiayuan help") {
		t.Errorf("message:\n%s", msg)
	}
}

// The real program on an X server without GLX (no OpenGL at all, as in a
// remote session without it): it prints the Chinese message, writes the log
// in the data folder and exits 1, where Fyne alone logged in English and hung.
func TestRealWindowWithoutOpenGL(t *testing.T) {
	tmp, bin := buildForX(t, "Xvfb")
	display := startXvfb(t, "-extension", "GLX")
	dataDir := filepath.Join(tmp, "data")
	win := exec.Command(bin, "-data", dataDir)
	win.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+tmp, "XDG_CONFIG_HOME="+filepath.Join(tmp, "config"))
	var stderr bytes.Buffer
	win.Stderr = &stderr
	if err := win.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- win.Wait() }()
	var err error
	select {
	case err = <-exited:
	case <-time.After(60 * time.Second):
		win.Process.Kill()
		<-exited
		t.Fatalf("the program did not exit without OpenGL; it said:\n%s", stderr.String())
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("exit: %v, want status 1", err)
	}
	for _, want := range []string{"家园的窗口无法打开", "OpenGL", "命令行任务", "GLX"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("standard error lacks %q:\n%s", want, stderr.String())
		}
	}
	if logged, err := os.ReadFile(filepath.Join(dataDir, GraphicsLog)); err != nil || !strings.Contains(string(logged), "GLX") {
		t.Errorf("log in the data folder: %q, %v", logged, err)
	}
	if _, err := os.Stat(filepath.Join(dataDir, data.DBFile)); err == nil {
		t.Error("the data folder's database was opened although the window could not start")
	}
}

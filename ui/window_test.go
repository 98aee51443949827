package ui

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiayuan/ui/cli"
)

// TestRealWindow builds the program, loads the demo data with `jiayuan demo`,
// starts the window under its own Xvfb, takes a screenshot and checks that
// the window exists and drew something: a picture of many colours, not a
// blank or uniform screen.
func TestRealWindow(t *testing.T) {
	if !cli.Has("demo") {
		t.Skip("the `demo` command is not registered yet")
	}
	tmp, bin := buildForX(t, "Xvfb", "import", "xwininfo")
	dataDir := filepath.Join(tmp, "data")
	if out, err := exec.Command(bin, "-data", dataDir, "demo").CombinedOutput(); err != nil {
		t.Fatalf("jiayuan demo: %v\n%s", err, out)
	}

	display := startXvfb(t)
	env := append(os.Environ(), "DISPLAY="+display, "HOME="+tmp, "XDG_CONFIG_HOME="+filepath.Join(tmp, "config"))
	exited, logs := startWindow(t, bin, dataDir, env)

	// Wait for the window titled 家园 to appear, then for it to draw.
	deadline := time.Now().Add(60 * time.Second)
	for {
		out, _ := runWithEnv(env, "xwininfo", "-root", "-tree")
		if strings.Contains(out, "家园") {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("the program exited before showing its window: %v\n%s", err, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no window titled 家园 after 60 s; windows:\n%s\nprogram output:\n%s", out, logs.String())
		}
		time.Sleep(300 * time.Millisecond)
	}
	time.Sleep(3 * time.Second)

	shot := filepath.Join(tmp, "shot.png")
	if out, err := runWithEnv(env, "import", "-window", "root", shot); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("screenshot unreadable: %v", err)
	}
	colours := map[uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[(r>>8)<<16|(g>>8)<<8|bl>>8]++
		}
	}
	// Anti-aliased text and icons give hundreds of shades; an empty or
	// failed window gives one or two.
	if len(colours) < 64 {
		t.Errorf("the screenshot has only %d colours: the window did not draw", len(colours))
	}
	// The theme's red accent (the counts on 概览) must be there.
	red := 0
	for c, n := range colours {
		r, g, bl := c>>16, c>>8&0xff, c&0xff
		if r > 150 && g < 80 && bl < 80 {
			red += n
		}
	}
	if red < 50 {
		t.Errorf("no red accent drawn (%d pixels): 概览 did not render", red)
	}
	if t.Failed() {
		keep := filepath.Join(os.TempDir(), "jiayuan-window-test.png")
		if data, err := os.ReadFile(shot); err == nil && os.WriteFile(keep, data, 0o644) == nil {
			t.Logf("screenshot kept at %s; program output:\n%s", keep, logs.String())
		}
	}
}

// startXvfb starts a private X server, with extra arguments (say, -extension
// GLX to take OpenGL away), and returns its DISPLAY.
func startXvfb(t *testing.T, extra ...string) string {
	t.Helper()
	for n := 90 + os.Getpid()%50; n < 200; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		x := exec.Command("Xvfb", append([]string{fmt.Sprintf(":%d", n), "-screen", "0", "1280x800x24", "-nolisten", "tcp"}, extra...)...)
		if err := x.Start(); err != nil {
			t.Fatalf("Xvfb: %v", err)
		}
		done := make(chan error, 1)
		go func() { done <- x.Wait() }()
		socket := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
		for i := 0; i < 100; i++ {
			if _, err := os.Stat(socket); err == nil {
				t.Cleanup(func() {
					x.Process.Kill()
					<-done
				})
				return fmt.Sprintf(":%d", n)
			}
			select {
			case <-done: // that display was taken after all; try the next
				i = 100
			case <-time.After(100 * time.Millisecond):
			}
		}
		x.Process.Kill()
	}
	t.Fatal("could not start Xvfb")
	return ""
}

func runWithEnv(env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// buildForX prepares a real-window test: it skips with -short, needs the X
// tools (skipping where they are missing, failing under CI, where make test
// installs them), and builds the program into a temporary folder, returned
// with the binary's path.
func buildForX(t *testing.T, tools ...string) (tmp, bin string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary and starts X; skipped with -short")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "" {
				t.Skipf("%s is not installed (make test installs xvfb, imagemagick and x11-utils)", tool)
			}
			t.Fatalf("%s is not installed, and under CI this test must run: %v", tool, err)
		}
	}
	tmp = t.TempDir()
	bin = filepath.Join(tmp, "jiayuan")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return tmp, bin
}

// startWindow starts the program's window on dataDir with env; exited
// reports its end, logs holds what it printed. It is killed when the test ends.
func startWindow(t *testing.T, bin, dataDir string, env []string) (exited chan error, logs *bytes.Buffer) {
	t.Helper()
	win := exec.Command(bin, "-data", dataDir)
	win.Env = env
	logs = &bytes.Buffer{}
	win.Stdout, win.Stderr = logs, logs
	if err := win.Start(); err != nil {
		t.Fatal(err)
	}
	exited = make(chan error, 1)
	go func() { exited <- win.Wait() }()
	t.Cleanup(func() {
		win.Process.Kill()
		<-exited
	})
	return exited, logs
}

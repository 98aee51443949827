package ui

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiayuan/ui/handoff"
)

// A second start with a .jyx while the window is open on the same data
// folder hands the file over instead of failing on the lock: it says so and
// exits 0, and the running window turns to 交换文件 with the preview
// (its title says which screen it shows). The handoff file goes with the
// window.
func TestSecondStartHandsTheFileToTheRunningWindow(t *testing.T) {
	tmp, bin := buildForX(t, "Xvfb", "xwininfo")
	dataDir, other := filepath.Join(tmp, "data"), filepath.Join(tmp, "other")
	file := filepath.Join(tmp, "滨江社区.jyx")
	for _, args := range [][]string{{"-data", dataDir, "demo"}, {"-data", other, "demo"},
		{"-data", other, "exchange", "export", "-community", "滨江社区", file}} {
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("jiayuan %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}

	env := append(os.Environ(), "DISPLAY="+startXvfb(t), "HOME="+tmp, "XDG_CONFIG_HOME="+filepath.Join(tmp, "config"))
	exited, logs := startWindow(t, bin, dataDir, env)
	waitForTitle(t, env, "家园 — 概览", exited, logs)
	if _, err := os.Stat(filepath.Join(dataDir, handoff.HandoffFile)); err != nil {
		t.Fatalf("the window does not listen: %v", err)
	}

	second := exec.Command(bin, "-data", dataDir, file)
	second.Env = env
	out, err := second.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "已把 滨江社区.jyx 交给它打开") {
		t.Fatalf("second start: %v\n%s", err, out)
	}
	waitForTitle(t, env, "家园 — 交换文件", exited, logs)
}

// waitForTitle waits until a window with that title exists, failing when
// the program exits first or after a minute.
func waitForTitle(t *testing.T, env []string, title string, exited chan error, logs *bytes.Buffer) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		// The window's name in quotes, before its class (which keeps the first title).
		out, _ := runWithEnv(append(env, "LC_ALL=C.UTF-8"), "xwininfo", "-root", "-tree")
		if strings.Contains(out, `"`+title+`":`) {
			return
		}
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("the program exited before showing %q: %v\n%s", title, err, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no window titled %q after 60 s; windows:\n%s\nprogram output:\n%s", title, out, logs.String())
		}
		time.Sleep(300 * time.Millisecond)
	}
}

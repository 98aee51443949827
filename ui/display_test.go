package ui

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
)

// Without a display the window says so in Chinese and points to the
// command-line jobs, instead of Fyne's English panic; with DISPLAY or
// WAYLAND_DISPLAY, or on Windows and macOS, it opens.
func TestNoDisplayMessage(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tc := range []struct {
		goos   string
		getenv func(string) string
		refuse bool
	}{
		{"linux", env(), true},
		{"freebsd", env("DISPLAY", ""), true},
		{"linux", env("DISPLAY", ":0"), false},
		{"linux", env("WAYLAND_DISPLAY", "wayland-0"), false},
		{"openbsd", env("DISPLAY", "localhost:10.0"), false},
		{"windows", env(), false},
		{"darwin", env(), false},
	} {
		msg := noDisplayMessage(tc.goos, tc.getenv)
		if (msg != "") != tc.refuse {
			t.Errorf("%s: %q", tc.goos, msg)
		}
		if tc.refuse && (!strings.Contains(msg, "窗口无法打开") || !strings.Contains(msg, "jiayuan help")) {
			t.Errorf("%s: message %q", tc.goos, msg)
		}
	}
	if runtime.GOOS == "linux" {
		var out bytes.Buffer
		if CanOpenWindow(env(), &out) || !strings.Contains(out.String(), "图形桌面") {
			t.Errorf("CanOpenWindow without a display: %q", out.String())
		}
		out.Reset()
		if !CanOpenWindow(env("DISPLAY", ":0"), &out) || out.Len() != 0 {
			t.Errorf("CanOpenWindow with a display: %q", out.String())
		}
	}
}

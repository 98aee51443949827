package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"jiayuan/data"
)

// template and print calibration, which open no store, refuse an output
// inside any data folder they can recognise (one holding jiayuan.db or
// jiayuan.lock, at or above the target's folder), not only inside the default
// one or -data's: `template orgs /tmp/d/x.xlsx` used to write into /tmp/d.
func TestStorelessJobsRefuseAnyDataFolder(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the default folder follows XDG_DATA_HOME only on Linux and BSD")
	}
	t.Setenv("XDG_DATA_HOME", t.TempDir()) // the default folder, elsewhere and empty
	withDB := t.TempDir()
	if code, _, stderr := runJob(t, withDB, "demo"); code != 0 {
		t.Fatal(stderr)
	}
	withLock := t.TempDir()
	if err := os.WriteFile(filepath.Join(withLock, data.LockFile), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{withDB, withLock} {
		if err := os.MkdirAll(filepath.Join(d, "子目录"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	other := t.TempDir() // a -data folder elsewhere does not make the others fair game
	for _, target := range []string{
		filepath.Join(withDB, "x"), filepath.Join(withDB, "子目录", "x"),
		filepath.Join(withLock, "x"), filepath.Join(withLock, "子目录", "x"),
	} {
		for _, dir := range []string{"", other} {
			for _, args := range [][]string{{"template", "orgs", target + ".xlsx"}, {"print", "calibration", target + ".pdf"}} {
				code, _, stderr := runJob(t, dir, args...)
				if code != 1 || !strings.Contains(stderr, "数据目录") || !strings.Contains(stderr, "请另选一个位置") {
					t.Errorf("%v (-data %q): exit %d, stderr %q", args, dir, code, stderr)
				}
				if _, err := os.Stat(args[len(args)-1]); !os.IsNotExist(err) {
					t.Errorf("%v written", args)
				}
			}
		}
	}
	// Outside any data folder both still write.
	for _, args := range [][]string{{"template", "orgs", filepath.Join(other, "x.xlsx")}, {"print", "calibration", filepath.Join(other, "x.pdf")}} {
		if code, _, stderr := runJob(t, "", args...); code != 0 {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}
}

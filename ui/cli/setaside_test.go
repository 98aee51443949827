package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiayuan/data"
)

// After a restore, every job names the data it set aside on stderr until
// the clerk dismisses the notice; the data stays where it is.
func TestJobsNameSetAsideDataUntilDismissed(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	file := filepath.Join(files, "备份.jyb")
	if code, _, stderr := runJob(t, dir, "backup", file); code != 0 {
		t.Fatalf("backup: %s", stderr)
	}
	code, stdout, _ := runJob(t, dir, "restore", file)
	if code != 0 {
		t.Fatalf("restore: %d", code)
	}
	saved, _ := filepath.Glob(filepath.Join(data.BackupDir(dir), "before-restore-*.jyb"))
	if len(saved) != 1 || !strings.Contains(stdout, saved[0]) {
		t.Fatalf("saved %v, stdout %q", saved, stdout)
	}
	for _, args := range [][]string{{"rounds"}, {"check"}, {"version"}} {
		code, _, stderr := runJob(t, dir, args...)
		if code != 0 || !strings.Contains(stderr, saved[0]) || !strings.Contains(stderr, "setaside dismiss") {
			t.Errorf("%v: exit %d, stderr %q does not name %s", args, code, stderr, saved[0])
		}
	}
	if code, stdout, _ := runJob(t, dir, "setaside"); code != 0 || !strings.Contains(stdout, saved[0]) {
		t.Errorf("setaside: %d %q", code, stdout)
	}
	if code, stdout, stderr := runJob(t, dir, "setaside", "dismiss"); code != 0 || !strings.Contains(stdout, "已确认 1 条") {
		t.Fatalf("setaside dismiss: %d %q %q", code, stdout, stderr)
	}
	if code, _, stderr := runJob(t, dir, "rounds"); code != 0 || stderr != "" {
		t.Errorf("after dismissing: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(saved[0]); err != nil {
		t.Errorf("dismissing removed the saved data: %v", err)
	}
}

// A database the disk will not let SQLite open (here its log's place is
// taken by a folder) is reported as a disk problem, not damage: check says
// so, and restore moves and replaces nothing.
func TestIOErrorIsNotDamageForJobs(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	file := filepath.Join(files, "备份.jyb")
	if code, _, stderr := runJob(t, dir, "backup", file); code != 0 {
		t.Fatalf("backup: %s", stderr)
	}
	path := filepath.Join(dir, data.DBFile)
	before, _ := os.ReadFile(path)
	if err := os.Mkdir(path+"-wal", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check"}, {"rounds"}, {"restore", file}} {
		code, _, stderr := runJob(t, dir, args...)
		if code != 1 || strings.Contains(stderr, "已损坏") || !strings.Contains(stderr, "数据库没有损坏") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
		if strings.Contains(stderr, "disk I/O") || strings.Contains(stderr, "unable to open") {
			t.Errorf("%v: SQLite's English reached the clerk: %q", args, stderr)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the database changed")
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "damaged-*")); len(m) != 0 {
		t.Errorf("set aside: %v", m)
	}
	if m, _ := filepath.Glob(filepath.Join(data.BackupDir(dir), "before-restore-*")); len(m) != 0 {
		t.Errorf("saved: %v", m)
	}
}

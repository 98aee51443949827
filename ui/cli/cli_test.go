package cli

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiayuan/data"
)

// The program's own options are parsed by Go's flag package; its errors reach
// the clerk in Chinese.
func TestFlagErrorsInChinese(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-foo", "version"}, "错误：没有 -foo 这个选项。"},
		{[]string{"-data"}, "错误：-data 后面要跟一个值。"},
		{[]string{"-n", "x"}, "错误：-n 的值“x”不对。"},
	} {
		var out bytes.Buffer
		fs := flag.NewFlagSet("jiayuan", flag.ContinueOnError)
		fs.SetOutput(flagWords{&out})
		fs.Usage = func() {}
		fs.String("data", "", "")
		fs.Int("n", 0, "")
		if err := fs.Parse(tc.args); err == nil {
			t.Fatalf("%v parsed", tc.args)
		}
		if got := strings.TrimSpace(out.String()); got != tc.want {
			t.Errorf("%v: stderr %q, want %q", tc.args, got, tc.want)
		}
	}
	// Anything else passes through unchanged.
	var out bytes.Buffer
	io.WriteString(flagWords{&out}, "其他\n")
	if out.String() != "其他\n" {
		t.Errorf("passed through as %q", out.String())
	}
}

// A job's failure reaches stderr without the operating system's English.
func TestJobErrorWithoutEnglish(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := Run(t.TempDir(), "", "test", []string{"import", "compounds", "/没有这个目录/小区.xlsx"}, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	msg := stderr.String()
	if !strings.Contains(msg, "小区.xlsx") || strings.Contains(msg, "no such file") || strings.Contains(msg, "open ") {
		t.Errorf("stderr %q", msg)
	}
}

// While a window holds the data folder, a job that writes is refused with a
// message and changes nothing; a job that only reads runs.
func TestWritingJobRefusedWhileWindowOpen(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	file := filepath.Join(t.TempDir(), "c.xlsx")
	if code, _, stderr := runJob(t, dir, "export", "communities", file); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	lock, err := data.Acquire(dir, "家园窗口")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	before := countCommunities(t, dir)
	for _, args := range [][]string{{"import", "communities", file}, {"demo"}} {
		code, _, stderr := runJob(t, dir, args...)
		if code != 1 || !strings.Contains(stderr, "家园窗口") {
			t.Errorf("%v while the window is open: exit %d, stderr %q", args, code, stderr)
		}
	}
	if code, stdout, stderr := runJob(t, dir, "export", "communities", file); code != 0 || !strings.Contains(stdout, "已导出") {
		t.Errorf("export while the window is open: exit %d %q %q", code, stdout, stderr)
	}
	if n := countCommunities(t, dir); n != before {
		t.Errorf("communities %d, were %d", n, before)
	}
}

// help prints no trailing space after a command without arguments (backups).
func TestHelpHasNoTrailingSpace(t *testing.T) {
	var out bytes.Buffer
	Usage(&out)
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasSuffix(line, " ") {
			t.Errorf("trailing space: %q", line)
		}
	}
	if !strings.Contains(out.String(), "\n  backups\n") {
		t.Errorf("no backups line: %s", out.String())
	}
}

// backup insists on the .jyb ending, as the exports insist on theirs, and
// writes nothing otherwise.
func TestBackupInsistsOnItsEnding(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatal(stderr)
	}
	out := t.TempDir()
	for _, name := range []string{"x.zip", "x", "x.jyb.txt"} {
		code, _, stderr := runJob(t, dir, "backup", filepath.Join(out, name))
		if code != 2 || !strings.Contains(stderr, "应以 .jyb 结尾") {
			t.Errorf("%s: exit %d, %q", name, code, stderr)
		}
	}
	if left, _ := os.ReadDir(out); len(left) != 0 {
		t.Errorf("%d files written", len(left))
	}
	if code, _, stderr := runJob(t, dir, "backup", filepath.Join(out, "x.JYB")); code != 0 {
		t.Errorf("x.JYB: %s", stderr)
	}
}

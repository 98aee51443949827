package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A reading job on a folder without 家园's data (a mistyped -data) refuses in
// Chinese, naming the folder, and creates nothing: neither the folder nor a
// database in an existing empty one. It used to start an empty database and
// report success (还没有评选活动。, 已导出 0 条社区记录).
func TestReadingJobsRefuseAFolderWithoutData(t *testing.T) {
	out := t.TempDir()
	jobs := [][]string{
		{"rounds"}, {"export", "communities", filepath.Join(out, "c.xlsx")},
		{"print", "summary", "1", filepath.Join(out, "s.pdf")},
		{"print", "decision", "1", filepath.Join(out, "d.pdf")},
		{"print", "calibration", "-letterhead", filepath.Join(out, "k.pdf")},
		{"check"}, {"check", "-quick"}, {"repair"}, {"wenhao"}, {"snapshot", "check"}, {"backups"},
		{"setaside"}, {"exchange", "export", filepath.Join(out, "x.jyx")}, {"backup", filepath.Join(out, "b.jyb")},
	}
	for _, args := range jobs {
		missing := filepath.Join(t.TempDir(), "打错的目录")
		empty := t.TempDir()
		for _, dir := range []string{missing, empty} {
			code, stdout, stderr := runJob(t, dir, args...)
			want := "数据目录 " + dir + " 里没有家园的数据（找不到 jiayuan.db）。请检查 -data 指定的文件夹"
			if code != 1 || !strings.Contains(stderr, want) || stdout != "" {
				t.Errorf("%v in %s: exit %d, stdout %q, stderr %q", args, dir, code, stdout, stderr)
			}
		}
		if _, err := os.Stat(missing); !os.IsNotExist(err) {
			t.Errorf("%v created the folder %s", args, missing)
		}
		if left, _ := os.ReadDir(empty); len(left) != 0 {
			t.Errorf("%v left %d files in the empty folder", args, len(left))
		}
	}
	if left, _ := os.ReadDir(out); len(left) != 0 {
		t.Errorf("%d outputs written", len(left))
	}
}

// A file given as the data folder is named as a file, once.
func TestDataFolderThatIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "notice.pdf")
	if err := os.WriteFile(file, []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runJob(t, file, "rounds")
	if code != 1 || !strings.Contains(stderr, "数据目录 "+file+" 是一个文件，不是文件夹") || strings.Count(stderr, file) != 1 {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// The jobs that legitimately start a data folder still do: demo, import,
// exchange import and restore into a folder that does not exist yet.
func TestWritingJobsStartANewFolder(t *testing.T) {
	src := t.TempDir()
	if code, _, stderr := runJob(t, filepath.Join(t.TempDir(), "新"), "demo"); code != 0 {
		t.Fatalf("demo into a new folder: %s", stderr)
	}
	if code, _, stderr := runJob(t, src, "demo"); code != 0 {
		t.Fatal(stderr)
	}
	files := t.TempDir()
	book, jyx, jyb := filepath.Join(files, "c.xlsx"), filepath.Join(files, "x.jyx"), filepath.Join(files, "b.jyb")
	for _, args := range [][]string{{"export", "communities", book}, {"exchange", "export", jyx}, {"backup", jyb}} {
		if code, _, stderr := runJob(t, src, args...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	want := countCommunities(t, src)
	for _, args := range [][]string{{"import", "communities", book}, {"exchange", "import", jyx}, {"restore", jyb}} {
		dir := filepath.Join(t.TempDir(), "新")
		if code, _, stderr := runJob(t, dir, args...); code != 0 {
			t.Errorf("%v into a new folder: exit %d, %s", args, code, stderr)
			continue
		}
		if n := countCommunities(t, dir); n != want {
			t.Errorf("%v: %d communities, want %d", args, n, want)
		}
	}
}

package data

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode"
)

// hasHan reports whether s holds Chinese text.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// Every way of naming a place inside the data folder (its own files, its
// folders, the folder itself, through a link to a file, a dangling link or a
// link to a folder) is refused in Chinese, and the live database is left
// byte for byte; places outside it are written.
func TestWriteOutputRefusesTheDataFolder(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{AttachmentsDir, BackupsFolder, "damaged-20240101-000000"} {
		os.MkdirAll(filepath.Join(dir, f), 0o755)
	}
	db := filepath.Join(dir, DBFile)
	before, _ := os.ReadFile(db)
	out := t.TempDir()
	link := func(name, to string) string {
		p := filepath.Join(out, name)
		if err := os.Symlink(to, p); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		return p
	}
	refused := map[string]string{
		"the database":                          db,
		"the lock file":                         filepath.Join(dir, LockFile),
		"the data folder itself":                dir,
		"a new file in the data folder":         filepath.Join(dir, "x.xlsx"),
		"the backups folder":                    filepath.Join(dir, BackupsFolder, "x.jyb"),
		"a damaged-… folder":                    filepath.Join(dir, "damaged-20240101-000000", "x.pdf"),
		"the attachments":                       filepath.Join(dir, AttachmentsDir, "x.pdf"),
		"a link to the database":                link("db.xlsx", db),
		"a relative link to the database":       link("rel.xlsx", mustRel(t, out, db)),
		"a link to a link to the database":      link("twice.xlsx", filepath.Join(out, "db.xlsx")),
		"a dangling link into the data folder":  link("dangling.pdf", filepath.Join(dir, "new.pdf")),
		"a dangling link into a missing folder": link("deep.pdf", filepath.Join(dir, "nope", "new.pdf")),
		"through a link to the backups folder":  filepath.Join(link("bk", filepath.Join(dir, BackupsFolder)), "x.jyb"),
		"through a link to the data folder":     filepath.Join(link("data", dir), DBFile),
		"a new file through a folder link":      filepath.Join(link("data2", dir), "new.xlsx"),
	}
	for name, p := range refused {
		t.Run(name, func(t *testing.T) {
			_, err := st.WriteOutput(p, func(w io.Writer) error { _, err := io.WriteString(w, "overwritten"); return err })
			if err == nil || !hasHan(err.Error()) || !strings.Contains(err.Error(), "不能写到") {
				t.Fatalf("WriteOutput(%s) = %v, want a Chinese refusal", p, err)
			}
			if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
				t.Fatal("the live database changed")
			}
			if _, err := os.Stat(filepath.Join(dir, "new.pdf")); err == nil {
				t.Fatal("a file was written into the data folder")
			}
		})
	}
	elsewhere := t.TempDir()
	for name, p := range map[string]string{
		"a plain file":          filepath.Join(out, "名单.xlsx"),
		"a link to elsewhere":   link("ok.xlsx", filepath.Join(elsewhere, "target.xlsx")),
		"a sibling of the data": filepath.Join(filepath.Dir(dir), filepath.Base(dir)+"-export.xlsx"),
	} {
		n, err := st.WriteOutput(p, func(w io.Writer) error { _, err := io.WriteString(w, "名单"); return err })
		if err != nil || n != int64(len("名单")) {
			t.Errorf("%s: WriteOutput(%s) = %d, %v", name, p, n, err)
		}
		os.Remove(p)
	}
	if err := Check(dir); err != nil {
		t.Fatal(err)
	}
}

func mustRel(t *testing.T, from, to string) string {
	rel, err := filepath.Rel(from, to)
	if err != nil {
		t.Fatal(err)
	}
	return rel
}

// failAfter is a disk that fills up after n bytes.
type failAfter struct {
	w io.Writer
	n int
}

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		w, _ := f.w.Write(p[:f.n])
		f.n = 0
		return w, &os.PathError{Op: "write", Path: "/somewhere/.x.tmp-123", Err: syscall.ENOSPC}
	}
	f.n -= len(p)
	return f.w.Write(p)
}

// A write that fails part way (the disk fills up, the job fails) leaves no
// file at the target, no temporary file beside it, and an older file of the
// same name as it was; the message is Chinese and names the target, not the
// temporary file.
func TestWriteOutputFailureLeavesNothing(t *testing.T) {
	dataDir, out := t.TempDir(), t.TempDir()
	big := bytes.Repeat([]byte("家园"), 200<<10)
	undo := InjectOutputFault(func(w io.Writer) io.Writer { return &failAfter{w: w, n: 1000} })
	fresh := filepath.Join(out, "新文件.pdf")
	_, err := WriteOutput(dataDir, fresh, func(w io.Writer) error { _, err := w.Write(big); return err })
	if err == nil || !strings.Contains(Explain(err), "磁盘空间不足") || !strings.Contains(err.Error(), fresh) || strings.Contains(err.Error(), ".tmp-") {
		t.Errorf("disk full: %v (%s)", err, Explain(err))
	}
	old := filepath.Join(out, "旧文件.pdf")
	os.WriteFile(old, []byte("旧内容"), 0o644)
	if _, err := WriteOutput(dataDir, old, func(w io.Writer) error { _, err := w.Write(big); return err }); err == nil {
		t.Error("disk full over an old file: no error")
	}
	undo()
	jobErr := errors.New("第 3 页生成失败")
	if _, err := WriteOutput(dataDir, fresh, func(w io.Writer) error {
		io.WriteString(w, "半份")
		return jobErr
	}); !errors.Is(err, jobErr) || err.Error() != jobErr.Error() {
		t.Errorf("a failing job: %v, want its own error unchanged", err)
	}
	if b, _ := os.ReadFile(old); string(b) != "旧内容" {
		t.Errorf("the old file became %q", b)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 || entries[0].Name() != "旧文件.pdf" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left in the output folder: %v, want only the old file", names)
	}
}

// A read-only output folder: refused in Chinese, nothing left behind.
func TestWriteOutputReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only folders; the injected fault test covers the failure path")
	}
	out := t.TempDir()
	if err := os.Chmod(out, 0o555); err != nil {
		t.Skip(err)
	}
	defer os.Chmod(out, 0o755)
	_, err := WriteOutput(t.TempDir(), filepath.Join(out, "x.pdf"), func(w io.Writer) error { return nil })
	if err == nil || !strings.Contains(Explain(err), "没有权限") {
		t.Errorf("read-only folder: %v", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// DataFolderAbove finds the data folder around a target, through a symbolic
// link too, and none where there is none.
func TestDataFolderAbove(t *testing.T) {
	d := t.TempDir()
	if err := os.MkdirAll(filepath.Join(d, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := DataFolderAbove(filepath.Join(d, "a", "b", "x.pdf")); got != "" {
		t.Errorf("no data folder: %q", got)
	}
	if err := os.WriteFile(filepath.Join(d, "a", DBFile), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(filepath.Join(d, "a"))
	if got := DataFolderAbove(filepath.Join(d, "a", "b", "x.pdf")); got != real {
		t.Errorf("under a folder with %s: %q, want %q", DBFile, got, real)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(filepath.Join(d, "a", "b"), link); err != nil {
		t.Skip("no symbolic links here")
	}
	if got := DataFolderAbove(filepath.Join(link, "x.pdf")); got != real {
		t.Errorf("through a link: %q, want %q", got, real)
	}
}

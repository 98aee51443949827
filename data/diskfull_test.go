package data

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/mattn/go-sqlite3"
)

// english finds words of English in a message meant for the clerk.
var english = regexp.MustCompile(`[A-Za-z]{4,}`)

// pathLike is a file name or path: ASCII with a slash or a dot in it.
var pathLike = regexp.MustCompile(`[A-Za-z0-9_./\\:+-]*[/\\.][A-Za-z0-9_./\\:+-]*`)

// clerkText fails when msg holds English words (paths, file names and the
// given names of tables and files aside).
func clerkText(t *testing.T, msg string, names ...string) {
	t.Helper()
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	for _, p := range names {
		msg = strings.ReplaceAll(msg, p, "")
	}
	msg = pathLike.ReplaceAllString(msg, "")
	if w := english.FindString(msg); w != "" {
		t.Errorf("message shows English %q: %s", w, msg)
	}
}

func TestIOErrorsAreNotDamage(t *testing.T) {
	cases := []struct {
		name string
		err  error
		kind IOKind
		io   bool
	}{
		{"SQLITE_FULL", sqlite3.Error{Code: sqlite3.ErrFull}, IONoSpace, true},
		{"IOERR with ENOSPC", sqlite3.Error{Code: sqlite3.ErrIoErr, ExtendedCode: sqlite3.ErrIoErrWrite, SystemErrno: syscall.ENOSPC}, IONoSpace, true},
		{"IOERR with EIO", sqlite3.Error{Code: sqlite3.ErrIoErr, ExtendedCode: sqlite3.ErrIoErrRead, SystemErrno: syscall.EIO}, IOOther, true},
		{"CANTOPEN with EACCES", sqlite3.Error{Code: sqlite3.ErrCantOpen, SystemErrno: syscall.EACCES}, IODenied, true},
		{"READONLY", sqlite3.Error{Code: sqlite3.ErrReadonly}, IOReadOnly, true},
		{"BUSY", sqlite3.Error{Code: sqlite3.ErrBusy}, IOLocked, true},
		{"LOCKED", sqlite3.Error{Code: sqlite3.ErrLocked}, IOLocked, true},
		{"os ENOSPC", &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, IONoSpace, true},
		{"os EROFS", &fs.PathError{Op: "open", Path: "x", Err: syscall.EROFS}, IOReadOnly, true},
		{"os EACCES wrapped", errors.Join(errors.New("a"), &fs.PathError{Op: "open", Path: "x", Err: syscall.EACCES}), IODenied, true},
		{"CORRUPT", sqlite3.Error{Code: sqlite3.ErrCorrupt}, 0, false},
		{"NOTADB", sqlite3.Error{Code: sqlite3.ErrNotADB}, 0, false},
		{"short read", sqlite3.Error{Code: sqlite3.ErrIoErr, ExtendedCode: sqlite3.ErrIoErrShortRead}, 0, false},
		{"os ENOENT", &fs.PathError{Op: "open", Path: "x", Err: syscall.ENOENT}, 0, false},
	}
	for _, c := range cases {
		kind, io := ioKindOf(c.err)
		if io != c.io || kind != c.kind {
			t.Errorf("%s: ioKindOf = %v, %v; want %v, %v", c.name, kind, io, c.kind, c.io)
		}
	}
}

// sealedStore is a data folder with demo data, two attachments and an
// automatic backup, closed; it returns the folder and its records.
func sealedStore(t *testing.T, dir string) string {
	t.Helper()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	writeAttachment(t, dir, "ab/photo1.jpg", "\xff\xd8 photo one")
	if _, err := st.AutoBackup(); err != nil {
		t.Fatal(err)
	}
	want := dumpStore(t, st)
	st.Close()
	return want
}

// leftovers lists the temporary files and set-aside folders in a data folder.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		n := d.Name()
		if strings.HasPrefix(n, ".restore-") || strings.Contains(n, ".tmp-") || strings.HasPrefix(n, ".snapshot-") ||
			strings.HasPrefix(n, "damaged-") || strings.HasPrefix(n, "before-restore-") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

// A -shm file SQLite cannot create (here a folder stands in its way, as a
// disk fault or a permission problem would) is an I/O error: the check says
// so in Chinese and does not call the database damaged.
func TestUnopenableSidecarIsIOErrorNotDamage(t *testing.T) {
	dir := t.TempDir()
	sealedStore(t, dir)
	path := filepath.Join(dir, DBFile)
	before, _ := os.ReadFile(path)
	if err := os.Mkdir(path+"-wal", 0o755); err != nil {
		t.Fatal(err)
	}
	for name, check := range map[string]func(string) error{"Check": Check, "CheckFull": CheckFull,
		"OpenChecked": func(d string) error {
			st, err := OpenChecked(d)
			if st != nil {
				st.Close()
			}
			return err
		}} {
		err := check(dir)
		if _, damaged := IsDamaged(err); damaged {
			t.Fatalf("%s: an I/O error was taken for damage: %v", name, err)
		}
		e, ok := IsIOError(err)
		if !ok {
			t.Fatalf("%s: err = %v, want *IOError", name, err)
		}
		clerkText(t, e.Error(), path)
		if !strings.Contains(e.Error(), "数据库没有损坏") {
			t.Errorf("%s: message does not say the data is not damaged: %s", name, e)
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the check changed the database")
	}
	os.Remove(path + "-wal")
	if err := Check(dir); err != nil {
		t.Fatalf("with the obstacle gone: %v", err)
	}
}

// mountTmpfs mounts a small tmpfs for the test, or skips it when that is
// not possible (not root, no mount in a container).
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fill writes a file until the disk holding dir is full and returns a
// function that frees the space again.
func fill(t *testing.T, dir string) func() {
	t.Helper()
	p := filepath.Join(dir, "filler")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			break
		}
	}
	small := make([]byte, 512)
	for {
		if _, err := f.Write(small); err != nil {
			break
		}
	}
	f.Close()
	return func() { os.Remove(p) }
}

// A full disk is not damage: every open says the disk is full and how much
// more is needed, a restore refuses before touching anything, and once space
// is freed the same data opens.
func TestDiskFullOnTmpfs(t *testing.T) {
	mnt := mountTmpfs(t, "6m")
	dir := filepath.Join(mnt, "data")
	want := sealedStore(t, dir)
	list, _ := ListBackups(dir)
	if len(list) != 1 {
		t.Fatalf("backups = %v", list)
	}
	path := filepath.Join(dir, DBFile)
	before, _ := os.ReadFile(path)
	free := fill(t, mnt)

	_, err := OpenChecked(dir)
	if _, damaged := IsDamaged(err); damaged {
		t.Fatalf("a full disk was taken for damage: %v", err)
	}
	e, ok := IsIOError(err)
	if !ok || e.Kind != IONoSpace {
		t.Fatalf("OpenChecked on a full disk: %v, want *IOError of kind IONoSpace", err)
	}
	if !regexp.MustCompile(`磁盘空间不足：.*还需要约 \d+ MB`).MatchString(e.Error()) {
		t.Errorf("message = %s", e)
	}
	clerkText(t, e.Error(), path)

	// A restore with the disk full refuses before moving or writing anything.
	if _, err := RestoreDamaged(dir, list[0].Path); err == nil {
		t.Fatal("RestoreDamaged on a full disk succeeded")
	} else if e, ok := IsIOError(err); !ok || e.Kind != IONoSpace {
		t.Fatalf("RestoreDamaged on a full disk: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("the database changed")
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Errorf("left behind: %v", l)
	}

	free()
	st, err := OpenChecked(dir)
	if err != nil {
		t.Fatalf("after freeing space: %v", err)
	}
	defer st.Close()
	if got := dumpStore(t, st); got != want {
		t.Error("the data after freeing space differs from before")
	}
}

// A restore into an open store on a disk with too little room for the
// backup and the safety copy is refused before anything is written.
func TestRestoreOnFullTmpfsChangesNothing(t *testing.T) {
	mnt := mountTmpfs(t, "6m")
	dir := filepath.Join(mnt, "data")
	sealedStore(t, dir)
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mustCommunity(t, st, "备份之后的社区")
	list, _ := ListBackups(dir)
	want, wantAtt := dumpStore(t, st), dumpAttachments(t, dir)
	free := fill(t, mnt)
	defer free()
	_, err = st.RestoreBackup(list[0].Path)
	if e, ok := IsIOError(err); !ok || e.Kind != IONoSpace {
		t.Fatalf("RestoreBackup on a full disk: %v, want *IOError of kind IONoSpace", err)
	}
	clerkText(t, err.Error(), dir, filepath.Base(list[0].Path))
	if dumpStore(t, st) != want || dumpAttachments(t, dir) != wantAtt {
		t.Error("a refused restore changed the data")
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Errorf("left behind: %v", l)
	}
	if n, _ := SetAsideNotices(dir); len(n) != 0 {
		t.Errorf("notices = %v", n)
	}
}

// A save that the disk cannot take (SQLite's "database or disk is full",
// made here with max_page_count so no root is needed) says so in Chinese,
// is an *IOError rather than damage, and leaves every earlier save intact.
func TestSaveOnFullDiskIsIOErrorAndKeepsData(t *testing.T) {
	st, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	first := Community{Name: "滨江社区"}
	if err := st.SaveCommunity(&first); err != nil {
		t.Fatal(err)
	}
	st.db.SetMaxOpenConns(1)
	var pages int
	if err := st.db.Get(&pages, "PRAGMA page_count"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages+1)); err != nil {
		t.Fatal(err)
	}
	var saveErr error
	for i := 0; i < 200 && saveErr == nil; i++ {
		c := Community{Name: "社区" + strconv.Itoa(i), Notes: strings.Repeat("备", LimitNotes)}
		saveErr = st.SaveCommunity(&c)
	}
	if saveErr == nil {
		t.Fatal("no save failed although the database may not grow")
	}
	e, ok := IsIOError(saveErr)
	if !ok || e.Kind != IONoSpace {
		t.Fatalf("a full database gives %T %v, want an *IOError of kind IONoSpace", saveErr, saveErr)
	}
	if _, damaged := IsDamaged(saveErr); damaged {
		t.Errorf("a full disk is reported as damage: %v", saveErr)
	}
	msg := saveErr.Error()
	if !strings.Contains(msg, "磁盘空间不足") || !strings.Contains(msg, "没有保存") {
		t.Errorf("message %q does not say the disk is full and the change was not saved", msg)
	}
	clerkText(t, msg)
	got, err := st.Community(first.ID)
	if err != nil || got.Name != "滨江社区" {
		t.Errorf("the earlier save is gone: %+v, %v", got, err)
	}
}

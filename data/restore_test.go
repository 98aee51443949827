package data

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// withFreeSpace makes FreeSpace answer n bytes for the rest of the test.
func withFreeSpace(t *testing.T, n int64) {
	t.Helper()
	freeSpaceHook = func(string) (int64, error) { return n, nil }
	t.Cleanup(func() { freeSpaceHook = nil })
}

// withFault makes the restore step named fail as a full disk would.
func withFault(t *testing.T, step string) {
	t.Helper()
	restoreFault = func(s string) error {
		if s == step {
			return &fs.PathError{Op: "write", Path: "injected", Err: syscall.ENOSPC}
		}
		return nil
	}
	t.Cleanup(func() { restoreFault = nil })
}

// backupOf makes a manual backup of st into a new file.
func backupOf(t *testing.T, st *Store) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "备份.jyb")
	if _, err := st.BackupTo(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// With too little room on the disk (injected), both restores refuse before
// writing anything, and say how much more is needed.
func TestRestoreRefusedWithoutRoom(t *testing.T) {
	st := demoStore(t)
	file := backupOf(t, st)
	mustCommunity(t, st, "备份之后的社区")
	want, wantAtt := dumpStore(t, st), dumpAttachments(t, st.Dir())
	withFreeSpace(t, 64<<10)
	_, err := st.RestoreBackup(file)
	e, ok := IsIOError(err)
	if !ok || e.Kind != IONoSpace || !strings.Contains(e.Error(), "还需要约") {
		t.Fatalf("RestoreBackup without room: %v", err)
	}
	clerkText(t, e.Error(), st.Dir(), filepath.Base(file))
	if dumpStore(t, st) != want || dumpAttachments(t, st.Dir()) != wantAtt {
		t.Error("the refused restore changed the data")
	}
	if l := leftovers(t, st.Dir()); len(l) != 0 {
		t.Errorf("left behind: %v", l)
	}

	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, DBFile), []byte("garbage"), 0o644)
	if _, err := RestoreDamaged(dir, file); !isNoSpace(err) {
		t.Fatalf("RestoreDamaged without room: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, DBFile)); string(b) != "garbage" {
		t.Error("the damaged database was moved or replaced")
	}
	if l := leftovers(t, dir); len(l) != 0 {
		t.Errorf("left behind: %v", l)
	}
}

func isNoSpace(err error) bool { e, ok := IsIOError(err); return ok && e.Kind == IONoSpace }

// A disk that fills up in the middle of a restore (injected at each step)
// leaves the store's data as it was, and no temporary files.
func TestRestoreInterruptedByFullDiskKeepsData(t *testing.T) {
	for _, step := range []string{"save", "attachments", "copy"} {
		t.Run(step, func(t *testing.T) {
			st := demoStore(t)
			file := backupOf(t, st)
			mustCommunity(t, st, "备份之后的社区")
			os.Remove(filepath.Join(st.Dir(), AttachmentsDir, "ab", "photo1.jpg"))
			want, wantAtt := dumpStore(t, st), dumpAttachments(t, st.Dir())
			withFault(t, step)
			_, err := st.RestoreBackup(file)
			if !isNoSpace(err) {
				t.Fatalf("err = %v, want a full disk", err)
			}
			clerkText(t, err.Error(), st.Dir())
			if dumpStore(t, st) != want {
				t.Error("the records changed")
			}
			if step != "copy" && dumpAttachments(t, st.Dir()) != wantAtt {
				t.Error("the attachments changed")
			}
			for _, l := range leftovers(t, st.Dir()) {
				if !strings.HasPrefix(l, filepath.Join(BackupsFolder, "before-restore-")) || strings.Contains(l, ".tmp-") {
					t.Errorf("left behind: %s", l)
				}
			}
			mustCommunity(t, st, "之后还能写") // the store stays usable
		})
	}
}

// damagedFolder is a data folder with demo data and a backup whose database
// was then overwritten with garbage; it returns the folder, the backup, the
// records in the backup and the damaged bytes.
func damagedFolder(t *testing.T) (dir, backup, want string, damaged []byte) {
	t.Helper()
	dir = t.TempDir()
	want = sealedStore(t, dir)
	list, _ := ListBackups(dir)
	damaged = []byte(strings.Repeat("garbage ", 2000))
	os.WriteFile(filepath.Join(dir, DBFile), damaged, 0o644)
	return dir, list[0].Path, want, damaged
}

// A recovery interrupted at any step leaves the damaged database in place
// (never an empty store) and no temporary files.
func TestRestoreDamagedInterruptedKeepsDatabase(t *testing.T) {
	for _, step := range []string{"stage", "attachments", "swap"} {
		t.Run(step, func(t *testing.T) {
			dir, backup, _, damaged := damagedFolder(t)
			withFault(t, step)
			if _, err := RestoreDamaged(dir, backup); !isNoSpace(err) {
				t.Fatalf("err = %v, want a full disk", err)
			}
			if b, _ := os.ReadFile(filepath.Join(dir, DBFile)); !bytes.Equal(b, damaged) {
				t.Fatal("the folder's database is no longer the damaged one")
			}
			if _, ok := IsDamaged(Check(dir)); !ok {
				t.Error("the folder does not still report damage")
			}
			for _, l := range leftovers(t, dir) {
				if strings.HasPrefix(l, ".") || strings.Contains(l, ".tmp-") {
					t.Errorf("left behind: %s", l)
				}
			}
		})
	}
}

// After a recovery the damaged database, its log and the attachments the
// backup lacks are kept in damaged-…/, and the notices say where.
func TestRestoreDamagedKeepsEverythingAside(t *testing.T) {
	dir, backup, want, damaged := damagedFolder(t)
	os.WriteFile(filepath.Join(dir, DBFile+"-wal"), []byte("old log"), 0o644)
	writeAttachment(t, dir, "ef/newer.pdf", "added after the backup")
	aside, err := RestoreDamaged(dir, backup)
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{DBFile: string(damaged), DBFile + "-wal": "old log",
		filepath.Join(AttachmentsDir, "ef", "newer.pdf"): "added after the backup"} {
		if b, _ := os.ReadFile(filepath.Join(aside, name)); string(b) != content {
			t.Errorf("%s not kept in %s", name, aside)
		}
	}
	st, err := OpenChecked(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if dumpStore(t, st) != want {
		t.Error("recovered data differs from the backup")
	}
	notes, err := SetAsideNotices(dir)
	if err != nil || len(notes) != 1 || notes[0].Path != aside || notes[0].Kind != SetAsideDamaged ||
		!strings.Contains(notes[0].Message(), aside) {
		t.Fatalf("notices = %+v, %v", notes, err)
	}
	if err := DismissSetAside(dir, notes[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := SetAsideNotices(dir); len(n) != 0 {
		t.Errorf("after dismissing: %v", n)
	}
	if !fileExists(filepath.Join(aside, DBFile)) {
		t.Error("dismissing removed the data")
	}
}

// The data a restore replaced is named in the notices until dismissed.
func TestRestoreNoticeNamesSafetyCopy(t *testing.T) {
	st := demoStore(t)
	file := backupOf(t, st)
	res, err := st.RestoreBackup(file)
	if err != nil {
		t.Fatal(err)
	}
	notes, _ := SetAsideNotices(st.Dir())
	if len(notes) != 1 || notes[0].Kind != SetAsideBeforeRestore || notes[0].Path != res.Saved ||
		!strings.Contains(notes[0].Message(), res.Saved) {
		t.Fatalf("notices = %+v", notes)
	}
}

// A backup interrupted by the end of the process (the helper below is killed
// in the middle of a restore) leaves its unpacked database behind; the next
// restore removes it.
func TestInterruptedRestoreLeavesNoTemps(t *testing.T) {
	if os.Getenv("JIAYUAN_KILLED_RESTORE") != "" {
		dir, file := os.Getenv("JIAYUAN_KILLED_RESTORE"), os.Getenv("JIAYUAN_KILLED_FILE")
		restoreFault = func(step string) error {
			if step == "copy" {
				os.Exit(3) // killed mid-restore: no deferred clean-up runs
			}
			return nil
		}
		st, err := Open(dir)
		if err != nil {
			os.Exit(1)
		}
		st.RestoreBackup(file)
		os.Exit(2)
	}
	st := demoStore(t)
	file := backupOf(t, st)
	dir := st.Dir()
	st.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptedRestoreLeavesNoTemps$")
	cmd.Env = append(os.Environ(), "JIAYUAN_KILLED_RESTORE="+dir, "JIAYUAN_KILLED_FILE="+file)
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
		t.Fatalf("helper: %v", err)
	}
	temps := func() []string {
		m, _ := filepath.Glob(filepath.Join(BackupDir(dir), ".restore-*"))
		m2, _ := filepath.Glob(filepath.Join(dir, ".restore-*"))
		return append(m, m2...)
	}
	if len(temps()) == 0 {
		t.Fatal("the killed restore left no unpacked database: the test does not test")
	}
	st2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if _, err := st2.RestoreBackup(file); err != nil {
		t.Fatal(err)
	}
	if l := temps(); len(l) != 0 {
		t.Errorf("left behind after the next restore: %v", l)
	}
	// main and the command line clean up too, once they hold the lock.
	os.WriteFile(filepath.Join(BackupDir(dir), ".restore-1.db"), []byte("x"), 0o644)
	RemoveRestoreTemps(dir)
	if l := temps(); len(l) != 0 {
		t.Errorf("RemoveRestoreTemps left: %v", l)
	}
}

// packBackup writes a .jyb holding the database at db and the attachments,
// with a manifest that lists them truly: only the content is hostile.
func packBackup(t *testing.T, db string, atts map[string][]byte, out string) {
	t.Helper()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	aw := newArchiveWriter(f)
	if _, err := aw.addFile(backupDBEntry, db, true); err != nil {
		t.Fatal(err)
	}
	for name, c := range atts {
		if err := aw.add(AttachmentsDir+"/"+name, bytes.NewReader(c), true); err != nil {
			t.Fatal(err)
		}
	}
	m := BackupManifest{Format: backupFormat, Version: backupVersion, Kind: BackupManual,
		Created: time.Now().Format(time.RFC3339), Schema: SchemaVersion(), Files: aw.files}
	js, _ := json.Marshal(m)
	if err := (&ArchiveWriter{aw: aw}).Close(backupManifest, js); err != nil {
		t.Fatal(err)
	}
}

// unpackDB copies the database out of a backup into a new file.
func unpackDB(t *testing.T, backup string) string {
	t.Helper()
	a, err := OpenArchive(backup, backupLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	p := filepath.Join(t.TempDir(), "db.sqlite")
	f, _ := os.Create(p)
	if _, _, err := a.Copy(f, backupDBEntry); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

// alter runs SQL on a database file.
func alter(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// A backup's database restores only with exactly this program's schema:
// extra tables, triggers, views, changed or extra columns and missing tables
// are refused, each named, and nothing changes.
func TestRestoreRefusesForeignSchema(t *testing.T) {
	src := demoStore(t)
	good := backupOf(t, src)
	cases := []struct {
		name  string
		stmts []string
		want  []string
	}{
		{"extra table", []string{`CREATE TABLE evil (x TEXT)`}, []string{"多出表“evil”"}},
		{"trigger", []string{`CREATE TRIGGER evil_trg AFTER INSERT ON communities BEGIN DELETE FROM orgs; END`},
			[]string{"多出触发器“evil_trg”"}},
		{"view", []string{`CREATE VIEW evil_view AS SELECT * FROM communities`}, []string{"多出视图“evil_view”"}},
		{"changed column", []string{`ALTER TABLE settings RENAME TO settings_old`,
			`CREATE TABLE settings (key TEXT PRIMARY KEY, value BLOB)`,
			`INSERT INTO settings SELECT * FROM settings_old`, `DROP TABLE settings_old`},
			[]string{"表“settings”的列“value”"}},
		{"extra column", []string{`ALTER TABLE communities ADD COLUMN evil TEXT`}, []string{"表“communities”多出列“evil”"}},
		{"missing table", []string{`DROP TABLE exchange_alias`}, []string{"缺少表“exchange_alias”"}},
		{"extra index", []string{`CREATE INDEX evil_idx ON communities(notes)`}, []string{"多出索引“evil_idx”"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := unpackDB(t, good)
			alter(t, db, c.stmts...)
			file := filepath.Join(t.TempDir(), "hostile.jyb")
			packBackup(t, db, nil, file)
			if _, err := VerifyBackup(file); err == nil {
				t.Fatal("VerifyBackup accepted it")
			}
			st := demoStore(t)
			before, beforeAtt := dumpStore(t, st), dumpAttachments(t, st.Dir())
			_, err := st.RestoreBackup(file)
			if err == nil {
				t.Fatal("restored")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %v, want it to name %s", err, w)
				}
			}
			clerkText(t, err.Error(), "hostile.jyb", "settings", "value", "communities", "evil", "exchange_alias", "evil_trg", "evil_view", "evil_idx")
			if dumpStore(t, st) != before || dumpAttachments(t, st.Dir()) != beforeAtt {
				t.Error("a refused restore changed the data")
			}
			if l := leftovers(t, st.Dir()); len(l) != 0 {
				t.Errorf("left behind: %v", l)
			}
		})
	}
}

// A backup from an older schema version restores and is migrated to exactly
// the current schema; an older one with something extra is still refused.
func TestRestoreAcceptsOlderSchemaOnly(t *testing.T) {
	old := SchemaVersion() - 1
	db := filepath.Join(t.TempDir(), "old.db")
	alter(t, db, migrations[:old]...)
	alter(t, db, fmt.Sprintf("PRAGMA user_version = %d", old),
		`INSERT INTO settings (key, value) VALUES ('office_name', '旧版街道')`)
	file := filepath.Join(t.TempDir(), "old.jyb")
	packBackup(t, db, nil, file)
	st := openTest(t)
	if _, err := st.RestoreBackup(file); err != nil {
		t.Fatal(err)
	}
	if st.IsServer() { // the schema is the server's; the data came through
		var name string
		if err := st.db.Get(&name, `SELECT value FROM settings WHERE key = 'office_name'`); err != nil || name != "旧版街道" {
			t.Fatalf("office_name after restore = %q, %v", name, err)
		}
		return
	}
	got, err := readSchema(st.db.DB.DB)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := expectedSchema(SchemaVersion())
	if d := schemaDiff(got, want); len(d) != 0 {
		t.Errorf("after migrating: %v", d)
	}

	alter(t, db, `CREATE TABLE evil (x)`)
	packBackup(t, db, nil, file)
	if _, err := VerifyBackup(file); err == nil || !strings.Contains(err.Error(), "多出表“evil”") {
		t.Errorf("older backup with an extra table: %v", err)
	}
}

// An attachment that would unpack to far more than the backup's own size,
// or to more than the disk holds, is refused before anything is written.
func TestRestoreRefusesAttachmentBomb(t *testing.T) {
	src := demoStore(t)
	db := unpackDB(t, backupOf(t, src))
	bomb := filepath.Join(t.TempDir(), "bomb.jyb")
	packBackup(t, db, map[string][]byte{"ab/bomb.bin": make([]byte, 64<<20)}, bomb)
	if fi, _ := os.Stat(bomb); fi.Size() > 1<<20 {
		t.Fatalf("the bomb is %d bytes", fi.Size())
	}
	st := demoStore(t)
	before, beforeAtt := dumpStore(t, st), dumpAttachments(t, st.Dir())
	if _, err := VerifyBackup(bomb); err == nil || !strings.Contains(err.Error(), "倍") {
		t.Errorf("VerifyBackup: %v", err)
	}
	if _, err := st.RestoreBackup(bomb); err == nil || !strings.Contains(err.Error(), "倍") {
		t.Errorf("RestoreBackup: %v", err)
	}
	if dumpStore(t, st) != before || dumpAttachments(t, st.Dir()) != beforeAtt {
		t.Error("a refused restore changed the data")
	}
	if l := leftovers(t, st.Dir()); len(l) != 0 {
		t.Errorf("left behind: %v", l)
	}

	// Incompressible attachments that are honest about their size but do not
	// fit on the disk.
	big := make([]byte, 3<<20)
	for i := range big {
		big[i] = byte(i*7919 + i>>8)
	}
	honest := filepath.Join(t.TempDir(), "big.jyb")
	packBackup(t, db, map[string][]byte{"cd/big.bin": big}, honest)
	withFreeSpace(t, 2<<20)
	if _, err := st.RestoreBackup(honest); !isNoSpace(err) {
		t.Errorf("RestoreBackup of a backup larger than the free space: %v", err)
	}
	if dumpAttachments(t, st.Dir()) != beforeAtt {
		t.Error("attachments were written")
	}
}

// FuzzVerifyBackup feeds VerifyBackup damaged and hostile backups, starting
// from a real one: it must never panic, and its memory stays bounded by the
// archive limits and the unpack ratio.
func FuzzVerifyBackup(f *testing.F) {
	dir := f.TempDir()
	st, err := Open(filepath.Join(dir, "data"))
	if err != nil {
		f.Fatal(err)
	}
	if err := LoadDemo(st); err != nil {
		f.Fatal(err)
	}
	p := filepath.Join(dir, "seed.jyb")
	if _, err := st.BackupTo(p); err != nil {
		f.Fatal(err)
	}
	st.Close()
	seed, _ := os.ReadFile(p)
	f.Add(seed)
	f.Add(seed[:len(seed)/2])
	f.Add(append(bytes.Clone(seed[:len(seed)-30]), bytes.Repeat([]byte{0xff}, 30)...))
	mid := bytes.Clone(seed)
	for i := len(mid) / 3; i < len(mid)/3+64 && i < len(mid); i++ {
		mid[i] ^= 0x5a
	}
	f.Add(mid)
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "f.jyb")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := VerifyBackup(path)
		if err == nil && !bytes.Equal(b, seed) {
			// Only a sound backup passes: its manifest must name a database.
			found := false
			for _, f := range m.Files {
				found = found || f.Name == backupDBEntry
			}
			if !found {
				t.Fatalf("accepted a backup without a database: %+v", m)
			}
		}
		if err != nil {
			clerkText(t, err.Error(), path, "f.jyb", backupManifest, backupDBEntry)
		}
	})
}

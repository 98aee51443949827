package data

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// dumpStore renders every table that holds user data, row by row, so two
// stores can be compared exactly.
func dumpStore(t *testing.T, st *Store) string {
	t.Helper()
	tables := append([]string(nil), dataTables...)
	sort.Strings(tables)
	var b strings.Builder
	for _, tbl := range tables {
		q := `SELECT * FROM "` + tbl + `" ORDER BY 1`
		if tbl == "audit" { // a restore adds its own audit row
			q = `SELECT * FROM audit WHERE entity != 'backup' ORDER BY 1`
		}
		rows, err := st.db.Queryx(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			m := map[string]any{}
			if err := rows.MapScan(m); err != nil {
				t.Fatal(err)
			}
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			fmt.Fprintf(&b, "%s:", tbl)
			for _, k := range keys {
				v := m[k]
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, " %s=%v", k, v)
			}
			b.WriteString("\n")
		}
		rows.Close()
	}
	return b.String()
}

// dumpAttachments renders the attachments folder: name and content.
func dumpAttachments(t *testing.T, dir string) string {
	t.Helper()
	names, err := listAttachments(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, n := range names {
		c, err := os.ReadFile(filepath.Join(dir, AttachmentsDir, n))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %x\n", n, c)
	}
	return b.String()
}

func writeAttachment(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, AttachmentsDir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func demoStore(t *testing.T) *Store {
	t.Helper()
	st := openTest(t)
	if err := LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	writeAttachment(t, st.Dir(), "ab/photo1.jpg", "\xff\xd8 photo one")
	writeAttachment(t, st.Dir(), "cd/doc.pdf", "%PDF-1.4 document")
	return st
}

func TestBackupRestoreGivesBackSameRecordsAndAttachments(t *testing.T) {
	st := demoStore(t)
	wantDB, wantAtt := dumpStore(t, st), dumpAttachments(t, st.Dir())
	file := filepath.Join(t.TempDir(), "手动备份.jyb")
	m, err := st.BackupTo(file)
	if err != nil {
		t.Fatal(err)
	}
	if m.Records["communities"] == 0 || len(m.Files) != 3 {
		t.Fatalf("manifest = %+v", m)
	}

	// Change everything after the backup: a new record, an edited one, an
	// attachment removed, another added, one altered.
	mustCommunity(t, st, "新建社区")
	cs, _ := st.Communities()
	cs[0].Notes = "改过"
	if err := st.SaveCommunity(&cs[0]); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(st.Dir(), AttachmentsDir, "ab", "photo1.jpg"))
	writeAttachment(t, st.Dir(), "ef/new.png", "new")
	writeAttachment(t, st.Dir(), "cd/doc.pdf", "altered")
	changedDB, changedAtt := dumpStore(t, st), dumpAttachments(t, st.Dir())
	if changedDB == wantDB || changedAtt == wantAtt {
		t.Fatal("test setup did not change the data")
	}

	res, err := st.RestoreBackup(file)
	if err != nil {
		t.Fatal(err)
	}
	if got := dumpStore(t, st); got != wantDB {
		t.Errorf("restored records differ:\n got %s\nwant %s", got, wantDB)
	}
	if got := dumpAttachments(t, st.Dir()); got != wantAtt {
		t.Errorf("restored attachments = %q, want %q", got, wantAtt)
	}
	// The replaced data was kept as a backup, and restoring it brings it back.
	if res.Saved == "" {
		t.Fatal("replaced data not saved")
	}
	if _, err := st.RestoreBackup(res.Saved); err != nil {
		t.Fatal(err)
	}
	if dumpStore(t, st) != changedDB || dumpAttachments(t, st.Dir()) != changedAtt {
		t.Error("before-restore backup does not hold the replaced data")
	}
	// The store stays usable after a restore, still in WAL mode.
	mustCommunity(t, st, "恢复后新建")
	var mode string
	st.db.Get(&mode, `PRAGMA journal_mode`)
	if mode != "wal" && !st.IsServer() {
		t.Errorf("journal_mode after restore = %q", mode)
	}
}

// rewriteZip copies a zip, letting edit change or drop entries.
func rewriteZip(t *testing.T, src, dst string, edit func(name string, content []byte) ([]byte, bool)) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		c, _ := io.ReadAll(rc)
		rc.Close()
		c, keep := edit(f.Name, c)
		if !keep {
			continue
		}
		w, _ := zw.Create(f.Name)
		w.Write(c)
	}
	zw.Close()
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreRefusesBadBackupAndChangesNothing(t *testing.T) {
	src := demoStore(t)
	good := filepath.Join(t.TempDir(), "good.jyb")
	if _, err := src.BackupTo(good); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(good)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	tampered := filepath.Join(dir, "tampered.jyb")
	rewriteZip(t, good, tampered, func(n string, c []byte) ([]byte, bool) {
		if n == "attachments/cd/doc.pdf" {
			return []byte("changed"), true
		}
		return c, true
	})
	extra := filepath.Join(dir, "extra.jyb")
	rewriteZip(t, good, extra, func(n string, c []byte) ([]byte, bool) { return c, true })
	{
		zr, _ := zip.OpenReader(extra)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, f := range zr.File {
			w, _ := zw.Create(f.Name)
			rc, _ := f.Open()
			io.Copy(w, rc)
			rc.Close()
		}
		w, _ := zw.Create("attachments/unlisted.txt")
		w.Write([]byte("x"))
		zw.Close()
		zr.Close()
		os.WriteFile(extra, buf.Bytes(), 0o644)
	}
	missing := filepath.Join(dir, "missing.jyb")
	rewriteZip(t, good, missing, func(n string, c []byte) ([]byte, bool) { return c, n != "attachments/ab/photo1.jpg" })
	newer := filepath.Join(dir, "newer.jyb")
	{
		// a database from a newer program: user_version above ours, manifest consistent
		db := filepath.Join(dir, "newer.db")
		os.WriteFile(db, nil, 0o644)
		ndb, err := Open(filepath.Join(dir, "newerdir"))
		if err != nil {
			t.Fatal(err)
		}
		ndb.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1))
		if _, err := ndb.BackupTo(newer); err != nil {
			t.Fatal(err)
		}
		ndb.Close()
	}

	cases := []struct {
		name, path, want string
	}{
		{"truncated", write("truncated.jyb", raw[:len(raw)/2]), "不完整"},
		{"not a zip", write("text.jyb", []byte("hello")), "不完整"},
		{"checksum", tampered, "校验值"},
		{"unlisted entry", extra, "不在清单"},
		{"missing entry", missing, "不在文件中"},
		{"newer schema", newer, "较新版本"},
		{"no such file", filepath.Join(dir, "nope.jyb"), "找不到"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := demoStore(t)
			mustCommunity(t, st, "备份之后的社区")
			before, beforeAtt := dumpStore(t, st), dumpAttachments(t, st.Dir())
			_, err := st.RestoreBackup(c.path)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one containing %q", err, c.want)
			}
			if dumpStore(t, st) != before || dumpAttachments(t, st.Dir()) != beforeAtt {
				t.Error("a refused restore changed the data")
			}
			if list, _ := ListBackups(st.Dir()); len(list) != 0 {
				t.Errorf("a refused restore left backups: %v", list)
			}
		})
	}
}

// corrupt overwrites the middle of a closed database file with garbage.
func corrupt(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096; i < len(b) && i < 4096*4; i++ {
		b[i] = byte(i * 7)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDamagedDatabaseLeadsToRecovery(t *testing.T) {
	for _, damage := range []string{"pages overwritten", "not a database", "emptied"} {
		t.Run(damage, func(t *testing.T) {
			dir := t.TempDir()
			st, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := LoadDemo(st); err != nil {
				t.Fatal(err)
			}
			want := dumpStore(t, st)
			if _, err := st.AutoBackup(); err != nil {
				t.Fatal(err)
			}
			st.Close()
			path := filepath.Join(dir, DBFile)
			var damaged []byte
			switch damage {
			case "not a database":
				damaged = []byte(strings.Repeat("garbage ", 2000))
				os.WriteFile(path, damaged, 0o644)
			case "emptied":
				damaged = []byte{}
				os.WriteFile(path, damaged, 0o644)
			default:
				damaged = corrupt(t, path)
			}

			_, err = OpenChecked(dir)
			d, ok := IsDamaged(err)
			if !ok {
				t.Fatalf("OpenChecked on a damaged file: %v, want *DamagedError", err)
			}
			if d.Path != path {
				t.Errorf("DamagedError.Path = %q", d.Path)
			}
			if b, _ := os.ReadFile(path); !bytes.Equal(b, damaged) {
				t.Fatal("the check changed the damaged file")
			}

			good, err := NewestGoodBackup(dir)
			if err != nil {
				t.Fatal(err)
			}
			aside, err := RestoreDamaged(dir, good.Path)
			if err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(filepath.Join(aside, DBFile)); !bytes.Equal(b, damaged) {
				t.Error("the damaged file was not kept aside unchanged")
			}
			st2, err := OpenChecked(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer st2.Close()
			if got := dumpStore(t, st2); got != want {
				t.Error("recovered data differs from the backup")
			}
		})
	}
}

func TestCheckPassesGoodAndMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	if err := Check(dir); err != nil {
		t.Fatalf("empty folder: %v", err)
	}
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	mustCommunity(t, st, "滨江社区")
	// checked while open (WAL not yet checkpointed) and after close
	if err := Check(dir); err != nil {
		t.Fatalf("open store: %v", err)
	}
	st.Close()
	if err := Check(dir); err != nil {
		t.Fatalf("closed store: %v", err)
	}
}

// An empty database file in a folder that never held data (the very first
// open was cut short) is a new store; in a folder with backups or
// attachments it is damage, not a blank start.
func TestEmptyDatabaseFile(t *testing.T) {
	cases := []struct {
		name    string
		prepare func(dir string)
		damaged bool
	}{
		{"fresh folder", func(string) {}, false},
		{"with an attachment", func(dir string) { writeAttachment(t, dir, "ab/photo.jpg", "photo") }, true},
		{"with a backup", func(dir string) {
			st, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			mustCommunity(t, st, "滨江社区")
			if _, err := st.AutoBackup(); err != nil {
				t.Fatal(err)
			}
			st.Close()
		}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			c.prepare(dir)
			os.WriteFile(filepath.Join(dir, DBFile), nil, 0o644)
			for name, check := range map[string]func(string) error{"Check": Check, "CheckFull": CheckFull} {
				_, damaged := IsDamaged(check(dir))
				if damaged != c.damaged {
					t.Errorf("%s: damaged = %v, want %v", name, damaged, c.damaged)
				}
			}
		})
	}
}

func TestSetAsideNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	var asides []string
	for i := 0; i < 3; i++ {
		os.WriteFile(filepath.Join(dir, DBFile), []byte{byte(i)}, 0o644)
		a, err := SetAside(dir)
		if err != nil {
			t.Fatal(err)
		}
		asides = append(asides, a)
	}
	for i, a := range asides {
		b, _ := os.ReadFile(filepath.Join(a, DBFile))
		if !bytes.Equal(b, []byte{byte(i)}) {
			t.Errorf("aside %d holds %v", i, b)
		}
	}
	if fileExists(filepath.Join(dir, DBFile)) {
		t.Error("database still in place")
	}
}

func TestAutoBackupAtMostDailyAndKeepsNewest(t *testing.T) {
	st := openTest(t)
	day := time.Date(2026, 1, 1, 17, 0, 0, 0, time.Local)
	st.SetClock(func() time.Time { return day })
	if err := st.SetBackupKeep(3); err != nil {
		t.Fatal(err)
	}
	if err := st.SetBackupKeep(0); err == nil {
		t.Error("keep 0 accepted")
	}
	var made []string
	for i := 0; i < 6; i++ {
		mustCommunity(t, st, fmt.Sprintf("社区%d", i))
		p, err := st.AutoBackup()
		if err != nil {
			t.Fatal(err)
		}
		if p == "" {
			t.Fatalf("day %d: no backup", i)
		}
		made = append(made, p)
		// same day again: skipped
		day = day.Add(time.Hour)
		mustCommunity(t, st, fmt.Sprintf("社区%d-晚", i))
		if p, _ := st.AutoBackup(); p != "" {
			t.Fatalf("second backup on the same day: %s", p)
		}
		day = day.Add(23 * time.Hour)
	}
	// next day, nothing changed since the newest: skipped
	if p, _ := st.AutoBackup(); p == "" {
		t.Fatal("changes since the last backup but none taken")
	}
	day = day.Add(24 * time.Hour)
	if p, _ := st.AutoBackup(); p != "" {
		t.Errorf("backup taken with nothing changed: %s", p)
	}
	list, err := ListBackups(st.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 {
		t.Fatalf("kept %d backups, want 3", len(list))
	}
	for i := 1; i < len(list); i++ {
		if list[i-1].Manifest.Created <= list[i].Manifest.Created {
			t.Error("backups not listed newest first")
		}
	}
	if list[1].Path != made[5] {
		t.Errorf("second newest = %s, want %s", list[1].Path, made[5])
	}
	// a manual backup elsewhere and a before-restore one are never pruned
	if _, err := st.RestoreBackup(list[0].Path); err != nil {
		t.Fatal(err)
	}
	if err := st.pruneAuto(); err != nil {
		t.Fatal(err)
	}
	list, _ = ListBackups(st.Dir())
	kinds := map[string]int{}
	for _, b := range list {
		kinds[b.Manifest.Kind]++
	}
	if kinds[BackupAuto] != 3 || kinds[BackupBeforeRestore] != 1 {
		t.Errorf("kinds after restore = %v", kinds)
	}
}

func TestArchiveEntryNames(t *testing.T) {
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"records.json", true},
		{"attachments/ab/cd.jpg", true},
		{"/etc/passwd", false},
		{"../evil", false},
		{"a/../../evil", false},
		{`a\..\evil`, false},
		{"C:/evil", false},
		{"a//b", false},
		{"./a", false},
		{"a\x00b", false},
		{"", false},
	} {
		err := CheckEntryName(c.name)
		if (err == nil) != c.ok {
			t.Errorf("CheckEntryName(%q) = %v", c.name, err)
		}
		if err != nil && !errors.Is(err, ErrBadArchive) {
			t.Errorf("CheckEntryName(%q) does not wrap ErrBadArchive", c.name)
		}
	}
}

func TestBackupWhileWritingIsConsistent(t *testing.T) {
	st := openTest(t)
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		// each transaction adds a community and its audit row together
		for i := 0; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if err := st.SaveCommunity(&Community{Name: fmt.Sprintf("并发社区%d", i)}); err != nil {
				done <- err
				return
			}
		}
	}()
	dir := t.TempDir()
	for i := 0; i < 5; i++ {
		path := filepath.Join(dir, fmt.Sprintf("b%d.jyb", i))
		m, err := st.BackupTo(path)
		if err != nil {
			t.Fatal(err)
		}
		// restore into a fresh store and compare the two halves of every transaction
		fresh, err := Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fresh.RestoreBackup(path); err != nil {
			t.Fatal(err)
		}
		var communities, creates int
		fresh.db.Get(&communities, `SELECT COUNT(*) FROM communities`)
		fresh.db.Get(&creates, `SELECT COUNT(*) FROM audit WHERE entity = 'community' AND action = 'create'`)
		fresh.Close()
		if communities != creates || communities != m.Records["communities"] {
			t.Errorf("backup %d: %d communities, %d create rows, manifest %d", i, communities, creates, m.Records["communities"])
		}
	}
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// BenchmarkBackupDemo backs up the demo data with two attachments.
func BenchmarkBackupDemo(b *testing.B) {
	st, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := LoadDemo(st); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.BackupTo(filepath.Join(dir, "b.jyb")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRestoreDemo verifies and restores that backup.
func BenchmarkRestoreDemo(b *testing.B) {
	st, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := LoadDemo(st); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "b.jyb")
	if _, err := st.BackupTo(file); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.RestoreBackup(file); err != nil {
			b.Fatal(err)
		}
	}
}

// A backup named like one of the data folder's own files would replace the
// live database (or land among the attachments); it is refused and the
// store stays as it was.
func TestBackupRefusesTheDataFolderOwnFiles(t *testing.T) {
	st := demoStore(t)
	dir := st.Dir()
	want := dumpStore(t, st)
	link := filepath.Join(t.TempDir(), "link.jyb")
	if err := os.Symlink(filepath.Join(dir, DBFile), link); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		path   string
		refuse bool
	}{
		{"the database", filepath.Join(dir, DBFile), true},
		{"the database by a detour", filepath.Join(dir, AttachmentsDir, "..", DBFile), true},
		{"the database through a link", link, true},
		{"the write-ahead log", filepath.Join(dir, DBFile+"-wal"), true},
		{"the lock file", filepath.Join(dir, LockFile), true},
		{"the attachments folder", filepath.Join(dir, AttachmentsDir), true},
		{"inside the attachments", filepath.Join(dir, AttachmentsDir, "ab", "x.jyb"), true},
		{"the backups folder", filepath.Join(dir, BackupsFolder, "manual.jyb"), true}, // the automatic backups' own place
		{"elsewhere", filepath.Join(t.TempDir(), "家园备份.jyb"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := st.BackupTo(c.path)
			if c.refuse != (err != nil) {
				t.Fatalf("BackupTo(%s) = %v, want refused %v", c.path, err, c.refuse)
			}
			if err := Check(dir); err != nil {
				t.Fatal(err)
			}
			if got := dumpStore(t, st); got != want {
				t.Error("the store changed")
			}
			if c.refuse {
				return
			}
			if _, err := VerifyBackup(c.path); err != nil {
				t.Errorf("the backup written does not verify: %v", err)
			}
		})
	}
}

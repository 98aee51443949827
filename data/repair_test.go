package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"jiayuan/data/dbtest"
)

// damagedIndexStore opens the store in dir after breaking the index
// compounds_community of its closed database (see dbtest.BreakIndex): SQLite's
// quick check still passes, the full check does not.
func damagedIndexStore(t *testing.T, dir string) *Store {
	t.Helper()
	if err := dbtest.BreakIndex(filepath.Join(dir, DBFile), "compounds_community"); err != nil {
		t.Fatal(err)
	}
	if err := Check(dir); err != nil {
		t.Fatalf("the quick check was to miss the broken index: %v", err)
	}
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.Operator = "测试员"
	st.SetClock(func() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, time.Local) })
	return st
}

// demoDir is a closed data folder holding the demo data.
func demoDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return dir
}

// A manual backup of a database whose index no longer matches its table is
// refused: nothing is written where it was asked for, the bad file is kept
// aside in backups/ under a name that says so and is not listed as good.
func TestManualBackupOfDamagedIndexIsKeptAside(t *testing.T) {
	st := damagedIndexStore(t, demoDir(t))
	target := filepath.Join(t.TempDir(), "家园备份.jyb")
	_, err := st.BackupTo(target)
	var failed *BackupCheckError
	if !errors.As(err, &failed) {
		t.Fatalf("BackupTo on a damaged index: %v, want *BackupCheckError", err)
	}
	if fileExists(target) {
		t.Error("a failed backup was written where the clerk asked for it")
	}
	if filepath.Dir(failed.Kept) != BackupDir(st.Dir()) || !strings.HasPrefix(filepath.Base(failed.Kept), "failed-manual-") {
		t.Errorf("kept aside as %s", failed.Kept)
	}
	msg := err.Error()
	for _, want := range []string{failed.Kept, target, "「小区」的索引", "重建索引"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
	if strings.Contains(msg, "missing from index") {
		t.Errorf("SQLite's English reaches the clerk: %q", msg)
	}
	if _, err := VerifyBackup(failed.Kept); err == nil {
		t.Error("the kept-aside backup passes VerifyBackup")
	}
	list, err := ListBackups(st.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Path != failed.Kept || list[0].Good() || list[0].Manifest.Damage == "" {
		t.Errorf("backups listed: %+v", list)
	}
}

// With ten good automatic backups, an automatic backup of a damaged database
// is kept aside and prunes none of them; it is not tried again until the data
// changes; once the indexes are rebuilt, backups count (and prune) again.
func TestFailedAutoBackupNeverPrunesGoodOnes(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 1, 1, 17, 0, 0, 0, time.Local)
	clock := func() time.Time { return day }
	st.SetClock(clock)
	c := mustCommunity(t, st, "滨江社区")
	mustCompound(t, st, c.ID, "阳光小区")
	var good []string
	for i := 0; i < DefaultBackupKeep; i++ {
		mustCommunity(t, st, fmt.Sprintf("社区%d", i))
		p, err := st.AutoBackup()
		if err != nil || p == "" {
			t.Fatalf("day %d: %q %v", i, p, err)
		}
		good = append(good, p)
		day = day.Add(24 * time.Hour)
	}
	st.Close()
	st = damagedIndexStore(t, dir)
	st.SetClock(clock)

	mustCommunity(t, st, "新社区")
	p, err := st.AutoBackup()
	var failed *BackupCheckError
	if !errors.As(err, &failed) || p != "" {
		t.Fatalf("AutoBackup on a damaged index: %q %v, want *BackupCheckError", p, err)
	}
	if !strings.HasPrefix(filepath.Base(failed.Kept), "failed-auto-") {
		t.Errorf("kept aside as %s", failed.Kept)
	}
	assertBackups(t, dir, good, 1)
	// Nothing changed since: not tried again.
	day = day.Add(time.Hour)
	if p, err := st.AutoBackup(); p != "" || err != nil {
		t.Errorf("tried again with nothing changed: %q %v", p, err)
	}
	assertBackups(t, dir, good, 1)
	// The next day, with changes: tried again, fails again, still prunes nothing.
	day = day.Add(24 * time.Hour)
	mustCommunity(t, st, "又一个社区")
	if _, err := st.AutoBackup(); !errors.As(err, &failed) {
		t.Fatalf("second attempt: %v", err)
	}
	assertBackups(t, dir, good, 2)

	if _, err := st.RebuildIndexes(); err != nil {
		t.Fatal(err)
	}
	p, err = st.AutoBackup()
	if err != nil || p == "" {
		t.Fatalf("after the repair: %q %v", p, err)
	}
	assertBackups(t, dir, append(good[1:], p), 2)
}

// assertBackups checks that backups/ holds exactly the good automatic
// backups want (all good) and failed failed-auto ones.
func assertBackups(t *testing.T, dir string, want []string, failed int) {
	t.Helper()
	list, err := ListBackups(dir)
	if err != nil {
		t.Fatal(err)
	}
	var good []string
	nFailed := 0
	for _, b := range list {
		switch {
		case b.Good():
			good = append([]string{b.Path}, good...) // oldest first, as want
		case strings.HasPrefix(filepath.Base(b.Path), "failed-auto-"):
			nFailed++
		default:
			t.Errorf("unexpected backup %s", b.Path)
		}
	}
	if !reflect.DeepEqual(good, want) {
		t.Errorf("good backups:\n%v\nwant\n%v", good, want)
	}
	if nFailed != failed {
		t.Errorf("%d failed backups kept aside, want %d", nFailed, failed)
	}
}

// The full check says when only indexes are wrong; RebuildIndexes then
// repairs the database without changing any record, and records it.
func TestRebuildIndexesRepairsIndexOnlyDamage(t *testing.T) {
	dir := demoDir(t)
	st := damagedIndexStore(t, dir)
	want := dumpStore(t, st)
	for name, diagnose := range map[string]func() (Diagnosis, error){
		"Diagnose": st.Diagnose, "DiagnoseDir": func() (Diagnosis, error) { return DiagnoseDir(dir) }} {
		d, err := diagnose()
		if err != nil {
			t.Fatal(err)
		}
		if d.OK() || !d.IndexOnly || !reflect.DeepEqual(d.Indexes, []string{"compounds_community"}) || !reflect.DeepEqual(d.Tables, []string{"小区"}) {
			t.Errorf("%s: %+v", name, d)
		}
		if s := d.Summary(); !strings.Contains(s, "「小区」的索引") || !strings.Contains(s, "记录本身完好") {
			t.Errorf("%s: summary %q", name, s)
		}
	}
	if _, damaged := IsDamaged(CheckFull(dir)); !damaged {
		t.Fatal("CheckFull passes the broken index")
	}

	before, err := st.RebuildIndexes()
	if err != nil {
		t.Fatal(err)
	}
	if !before.IndexOnly {
		t.Errorf("RebuildIndexes returned %+v", before)
	}
	if d, err := st.Diagnose(); err != nil || !d.OK() {
		t.Errorf("after the repair: %+v %v", d, err)
	}
	if err := CheckFull(dir); err != nil {
		t.Errorf("CheckFull after the repair: %v", err)
	}
	got := dumpStore(t, st)
	if repairRow := strings.Index(got, "entity=database"); repairRow < 0 || !strings.Contains(got, "action=reindex") {
		t.Error("the repair left no audit row")
	}
	if withoutRepair(got) != want {
		t.Error("the repair changed records")
	}
	if _, err := st.BackupTo(filepath.Join(t.TempDir(), "b.jyb")); err != nil {
		t.Errorf("backup after the repair: %v", err)
	}
	// A sound database is left alone.
	n := len(got)
	if d, err := st.RebuildIndexes(); err != nil || !d.OK() || len(dumpStore(t, st)) != n {
		t.Errorf("RebuildIndexes on a sound database: %+v %v", d, err)
	}
}

// withoutRepair drops the repair's audit row from a dump.
func withoutRepair(dump string) string {
	var keep []string
	for _, l := range strings.SplitAfter(dump, "\n") {
		if !strings.Contains(l, "entity=database") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "")
}

// Damage REINDEX cannot mend (two rows under a UNIQUE index) is refused with
// the way out and changes nothing; damage to the tables themselves is not
// taken for index-only damage.
func TestRebuildIndexesRefusesWhatItCannotRepair(t *testing.T) {
	dir := demoDir(t)
	if err := dbtest.DuplicateUnder(filepath.Join(dir, DBFile), "round_categories_name", 1); err != nil {
		t.Fatal(err)
	}
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d, err := st.Diagnose()
	if err != nil || d.OK() {
		t.Fatalf("duplicate under a UNIQUE index: %+v %v", d, err)
	}
	before := dumpStore(t, st)
	_, err = st.RebuildIndexes()
	var re *RepairError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "重复") || !strings.Contains(err.Error(), "备份恢复") {
		t.Fatalf("RebuildIndexes: %v, want a *RepairError about duplicates", err)
	}
	if dumpStore(t, st) != before {
		t.Error("a failed repair changed the database")
	}
	if d2, _ := st.Diagnose(); !reflect.DeepEqual(d2, d) {
		t.Errorf("after a failed repair: %+v, was %+v", d2, d)
	}
	st.Close()

	corrupt(t, filepath.Join(dir, DBFile))
	d, err = DiagnoseDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if d.OK() || d.IndexOnly || !strings.Contains(d.Summary(), "结构损坏") || !strings.Contains(d.Advice(), "备份恢复") {
		t.Errorf("pages overwritten: %+v %q", d, d.Summary())
	}
}

// A missing database has nothing to diagnose; an emptied one in a folder that
// held data is damage, as for Check.
func TestDiagnoseDirMissingAndEmpty(t *testing.T) {
	dir := t.TempDir()
	if d, err := DiagnoseDir(dir); err != nil || !d.OK() {
		t.Errorf("no database: %+v %v", d, err)
	}
	writeAttachment(t, dir, "ab/photo.jpg", "photo")
	os.WriteFile(filepath.Join(dir, DBFile), nil, 0o644)
	if _, err := DiagnoseDir(dir); err == nil {
		t.Error("an emptied database passes")
	}
}

// Restoring over a database with a broken index still works: the data it
// replaces is saved first as usual, marked as failing the check.
func TestRestoreOverDamagedIndexKeepsReplacedData(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	good, err := st.AutoBackup()
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	st = damagedIndexStore(t, dir)
	res, err := st.RestoreBackup(good)
	if err != nil {
		t.Fatal(err)
	}
	if d, err := st.Diagnose(); err != nil || !d.OK() {
		t.Errorf("after the restore: %+v %v", d, err)
	}
	list, _ := ListBackups(dir)
	for _, b := range list {
		if b.Path != res.Saved {
			continue
		}
		if b.Good() || !strings.Contains(b.Manifest.Damage, "「小区」的索引") {
			t.Errorf("the replaced data's backup: good %v, damage %q", b.Good(), b.Manifest.Damage)
		}
		return
	}
	t.Errorf("the replaced data was not saved (%s)", res.Saved)
}

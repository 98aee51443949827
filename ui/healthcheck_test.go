package ui

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/dbtest"
)

// damagedDemoStore opens a demo store after damage has been done to its
// closed database file.
func damagedDemoStore(t *testing.T, damage func(db string) error) *data.Store {
	t.Helper()
	dir := t.TempDir()
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := data.LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := damage(filepath.Join(dir, data.DBFile)); err != nil {
		t.Fatal(err)
	}
	st, err = data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func brokenIndex(db string) error { return dbtest.BreakIndex(db, "compounds_community") }

// noEnglishShown fails when the window or a dialog shows an English UI word.
func noEnglishShown(t *testing.T, a *App) {
	t.Helper()
	for _, s := range screenTexts(a) {
		if w := englishIn(s); w != "" {
			t.Errorf("shows English %q in %q", w, s)
		}
	}
}

// After start the window's full check finds an index that no longer matches
// its table (the quick check at start did not) and offers to rebuild the
// indexes, which repairs the database.
func TestStartupFullCheckOffersToRebuildIndexes(t *testing.T) {
	st := damagedDemoStore(t, brokenIndex)
	a := newTestApp(t, st)
	for _, want := range []string{"数据库需要修复", "「小区」的索引与记录不一致", "重建索引"} {
		if !showsText(a, want) {
			t.Errorf("the window does not say %q: %q", want, shownTexts(a))
		}
	}
	if showsText(a, "去恢复") {
		t.Error("a restore is offered for damage rebuilding the indexes repairs")
	}
	noEnglishShown(t, a)

	tapButton(t, a, "重建索引")
	a.busy.Wait()
	if !showsText(a, "已重建索引，数据库通过完整检查") {
		t.Errorf("no word of the repair: %q", shownTexts(a))
	}
	if d, err := st.Diagnose(); err != nil || !d.OK() {
		t.Errorf("after the repair: %+v %v", d, err)
	}
}

// Damage to a table itself (here appearing after the quick check at start)
// is reported with the way to a backup, which opens 设置 › 备份与恢复.
func TestStartupFullCheckPointsToRestore(t *testing.T) {
	st := damagedDemoStore(t, func(db string) error { return dbtest.RequireColumn(db, "orgs", "parent_id") })
	a := newTestApp(t, st)
	for _, want := range []string{"数据库已损坏", "设置 › 备份与恢复", "去恢复"} {
		if !showsText(a, want) {
			t.Errorf("the window does not say %q: %q", want, shownTexts(a))
		}
	}
	if showsText(a, "重建索引吗") {
		t.Error("rebuilding the indexes is offered for damage to a table")
	}
	noEnglishShown(t, a)
	tapButton(t, a, "去恢复")
	p, ok := a.current.page.(*settingsPage)
	if !ok || p.tabs.Selected() == nil || p.tabs.Selected().Text != "备份与恢复" {
		t.Errorf("去恢复 shows %q", a.current.title)
	}
}

// When rebuilding the indexes cannot mend the damage (two rows under a
// UNIQUE index), the window says so and points to a backup.
func TestRebuildIndexesFailureInWindowPointsToRestore(t *testing.T) {
	st := damagedDemoStore(t, func(db string) error { return dbtest.DuplicateUnder(db, "round_categories_name", 1) })
	a := newTestApp(t, st)
	tapButton(t, a, "重建索引")
	a.busy.Wait()
	for _, want := range []string{"重建索引失败", "重复的记录", "设置 › 备份与恢复"} {
		if !showsText(a, want) {
			t.Errorf("the window does not say %q: %q", want, shownTexts(a))
		}
	}
	noEnglishShown(t, a)
}

// A manual backup of a damaged database is kept aside: the window says so,
// lists it as failing the check and does not offer to restore it.
func TestBackupPanelShowsKeptAsideBackup(t *testing.T) {
	st := damagedDemoStore(t, brokenIndex)
	a := newTestApp(t, st)
	_, err := st.BackupTo(filepath.Join(t.TempDir(), "b.jyb"))
	var failed *data.BackupCheckError
	if !errors.As(err, &failed) {
		t.Fatalf("BackupTo: %v", err)
	}
	p := a.backupPanel()
	var list *widget.List
	var restore *widget.Button
	walk(p, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.List:
			list = w
		case *widget.Button:
			if w.Text == "恢复所选备份…" {
				restore = w
			}
		}
	})
	if list == nil || list.Length() != 1 || restore == nil {
		t.Fatalf("list %v, restore button %v", list, restore)
	}
	list.Select(0)
	if !restore.Disabled() {
		t.Error("restoring the failed backup is offered")
	}
	bs, _ := data.ListBackups(st.Dir())
	line := backupLine(bs[0])
	if !strings.Contains(line, filepath.Base(failed.Kept)) {
		t.Errorf("the line does not name the file: %q", line)
	}
	if !strings.Contains(line, "未通过完整检查，不能用来恢复") {
		t.Errorf("the failed backup is listed as %q", line)
	}
}

package ui

import (
	"testing"

	"fyne.io/fyne/v2/container"

	"jiayuan/data/dbtest"
	"jiayuan/ui/internal/uitest"
)

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
	st := uitest.DamagedDemoStore(t, uitest.BrokenIndex)
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
	a.Wait()
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
	st := uitest.DamagedDemoStore(t, func(db string) error { return dbtest.RequireColumn(db, "orgs", "parent_id") })
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
	if a.current.title != "设置" {
		t.Fatalf("去恢复 shows %q", a.current.title)
	}
	if tab := findOne[*container.AppTabs](t, a).Selected(); tab == nil || tab.Text != "备份与恢复" {
		t.Errorf("去恢复 shows 设置 on tab %v", tab)
	}
}

// When rebuilding the indexes cannot mend the damage (two rows under a
// UNIQUE index), the window says so and points to a backup.
func TestRebuildIndexesFailureInWindowPointsToRestore(t *testing.T) {
	st := uitest.DamagedDemoStore(t, func(db string) error { return dbtest.DuplicateUnder(db, "round_categories_name", 1) })
	a := newTestApp(t, st)
	tapButton(t, a, "重建索引")
	a.Wait()
	for _, want := range []string{"重建索引失败", "重复的记录", "设置 › 备份与恢复"} {
		if !showsText(a, want) {
			t.Errorf("the window does not say %q: %q", want, shownTexts(a))
		}
	}
	noEnglishShown(t, a)
}

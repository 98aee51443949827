package records

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/dbtest"
	"jiayuan/ui/shell"
)

// watching starts the window's watch of other clients' changes, handing
// its refreshes to the test's goroutine, and a second store on the folder
// (or on the server, see serverStores).
func watching(t *testing.T, a *App, others ...*data.Store) (next func(), other *data.Store) {
	t.Helper()
	posts := make(chan func(), 16)
	a.Post = func(f func()) { posts <- f }
	a.OnCurrent = func() shell.Page { return a.page }
	t.Cleanup(a.WatchOthers())
	if len(others) > 0 {
		other = others[0]
	} else {
		var err error
		if other, err = data.Open(a.store.Dir()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { other.Close() })
	}
	other.Operator = "王芳"
	next = func() {
		t.Helper()
		select {
		case f := <-posts:
			f()
		case <-time.After(30 * time.Second):
			t.Fatal("the window was never told of the other store's change")
		}
	}
	return next, other
}

func TestAnotherClerksNewRecordAppearsKeepingSelectionAndForm(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Community]](t, a, "社区")
	next, other := watching(t, a)
	chosen := *p.tbl.Row(1)
	p.tbl.SelectID(chosen.ID)
	p.edit(chosen)
	field[*widget.Entry](t, p.form, "Notes").SetText("正在录入的备注")
	before := p.tbl.Total()

	added := data.Community{Name: "锦江社区", Secretary: "赵六"}
	if err := other.SaveCommunity(&added); err != nil {
		t.Fatal(err)
	}
	theirs, _ := other.Community(chosen.ID)
	theirs.Secretary = "王芳芳"
	if err := other.SaveCommunity(&theirs); err != nil {
		t.Fatal(err)
	}
	for p.tbl.Total() == before || !strings.Contains(a.Status.Text, "已被他人修改") { // one refresh or two
		next()
	}
	if p.tbl.Total() != before+1 || !showsText(a, "锦江社区") {
		t.Errorf("the list has %d rows and shows 锦江社区: %v", p.tbl.Total(), showsText(a, "锦江社区"))
	}
	if sel := p.tbl.Selected(); sel == nil || sel.ID != chosen.ID {
		t.Errorf("the selection moved to %v", sel)
	}
	if p.editing == nil || p.editing.Notes != "正在录入的备注" || field[*widget.Entry](t, p.form, "Notes").Text != "正在录入的备注" {
		t.Error("the refresh dropped the clerk's typing")
	}
}

func TestAnUntouchedFormFollowsAnotherClerksSave(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Community]](t, a, "社区")
	next, other := watching(t, a)
	chosen := *p.tbl.Row(0)
	p.tbl.SelectID(chosen.ID)
	p.edit(chosen)

	theirs, _ := other.Community(chosen.ID)
	theirs.Secretary = "王芳芳"
	if err := other.SaveCommunity(&theirs); err != nil {
		t.Fatal(err)
	}
	for p.editing.Secretary != "王芳芳" {
		next()
	}
	if got := field[*widget.Entry](t, p.form, "Secretary").Text; got != "王芳芳" {
		t.Errorf("the form shows secretary %q", got)
	}
	// and saving it now is not refused
	field[*widget.Entry](t, p.form, "Address").SetText("滨江路 1 号")
	pressShortcut(a, shortcutSave)
	if p.conflictView != nil {
		t.Error("a save after the refresh was refused as a conflict")
	}
}

// serverStores are two clients of one throwaway PostgreSQL database with the
// demo data (JIAYUAN_TEST_STORE=postgres).
func serverStores(t *testing.T) (*data.Store, *data.Store) {
	t.Helper()
	c, db := dbtest.ServerDatabase(t)
	var err error
	var sts [2]*data.Store
	for i := range sts {
		if sts[i], err = data.OpenServer(c.URL(db, ""), t.TempDir()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { sts[i].Close() })
	}
	if err := data.LoadDemo(sts[0]); err != nil {
		t.Fatal(err)
	}
	return sts[0], sts[1]
}

// On the office server the refresh comes by LISTEN/NOTIFY and the conflict
// from the record's version, as in a folder.
func TestOnTheServerAnotherClerksSaveRefreshesThenConflicts(t *testing.T) {
	mine, theirs := serverStores(t)
	a := newTestApp(t, mine)
	p := openPage[*recordsPage[data.Community]](t, a, "社区")
	next, other := watching(t, a, theirs)
	other.Operator = "王芳"
	chosen := *p.tbl.Row(0)
	p.tbl.SelectID(chosen.ID)
	p.edit(chosen)
	field[*widget.Entry](t, p.form, "Notes").SetText("我的备注")

	rec, _ := other.Community(chosen.ID)
	rec.Secretary = "王芳芳"
	if err := other.SaveCommunity(&rec); err != nil {
		t.Fatal(err)
	}
	for !strings.Contains(a.Status.Text, "已被他人修改") {
		next()
	}
	if sel := p.tbl.Selected(); sel == nil || sel.ID != chosen.ID || sel.Secretary != "王芳芳" {
		t.Errorf("the list after the refresh: %+v", sel)
	}
	pressShortcut(a, shortcutSave)
	if p.conflictView == nil {
		t.Fatal("the stale save was not refused with the side-by-side view")
	}
	tapButton(t, a, "按所选合并")
	got, _ := other.Community(chosen.ID)
	if got.Secretary != "王芳芳" || got.Notes != "我的备注" {
		t.Errorf("merged on the server: secretary %q, notes %q", got.Secretary, got.Notes)
	}
}

package review

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/score"
)

// testRound is the round view around the tab, as ui/rounds gives it: the
// round read again and the tab reloaded after every change.
type testRound struct {
	st       *data.Store
	r        data.Round
	tab      *Tab
	progress string // the tab's progress line, as its title shows it
}

func (x *testRound) Round() data.Round { return x.r }
func (x *testRound) Changed() {
	if r, err := x.st.Round(x.r.ID); err == nil {
		x.r = r
	}
	x.progress = x.tab.Reload()
}
func (x *testRound) ExportScores() {}
func (x *testRound) ImportScores() {}
func (x *testRound) Nominees() []Nominee {
	var out []Nominee
	cs, _ := x.st.Communities()
	for _, c := range cs {
		out = append(out, Nominee{Label: "社区：" + c.Name, CommunityID: c.ID})
	}
	return out
}

// openReview shows the 评审 tab of the round the 评选 screen opens first
// (the newest) alone in the window.
func openReview(t *testing.T, a *App) (*testRound, *Tab) {
	t.Helper()
	rs, err := a.store.RoundSummaries()
	if err != nil || len(rs) == 0 {
		t.Fatalf("no round: %v", err)
	}
	r, err := a.store.Round(rs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	x := &testRound{st: a.store, r: r}
	x.tab = New(a, x)
	a.win.SetContent(x.tab.Content())
	x.progress = x.tab.Reload()
	return x, x.tab
}

func TestScoreEntryGrid(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	v, g := openReview(t, a)
	if v.r.Year != 2022 {
		t.Fatalf("opened the %d round, want the open 2022 round", v.r.Year)
	}
	owed, _ := st.Owed(v.r.ID)
	var rev data.Reviewer
	for _, r := range g.revs {
		if len(owed[r.ID]) > 0 {
			rev = r
			break
		}
	}
	before := len(owed[rev.ID])
	progressBefore := v.progress
	g.reviewer.SetSelected(rev.Name)
	var row *scoreRow
	for _, sr := range g.rows {
		if sr.n.ID == owed[rev.ID][0].ID {
			row = sr
		}
	}
	if row == nil {
		t.Fatal("the owed nomination is not in the reviewer's grid")
	}
	crit := v.r.Criteria
	// Over the maximum: the line says so and nothing is saved.
	test.Type(row.cells[0], "21")
	if !strings.Contains(row.msg.Text, "超过满分") {
		t.Fatalf("line message %q", row.msg.Text)
	}
	tapButton(t, a, "保存评分")
	if n, _ := st.ScoreSheets(v.r.ID); hasSheet(n, row.n.ID, rev.ID) {
		t.Fatal("a sheet with a score over the maximum was saved")
	}
	if !showsText(a, "超过满分") {
		t.Error("the refusal was not shown")
	}
	dismissDialogs(a)
	// Typed as on paper, Enter moving on.
	row.cells[0].SetText("")
	want := []string{"18", "13.5", "12", "9", "13", "8.5", "14"}
	for i, e := range row.cells {
		a.win.Canvas().Focus(e)
		test.Type(e, want[i])
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		var next fyne.Focusable = row.bonus
		if i+1 < len(row.cells) {
			next = row.cells[i+1]
		}
		if a.win.Canvas().Focused() != next {
			t.Fatalf("Enter in column %d did not move to the next box", i)
		}
	}
	test.Type(row.bonus, "2")
	if row.total.Text != "90" || row.msg.Text != "" {
		t.Fatalf("line total %q message %q, want 90", row.total.Text, row.msg.Text)
	}
	tapButton(t, a, "保存评分")
	sheets, _ := st.ScoreSheets(v.r.ID)
	var got *data.ScoreSheet
	for i := range sheets {
		if sheets[i].NominationID == row.n.ID && sheets[i].ReviewerID == rev.ID {
			got = &sheets[i]
		}
	}
	if got == nil {
		t.Fatal("the sheet was not saved")
	}
	for i, c := range crit {
		if got.Scores[c.ID].String() != want[i] {
			t.Errorf("%s saved as %s, want %s", c.Name, got.Scores[c.ID], want[i])
		}
	}
	if got.Bonus != score.FromInt(2) {
		t.Errorf("bonus %s", got.Bonus)
	}
	owed, _ = st.Owed(v.r.ID)
	if len(owed[rev.ID]) != before-1 {
		t.Errorf("owed %d → %d", before, len(owed[rev.ID]))
	}
	if v.progress == progressBefore {
		t.Errorf("tab progress did not move: %q", progressBefore)
	}
}

func hasSheet(sheets []data.ScoreSheet, nom, rev int64) bool {
	for _, s := range sheets {
		if s.NominationID == nom && s.ReviewerID == rev {
			return true
		}
	}
	return false
}

// overlaySelect is the first drop-down of the topmost dialog.
func overlaySelect(t *testing.T, a *App) *widget.Select {
	t.Helper()
	var found *widget.Select
	if top := a.win.Canvas().Overlays().Top(); top != nil {
		walk(top, func(o fyne.CanvasObject) {
			if s, ok := o.(*widget.Select); ok && found == nil {
				found = s
			}
		})
	}
	if found == nil {
		t.Fatal("no dialog with a drop-down")
	}
	return found
}

func TestDeleteScoreSheetFromGrid(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	v, g := openReview(t, a)
	var rev data.Reviewer
	var row *scoreRow
	for _, r := range g.revs {
		g.reviewer.SetSelected(r.Name)
		for _, sr := range g.rows {
			if sr.saved && row == nil {
				rev, row = r, sr
			}
		}
		if row != nil {
			break
		}
	}
	if row == nil {
		t.Fatal("the demo's open round has no saved sheet")
	}
	owedBefore := len(g.status[rev.ID].Owed)
	for _, reason := range []string{"", "录入有误"} {
		tapButton(t, a, "删除评分…")
		overlaySelect(t, a).SetSelected(row.n.NomineeName)
		overlayEntry(t, a).SetText(reason)
		tapButton(t, a, "删除")
		sheets, _ := st.ScoreSheets(v.r.ID)
		if reason == "" {
			if !hasSheet(sheets, row.n.ID, rev.ID) {
				t.Fatal("a sheet was deleted without a reason")
			}
			if !showsText(a, "原因") {
				t.Error("the refusal does not ask for the reason")
			}
			dismissDialogs(a)
			continue
		}
		if hasSheet(sheets, row.n.ID, rev.ID) {
			t.Fatal("the sheet is still there")
		}
	}
	if got := len(g.status[rev.ID].Owed); got != owedBefore+1 {
		t.Errorf("owed %d → %d, want one more", owedBefore, got)
	}
	if !strings.Contains(g.owedLine(rev), row.n.NomineeName) {
		t.Errorf("the panel line %q does not name the nomination now owed", g.owedLine(rev))
	}
}

func TestEditReviewer(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	v, g := openReview(t, a)
	rev := g.revs[0]
	g.reviewer.SetSelected(rev.Name)
	tapButton(t, a, "修改评审…")
	var entries []*widget.Entry
	walk(a.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			entries = append(entries, e)
		}
	})
	if len(entries) != 3 || entries[0].Text != rev.Name {
		t.Fatalf("the form does not show the reviewer: %d entries", len(entries))
	}
	entries[2].SetText("028-85550000")
	tapButton(t, a, "保存")
	revs, _ := st.Reviewers(v.r.ID)
	if len(revs) != len(g.revs) || revs[0].Phone != "028-85550000" || revs[0].Name != rev.Name {
		t.Fatalf("reviewer after edit %+v (of %d)", revs[0], len(revs))
	}
}

func TestScoreGridFilters(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	v, g := openReview(t, a)
	g.reviewer.SetSelected(g.revs[0].Name)
	all := len(g.rows)
	cat := v.r.Categories[1]
	g.catSel.SetSelected(cat.Name)
	if len(g.rows) == 0 || len(g.rows) >= all {
		t.Fatalf("category filter: %d of %d lines", len(g.rows), all)
	}
	for _, sr := range g.rows {
		if sr.n.CategoryID != cat.ID {
			t.Errorf("%s shown under %s", sr.n.Label(), cat.Name)
		}
	}
	g.catSel.SetSelected("全部类别")
	comm := g.rows[0].n.CommunityName
	g.commSel.SetSelected(comm)
	for _, sr := range g.rows {
		if sr.n.CommunityName != comm {
			t.Errorf("%s shown under %s", sr.n.Label(), comm)
		}
	}
	if len(g.rows) >= all {
		t.Errorf("community filter kept all %d lines", all)
	}
}

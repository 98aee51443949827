package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// Ctrl+S on the 评选 screen saves the score grid when 评审 is shown, and
// does nothing on a tab that edits nothing.
func TestCtrlSSavesScoreGrid(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	openScreen(t, a, "评选")
	// The screen opens the newest round first (ui/rounds tests it).
	rs, _ := st.RoundSummaries()
	if len(rs) == 0 {
		t.Fatal("no round in the demo")
	}
	round, _ := st.Round(rs[0].ID)
	owed, _ := st.Owed(round.ID)
	revs, _ := st.Reviewers(round.ID)
	var rev data.Reviewer
	for _, r := range revs {
		if len(owed[r.ID]) > 0 {
			rev = r
			break
		}
	}
	if rev.ID == 0 {
		t.Fatal("the demo's open round owes no score")
	}
	nom := owed[rev.ID][0]
	selectTab(t, a, "评审")
	var reviewer *widget.Select
	for _, s := range find[*widget.Select](a) {
		if slices.Contains(s.Options, rev.Name) {
			reviewer = s
		}
	}
	if reviewer == nil {
		t.Fatal("no reviewer drop-down on 评审")
	}
	reviewer.SetSelected(rev.Name)
	cells := gridLine(a, nom.NomineeName)
	if len(cells) < len(round.Criteria) {
		t.Fatalf("the owed nomination %s is not in the grid (%d boxes)", nom.NomineeName, len(cells))
	}
	for _, e := range cells[:len(round.Criteria)] {
		test.Type(e, "5")
	}
	for _, tc := range []struct {
		tab  string
		want bool
	}{
		{"申报", false}, // a tab with nothing to save: the typed line stays unsaved
		{"评审", true},
	} {
		selectTab(t, a, tc.tab)
		pressShortcut(a, shortcutSave)
		sheets, _ := st.ScoreSheets(round.ID)
		if got := hasSheet(sheets, nom.ID, rev.ID); got != tc.want {
			t.Errorf("Ctrl+S on %s: sheet saved %v, want %v", tc.tab, got, tc.want)
		}
		if n := len(a.Window().Canvas().Overlays().List()); n != 0 {
			t.Errorf("Ctrl+S on %s left %d dialogs open", tc.tab, n)
			dismissDialogs(a)
		}
	}
}

// gridLine is the entry boxes of the score grid's line of nominee, in order
// (the criteria, then the bonus).
func gridLine(a *App, nominee string) []*widget.Entry {
	// The nominee sits in the grid's frozen first column, its boxes in the
	// same line of the column beside it.
	containers := find[*fyne.Container](a)
	var names *fyne.Container
	line := -1
	for _, c := range containers {
		for i, o := range c.Objects {
			cell, ok := o.(*fyne.Container)
			if !ok || len(cell.Objects) == 0 || line >= 0 {
				continue
			}
			if l, ok := cell.Objects[0].(*widget.Label); ok && l.Text == nominee {
				names, line = c, i
			}
		}
	}
	if names == nil {
		return nil
	}
	for _, c := range containers {
		if c == names || len(c.Objects) != len(names.Objects) {
			continue
		}
		var boxes []*widget.Entry
		walk(c.Objects[line], func(o fyne.CanvasObject) {
			if e, ok := o.(*widget.Entry); ok {
				boxes = append(boxes, e)
			}
		})
		if len(boxes) > 0 {
			return boxes
		}
	}
	return nil
}

// A long problem in a list keeps its bullet on the line where its text starts.
func TestShowErrorKeepsBulletWithText(t *testing.T) {
	long := strings.Repeat("联系电话应为十一位手机号码或带区号的固定电话号码", 3)
	for _, err := range []error{
		&data.ValidationError{Record: "社区“滨江社区”", Fields: []data.FieldError{
			{Field: "ContactPhone", Label: "联系电话", Msg: long}, {Field: "Name", Label: "名称", Msg: "不能为空"}}},
		&data.DependentsError{Record: "社区“滨江社区”", Dependents: []string{"小区“" + long + "”", "党组织“滨江社区党委”"}},
	} {
		a := newTestApp(t, newTestStore(t, false))
		a.ShowError("未保存", err)
		var lines []string
		for _, o := range a.Window().Canvas().Overlays().List() {
			walk(o, func(o fyne.CanvasObject) {
				if tx, ok := o.(*canvas.Text); ok {
					lines = append(lines, tx.Text)
				}
			})
		}
		bullets := 0
		for _, l := range lines {
			if strings.Contains(l, "·") {
				bullets++
			}
			if strings.TrimSpace(l) == "·" {
				t.Errorf("%T: a bullet stands alone on its line: %q", err, lines)
			}
		}
		if bullets != 2 {
			t.Errorf("%T: %d bullets shown, want 2: %q", err, bullets, lines)
		}
	}
}

// Ctrl+S on 设置 saves the tab shown: the print templates on 打印, the
// basic settings on 基本设置, nothing on the other tabs.
func TestCtrlSSavesSettingsTabShown(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	openScreen(t, a, "设置")
	op, _ := formField[*widget.Entry](t, a.Window().Content(), "操作人")
	op.SetText("赵磊") // typed on 基本设置, not saved yet
	tabs := findOne[*container.AppTabs](t, a)
	tabs.SelectIndex(1)
	var notice *widget.Entry
	walk(tabs.Items[1].Content, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.MultiLine && notice == nil {
			notice = e
		}
	})
	if notice == nil {
		t.Fatal("no notice template on 打印")
	}
	notice.SetText("根据{organizer}的安排，现予以公示。")
	pressShortcut(a, shortcutSave)
	s, _ := st.Settings()
	if s.NoticeTemplate != "根据{organizer}的安排，现予以公示。" {
		t.Errorf("Ctrl+S on 打印 saved the notice as %q", s.NoticeTemplate)
	}
	if s.Operator == "赵磊" {
		t.Error("Ctrl+S on 打印 saved the 基本设置 tab too")
	}
	tabs.SelectIndex(2)
	pressShortcut(a, shortcutSave)
	if s, _ := st.Settings(); s.Operator == "赵磊" {
		t.Error("Ctrl+S on 工作日历 saved the 基本设置 tab")
	}
	tabs.SelectIndex(0)
	pressShortcut(a, shortcutSave)
	if s, _ := st.Settings(); s.Operator != "赵磊" {
		t.Errorf("Ctrl+S on 基本设置 saved operator %q", s.Operator)
	}
}

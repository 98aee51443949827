package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/dbtest"
	"jiayuan/reports"
)

// Ctrl+S on the 评选 screen saves the score grid when 评审 is shown, and
// does nothing on a tab that edits nothing.
func TestCtrlSSavesScoreGrid(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	p := openPage[*roundsPage](t, a, "评选")
	v := p.u.view
	if v == nil {
		t.Fatal("no round opened")
	}
	owed, _ := st.Owed(v.r.ID)
	var rev data.Reviewer
	for _, r := range v.review.revs {
		if len(owed[r.ID]) > 0 {
			rev = r
			break
		}
	}
	if rev.ID == 0 {
		t.Fatal("the demo's open round owes no score")
	}
	selectTab(t, v, "评审")
	v.review.reviewer.SetSelected(rev.Name)
	var row *scoreRow
	for _, sr := range v.review.rows {
		if sr.n.ID == owed[rev.ID][0].ID {
			row = sr
		}
	}
	if row == nil {
		t.Fatal("the owed nomination is not in the grid")
	}
	for _, e := range row.cells {
		test.Type(e, "5")
	}
	for _, tc := range []struct {
		tab  string
		want bool
	}{
		{"申报", false}, // a tab with nothing to save: the typed line stays unsaved
		{"评审", true},
	} {
		selectTab(t, v, tc.tab)
		pressShortcut(a, shortcutSave)
		sheets, _ := st.ScoreSheets(v.r.ID)
		if got := hasSheet(sheets, row.n.ID, rev.ID); got != tc.want {
			t.Errorf("Ctrl+S on %s: sheet saved %v, want %v", tc.tab, got, tc.want)
		}
		if n := len(a.win.Canvas().Overlays().List()); n != 0 {
			t.Errorf("Ctrl+S on %s left %d dialogs open", tc.tab, n)
			dismissDialogs(a)
		}
	}
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
		a.showError("未保存", err)
		var lines []string
		for _, o := range a.win.Canvas().Overlays().List() {
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
	p := openPage[*settingsPage](t, a, "设置")
	op := field[*widget.Entry](t, p.form, "Operator")
	op.SetText("赵磊") // typed on 基本设置, not saved yet
	p.tabs.SelectIndex(1)
	var notice *widget.Entry
	walk(p.tabs.Items[1].Content, func(o fyne.CanvasObject) {
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
	p.tabs.SelectIndex(2)
	pressShortcut(a, shortcutSave)
	if s, _ := st.Settings(); s.Operator == "赵磊" {
		t.Error("Ctrl+S on 工作日历 saved the 基本设置 tab")
	}
	p.tabs.SelectIndex(0)
	pressShortcut(a, shortcutSave)
	if s, _ := st.Settings(); s.Operator != "赵磊" {
		t.Errorf("Ctrl+S on 基本设置 saved operator %q", s.Operator)
	}
}

// A form dialog refused on saving comes back with what was typed.
func TestRefusedObjectionKeepsWhatWasTyped(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	u := openRounds(t, a)
	v := u.view
	selectTab(t, v, "公示")
	tapButton(t, a, "登记异议")
	if !showsText(a, "没有公示中的对象") {
		t.Error("an objection with nothing on notice is not refused up front")
	}
	dismissDialogs(a)

	u.selectID(u.rounds[1].ID) // the 2021 round: put 滨江社区 back on notice
	v = u.view
	ns, _ := st.Nominations(v.r.ID, data.NominationFilter{Text: "滨江社区"})
	if _, err := dbtest.Open(t, st.Dir()).Exec(`UPDATE nominations SET state = 'on_notice' WHERE id = ?`, ns[0].ID); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Objections(v.r.ID)
	selectTab(t, v, "公示")
	tapButton(t, a, "登记异议")
	form := a.win.Canvas().Overlays().Top()
	var entries []*widget.Entry
	var selects []*widget.Select
	walk(form, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Entry:
			entries = append(entries, w)
		case *widget.Select:
			selects = append(selects, w)
		}
	})
	selects[0].SetSelected("滨江社区")
	selects[1].SetSelected(data.ChannelLetter)
	selects[2].SetSelected(data.FromAnonymous)
	entries[0].SetText("2021-13-40") // 收到日期: no such date
	entries[2].SetText("反映停车位规划不合理")
	tapButton(t, a, "保存")
	if got, _ := st.Objections(v.r.ID); len(got) != len(before) {
		t.Fatalf("an objection with a bad date was logged: %d objections, had %d", len(got), len(before))
	}
	tapButton(t, a, "知道了")
	if a.win.Canvas().Overlays().Top() != form {
		t.Fatal("the form did not come back after the refusal")
	}
	if entries[2].Text != "反映停车位规划不合理" {
		t.Errorf("the content typed is now %q", entries[2].Text)
	}
	entries[0].SetText("2021-12-08")
	tapButton(t, a, "保存")
	if got, _ := st.Objections(v.r.ID); len(got) != len(before)+1 {
		t.Errorf("%d objections after correcting the date, want %d", len(got), len(before)+1)
	}
}

// Choosing a font does not move where the other file dialogs start.
func TestFontDialogKeepsLastFolder(t *testing.T) {
	a := newTestApp(t, newTestStore(t, false))
	prefs := a.fyne.Preferences()
	docs := storage.NewFileURI(t.TempDir()).String()
	prefs.SetString(lastFolderKey, docs)
	a.chooseFont(reports.RoleBody, func(string) {})
	tapButton(t, a, "取消")
	if got := prefs.String(lastFolderKey); got != docs {
		t.Errorf("after the font dialog the file dialogs start in %s, want %s", got, docs)
	}
}

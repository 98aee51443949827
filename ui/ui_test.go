package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

func TestDeleteMovesToRecycleBinAndRestores(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	openScreen(t, a, "小区")
	tbl := recordTable[data.Compound](t, a)
	before := tbl.Shown()
	var victim *data.Compound
	for i := 0; i < tbl.Shown(); i++ {
		c := tbl.Row(i)
		if deps, _ := a.Store().Dependents(data.EntityCompound, c.ID); len(deps) == 0 {
			victim = c
			tbl.Select(widget.TableCellID{Row: i})
			break
		}
	}
	if victim == nil {
		t.Fatal("no compound without dependents in the demo")
	}
	name := victim.Name
	pressDelete(a)
	tapButton(t, a, "删除")
	if tbl.Shown() != before-1 {
		t.Fatalf("after deleting, %d rows, want %d", tbl.Shown(), before-1)
	}
	openScreen(t, a, "回收站")
	bin := findOne[*widget.Table](t, a)
	if rows, _ := bin.Length(); rows != 1 || cellText(bin, 0, 1) != name {
		t.Fatalf("recycle bin shows %d rows, the first %q; want only %s", rows, cellText(bin, 0, 1), name)
	}
	bin.Select(widget.TableCellID{Row: 0})
	tapButton(t, a, "恢复所选记录")
	if rows, _ := bin.Length(); rows != 0 {
		t.Error("restored record still in the recycle bin")
	}
	openScreen(t, a, "小区")
	if n := recordTable[data.Compound](t, a).Shown(); n != before {
		t.Errorf("after restoring, %d rows, want %d", n, before)
	}
}

// cellText is the text a read-only table shows in one cell.
func cellText(tbl *widget.Table, row, col int) string {
	if rows, _ := tbl.Length(); row >= rows {
		return ""
	}
	cell := tbl.CreateCell()
	tbl.UpdateCell(widget.TableCellID{Row: row, Col: col}, cell)
	if l, ok := cell.(*widget.Label); ok {
		return l.Text
	}
	return ""
}

func TestFirstRun(t *testing.T) {
	cases := []struct {
		name      string
		role      string
		existing  string // pick an existing community
		typed     string // or type a new one
		office    string
		operator  string
		demo      bool
		wantRole  string
		wantComm  string
		wantError string
	}{
		{name: "office with demo", role: firstRoleOffice, office: "华阳街道", operator: "王芳", demo: true,
			wantRole: data.RoleOffice},
		{name: "new community", role: firstRoleCommunity, typed: "龙河社区", office: "华阳街道", operator: "陈静",
			wantRole: data.RoleCommunity, wantComm: "龙河社区"},
		{name: "community from demo", role: firstRoleCommunity, existing: "滨江社区", office: "华阳街道",
			operator: "刘洋", demo: true, wantRole: data.RoleCommunity, wantComm: "滨江社区"},
		{name: "operator missing", role: firstRoleOffice, office: "华阳街道", wantError: "操作人"},
		{name: "community missing", role: firstRoleCommunity, office: "华阳街道", operator: "陈静", wantError: "本社区"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := newTestStore(t, false)
			a := newTestApp(t, st)
			f := a.first
			if f == nil {
				t.Fatal("an unconfigured store did not ask the first-start questions")
			}
			f.role.SetSelected(c.role)
			if c.demo {
				if !f.demo.Visible() {
					t.Fatal("demo data not offered on an empty store")
				}
				f.demo.SetChecked(true)
			}
			if c.existing != "" {
				// The demo's communities exist only once it is loaded: load it by choosing
				// the community after ticking the box, as the clerk would on a second look.
				if err := data.LoadDemo(st); err != nil {
					t.Fatal(err)
				}
				f.demo.SetChecked(false)
				f.fillCommunities()
				f.community.SetSelected(c.existing)
			}
			test.Type(f.newCommunity, c.typed)
			f.office.SetText("")
			test.Type(f.office, c.office)
			test.Type(f.operator, c.operator)
			test.Tap(f.start)

			s, err := st.Settings()
			if err != nil {
				t.Fatal(err)
			}
			if c.wantError != "" {
				if !strings.Contains(f.problem.Text, c.wantError) {
					t.Errorf("problem shown %q, want it to mention %q", f.problem.Text, c.wantError)
				}
				if s.Configured() {
					t.Error("settings saved despite a missing answer")
				}
				return
			}
			if f.problem.Text != "" {
				t.Fatalf("first run refused: %s", f.problem.Text)
			}
			if s.Role != c.wantRole || s.Operator != c.operator || s.OfficeName != c.office {
				t.Errorf("settings = %+v", s)
			}
			if st.Operator != c.operator {
				t.Errorf("store operator %q, want %q", st.Operator, c.operator)
			}
			if c.wantComm != "" {
				comm, err := a.OwnCommunity()
				if err != nil || comm.Name != c.wantComm {
					t.Errorf("own community = %q, %v; want %q", comm.Name, err, c.wantComm)
				}
			}
			if c.demo {
				if n, _ := st.Communities(); len(n) < 2 {
					t.Error("demo data not loaded")
				}
			}
			if a.nav == nil || a.current == nil || a.current.title != "概览" {
				t.Error("main screen not shown after the first-start questions")
			}
			// A configured store asks nothing the next time.
			if b := newTestApp(t, st); b.first != nil {
				t.Error("a configured store asked the first-start questions again")
			}
		})
	}
}

func TestOverviewCountsAndElectionColours(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	openScreen(t, a, "概览")
	p := a.current.page.(*overviewPage)
	cs, _ := st.Communities()
	if got := p.counts[0].Text; got != fmt.Sprint(len(cs)) {
		t.Errorf("community count %s, want %d", got, len(cs))
	}
	// Fix the day so that one organisation is overdue and one due soon.
	orgs, _ := st.Orgs(0)
	var o data.Org
	for _, x := range orgs {
		if !x.ElectionDue().IsZero() && !x.ElectionDue().MonthOnly() {
			o = x
			break
		}
	}
	if o.ID == 0 {
		t.Fatal("no organisation with a day-precise due date in the demo")
	}
	due := o.ElectionDue().Time()
	for _, c := range []struct {
		today time.Time
		imp   widget.Importance
		text  string
	}{
		{due.AddDate(0, 0, 10), widget.DangerImportance, "已逾期"},
		{due.AddDate(0, 0, -30), widget.WarningImportance, "即将换届"},
	} {
		a.Clock = func() time.Time { return c.today }
		p.Reload()
		found := false
		for i, r := range p.dueRows {
			if r.ID == o.ID {
				found = true
				cell := p.due.CreateCell()
				p.due.UpdateCell(widget.TableCellID{Row: i, Col: 0}, cell)
				l := cell.(*widget.Label)
				if l.Importance != c.imp || l.Text != c.text {
					t.Errorf("on %s: %s shown %q with importance %v, want %q %v",
						c.today.Format("2006-01-02"), o.Name, l.Text, l.Importance, c.text, c.imp)
				}
			}
		}
		if !found {
			t.Errorf("on %s %s not listed", c.today.Format("2006-01-02"), o.Name)
		}
	}
}

func TestSettingsSaveSetsOperator(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	openScreen(t, a, "设置")
	page := a.Window().Content()
	op, _ := formField[*widget.Entry](t, page, "操作人")
	op.SetText("")
	test.Type(op, "赵磊")
	hot, hotMsg := formField[*widget.Entry](t, page, "热线电话")
	hot.SetText("")
	test.Type(hot, "12")
	if hotMsg == nil || hotMsg.Text == "" || !hotMsg.Visible() {
		t.Error("an implausible hotline shows no message")
	}
	pressShortcut(a, shortcutSave)
	if s, _ := st.Settings(); s.Operator == "赵磊" {
		t.Fatal("settings with a bad hotline were saved")
	}
	hot.SetText("96110")
	pressShortcut(a, shortcutSave)
	s, _ := st.Settings()
	if s.Operator != "赵磊" || st.Operator != "赵磊" {
		t.Errorf("operator saved %q, store uses %q", s.Operator, st.Operator)
	}
	// The next change is recorded under the new operator.
	contact, _ := formField[*widget.Entry](t, page, "联系人")
	contact.SetText("")
	test.Type(contact, "赵磊")
	pressShortcut(a, shortcutSave)
	log, err := st.AuditLog(data.AuditFilter{Entity: data.EntitySettings})
	if err != nil || len(log) == 0 || log[0].Operator != "赵磊" || !strings.Contains(log[0].Summary(), "联系人") {
		t.Errorf("settings change not audited under the new operator: %+v %v", log, err)
	}
}

func TestWindowRemembersSize(t *testing.T) {
	st := newTestStore(t, true)
	fa := test.NewTempApp(t)
	a := build(fa, st)
	a.Window().Resize(fyne.NewSize(1010, 620))
	a.saveSize()
	b := build(fa, st)
	if got := b.Window().Canvas().Size(); got.Width != 1010 || got.Height != 620 {
		t.Errorf("new window is %v, want 1010×620", got)
	}
}

func TestOverviewSummaryPerCommunity(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	openScreen(t, a, "概览")
	p := a.current.page.(*overviewPage)
	a.Wait()
	xs, _ := st.Compounds(0)
	perCommunity := map[string]int{}
	for _, x := range xs {
		perCommunity[x.CommunityName]++
	}
	if len(p.summaryRows) == 0 {
		t.Fatal("no summary rows")
	}
	row := -1
	for i, r := range p.summaryRows {
		if r.Compounds != perCommunity[r.Community.Name] {
			t.Errorf("%s: %d compounds shown, %d in the store", r.Community.Name, r.Compounds, perCommunity[r.Community.Name])
		}
		if r.Community.Name == "龙河社区" {
			row = i
		}
	}
	p.summary.Select(widget.TableCellID{Row: row})
	if a.current.title != "小区" {
		t.Fatal("a summary row did not open 小区")
	}
	filter := ""
	for _, s := range find[*widget.Select](a) {
		if slices.Contains(s.Options, "全部社区") {
			filter = s.Selected
		}
	}
	if shown := recordTable[data.Compound](t, a).Shown(); filter != "龙河社区" || shown != perCommunity["龙河社区"] {
		t.Errorf("小区 filtered on %q shows %d, want 龙河社区 with %d", filter, shown, perCommunity["龙河社区"])
	}
}

func TestDueRowOpensTheOrganisation(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	// Far enough ahead that every organisation with an election date is overdue.
	a.Clock = func() time.Time { return time.Date(2100, 1, 1, 0, 0, 0, 0, time.Local) }
	openScreen(t, a, "概览")
	p := a.current.page.(*overviewPage)
	if len(p.dueRows) == 0 {
		t.Fatal("no election due in 2100")
	}
	want := p.dueRows[0]
	p.due.Select(widget.TableCellID{Row: 0})
	if a.current.title != "党组织" {
		t.Fatalf("a due row opened %s, not 党组织", a.current.title)
	}
	if o := recordTable[data.Org](t, a).Selected(); o == nil || o.ID != want.ID {
		t.Errorf("a due row did not select %s", want.Name)
	}
	if name, _ := formField[*widget.Entry](t, a.Window().Content(), "组织名称"); name.Text != want.Name {
		t.Errorf("a due row did not open %s in the form: it shows %q", want.Name, name.Text)
	}
}

func TestRecordHistoryShowsItsChanges(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	openScreen(t, a, "社区")
	tbl := recordTable[data.Community](t, a)
	tbl.Select(widget.TableCellID{Row: 0})
	name := tbl.Selected().Name
	wm, _ := formField[*widget.Entry](t, a.Window().Content(), "工作法")
	wm.SetText("")
	test.Type(wm, "院落议事会")
	pressShortcut(a, shortcutSave)
	tapButton(t, a, "操作记录")
	if !showsText(a, name+"”的操作记录") || !showsText(a, "院落议事会") {
		t.Errorf("the record's history does not show the change; shown: %q", shownTexts(a))
	}
}

package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// newTestStore opens a store in a temporary folder, with the demo data when demo is set.
func newTestStore(t testing.TB, demo bool) *data.Store {
	t.Helper()
	st, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if demo {
		if err := data.LoadDemo(st); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// newTestApp builds the window on st in Fyne's test driver.
func newTestApp(t testing.TB, st *data.Store) *App {
	t.Helper()
	a := build(test.NewTempApp(t), st)
	// Fyne's test driver runs fyne.Do on the calling goroutine: let the
	// window's first background loads finish before the test reads widgets.
	a.busy.Wait()
	a.win.Resize(fyne.NewSize(1200, 800))
	t.Cleanup(a.busy.Wait) // before the store closes
	return a
}

// openPage shows the screen with the navigation title and returns its page.
func openPage[P any](t testing.TB, a *App, title string) P {
	t.Helper()
	a.openTitled(title)
	a.busy.Wait()
	p, ok := a.current.page.(P)
	if !ok || a.current.title != title {
		t.Fatalf("screen %q not shown (current %q)", title, a.current.title)
	}
	return p
}

// field is the widget of the form field name.
func field[W any](t testing.TB, f *form, name string) W {
	t.Helper()
	for _, ff := range f.fields {
		if ff.name == name {
			w, ok := ff.widget.(W)
			if !ok {
				t.Fatalf("field %s is a %T", name, ff.widget)
			}
			return w
		}
	}
	t.Fatalf("form has no field %s", name)
	var zero W
	return zero
}

// shownTexts is every visible label and button text in the window's content and overlays.
func shownTexts(a *App) []string {
	var out []string
	objs := append([]fyne.CanvasObject{a.win.Content()}, a.win.Canvas().Overlays().List()...)
	for _, o := range objs {
		walk(o, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Label:
				out = append(out, w.Text)
			case *widget.Button:
				out = append(out, w.Text)
			}
		})
	}
	return out
}

func showsText(a *App, want string) bool {
	for _, s := range shownTexts(a) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// tapButton taps the visible button labelled text, in the overlays first.
func tapButton(t testing.TB, a *App, text string) {
	t.Helper()
	var found *widget.Button
	objs := append(a.win.Canvas().Overlays().List(), a.win.Content())
	for _, o := range objs {
		walk(o, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
				found = b
			}
		})
	}
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(found)
}

func pressShortcut(a *App, sc fyne.Shortcut) {
	a.win.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
}

func TestDeleteMovesToRecycleBinAndRestores(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Compound]](t, a, "小区")
	before := p.tbl.Shown()
	var victim *data.Compound
	for i := 0; i < p.tbl.Shown(); i++ {
		c := p.tbl.Row(i)
		if deps, _ := a.store.Dependents(data.EntityCompound, c.ID); len(deps) == 0 {
			victim = c
			p.tbl.Select(widget.TableCellID{Row: i})
			break
		}
	}
	if victim == nil {
		t.Fatal("no compound without dependents in the demo")
	}
	name := victim.Name
	p.deleteSelected()
	tapButton(t, a, "删除")
	if p.tbl.Shown() != before-1 {
		t.Fatalf("after deleting, %d rows, want %d", p.tbl.Shown(), before-1)
	}
	r := openPage[*recyclePage](t, a, "回收站")
	if len(r.rows) != 1 || r.rows[0].Name != name {
		t.Fatalf("recycle bin holds %+v", r.rows)
	}
	r.table.Select(widget.TableCellID{Row: 0})
	tapButton(t, a, "恢复所选记录")
	if len(r.rows) != 0 {
		t.Error("restored record still in the recycle bin")
	}
	p = openPage[*recordsPage[data.Compound]](t, a, "小区")
	if p.tbl.Shown() != before {
		t.Errorf("after restoring, %d rows, want %d", p.tbl.Shown(), before)
	}
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
				comm, err := a.ownCommunity()
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
	p := openPage[*overviewPage](t, a, "概览")
	cs, _ := st.Communities()
	if got := p.counts[0].Text; got != itoa(len(cs)) {
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
		a.today = func() time.Time { return c.today }
		p.reload()
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
	p := openPage[*settingsPage](t, a, "设置")
	op := field[*widget.Entry](t, p.form, "Operator")
	op.SetText("")
	test.Type(op, "赵磊")
	hot := field[*widget.Entry](t, p.form, "Hotline")
	hot.SetText("")
	test.Type(hot, "12")
	if msg := p.form.message("Hotline"); msg == "" {
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
	contact := field[*widget.Entry](t, p.form, "ContactPerson")
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
	a.win.Resize(fyne.NewSize(1010, 620))
	a.saveSize()
	b := build(fa, st)
	if got := b.win.Canvas().Size(); got.Width != 1010 || got.Height != 620 {
		t.Errorf("new window is %v, want 1010×620", got)
	}
}

// walk visits o and every visible object inside it.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, fn)
		}
	}
}

func TestOverviewSummaryPerCommunity(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	p := openPage[*overviewPage](t, a, "概览")
	a.busy.Wait()
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
	c, ok := a.currentPage().(*recordsPage[data.Compound])
	if !ok {
		t.Fatal("a summary row did not open 小区")
	}
	if c.community.Selected != "龙河社区" || c.tbl.Shown() != perCommunity["龙河社区"] {
		t.Errorf("小区 filtered on %q shows %d, want 龙河社区 with %d", c.community.Selected, c.tbl.Shown(), perCommunity["龙河社区"])
	}
}

func TestDueRowOpensTheOrganisation(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	// Far enough ahead that every organisation with an election date is overdue.
	a.today = func() time.Time { return time.Date(2100, 1, 1, 0, 0, 0, 0, time.Local) }
	p := openPage[*overviewPage](t, a, "概览")
	if len(p.dueRows) == 0 {
		t.Fatal("no election due in 2100")
	}
	want := p.dueRows[0]
	p.due.Select(widget.TableCellID{Row: 0})
	o, ok := a.currentPage().(*recordsPage[data.Org])
	if !ok || o.editing == nil || o.editing.ID != want.ID {
		t.Errorf("a due row did not open %s", want.Name)
	}
}

func TestRecordHistoryShowsItsChanges(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Community]](t, a, "社区")
	p.tbl.Select(widget.TableCellID{Row: 0})
	name := p.editing.Name
	wm := field[*widget.Entry](t, p.form, "WorkMethod")
	wm.SetText("")
	test.Type(wm, "院落议事会")
	p.save()
	tapButton(t, a, "操作记录")
	if !showsText(a, name+"”的操作记录") || !showsText(a, "院落议事会") {
		t.Errorf("the record's history does not show the change; shown: %q", shownTexts(a))
	}
}


package records

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/shell"
)

// openPage shows the record screen with the navigation title alone in the
// window and returns its page.
func openPage[P any](t testing.TB, a *App, title string) P {
	t.Helper()
	pages := map[string]func(shell.Shell) shell.Page{
		"社区":  func(s shell.Shell) shell.Page { return NewCommunitiesPage(s) },
		"小区":  func(s shell.Shell) shell.Page { return NewCompoundsPage(s) },
		"党组织": func(s shell.Shell) shell.Page { return NewOrgsPage(s) },
	}
	pg := pages[title](a)
	a.win.SetContent(pg.Content())
	a.page = pg
	pg.Reload()
	a.Wait()
	p, ok := pg.(P)
	if !ok {
		t.Fatalf("screen %q is a %T", title, pg)
	}
	return p
}

func TestNewCommunityIsSavedAndShown(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Community]](t, a, "社区")
	before := p.tbl.Total()

	pressShortcut(a, shortcutNew)
	if p.editing == nil || p.r.id(p.editing) != 0 {
		t.Fatal("Ctrl+N did not open an empty form")
	}
	test.Type(field[*widget.Entry](t, p.form, "Name"), "锦江社区")
	test.Type(field[*widget.Entry](t, p.form, "Founded"), "2016-09")
	test.Type(field[*widget.Entry](t, p.form, "Population"), "3万余")
	test.Type(field[*widget.Entry](t, p.form, "Secretary"), "李红")
	pressShortcut(a, shortcutSave)

	if got := p.tbl.Total(); got != before+1 {
		t.Fatalf("table has %d rows after saving, want %d", got, before+1)
	}
	if !showsText(a, "锦江社区") || !showsText(a, "李红") {
		t.Error("the saved community is not drawn in the table")
	}
	cs, _ := a.store.Communities()
	var saved *data.Community
	for i := range cs {
		if cs[i].Name == "锦江社区" {
			saved = &cs[i]
		}
	}
	if saved == nil {
		t.Fatal("community not in the store")
	}
	if saved.Founded.String() != "2016-09" {
		t.Errorf("founded stored as %q, want the month-precise 2016-09", saved.Founded)
	}
	if saved.Population != data.About(30000) {
		t.Errorf("population stored as %+v, want about 30000", saved.Population)
	}
	if p.editing == nil || p.r.id(p.editing) != saved.ID {
		t.Error("the form does not show the saved record")
	}
}

func TestFormShowsValidationInline(t *testing.T) {
	cases := []struct {
		name, field, input, want string
	}{
		{"division code", "DivisionCode", "51011600", "12 位数字"},
		{"duplicate name", "Name", "滨江社区", "已经存在"},
		{"impossible date", "Founded", "2015-02-30", "不存在"},
		{"future date", "Founded", "2099-01", "将来"},
		{"bad count", "Households", "很多", "不是数量"},
		{"bad phone", "SecretaryPhone", "12345678901234", "位数不对"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := newTestApp(t, newTestStore(t, true))
			p := openPage[*recordsPage[data.Community]](t, a, "社区")
			before := p.tbl.Total()
			p.NewRecord()
			if c.field != "Name" {
				test.Type(field[*widget.Entry](t, p.form, "Name"), "新社区")
			}
			test.Type(field[*widget.Entry](t, p.form, c.field), c.input)
			if msg := p.form.Message(c.field); !strings.Contains(msg, c.want) {
				t.Errorf("message under %s = %q, want it to contain %q", c.field, msg, c.want)
			}
			if !showsText(a, c.want) {
				t.Errorf("message %q not drawn", c.want)
			}
			p.Save()
			if got := p.tbl.Total(); got != before {
				t.Errorf("an invalid record was saved (%d rows, had %d)", got, before)
			}
		})
	}
}

func TestRequiredMessageAfterSaveAttempt(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Compound]](t, a, "小区")
	p.NewRecord()
	if msg := p.form.Message("Name"); msg != "" {
		t.Fatalf("untouched empty form already complains: %q", msg)
	}
	p.Save()
	if msg := p.form.Message("Name"); !strings.Contains(msg, "不能为空") {
		t.Errorf("after saving an empty form the name says %q", msg)
	}
	if msg := p.form.Message("CommunityID"); !strings.Contains(msg, "社区") {
		t.Errorf("after saving an empty form the community says %q", msg)
	}
}

func TestSearchNarrowsTable(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Compound]](t, a, "小区")
	all := p.tbl.Shown()
	if all < 5 {
		t.Fatalf("demo has only %d compounds", all)
	}
	pressShortcut(a, shortcutSearch)
	if a.win.Canvas().Focused() != p.search {
		t.Error("Ctrl+F did not focus the search box")
	}
	test.Type(p.search, "南湖")
	if n := p.tbl.Shown(); n == 0 || n >= all {
		t.Fatalf("search 南湖 shows %d of %d", n, all)
	}
	for i := 0; i < p.tbl.Shown(); i++ {
		if c := p.tbl.Row(i); !strings.Contains(compoundSearch(c), "南湖") {
			t.Errorf("row %q does not match 南湖", c.Name)
		}
	}
	if !showsText(a, "南湖尚景小区") || showsText(a, "龙河湾小区") {
		t.Error("the drawn table does not follow the search")
	}
	p.search.SetText("没有这样的小区")
	if p.tbl.Shown() != 0 || !showsText(a, "没有符合条件的小区") {
		t.Error("a search matching nothing does not say so")
	}
	p.search.SetText("")
	if showsText(a, "没有符合条件的小区") {
		t.Error("the no-match note stays after clearing the search")
	}
	if n := p.tbl.Shown(); n != all {
		t.Errorf("clearing the search shows %d, want %d", n, all)
	}

	// The community filter narrows too, and combines with the search.
	p.community.SetSelected("龙河社区")
	for i := 0; i < p.tbl.Shown(); i++ {
		if c := p.tbl.Row(i); c.CommunityName != "龙河社区" {
			t.Errorf("filter 龙河社区 shows %q of %s", c.Name, c.CommunityName)
		}
	}
	if p.tbl.Shown() == 0 || p.tbl.Shown() == all {
		t.Errorf("community filter shows %d of %d", p.tbl.Shown(), all)
	}
}

func TestHeaderTapSorts(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Compound]](t, a, "小区")
	households := func() []int64 {
		var out []int64
		for i := 0; i < p.tbl.Shown(); i++ {
			out = append(out, p.tbl.Row(i).Households.N)
		}
		return out
	}
	tapButton(t, a, "户数")
	asc := households()
	for i := 1; i < len(asc); i++ {
		if asc[i-1] > asc[i] {
			t.Fatalf("after one tap not ascending: %v", asc)
		}
	}
	tapButton(t, a, "户数 ▲")
	desc := households()
	for i := 1; i < len(desc); i++ {
		if desc[i-1] < desc[i] {
			t.Fatalf("after a second tap not descending: %v", desc)
		}
	}
	if asc[0] == desc[0] {
		t.Error("ascending and descending start with the same value")
	}
	if !showsText(a, "户数 ▼") {
		t.Error("header does not show the descending arrow")
	}
	// Names sort in pinyin order: 滨 (bin) before 龙 (long) before 南 (nan).
	tapButton(t, a, "小区名称")
	var names []string
	for i := 0; i < p.tbl.Shown(); i++ {
		names = append(names, p.tbl.Row(i).Name)
	}
	idx := func(prefix string) int {
		for i, n := range names {
			if strings.HasPrefix(n, prefix) {
				return i
			}
		}
		t.Fatalf("no compound starting %s in %v", prefix, names)
		return -1
	}
	if !(idx("滨") < idx("龙") && idx("龙") < idx("南")) {
		t.Errorf("names not in pinyin order: %v", names)
	}
}

func TestDeleteRefusedWithDependents(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Community]](t, a, "社区")
	row := -1
	for i := 0; i < p.tbl.Shown(); i++ {
		if p.tbl.Row(i).Name == "滨江社区" {
			row = i
		}
	}
	p.tbl.Select(widget.TableCellID{Row: row, Col: 0})
	if p.editing == nil || p.editing.Name != "滨江社区" {
		t.Fatal("selecting the row did not open it")
	}
	p.tbl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if showsText(a, "删除社区“滨江社区”？") {
		t.Error("asked to confirm a deletion that will be refused")
	}
	if !showsText(a, "不能删除") || !showsText(a, "南湖尚景小区") {
		t.Errorf("refusal with the dependents not shown; shown: %q", shownTexts(a))
	}
	if _, err := a.store.Community(p.editing.ID); err != nil {
		t.Fatal(err)
	}
	cs, _ := a.store.Communities()
	if len(cs) != p.tbl.Total() {
		t.Error("the community left the store although deletion was refused")
	}
}

func TestOrgTreeFollowsParents(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Org]](t, a, "党组织")
	orgs, _ := a.store.Orgs(0)
	var child data.Org
	for _, o := range orgs {
		if o.ParentID != nil {
			child = o
			break
		}
	}
	if child.ID == 0 {
		t.Fatal("demo has no organisation with a parent")
	}
	tr := findTree(t, a)
	parent := "o" + itoa(int(*child.ParentID))
	found := false
	for _, id := range tr.ChildUIDs(parent) {
		if id == "o"+itoa(int(child.ID)) {
			found = true
		}
	}
	if !found {
		t.Errorf("%s not under its parent %s in the tree", child.Name, child.ParentName)
	}
	tr.Select("o" + itoa(int(child.ID)))
	if p.editing == nil || p.editing.ID != child.ID {
		t.Error("choosing a tree node did not open the organisation")
	}
	// Delete on the tree asks about the organisation chosen there.
	tr.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if !showsText(a, "删除党组织“"+child.Name+"”？") && !showsText(a, "不能删除") {
		t.Errorf("Delete on the tree did nothing; shown: %q", shownTexts(a))
	}
}

// findTree switches the organisations' list to its tree tab and returns the tree.
func findTree(t *testing.T, a *App) *keyTree {
	t.Helper()
	walk(a.win.Content(), func(o fyne.CanvasObject) {
		if tabs, ok := o.(*container.AppTabs); ok {
			tabs.SelectIndex(1)
		}
	})
	var tr *keyTree
	walk(a.win.Content(), func(o fyne.CanvasObject) {
		if x, ok := o.(*keyTree); ok {
			tr = x
		}
	})
	if tr == nil {
		t.Fatal("no tree")
	}
	return tr
}

func TestUnsavedChangesAreNotDroppedSilently(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Community]](t, a, "社区")
	p.tbl.Select(widget.TableCellID{Row: 0})
	first := p.editing.ID
	name := field[*widget.Entry](t, p.form, "WorkMethod")
	test.Type(name, "新方法")
	p.tbl.Select(widget.TableCellID{Row: 1})
	if !showsText(a, "放弃这些修改") {
		t.Fatal("switching records with unsaved changes did not ask")
	}
	tapButton(t, a, "继续编辑")
	if p.editing.ID != first || !strings.HasSuffix(field[*widget.Entry](t, p.form, "WorkMethod").Text, "新方法") {
		t.Fatal("keeping the changes lost them")
	}
	if sel := p.tbl.Selected(); sel == nil || sel.ID != first {
		t.Error("the table does not show the record still being edited")
	}
	p.tbl.Select(widget.TableCellID{Row: 1})
	tapButton(t, a, "放弃修改")
	if p.editing.ID == first {
		t.Error("dropping the changes did not open the other record")
	}
	if c, _ := a.store.Community(first); strings.Contains(c.WorkMethod, "新方法") {
		t.Error("dropped changes were saved")
	}
}

func TestOrgFormFollowsCommunity(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Org]](t, a, "党组织")
	p.NewRecord()
	test.Type(field[*widget.Entry](t, p.form, "Name"), "新建小区党支部")
	field[*widget.Select](t, p.form, "Kind").SetSelected(data.OrgCompoundBranch)
	if term := field[*widget.Entry](t, p.form, "TermYears").Text; term != "3" {
		t.Errorf("term after choosing 小区党支部 = %q, want the default 3", term)
	}
	field[*widget.Select](t, p.form, "CommunityID").SetSelected("龙河社区")
	compound := field[*widget.Select](t, p.form, "CompoundID")
	longhe, _ := a.store.Compounds(0)
	want := map[string]bool{}
	for _, c := range longhe {
		if c.CommunityName == "龙河社区" {
			want[c.Name] = true
		}
	}
	for _, o := range compound.Options[1:] {
		if !want[o] {
			t.Errorf("compound %q offered for 龙河社区", o)
		}
	}
	if len(compound.Options)-1 != len(want) {
		t.Errorf("%d compounds offered, 龙河社区 has %d", len(compound.Options)-1, len(want))
	}
	p.Save()
	if msg := p.form.Message("CompoundID"); !strings.Contains(msg, "小区") {
		t.Errorf("a 小区党支部 without a compound says %q", msg)
	}
	compound.SetSelected("龙河湾小区")
	// Moving to another community drops a compound that is not in it.
	field[*widget.Select](t, p.form, "CommunityID").SetSelected("滨江社区")
	if compound.Selected == "龙河湾小区" {
		t.Error("a compound of 龙河社区 stays chosen after switching to 滨江社区")
	}
}

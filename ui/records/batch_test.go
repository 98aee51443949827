package records

import (
	"strings"
	"testing"

	"jiayuan/data"
	"jiayuan/ui/shell"
)

// TestCompoundFormShowsBranch: the compound form names its 小区党支部, and its
// button opens 党组织 on that organisation.
func TestCompoundFormShowsBranch(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	orgs, _ := a.store.Orgs(0)
	var branch data.Org
	for _, o := range orgs {
		if o.CompoundID != nil {
			branch = o
			break
		}
	}
	if branch.ID == 0 {
		t.Fatal("the demo has no compound branch")
	}
	p := openPage[*recordsPage[data.Compound]](t, a, "小区")
	p.Show(*branch.CompoundID)
	if p.editing == nil || p.r.id(p.editing) != *branch.CompoundID {
		t.Fatal("the compound did not open")
	}
	if !showsText(a, branch.Name) {
		t.Errorf("the form of %s does not show its branch %s", branch.CompoundName, branch.Name)
	}
	var opened string
	orgsPage := NewOrgsPage(a)
	a.Base.OnOpen = func(title string) {
		opened = title
		a.win.SetContent(orgsPage.Content())
		orgsPage.Reload()
	}
	a.Base.OnCurrent = func() shell.Page { return orgsPage }
	tapButton(t, a, "打开党组织")
	if opened != "党组织" || orgsPage.editing == nil || orgsPage.editing.ID != branch.ID {
		t.Errorf("打开党组织 opened %q on %v, want 党组织 on %s", opened, orgsPage.editing, branch.Name)
	}

	// A compound without a branch says so.
	xs, _ := a.store.Compounds(0)
	seated := map[int64]bool{}
	for _, o := range orgs {
		if o.CompoundID != nil {
			seated[*o.CompoundID] = true
		}
	}
	p = openPage[*recordsPage[data.Compound]](t, a, "小区")
	for _, x := range xs {
		if !seated[x.ID] {
			p.Show(x.ID)
			if !showsText(a, "还没有小区党支部") {
				t.Errorf("%s has no branch and its form does not say so", x.Name)
			}
			break
		}
	}
}

// TestBatchEditMarkedRows: marked rows are previewed with their old values;
// a value that breaks one record's rule changes none and names it; a good
// value changes every marked record with the reason in the audit trail.
func TestBatchEditMarkedRows(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Org]](t, a, "党组织")
	first, second := *p.tbl.Row(0), *p.tbl.Row(1)
	second.Founded = data.Date{Year: 2020, Month: 1, Day: 1}
	if err := a.store.SaveOrg(&second); err != nil {
		t.Fatal(err)
	}
	p.Reload()

	p.batchEdit() // nothing marked: refused with how to mark rows
	if !showsText(a, "Ctrl") {
		t.Error("batch edit with nothing marked does not say how to mark rows")
	}
	dismissDialogs(a)

	p.tbl.ToggleMark(first.ID)
	p.tbl.ToggleMark(second.ID)
	recs := p.tbl.Marked()
	if len(recs) != 2 {
		t.Fatalf("%d rows marked, want 2", len(recs))
	}
	b := p.newBatchForm(recs)
	b.field.SetSelected("上次换届")
	b.value.SetText("2019-06")
	b.reason.SetText("2019 年集中换届")
	if prev := b.preview.Text; !strings.Contains(prev, first.Name) || !strings.Contains(prev, "→ 2019-06") {
		t.Errorf("preview %q does not list the records and the new value", prev)
	}
	p.applyBatch(recs, b)
	if !showsText(a, second.Name) || !showsText(a, "早于成立时间") {
		t.Errorf("a refused batch does not name the record: %v", shownTexts(a))
	}
	if o, _ := a.store.Org(first.ID); o.LastElection == (data.Date{Year: 2019, Month: 6}) {
		t.Error("a refused batch changed a record")
	}
	dismissDialogs(a)

	b.value.SetText("2021-06")
	b.reason.SetText("2021 年集中换届")
	p.applyBatch(recs, b)
	for _, id := range []int64{first.ID, second.ID} {
		if o, _ := a.store.Org(id); o.LastElection != (data.Date{Year: 2021, Month: 6}) {
			t.Errorf("%s: 上次换届 %s after the batch", o.Name, o.LastElection)
		}
	}
	rows, _ := a.store.AuditLog(data.AuditFilter{Text: "2021 年集中换届"})
	if len(rows) != 2 {
		t.Errorf("%d audit rows with the reason, want 2", len(rows))
	}
	if len(p.tbl.Marked()) > 1 {
		t.Error("the marks stay after the batch")
	}
}

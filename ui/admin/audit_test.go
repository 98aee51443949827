package admin

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"jiayuan/data"
)

func TestAuditPageFilters(t *testing.T) {
	st := newTestStore(t, true)
	st.SetClock(func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local) })
	st.Operator = "王芳"
	c := &data.Community{Name: "锦江社区"}
	if err := st.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	st.SetClock(func() time.Time { return time.Date(2026, 4, 2, 9, 0, 0, 0, time.Local) })
	st.Operator = "李明"
	c.Address = "锦江路1号"
	if err := st.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, st)
	p := showPage(a, NewAuditPage(a))
	all := len(p.rows)
	if all < 3 {
		t.Fatalf("audit page shows %d rows", all)
	}
	cases := []struct {
		name                     string
		entity, operator, text   string
		from, to                 string
		wantRecords, wantActions []string
		wantProblem              string
	}{
		{name: "operator", entity: allKinds, operator: "王芳", wantRecords: []string{"锦江社区"}, wantActions: []string{data.ActionCreate}},
		{name: "text in the changes", entity: allKinds, text: "锦江路", wantRecords: []string{"锦江社区"}, wantActions: []string{data.ActionUpdate}},
		{name: "kind and month", entity: "社区", from: "2026-04", to: "2026-04", wantRecords: []string{"锦江社区"}, wantActions: []string{data.ActionUpdate}},
		{name: "day range", entity: "社区", from: "2026-03-01", to: "2026-03-10", wantRecords: []string{"锦江社区"}, wantActions: []string{data.ActionCreate}},
		{name: "other kind", entity: "小区", operator: "李明"},
		{name: "bad date", entity: allKinds, from: "2026-13", wantProblem: "月份"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p.entity.SetSelected(tc.entity)
			p.operator.SetText(tc.operator)
			p.text.SetText(tc.text)
			p.from.SetText(tc.from)
			p.to.SetText(tc.to)
			if tc.wantProblem != "" {
				if !strings.Contains(p.problem.Text, tc.wantProblem) {
					t.Errorf("problem %q, want it to mention %q", p.problem.Text, tc.wantProblem)
				}
				return
			}
			if p.problem.Text != "" {
				t.Fatalf("problem %q", p.problem.Text)
			}
			var records, actions []string
			for _, e := range p.rows {
				records = append(records, e.Record)
				actions = append(actions, e.Action)
			}
			if !reflect.DeepEqual(records, tc.wantRecords) || !reflect.DeepEqual(actions, tc.wantActions) {
				t.Errorf("rows %v %v, want %v %v", records, actions, tc.wantRecords, tc.wantActions)
			}
		})
	}
	// Every kind of record in the trail can be picked, rounds included.
	if !slices.Contains(p.entity.Options, "申报") {
		t.Errorf("kinds offered: %v", p.entity.Options)
	}
}

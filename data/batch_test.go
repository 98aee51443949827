package data

import (
	"errors"
	"strings"
	"testing"
)

func TestBatchSetAllOrNothing(t *testing.T) {
	st := openTest(t)
	if err := LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	orgs, err := st.Orgs(0)
	if err != nil || len(orgs) < 3 {
		t.Fatalf("%d orgs, %v", len(orgs), err)
	}
	a, b, c := orgs[0], orgs[1], orgs[2]
	b.Founded = Date{2020, 1, 1}
	if err := st.SaveOrg(&b); err != nil {
		t.Fatal(err)
	}
	ids := []int64{a.ID, b.ID, c.ID}
	before, err := st.AuditLog(AuditFilter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}

	// 2019-06 is before b was founded: all refused, b named.
	n, err := st.BatchSet(EntityOrg, ids, "LastElection", "2019-06", "2019 年集中换届")
	var be *BatchEditError
	if !errors.As(err, &be) || n != 0 || len(be.Problems) != 1 || !strings.Contains(be.Problems[0], b.Name) ||
		!strings.Contains(be.Problems[0], "早于成立时间") {
		t.Fatalf("batch with one bad record: %d, %v", n, err)
	}
	after, _ := st.AuditLog(AuditFilter{Limit: 100000})
	if len(after) != len(before) {
		t.Errorf("a refused batch wrote %d audit rows", len(after)-len(before))
	}
	for _, id := range ids {
		if o, _ := st.Org(id); o.LastElection == (Date{2019, 6, 0}) {
			t.Errorf("%s was changed by a refused batch", o.Label())
		}
	}

	// 2021-06 suits all three: one audit row each, with the reason.
	n, err = st.BatchSet(EntityOrg, ids, "LastElection", "2021-06", "2021 年集中换届")
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := st.AuditLog(AuditFilter{Text: "2021 年集中换届", Limit: 100})
	if len(rows) != n || n == 0 {
		t.Errorf("%d records changed, %d audit rows with the reason", n, len(rows))
	}
	for _, r := range rows {
		if r.Entity != EntityOrg || r.Action != ActionUpdate || len(r.Changes()) != 1 || r.Changes()[0].Label != "上次换届" {
			t.Errorf("audit row %+v", r)
		}
	}
	for _, id := range ids {
		if o, _ := st.Org(id); o.LastElection != (Date{2021, 6, 0}) {
			t.Errorf("%s: 上次换届 %s, want 2021-06", o.Label(), o.LastElection)
		}
	}
	if _, err := st.BatchSet(EntityOrg, ids, "Name", "x", "r"); err == nil {
		t.Error("a batch may set names")
	}
	if _, err := st.BatchSet(EntityOrg, ids, "TermYears", "5", " "); err == nil {
		t.Error("a batch without a reason was run")
	}
}

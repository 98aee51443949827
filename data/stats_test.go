package data

import (
	"errors"
	"testing"
	"time"
)

func statsColumn(t *testing.T, s Stats, key string) int {
	t.Helper()
	for i, k := range s.Keys {
		if k == key {
			return i
		}
	}
	t.Fatalf("no column %s", key)
	return -1
}

// The 合计 row is the sum of its column; an approximate count makes the sum
// approximate, an unset count adds nothing and is counted as missing.
func TestStatsTotalIsColumnSumAndFlagsApprox(t *testing.T) {
	st := openTest(t)
	a := &Community{Name: "甲社区", Households: About(36000), Population: Exact(9000)}
	b := &Community{Name: "乙社区", Households: Exact(1200)}
	for _, c := range []*Community{a, b} {
		if err := st.SaveCommunity(c); err != nil {
			t.Fatal(err)
		}
	}
	x := &Compound{CommunityID: a.ID, Name: "南苑", Kind: "商品房", PropertyCompany: "某物业", OwnersCommittee: true}
	if err := st.SaveCompound(x); err != nil {
		t.Fatal(err)
	}
	mustCompound(t, st, b.ID, "北苑")
	org := &Org{Name: "甲社区党委", Kind: OrgCommunityCommittee, CommunityID: a.ID, Members: About(300),
		LastElection: Date{2021, 10, 1}, TermYears: 5}
	if err := st.SaveOrg(org); err != nil {
		t.Fatal(err)
	}
	s, err := st.Stats(st.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rows) != 2 {
		t.Fatalf("rows = %d", len(s.Rows))
	}
	for i := range s.Keys {
		var sum int64
		for _, r := range s.Rows {
			sum += r.Values[i].N
		}
		if s.Total.Values[i].N != sum {
			t.Errorf("column %s: 合计 %d, sum %d", s.Keys[i], s.Total.Values[i].N, sum)
		}
	}
	hh := s.Total.Values[statsColumn(t, s, "households")]
	if hh.N != 37200 || !hh.Approx || hh.String() != "37200余" {
		t.Errorf("households total = %+v (%s)", hh, hh)
	}
	pop := s.Total.Values[statsColumn(t, s, "population")]
	if pop.N != 9000 || pop.Approx || pop.Missing != 1 {
		t.Errorf("population total = %+v", pop)
	}
	checks := map[string]int64{"compounds": 2, "compound_kind:商品房": 1, "compound_kind:未填类型": 1,
		"property_yes": 1, "property_no": 1, "committee_yes": 1, "committee_no": 1, "orgs": 1,
		"org_kind:社区党委": 1, "members": 300, "soon": 0, "overdue": 1}
	for k, want := range checks {
		if got := s.Total.Values[statsColumn(t, s, k)].N; got != want {
			t.Errorf("%s = %d, want %d", k, got, want)
		}
	}
	if m := s.Total.Values[statsColumn(t, s, "members")]; !m.Approx {
		t.Error("members from 300余 not approximate")
	}
}

func TestElectionsByMonthCountsTheTwelveMonths(t *testing.T) {
	today := time.Date(2026, 11, 26, 0, 0, 0, 0, time.Local)
	orgs := []Org{
		{LastElection: Date{2023, 11, 3}, TermYears: 3},  // 2026-11: month 0
		{LastElection: Date{2023, 12, 0}, TermYears: 3},  // 2026-12
		{LastElection: Date{2022, 10, 31}, TermYears: 5}, // 2027-10: month 11
		{LastElection: Date{2022, 11, 1}, TermYears: 5},  // 2027-11: out
		{LastElection: Date{2023, 10, 1}, TermYears: 3},  // overdue: out
	}
	got := ElectionsByMonth(orgs, today)
	if got[0].N != 1 || got[1].N != 1 || got[11].N != 1 || got[11].Month != 10 || got[11].Year != 2027 {
		t.Fatalf("by month = %+v", got)
	}
	var n int
	for _, m := range got {
		n += m.N
	}
	if n != 3 {
		t.Errorf("counted %d, want 3", n)
	}
}

// A snapshot keeps the figures of its day: a comparison with a later one shows
// exactly the changes made between them; a second snapshot of unchanged records
// stores no record again; deleting frees what only it held.
func TestYearlySnapshotsCompareAndShareRecords(t *testing.T) {
	st := openTest(t)
	a := &Community{Name: "甲社区", Households: Exact(1000)}
	if err := st.SaveCommunity(a); err != nil {
		t.Fatal(err)
	}
	mustCompound(t, st, a.ID, "南苑")
	if _, err := st.TakeYearly("2025年底"); err != nil {
		t.Fatal(err)
	}
	var n1 int
	st.db.Get(&n1, `SELECT COUNT(*) FROM yearly_records`)
	if n1 != 2 {
		t.Fatalf("records stored = %d, want 2", n1)
	}
	if _, err := st.TakeYearly("2025年底"); !errors.Is(err, ErrYearlyExists) {
		t.Fatalf("duplicate name: %v", err)
	}
	if _, err := st.TakeYearly("不变"); err != nil {
		t.Fatal(err)
	}
	var n2 int
	st.db.Get(&n2, `SELECT COUNT(*) FROM yearly_records`)
	if n2 != n1 {
		t.Fatalf("an unchanged snapshot stored %d records again", n2-n1)
	}
	a.Households = Exact(1500)
	if err := st.SaveCommunity(a); err != nil {
		t.Fatal(err)
	}
	mustCompound(t, st, a.ID, "北苑")
	b := mustCommunity(t, st, "乙社区")
	if _, err := st.TakeYearly("2026年底"); err != nil {
		t.Fatal(err)
	}
	old, _, err := st.YearlyStats("2025年底")
	if err != nil {
		t.Fatal(err)
	}
	now, _, err := st.YearlyStats("2026年底")
	if err != nil {
		t.Fatal(err)
	}
	c := CompareStats("2025年底", old, "2026年底", now)
	col := func(key string) int {
		for i, cc := range c.Columns {
			if cc.Key == key {
				return i
			}
		}
		t.Fatalf("no column %s", key)
		return 0
	}
	tot := c.Rows[0]
	if tot.Community != "合计" || tot.Change(col("households")) != 500 || tot.Change(col("compounds")) != 1 {
		t.Errorf("合计 changes: households %d, compounds %d", tot.Change(col("households")), tot.Change(col("compounds")))
	}
	var sawNew bool
	for _, r := range c.Rows[1:] {
		if r.Community == b.Name {
			sawNew = !r.InA && r.InB
		}
		if r.Community == a.Name && (r.A[col("households")].N != 1000 || r.B[col("households")].N != 1500) {
			t.Errorf("甲社区 households %v → %v", r.A[col("households")], r.B[col("households")])
		}
	}
	if !sawNew {
		t.Error("the new community is not shown as new")
	}
	list, err := st.YearlySnapshots()
	if err != nil || len(list) != 3 {
		t.Fatalf("list = %v, %v", list, err)
	}
	if err := st.DeleteYearly("2026年底"); err != nil {
		t.Fatal(err)
	}
	var n3 int
	st.db.Get(&n3, `SELECT COUNT(*) FROM yearly_records`)
	if n3 != n1 {
		t.Errorf("after delete %d records kept, want %d", n3, n1)
	}
	if err := st.DeleteYearly("没有这个"); err == nil {
		t.Error("deleting a missing snapshot succeeded")
	}
}

// The records come back from a snapshot as saved, and figures of an older
// definition version are computed again from them.
func TestYearlyRecordsRoundTripAndRecompute(t *testing.T) {
	st := openTest(t)
	a := &Community{Name: "甲社区", Households: About(36000), Notes: "第一行\n第二行"}
	if err := st.SaveCommunity(a); err != nil {
		t.Fatal(err)
	}
	y, err := st.TakeYearly("快照")
	if err != nil {
		t.Fatal(err)
	}
	cs, _, _, err := st.YearlyRecords(y.ID)
	if err != nil || len(cs) != 1 || cs[0].Notes != a.Notes || cs[0].Households != a.Households {
		t.Fatalf("records back: %+v, %v", cs, err)
	}
	st.db.Exec(`UPDATE yearly_snapshots SET figures = '{}', figures_version = 0`)
	s, _, err := st.YearlyStats("快照")
	if err != nil {
		t.Fatal(err)
	}
	if h := s.Value(s.Total, "households"); h.N != 36000 || !h.Approx {
		t.Errorf("recomputed households = %+v", h)
	}
}

// The automatic snapshot is taken once a year, on the first start with records.
func TestYearlyAutoOncePerYear(t *testing.T) {
	st := openTest(t)
	if name, err := st.TakeYearlyIfDue(); err != nil || name != "" {
		t.Fatalf("empty store: %q, %v", name, err)
	}
	mustCommunity(t, st, "甲社区")
	name, err := st.TakeYearlyIfDue()
	if err != nil || name != "2026年初（自动）" {
		t.Fatalf("first start: %q, %v", name, err)
	}
	if err := st.DeleteYearly(name); err != nil {
		t.Fatal(err)
	}
	if name, _ := st.TakeYearlyIfDue(); name != "" {
		t.Errorf("taken again the same year: %q", name)
	}
	st.SetClock(func() time.Time { return time.Date(2027, 1, 4, 9, 0, 0, 0, time.Local) })
	if name, _ := st.TakeYearlyIfDue(); name != "2027年初（自动）" {
		t.Errorf("new year: %q", name)
	}
	list, _ := st.YearlySnapshots()
	if len(list) != 1 || !list[0].Auto {
		t.Errorf("list = %+v", list)
	}
}

// storedDate reads what the store writes exactly as ParseDate does, and
// hands anything else to ParseDate (its errors included).
func TestStoredDateAgreesWithParseDate(t *testing.T) {
	for _, s := range []string{"", "2021-10-01", "2021-10", "2023-12-31", "2021-13-01", "2021-1-5", "２０２１-１０-０１", "20211001", "abcd-ef-gh"} {
		got, gerr := storedDate(s)
		want, werr := ParseDate(s)
		if got != want || (gerr == nil) != (werr == nil) {
			t.Errorf("%q: storedDate %v %v, ParseDate %v %v", s, got, gerr, want, werr)
		}
	}
}

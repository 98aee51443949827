package data

import (
	"fmt"
	"sort"
	"time"
)

// Overview is what the first screen shows.
type Overview struct {
	Communities      int
	Compounds        int
	Orgs             int
	Members          int64 // Party members counted in the organisations without a parent
	ElectionsSoon    []Org // 换届 due within 90 days
	ElectionsOverdue []Org // 换届 overdue
}

// Overview counts the records and finds the organisations due for election on
// the day today. The organisations listed carry the fields StatsRecords reads.
func (s *Store) Overview(today time.Time) (Overview, error) {
	cs, xs, orgs, err := s.StatsRecords()
	if err != nil {
		return Overview{}, fmt.Errorf("无法统计记录：%w", err)
	}
	return OverviewOf(cs, xs, orgs, today), nil
}

// OverviewOf is the overview of the live records given (StatsRecords'), on the
// day today; each due list is by due date, the oldest first (a month-precise
// date counts as the month's last day, as ElectionState takes it), then by
// community name and name.
func OverviewOf(cs []Community, xs []Compound, orgs []Org, today time.Time) Overview {
	o := Overview{Communities: len(cs), Compounds: len(xs), Orgs: len(orgs)}
	// each state once, then the lists at their size: growing lists of
	// whole records cost more than the counting
	states := make([]string, len(orgs))
	var soon, overdue int
	for i, org := range orgs {
		if org.ParentID == nil {
			o.Members += org.Members.N
		}
		switch states[i] = org.ElectionState(today); states[i] {
		case ElectionSoon:
			soon++
		case ElectionOverdue:
			overdue++
		}
	}
	o.ElectionsSoon, o.ElectionsOverdue = make([]Org, 0, soon), make([]Org, 0, overdue)
	for i, st := range states {
		switch st {
		case ElectionSoon:
			o.ElectionsSoon = append(o.ElectionsSoon, orgs[i])
		case ElectionOverdue:
			o.ElectionsOverdue = append(o.ElectionsOverdue, orgs[i])
		}
	}
	for _, l := range [][]Org{o.ElectionsSoon, o.ElectionsOverdue} {
		sortByDue(l)
	}
	return o
}

// sortByDue orders organisations by their due date, the oldest first, then
// by community name and name.
func sortByDue(l []Org) {
	// sort small keys, then move each record once: swapping whole records
	// in the sort cost more than the rest of the overview
	type key struct {
		due        int64
		comm, name string
		i          int
	}
	keys := make([]key, len(l))
	for i, o := range l {
		keys[i] = key{dueDay(o.ElectionDue()).Unix(), o.CommunityName, o.Name, i}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		switch {
		case a.due != b.due:
			return a.due < b.due
		case a.comm != b.comm:
			return a.comm < b.comm
		case a.name != b.name:
			return a.name < b.name
		}
		return a.i < b.i // as before: stable
	})
	sorted := make([]Org, len(l))
	for n, k := range keys {
		sorted[n] = l[k.i]
	}
	copy(l, sorted)
}

// dueDay is the day a due date falls on: a month-precise one on the month's last day.
func dueDay(d Date) time.Time {
	t := d.Time()
	if d.MonthOnly() {
		t = t.AddDate(0, 1, -1)
	}
	return t
}

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
	for _, org := range orgs {
		if org.ParentID == nil {
			o.Members += org.Members.N
		}
		switch org.ElectionState(today) {
		case ElectionSoon:
			o.ElectionsSoon = append(o.ElectionsSoon, org)
		case ElectionOverdue:
			o.ElectionsOverdue = append(o.ElectionsOverdue, org)
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
	due := make(map[int64]time.Time, len(l))
	for _, o := range l {
		due[o.ID] = dueDay(o.ElectionDue())
	}
	sort.SliceStable(l, func(i, j int) bool {
		a, b := due[l[i].ID], due[l[j].ID]
		switch {
		case !a.Equal(b):
			return a.Before(b)
		case l[i].CommunityName != l[j].CommunityName:
			return l[i].CommunityName < l[j].CommunityName
		}
		return l[i].Name < l[j].Name
	})
}

// dueDay is the day a due date falls on: a month-precise one on the month's last day.
func dueDay(d Date) time.Time {
	t := d.Time()
	if d.MonthOnly() {
		t = t.AddDate(0, 1, -1)
	}
	return t
}

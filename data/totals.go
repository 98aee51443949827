package data

import (
	"fmt"
	"strconv"
	"time"
)

// SumCounts adds counts: the total is approximate when any of them is, and
// set when any of them is.
func SumCounts(cs ...Count) Count {
	var t Count
	for _, c := range cs {
		if !c.Set {
			continue
		}
		t.Set = true
		t.N += c.N
		t.Approx = t.Approx || c.Approx
	}
	return t
}

// TotalText is how a 合计 line shows a sum: "1500", or "约1500" when one of
// the counts added was approximate; "" when none was known.
func TotalText(c Count) string {
	switch {
	case !c.Set:
		return ""
	case c.Approx:
		return "约" + strconv.FormatInt(c.N, 10)
	}
	return strconv.FormatInt(c.N, 10)
}

// CommunityFigures is one line of 各社区概况: a community with the number of
// its compounds and organisations, the Party members of its top-level
// organisations, and its organisations due for or overdue with 换届.
type CommunityFigures struct {
	Community       Community
	Compounds, Orgs int
	Members         Count
	Overdue, Soon   int
}

// DueText says how many of the community's organisations are overdue or due soon.
func (f CommunityFigures) DueText() string {
	switch {
	case f.Overdue > 0 && f.Soon > 0:
		return fmt.Sprintf("%d 个逾期，%d 个将到期", f.Overdue, f.Soon)
	case f.Overdue > 0:
		return fmt.Sprintf("%d 个逾期", f.Overdue)
	case f.Soon > 0:
		return fmt.Sprintf("%d 个将到期", f.Soon)
	}
	return ""
}

// CommunityOverview counts, per community (in the list's order), its
// compounds, organisations, Party members and elections due on the day today.
func (s *Store) CommunityOverview(today time.Time) ([]CommunityFigures, error) {
	cs, err := s.Communities()
	if err != nil {
		return nil, err
	}
	xs, err := s.Compounds(0)
	if err != nil {
		return nil, err
	}
	orgs, err := s.Orgs(0)
	if err != nil {
		return nil, err
	}
	return CommunityFiguresOf(cs, xs, orgs, today), nil
}

// CommunityFiguresOf is 各社区概况 from the records themselves: per community,
// its compounds, organisations, the Party members of its top-level
// organisations (counted once) and its organisations overdue or due soon.
// The window's 概览 and the Excel export both use it.
func CommunityFiguresOf(cs []Community, xs []Compound, orgs []Org, today time.Time) []CommunityFigures {
	idx := map[int64]int{}
	rows := make([]CommunityFigures, len(cs))
	for i, c := range cs {
		rows[i].Community = c
		idx[c.ID] = i
	}
	for _, x := range xs {
		if i, ok := idx[x.CommunityID]; ok {
			rows[i].Compounds++
		}
	}
	for _, o := range orgs {
		i, ok := idx[o.CommunityID]
		if !ok {
			continue
		}
		r := &rows[i]
		r.Orgs++
		if o.ParentID == nil {
			r.Members = SumCounts(r.Members, o.Members)
		}
		switch o.ElectionState(today) {
		case ElectionOverdue:
			r.Overdue++
		case ElectionSoon:
			r.Soon++
		}
	}
	return rows
}

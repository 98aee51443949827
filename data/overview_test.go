package data

import (
	"testing"
	"time"
)

// 换届提醒 lists the organisations by due date, the oldest overdue first,
// whatever their community; a month-precise due date sorts as the month's
// last day; equal dates go by community name.
func TestOverviewDueListsByDueDate(t *testing.T) {
	org := func(id int64, community, name string, last Date) Org {
		return Org{ID: id, Name: name, CommunityName: community, LastElection: last, TermYears: 5}
	}
	orgs := []Org{
		org(1, "甲社区", "甲一支部", Date{2019, 5, 10}), // due 2024-05-10, overdue
		org(2, "乙社区", "乙一支部", Date{2019, 3, 0}),  // due 2024-03 (31st), overdue
		org(3, "丙社区", "丙一支部", Date{2019, 3, 20}), // due 2024-03-20, overdue
		org(4, "甲社区", "甲二支部", Date{2019, 8, 1}),  // due 2024-08-01, soon
		org(5, "丁社区", "丁一支部", Date{2019, 7, 1}),  // due 2024-07-01, soon
		org(6, "丙社区", "丙二支部", Date{2019, 5, 10}), // due 2024-05-10, overdue, 丙 before 甲
		org(7, "甲社区", "甲三支部", Date{2020, 1, 1}),  // due 2025, not listed
	}
	o := OverviewOf(nil, nil, orgs, time.Date(2024, 6, 1, 9, 0, 0, 0, time.Local))
	ids := func(l []Org) []int64 {
		var out []int64
		for _, x := range l {
			out = append(out, x.ID)
		}
		return out
	}
	check := func(what string, got []Org, want ...int64) {
		t.Helper()
		g := ids(got)
		if len(g) != len(want) {
			t.Fatalf("%s: %v, want %v", what, g, want)
		}
		for i := range want {
			if g[i] != want[i] {
				t.Fatalf("%s: %v, want %v", what, g, want)
			}
		}
	}
	check("overdue", o.ElectionsOverdue, 3, 2, 6, 1)
	check("soon", o.ElectionsSoon, 5, 4)
}

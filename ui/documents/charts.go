package documents

import (
	"fmt"
	"sort"

	"jiayuan/data"
	"jiayuan/reports"
)

// The charts of 概览 and of the statistics report, built from the figures:
// one model (reports.Chart) drawn by the window, the PDF and the PNG.

// ChartRows is how many communities a per-community chart shows at most.
const ChartRows = 20

// CommunityMetrics are the per-community charts: key of the figure and title.
var CommunityMetrics = []struct{ Key, Title, Unit string }{
	{"compounds", "各社区小区数", "个"},
	{"orgs", "各社区党组织数", "个"},
	{"members", "各社区党员人数", "人"},
	{"households", "各社区户数", "户"},
}

// CommunityChart is one figure per community as bars; byName sorts by name,
// else largest first. ids are the communities of the bars, top to bottom.
func CommunityChart(s data.Stats, key string, byName bool, limit int) (reports.Chart, []int64) {
	title, unit := key, ""
	for _, m := range CommunityMetrics {
		if m.Key == key {
			title, unit = m.Title, m.Unit
		}
	}
	rows := append([]data.StatsRow(nil), s.Rows...)
	if !byName {
		sort.SliceStable(rows, func(i, j int) bool { return s.Value(rows[i], key).N > s.Value(rows[j], key).N })
	}
	c := reports.Chart{Title: title, Unit: unit, Series: []reports.ChartSeries{{Name: title, Tone: reports.ToneAccent}}}
	var ids []int64
	for i, r := range rows {
		if i == limit {
			c.Note = fmt.Sprintf("共 %d 个社区，只列出前 %d 个。", len(rows), limit)
			break
		}
		c.Labels = append(c.Labels, r.Community)
		c.Series[0].Values = append(c.Series[0].Values, float64(s.Value(r, key).N))
		ids = append(ids, r.ID)
	}
	return c, ids
}

// ElectionChart stacks each community's overdue and soon-due elections, the
// communities with most overdue first (those with none left out).
func ElectionChart(s data.Stats, limit int) (reports.Chart, []int64) {
	var rows []data.StatsRow
	for _, r := range s.Rows {
		if s.Value(r, "overdue").N+s.Value(r, "soon").N > 0 {
			rows = append(rows, r)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		oi, oj := s.Value(rows[i], "overdue").N, s.Value(rows[j], "overdue").N
		if oi != oj {
			return oi > oj
		}
		return s.Value(rows[i], "soon").N > s.Value(rows[j], "soon").N
	})
	c := reports.Chart{Title: "各社区党组织换届情况", Unit: "个", Series: []reports.ChartSeries{
		{Name: "已逾期", Tone: reports.ToneDanger}, {Name: "90 天内到期", Tone: reports.ToneWarning}}}
	var ids []int64
	for i, r := range rows {
		if i == limit {
			c.Note = fmt.Sprintf("共 %d 个社区有逾期或将到期的换届，只列出前 %d 个。", len(rows), limit)
			break
		}
		c.Labels = append(c.Labels, r.Community)
		c.Series[0].Values = append(c.Series[0].Values, float64(s.Value(r, "overdue").N))
		c.Series[1].Values = append(c.Series[1].Values, float64(s.Value(r, "soon").N))
		ids = append(ids, r.ID)
	}
	if len(rows) == 0 {
		c.Note = "没有逾期或 90 天内到期的换届。"
	}
	return c, ids
}

// MonthChart is the elections due in each of the next 12 months.
func MonthChart(months []data.MonthCount) reports.Chart {
	c := reports.Chart{Title: "今后 12 个月应换届的党组织", Unit: "个",
		Series: []reports.ChartSeries{{Name: "应换届", Tone: reports.ToneNeutral}}}
	for _, m := range months {
		c.Labels = append(c.Labels, fmt.Sprintf("%d年%d月", m.Year, m.Month))
		c.Series[0].Values = append(c.Series[0].Values, float64(m.N))
	}
	return c
}

// NominationChart counts a round's nominations by state (bars, the states
// present, in their order) and category (stacked series).
func NominationChart(r data.Round, noms []data.Nomination) (reports.Chart, []data.State) {
	c := reports.Chart{Title: fmt.Sprintf("%d年度%s申报情况", r.Year, r.Title), Unit: "个"}
	count := map[data.State]map[int64]int{}
	for _, n := range noms {
		if count[n.State] == nil {
			count[n.State] = map[int64]int{}
		}
		count[n.State][n.CategoryID]++
	}
	var states []data.State
	for _, st := range data.States {
		if count[st] != nil {
			states = append(states, st)
			c.Labels = append(c.Labels, st.Label())
		}
	}
	for i, cat := range r.Categories {
		s := reports.ChartSeries{Name: cat.Name, Tone: reports.SeriesTone(i)}
		for _, st := range states {
			s.Values = append(s.Values, float64(count[st][cat.ID]))
		}
		c.Series = append(c.Series, s)
	}
	return c, states
}

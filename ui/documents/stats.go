package documents

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"jiayuan/data"
	"jiayuan/data/sheet"
	"jiayuan/reports"
)

// Today names today's figures in a comparison.
const Today = "今天"

// StatsOf is the report of the snapshot name, or of today when name is ""
// (or 今天), with how the report names it.
func StatsOf(st *data.Store, name string) (data.Stats, string, error) {
	if name == "" || name == Today {
		s, err := st.Stats(st.Now())
		return s, Today, err
	}
	s, y, err := st.YearlyStats(name)
	if err != nil {
		return s, "", err
	}
	return s, y.Name, nil
}

// Compare compares the snapshot older with newer ("" or 今天: today's figures).
func Compare(st *data.Store, older, newer string) (data.Comparison, error) {
	a, an, err := StatsOf(st, older)
	if err != nil {
		return data.Comparison{}, err
	}
	b, bn, err := StatsOf(st, newer)
	if err != nil {
		return data.Comparison{}, err
	}
	return data.CompareStats(an, a, bn, b), nil
}

func officeTitle(office, what string) string {
	if office == "" {
		return what
	}
	return office + what
}

func dateLabel(d data.Date) string {
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

// StatsTitle is the report's heading: 华阳街道统计报表.
func StatsTitle(s data.Stats) string { return officeTitle(s.Office, "统计报表") }

// StatsReport builds the printed report: one table per column group (社区
// and the group's columns, the 合计 last) and the charts.
func StatsReport(s data.Stats, label string) reports.StatsReport {
	r := reports.StatsReport{Title: StatsTitle(s), Subtitle: "报表日期：" + dateLabel(s.Date)}
	if label != "" && label != Today {
		r.Subtitle = fmt.Sprintf("年度快照“%s”，%s", label, r.Subtitle)
	}
	cols := data.StatsColumns()
	for _, g := range []string{data.GroupPlaces, data.GroupParty} {
		t := reports.StatsTable{Title: g, Columns: []reports.TableColumn{{Title: "社区"}}}
		var idx []int
		for i, c := range cols {
			if c.Group == g {
				idx = append(idx, i)
				t.Columns = append(t.Columns, reports.TableColumn{Title: c.Title, Align: reports.CellRight})
			}
		}
		for _, row := range append(append([]data.StatsRow{}, s.Rows...), s.Total) {
			cells := []string{row.Community}
			for _, i := range idx {
				cells = append(cells, s.Value(row, cols[i].Key).String())
			}
			t.Rows = append(t.Rows, reports.TableRow{Record: "社区“" + row.Community + "”", Cells: cells})
		}
		r.Tables = append(r.Tables, t)
	}
	for _, m := range CommunityMetrics[:3] {
		c, _ := CommunityChart(s, m.Key, false, ChartRows)
		r.Charts = append(r.Charts, c)
	}
	ec, _ := ElectionChart(s, ChartRows)
	r.Charts = append(r.Charts, ec)
	r.Notes = []string{"带“余”的数字是约数：按已知的数字相加，合计也标为约数。党员人数只计没有上级组织的党组织（下级的已含在上级中）。",
		"换届逾期、90天内换届按报表日期计算；只写到月份的换届日期按该月最后一天算。"}
	return r
}

// ComparisonReport prints a comparison: the 合计's every figure, then for
// each community the figures that changed (the Excel file has them all).
func ComparisonReport(c data.Comparison) reports.StatsReport {
	r := reports.StatsReport{Title: officeTitle(c.B.Office, "年度对比"),
		Subtitle: fmt.Sprintf("“%s”（%s）与“%s”（%s）", c.AName, dateLabel(c.A.Date), c.BName, dateLabel(c.B.Date))}
	t := reports.StatsTable{TotalLeading: len(c.Columns), Columns: []reports.TableColumn{{Title: "社区"}, {Title: "指标"},
		{Title: c.AName, Align: reports.CellRight}, {Title: c.BName, Align: reports.CellRight}, {Title: "变化", Align: reports.CellRight}}}
	for ri, row := range c.Rows {
		name := compareName(row)
		for i, col := range c.Columns {
			if ri > 0 && row.A[i] == row.B[i] {
				continue
			}
			t.Rows = append(t.Rows, reports.TableRow{Record: "社区“" + row.Community + "”",
				Cells: []string{name, col.Title, row.A[i].String(), row.B[i].String(), signed(row.Change(i))}})
		}
	}
	r.Tables = []reports.StatsTable{t}
	r.Notes = []string{"合计列出全部指标；各社区只列出有变化的指标（Excel 文件中列出全部）。变化为后者减前者；带“余”的是约数。"}
	return r
}

func compareName(r data.ComparedRow) string {
	switch {
	case !r.InA:
		return r.Community + "（新增）"
	case !r.InB:
		return r.Community + "（已不在）"
	}
	return r.Community
}

func signed(n int64) string {
	if n > 0 {
		return fmt.Sprintf("+%d", n)
	}
	return fmt.Sprint(n)
}

// WriteStats writes the report (compare "") or the comparison of compare
// with yearly (both names of snapshots, "" for today) to path, .xlsx or .pdf,
// through the one output writer.
func WriteStats(st *data.Store, path, yearly, compare string) (int64, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".xlsx" && ext != ".pdf" {
		return 0, fmt.Errorf("文件名“%s”应以 .xlsx 或 .pdf 结尾", filepath.Base(path))
	}
	var gen func(w io.Writer) error
	if compare != "" {
		c, err := Compare(st, compare, yearly)
		if err != nil {
			return 0, err
		}
		gen = func(w io.Writer) error { return ComparisonTo(st, w, ext, c) }
	} else {
		s, label, err := StatsOf(st, yearly)
		if err != nil {
			return 0, err
		}
		gen = func(w io.Writer) error { return StatsTo(st, w, ext, s, label) }
	}
	return WriteFile(st.Dir(), path, gen)
}

// StatsTo writes the report as ext (.xlsx or .pdf) to w.
func StatsTo(st *data.Store, w io.Writer, ext string, s data.Stats, label string) error {
	r := StatsReport(s, label)
	if ext == ".xlsx" {
		return sheet.WriteStats(w, r.Title+"（"+r.Subtitle+"）", s)
	}
	_, f, err := settingsFonts(st)
	if err != nil {
		return err
	}
	r.Date = today(st)
	return reports.StatsPDF(w, r, f)
}

// ComparisonTo writes the comparison as ext (.xlsx or .pdf) to w.
func ComparisonTo(st *data.Store, w io.Writer, ext string, c data.Comparison) error {
	r := ComparisonReport(c)
	if ext == ".xlsx" {
		return sheet.WriteComparison(w, r.Title+"（"+r.Subtitle+"）", c)
	}
	_, f, err := settingsFonts(st)
	if err != nil {
		return err
	}
	r.Date = today(st)
	return reports.StatsPDF(w, r, f)
}

// ErrNoChart is returned when a chart has no bars to save.
var ErrNoChart = errors.New("图表中没有数据，无法保存")

// WriteChartPNG saves a chart as PNG (1600×900 for slides) through the one
// output writer.
func WriteChartPNG(dataDir, path string, c reports.Chart) (int64, error) {
	if len(c.Labels) == 0 {
		return 0, ErrNoChart
	}
	return WriteFile(dataDir, path, func(w io.Writer) error { return reports.ChartPNG(w, c, 1600, 900) })
}

package reports

import (
	"fmt"
	"io"
	"time"
)

// StatsReport is the statistics report (统计报表) or a comparison of two, as
// plain data: A4 landscape, its tables (the 合计 rows in 黑体 on grey), then its charts, then the notes.
type StatsReport struct {
	Title    string // 华阳街道统计报表
	Subtitle string // 报表日期：2026年11月26日
	Tables   []StatsTable
	Charts   []Chart
	Notes    []string
	Date     time.Time // printing date, under the title
}

// StatsTable is one ruled table of the report.
type StatsTable struct {
	Title        string // 社区与小区
	Columns      []TableColumn
	Rows         []TableRow
	TotalLeading int // the first TotalLeading rows are the 合计 (a comparison); with 0 the last row is
}

// StatsPDF writes the report.
func StatsPDF(w io.Writer, r StatsReport, f *Fonts) error {
	fs, err := newFontSet(f)
	if err != nil {
		return err
	}
	fl := newFlow(fs, A4Landscape, "报表“"+r.Title+"”")
	fl.limit = A4Landscape.H - flowMargin - 6
	sub := r.Subtitle
	if !r.Date.IsZero() {
		sub += "　打印日期：" + FormatDateStyle(r.Date, 0)
	}
	if err := fs.gather(func() error { return checkStats(fl, r, sub) }); err != nil {
		return err
	}
	fl.running = r.Title
	if err := fl.title(r.Title, sub); err != nil {
		return err
	}
	for _, t := range r.Tables {
		if err := fl.statsTable(t); err != nil {
			return err
		}
	}
	for _, c := range r.Charts {
		h := 30 + 5.5*float64(len(c.Labels))
		if h > 150 {
			h = 150
		}
		if err := fl.chart(c, h); err != nil {
			return err
		}
	}
	if err := fl.notes(2, r.Notes); err != nil {
		return err
	}
	return fl.render(w, r.Title)
}

// checkStats goes through every text of the report before anything is laid
// out, so that one message names every record and character no font has.
func checkStats(fl *flow, r StatsReport, sub string) error {
	if err := fl.checkDoc(r.Title, sub, r.Notes); err != nil {
		return err
	}
	for _, t := range r.Tables {
		rec := fl.record
		if t.Title != "" {
			rec = "表“" + t.Title + "”"
		}
		if err := fl.fs.check(rec, "标题", t.Title, RoleHei); err != nil {
			return err
		}
		for _, c := range t.Columns {
			if err := fl.fs.check(rec, "列名", c.Title, RoleHei); err != nil {
				return err
			}
		}
		for i, row := range t.Rows {
			rrec := row.Record
			if rrec == "" {
				rrec = fmt.Sprintf("%s第%d行", rec, i+1)
			}
			role := RoleBody
			if i < t.TotalLeading || (t.TotalLeading == 0 && i == len(t.Rows)-1) {
				role = RoleHei
			}
			for j, c := range row.Cells {
				field := fmt.Sprintf("第%d列", j+1)
				if j < len(t.Columns) {
					field = t.Columns[j].Title
				}
				if err := fl.fs.check(rrec, field, c, role); err != nil {
					return err
				}
			}
		}
	}
	for _, c := range r.Charts {
		if err := checkChart(fl.fs, c); err != nil {
			return err
		}
	}
	return nil
}

// statsTable prints one table with its heading; numbers right-aligned.
func (f *flow) statsTable(t StatsTable) error {
	// Its texts were checked by checkStats, each in the role it prints in.
	rt := RecordTable{Title: t.Title, Columns: t.Columns, Rows: t.Rows}
	size := 9.0
	if len(t.Columns) > 12 {
		size = 8.0
	}
	ws, err := f.autoWidths(rt, size)
	if err != nil {
		return err
	}
	if f.room() < 30 {
		f.newPage()
	}
	if t.Title != "" {
		if err := f.text([]span{{t.Title, RoleHei}}, 11, 0, 1.6, alignLeft); err != nil {
			return err
		}
	}
	head := frow{shade: true, minH: 8}
	for i, c := range t.Columns {
		head.cells = append(head.cells, fcell{text: c.Title, role: RoleHei, size: size, a: alignCenter, w: ws[i]})
	}
	if err := f.startTable(head); err != nil {
		return err
	}
	for i, r := range t.Rows {
		total := i < t.TotalLeading || (t.TotalLeading == 0 && i == len(t.Rows)-1)
		row := frow{minH: 6.5, shade: total}
		for j, col := range t.Columns {
			s := ""
			if j < len(r.Cells) {
				s = r.Cells[j]
			}
			role := RoleBody
			if total {
				role = RoleHei
			}
			row.cells = append(row.cells, fcell{text: s, role: role, size: size, a: col.Align.align(), w: ws[j]})
		}
		if err := f.row(row); err != nil {
			return fmt.Errorf("%s：%w", r.Record, err)
		}
	}
	f.head = nil
	f.y += 5
	return nil
}

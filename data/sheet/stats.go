package sheet

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

// The statistics report and a comparison of two as .xlsx: numbers are
// numbers (an approximate one shows "余" through its number format and stays
// a number), the 合计 row holds values, not formulas, and a second sheet
// (说明) defines every column.

// Sheet names of the statistics workbooks.
const (
	StatsSheet   = "统计报表"
	CompareSheet = "年度对比"
	NotesSheet   = "说明"
)

type statsStyles struct {
	head, title, num, approx, total, totalApprox int
}

func newStatsStyles(f *excelize.File) (statsStyles, error) {
	var s statsStyles
	approxFmt := `0"余"`
	border := []excelize.Border{{Type: "top", Color: "808080", Style: 1}}
	specs := []struct {
		dst *int
		st  excelize.Style
	}{
		{&s.head, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.num, excelize.Style{NumFmt: 1}},
		{&s.approx, excelize.Style{CustomNumFmt: &approxFmt}},
		{&s.total, excelize.Style{NumFmt: 1, Font: &excelize.Font{Bold: true}, Border: border}},
		{&s.totalApprox, excelize.Style{CustomNumFmt: &approxFmt, Font: &excelize.Font{Bold: true}, Border: border}},
	}
	for _, sp := range specs {
		id, err := f.NewStyle(&sp.st)
		if err != nil {
			return s, fmt.Errorf("无法建立样式：%w", err)
		}
		*sp.dst = id
	}
	return s, nil
}

func (s statsStyles) of(fig data.Figure, total bool) int {
	switch {
	case total && fig.Approx:
		return s.totalApprox
	case total:
		return s.total
	case fig.Approx:
		return s.approx
	}
	return s.num
}

// setFigure writes a figure as a number with its style.
func setFigure(f *excelize.File, sheet string, col, row int, fig data.Figure, style int) error {
	cell, _ := excelize.CoordinatesToCellName(col, row)
	if err := f.SetCellValue(sheet, cell, fig.N); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, style)
}

// WriteStats writes the report: row 1 the title, row 2 the column titles,
// then one row per community and the 合计 row.
func WriteStats(w io.Writer, title string, s data.Stats) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStatsStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", StatsSheet); err != nil {
		return fmt.Errorf("无法建立工作表：%w", err)
	}
	cols := columnsByKey(s.Keys)
	f.SetCellValue(StatsSheet, "A1", title)
	f.SetCellStyle(StatsSheet, "A1", "A1", st.title)
	f.SetCellValue(StatsSheet, "A2", "社区")
	for i, c := range cols {
		cell, _ := excelize.CoordinatesToCellName(i+2, 2)
		f.SetCellValue(StatsSheet, cell, c.Title)
	}
	end, _ := excelize.CoordinatesToCellName(len(cols)+1, 2)
	f.SetCellStyle(StatsSheet, "A2", end, st.head)
	rows := append(append([]data.StatsRow{}, s.Rows...), s.Total)
	for i, r := range rows {
		total := i == len(rows)-1
		f.SetCellValue(StatsSheet, fmt.Sprintf("A%d", i+3), r.Community)
		for j, fig := range r.Values {
			if err := setFigure(f, StatsSheet, j+2, i+3, fig, st.of(fig, total)); err != nil {
				return fmt.Errorf("无法写入“%s”一行：%w", r.Community, err)
			}
		}
	}
	f.SetColWidth(StatsSheet, "A", "A", 18)
	last, _ := excelize.ColumnNumberToName(len(cols) + 1)
	f.SetColWidth(StatsSheet, "B", last, 10)
	f.SetPanes(StatsSheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 2, TopLeftCell: "B3", ActivePane: "bottomRight"})
	if err := writeStatsNotes(f, st, cols, s); err != nil {
		return err
	}
	return writeStatsBook(f, w)
}

// columnsByKey gives the columns of the keys, in their order.
func columnsByKey(keys []string) []data.StatsColumn {
	all := map[string]data.StatsColumn{}
	for _, c := range data.StatsColumns() {
		all[c.Key] = c
	}
	out := make([]data.StatsColumn, len(keys))
	for i, k := range keys {
		c, ok := all[k]
		if !ok {
			c = data.StatsColumn{Key: k, Title: k}
		}
		out[i] = c
	}
	return out
}

// writeStatsNotes adds the 说明 sheet: every column's definition, and how
// approximate and missing counts were treated.
func writeStatsNotes(f *excelize.File, st statsStyles, cols []data.StatsColumn, s data.Stats) error {
	if _, err := f.NewSheet(NotesSheet); err != nil {
		return fmt.Errorf("无法建立工作表：%w", err)
	}
	f.SetSheetRow(NotesSheet, "A1", &[]any{"列名", "含义"})
	f.SetCellStyle(NotesSheet, "A1", "B1", st.head)
	row := 2
	for _, c := range cols {
		f.SetSheetRow(NotesSheet, fmt.Sprintf("A%d", row), &[]any{c.Title, c.Definition})
		row++
	}
	f.SetSheetRow(NotesSheet, fmt.Sprintf("A%d", row), &[]any{"合计", "各社区一行的数字之和（数值，不是公式）。"})
	row++
	f.SetSheetRow(NotesSheet, fmt.Sprintf("A%d", row), &[]any{"约数", "显示为“…余”的单元格是约数：数值为已知部分之和，格式标注“余”。"})
	row++
	for i, c := range cols {
		if m := s.Total.Values[i].Missing; m > 0 {
			f.SetSheetRow(NotesSheet, fmt.Sprintf("A%d", row), &[]any{c.Title, fmt.Sprintf("有 %d 条记录未填，未计入。", m)})
			row++
		}
	}
	f.SetColWidth(NotesSheet, "A", "A", 16)
	f.SetColWidth(NotesSheet, "B", "B", 90)
	return nil
}

func writeStatsBook(f *excelize.File, w io.Writer) error {
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("无法写出 Excel 文件：%w", err)
	}
	return nil
}

// WriteComparison writes a comparison: per community and figure, A, B and
// the change, the 合计 first.
func WriteComparison(w io.Writer, title string, c data.Comparison) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStatsStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", CompareSheet); err != nil {
		return fmt.Errorf("无法建立工作表：%w", err)
	}
	f.SetCellValue(CompareSheet, "A1", title)
	f.SetCellStyle(CompareSheet, "A1", "A1", st.title)
	f.SetSheetRow(CompareSheet, "A2", &[]any{"社区", "指标", c.AName, c.BName, "变化"})
	f.SetCellStyle(CompareSheet, "A2", "E2", st.head)
	row := 3
	for ri, r := range c.Rows {
		name := r.Community
		switch {
		case !r.InA:
			name += "（新增）"
		case !r.InB:
			name += "（已不在）"
		}
		for i, col := range c.Columns {
			total := ri == 0
			f.SetSheetRow(CompareSheet, fmt.Sprintf("A%d", row), &[]any{name, col.Title})
			if err := setFigure(f, CompareSheet, 3, row, r.A[i], st.of(r.A[i], total)); err != nil {
				return err
			}
			if err := setFigure(f, CompareSheet, 4, row, r.B[i], st.of(r.B[i], total)); err != nil {
				return err
			}
			if err := setFigure(f, CompareSheet, 5, row, data.Figure{N: r.Change(i)}, st.of(data.Figure{}, total)); err != nil {
				return err
			}
			row++
		}
	}
	f.SetColWidth(CompareSheet, "A", "B", 18)
	f.SetColWidth(CompareSheet, "C", "E", 16)
	f.SetPanes(CompareSheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
	if err := writeStatsNotes(f, st, c.Columns, data.Stats{Total: data.StatsRow{Values: make([]data.Figure, len(c.Columns))}}); err != nil {
		return err
	}
	f.SetSheetRow(NotesSheet, fmt.Sprintf("A%d", len(c.Columns)+4), &[]any{"变化", fmt.Sprintf("“%s”减去“%s”。", c.BName, c.AName)})
	return writeStatsBook(f, w)
}

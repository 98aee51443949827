package sheet

// Exports of the lists that are not records: 各社区概况, the audit trail,
// a round's objection register and the recycle bin. They go through the same
// writer as the record lists (header style, frozen first row, text cells,
// widths from the values, a temporary file renamed into place).

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

// TotalLabel is the first cell of a 合计 line.
const TotalLabel = "合计"

// writeList writes one sheet named name with headers and rows to path. A
// string is written as text; a row whose first cell is TotalLabel is bold.
func writeList(path, name string, headers []string, rows [][]any) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	bold, text, err := newBookStyles(f, name)
	if err != nil {
		return err
	}
	total, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Border: []excelize.Border{{Type: "top", Color: "808080", Style: 1}}})
	if err != nil {
		return fmt.Errorf("无法建立样式：%w", err)
	}
	widths := make([]int, len(headers))
	for j, h := range headers {
		widths[j] = displayWidth(h) + 2
	}
	values := make([][]any, len(rows))
	for i, r := range rows {
		style := text
		if len(r) > 0 && r[0] == TotalLabel {
			style = total
		}
		vals := make([]any, len(r))
		for j, x := range r {
			if x == nil || x == "" {
				continue
			}
			if w := displayWidth(fmt.Sprint(x)); j < len(widths) && w+2 > widths[j] {
				widths[j] = w + 2
			}
			switch s, ok := x.(string); {
			case ok:
				vals[j] = excelize.Cell{StyleID: style, Value: s}
			case style == total:
				vals[j] = excelize.Cell{StyleID: total, Value: x}
			default:
				vals[j] = x
			}
		}
		values[i] = vals
	}
	for j := range widths {
		widths[j] = min(max(widths[j], 8), 60)
	}
	if err := writeTable(f, name, headers, values, widths, bold); err != nil {
		return err
	}
	return data.WriteFileAtomic(path, func(w io.Writer) error { return f.Write(w) })
}

// countCell is a count as a cell: its number when exact, its text (14万余)
// when approximate, nil when unknown.
func countCell(c data.Count) any {
	switch {
	case !c.Set:
		return nil
	case c.Approx:
		return c.String()
	}
	return c.N
}

// totalCell is a 合计 cell: the sum as a number when exact, "约N" when one of
// the counts was approximate.
func totalCell(c data.Count) any {
	if c.Set && !c.Approx {
		return c.N
	}
	if t := data.TotalText(c); t != "" {
		return t
	}
	return nil
}

// OverviewHeaders are the columns of 各社区概况.
var OverviewHeaders = []string{"社区", "党组织书记", "户数", "服务人口", "小区", "党组织", "党员", "换届提醒"}

// ExportOverview writes 各社区概况 with a 合计 line: households, population
// and members are summed (约 when one of them is approximate); compounds and
// organisations are counted.
func ExportOverview(path string, rows []data.CommunityFigures) error {
	out := make([][]any, 0, len(rows)+1)
	var hh, pop, mem data.Count
	var xs, os int
	for _, r := range rows {
		out = append(out, []any{r.Community.Name, r.Community.Secretary, countCell(r.Community.Households),
			countCell(r.Community.Population), r.Compounds, r.Orgs, countCell(r.Members), r.DueText()})
		hh = data.SumCounts(hh, r.Community.Households)
		pop = data.SumCounts(pop, r.Community.Population)
		mem = data.SumCounts(mem, r.Members)
		xs += r.Compounds
		os += r.Orgs
	}
	out = append(out, []any{TotalLabel, fmt.Sprintf("%d 个社区", len(rows)), totalCell(hh), totalCell(pop),
		xs, os, totalCell(mem), approxNote(hh, pop, mem)})
	return writeList(path, "各社区概况", OverviewHeaders, out)
}

// approxNote explains a 合计 line that holds an approximate sum.
func approxNote(cs ...data.Count) string {
	for _, c := range cs {
		if c.Set && c.Approx {
			return "带“约”的合计含估计数"
		}
	}
	return ""
}

// AuditHeaders are the columns of the audit trail's export.
var AuditHeaders = []string{"时间", "操作人", "类别", "记录", "操作", "改动", "原因"}

// ExportAudit writes audit rows (as AuditLog lists them, filtered by date,
// operator or record).
func ExportAudit(path string, rows []data.AuditEntry) error {
	out := make([][]any, len(rows))
	for i, e := range rows {
		reason := e.Reason
		e.Reason = "" // Summary would repeat it
		out[i] = []any{e.At, e.Operator, data.EntityLabel(e.Entity), e.Record, data.ActionLabel(e.Action),
			e.Summary(), reason}
	}
	return writeList(path, "操作记录", AuditHeaders, out)
}

// ObjectionHeaders are the columns of the objection register.
var ObjectionHeaders = []string{"序号", "异议对象", "收到日期", "方式", "来源", "署名", "异议内容", "核查情况",
	"核查结论", "办结日期", "逾期受理", "逾期受理理由"}

// ExportObjections writes a round's objection register in the order given.
func ExportObjections(path string, rows []data.Objection) error {
	out := make([][]any, len(rows))
	for i, o := range rows {
		late := "否"
		if o.Late {
			late = "是"
		}
		out[i] = []any{i + 1, o.NomineeName, o.Received.String(), o.Channel, o.FromKind, o.FromName, o.Content,
			o.CheckNotes, data.OutcomeLabel(o.Outcome), o.OutcomeDate.String(), late, o.LateReason}
	}
	return writeList(path, "异议登记", ObjectionHeaders, out)
}

// RecycleHeaders are the columns of the recycle bin's export.
var RecycleHeaders = []string{"类别", "名称", "所属社区", "删除时间"}

// ExportRecycle writes the recycle bin's list.
func ExportRecycle(path string, rows []data.Deleted) error {
	out := make([][]any, len(rows))
	for i, d := range rows {
		out[i] = []any{data.EntityLabel(d.Entity), d.Name, d.Parent, d.DeletedAt}
	}
	return writeList(path, "回收站", RecycleHeaders, out)
}

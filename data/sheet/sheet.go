// Package sheet exports the lists of communities, compounds and Party
// organisations to .xlsx files, writes blank templates, and imports .xlsx
// files back: columns are matched by their Chinese headers, every row is
// checked before anything is written, and the whole file goes in one
// transaction or not at all.
package sheet

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

// Kind is a list that can be exported and imported.
type Kind string

// The lists.
const (
	Communities Kind = "communities"
	Compounds   Kind = "compounds"
	Orgs        Kind = "orgs"
)

// Kinds lists every kind, in the order of the window's navigation.
var Kinds = []Kind{Communities, Compounds, Orgs}

// ParseKind reads a kind from its English name (communities, compounds,
// orgs) or its Chinese label (社区, 小区, 党组织).
func ParseKind(s string) (Kind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, k := range Kinds {
		if s == string(k) || s == k.Label() {
			return k, nil
		}
	}
	return "", fmt.Errorf("没有“%s”这种名单，可选 communities（社区）、compounds（小区）、orgs（党组织）", s)
}

// Label is the Chinese name of the list: 社区, 小区 or 党组织.
func (k Kind) Label() string {
	switch k {
	case Communities:
		return "社区"
	case Compounds:
		return "小区"
	case Orgs:
		return "党组织"
	}
	return string(k)
}

// UUIDHeader is the header of the last column of an export.
const UUIDHeader = "UUID"

// column is one exported and importable field of a record.
type column struct {
	header string
	field  string // the struct field's name
	index  int    // the struct field's index
	typ    reflect.Type
}

var (
	typeDate  = reflect.TypeOf(data.Date{})
	typeCount = reflect.TypeOf(data.Count{})
	typeBool  = reflect.TypeOf(false)
)

// columnsOf lists the fields of a record type that carry a zh tag, in struct order.
func columnsOf(t reflect.Type) []column {
	var out []column
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		h := f.Tag.Get("zh")
		if h == "" || h == "-" {
			continue
		}
		out = append(out, column{header: h, field: f.Name, index: i, typ: f.Type})
	}
	return out
}

var kindColumns = map[Kind][]column{
	Communities: columnsOf(reflect.TypeOf(data.Community{})),
	Compounds:   columnsOf(reflect.TypeOf(data.Compound{})),
	Orgs:        columnsOf(reflect.TypeOf(data.Org{})),
}

// required lists the columns a file must have.
var required = map[Kind][]string{
	Communities: {"Name"},
	Compounds:   {"CommunityName", "Name"},
	Orgs:        {"Name", "Kind", "CommunityName"},
}

// Headers lists the column headers of a kind, UUID last.
func Headers(k Kind) []string {
	var out []string
	for _, c := range kindColumns[k] {
		out = append(out, c.header)
	}
	return append(out, UUIDHeader)
}

// cellValue is what an export writes for a field: a string (always written as
// text, never as a formula), a number, or nil for an empty cell.
func cellValue(v reflect.Value) any {
	switch x := v.Interface().(type) {
	case string:
		if x == "" {
			return nil
		}
		return x
	case data.Date:
		if x.IsZero() {
			return nil
		}
		return x.String()
	case data.Count:
		switch {
		case !x.Set:
			return nil
		case x.Approx:
			return x.String()
		}
		return x.N
	case int:
		if x == 0 {
			return nil
		}
		return x
	case bool:
		if x {
			return "是"
		}
		return "否"
	}
	return fmt.Sprint(v.Interface())
}

// ExportCommunities writes communities to an .xlsx file.
func ExportCommunities(path string, rows []data.Community) error {
	return export(path, Communities, len(rows), func(i int) (reflect.Value, string) {
		return reflect.ValueOf(rows[i]), rows[i].UUID
	})
}

// ExportCompounds writes compounds to an .xlsx file; 所属社区 is the community's name.
func ExportCompounds(path string, rows []data.Compound) error {
	return export(path, Compounds, len(rows), func(i int) (reflect.Value, string) {
		return reflect.ValueOf(rows[i]), rows[i].UUID
	})
}

// ExportOrgs writes Party organisations to an .xlsx file; 所属社区, 所在小区
// and 上级组织 are names.
func ExportOrgs(path string, rows []data.Org) error {
	rows = parentsFirst(rows)
	return export(path, Orgs, len(rows), func(i int) (reflect.Value, string) {
		return reflect.ValueOf(rows[i]), rows[i].UUID
	})
}

// parentsFirst orders organisations so that each comes after its parent when
// the parent is in the list, otherwise keeping their order; a file so ordered
// imports into an empty store.
func parentsFirst(rows []data.Org) []data.Org {
	index := make(map[int64]int, len(rows))
	for i, o := range rows {
		index[o.ID] = i
	}
	children := make(map[int]([]int), len(rows))
	var roots []int
	for i, o := range rows {
		if o.ParentID != nil {
			if p, ok := index[*o.ParentID]; ok && p != i {
				children[p] = append(children[p], i)
				continue
			}
		}
		roots = append(roots, i)
	}
	out := make([]data.Org, 0, len(rows))
	done := make([]bool, len(rows))
	var visit func(i int)
	visit = func(i int) {
		if done[i] {
			return
		}
		done[i] = true
		out = append(out, rows[i])
		for _, c := range children[i] {
			visit(c)
		}
	}
	for _, i := range roots {
		visit(i)
	}
	for i := range rows { // members of a cycle, should the data have one
		visit(i)
	}
	return out
}

// Template writes a blank sheet with the headers of kind, and a second sheet
// that explains how to fill it in.
func Template(kind Kind, path string) error {
	if _, ok := kindColumns[kind]; !ok {
		return fmt.Errorf("没有“%s”这种名单", kind)
	}
	return export(path, kind, 0, nil)
}

// displayWidth estimates a text's width in Excel's character units: two for
// a Chinese character, one for others.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		if r == '\n' {
			continue
		}
		if r >= 0x1100 && utf8.RuneLen(r) > 1 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func export(path string, kind Kind, n int, row func(i int) (reflect.Value, string)) (err error) {
	cols := kindColumns[kind]
	headers := Headers(kind)
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	name := kind.Label()
	bold, text, err := newBookStyles(f, name)
	if err != nil {
		return err
	}

	// Widths from the header and the values.
	widths := make([]int, len(headers))
	for j, h := range headers {
		widths[j] = displayWidth(h) + 2
	}
	values := make([][]any, n)
	for i := 0; i < n; i++ {
		v, uuid := row(i)
		vals := make([]any, len(headers))
		for j, c := range cols {
			x := cellValue(v.Field(c.index))
			if s, ok := x.(string); ok {
				x = excelize.Cell{StyleID: text, Value: s}
				if w := displayWidth(s); w+2 > widths[j] {
					widths[j] = w + 2
				}
			} else if x != nil {
				if w := displayWidth(fmt.Sprint(x)); w+2 > widths[j] {
					widths[j] = w + 2
				}
			}
			vals[j] = x
		}
		vals[len(cols)] = excelize.Cell{StyleID: text, Value: uuid}
		values[i] = vals
	}
	if n > 0 {
		values = append(values, totalRow(cols, len(headers), n, row, text))
	}
	for j := range widths {
		switch {
		case widths[j] < 8:
			widths[j] = 8
		case widths[j] > 50:
			widths[j] = 50
		}
		if headers[j] == UUIDHeader {
			widths[j] = 38
		}
	}
	write := writeTable
	if row == nil {
		write = writeHeaderOnly // validations need the sheet kept in memory, not streamed
	}
	if err := write(f, name, headers, values, widths, bold); err != nil {
		return err
	}
	if row == nil {
		if err := addValidations(f, name, kind); err != nil {
			return err
		}
		if err := writeInstructions(f, kind); err != nil {
			return err
		}
	}
	// Through a temporary file renamed into place: a failed write leaves no
	// empty or half sheet, and a link at path is replaced, not written through.
	// The caller has checked path against the data folder (data.CheckOutputPath).
	return data.WriteFileAtomic(path, func(w io.Writer) error { return f.Write(w) })
}

// totalRow is the 合计 line of a list: TotalLabel in the first column and,
// under each column that counts something (data.Count), the sum of the rows,
// a number, or "约N" when a count added was approximate. A Party
// organisation's members are counted once: only organisations without a
// parent are added, as on the printed roster.
func totalRow(cols []column, width, n int, row func(i int) (reflect.Value, string), text int) []any {
	vals := make([]any, width)
	vals[0] = excelize.Cell{StyleID: text, Value: TotalLabel}
	for j, c := range cols {
		var counts []data.Count
		for i := 0; i < n; i++ {
			v, _ := row(i)
			cnt, ok := v.Field(c.index).Interface().(data.Count)
			if !ok {
				break
			}
			if p := v.FieldByName("ParentID"); p.IsValid() && !p.IsNil() && v.Type().Field(c.index).Name == "Members" {
				continue
			}
			counts = append(counts, cnt)
		}
		if len(counts) == 0 || j == 0 {
			continue
		}
		switch t := data.SumCounts(counts...); {
		case !t.Set:
		case t.Approx:
			vals[j] = excelize.Cell{StyleID: text, Value: data.TotalText(t)}
		default:
			vals[j] = t.N
		}
	}
	return vals
}

// newBookStyles names the first sheet and makes the header style and the text style.
func newBookStyles(f *excelize.File, name string) (bold, text int, err error) {
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return 0, 0, fmt.Errorf("无法建立工作表：%w", err)
	}
	bold, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
	})
	if err != nil {
		return 0, 0, fmt.Errorf("无法建立样式：%w", err)
	}
	text, err = f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text, so typed values stay as typed
	if err != nil {
		return 0, 0, fmt.Errorf("无法建立样式：%w", err)
	}
	return bold, text, nil
}

// fieldNotes explains the columns whose format needs saying.
var fieldNotes = map[string]string{
	"Name":            "必填；同一上级内不能重名",
	"CommunityName":   "填写已有社区的名称",
	"CompoundName":    "填写所属社区内已有小区的名称；小区党支部必填",
	"ParentName":      "填写上级组织的名称（已有的组织，或本表中的另一行）；党小组必填",
	"DivisionCode":    "12 位数字",
	"Founded":         "如 2015-08-01；只知道月份时写 2015-08",
	"LastElection":    "如 2021-06；只知道月份时写年和月",
	"CommitteeFormed": "如 2019-03-15 或 2019-03",
	"Kind":            "",
	"YearBuilt":       "四位年份，如 2005",
	"TermYears":       "整数，社区党委一般 5 年，党支部 3 年",
	"OwnersCommittee": "是 或 否",
	"Area":            "平方公里，如 2.35",
}

func writeInstructions(f *excelize.File, kind Kind) error {
	const name = "填写说明"
	if _, err := f.NewSheet(name); err != nil {
		return fmt.Errorf("无法建立说明页：%w", err)
	}
	lines := [][]any{
		{"填写说明"},
		{"1. 在“" + kind.Label() + "”工作表中每行填写一条记录，第一行的列名不要改动；列的先后可以调换，多余的列会被忽略。"},
		{"2. 带“必填”的列不能空着。日期写成 2015-08-01，只知道月份时写 2015-08（也可写 2015.8、2015年8月）。"},
		{"3. 数量填整数；只知道大概时可写 14万余、10余。电话可填手机、座机或 96110 这类短号。"},
		{"4. 新记录的 UUID 列留空；从本程序导出的文件保留 UUID，再导入时按 UUID 更新原记录，没有 UUID 的行按名称匹配。"},
		{"5. 导入前会检查每一行，只要有一处问题就不写入任何数据，并列出每个问题所在的行、列和原因。"},
		{},
		{"列名", "说明"},
	}
	req := map[string]bool{}
	for _, r := range required[kind] {
		req[r] = true
	}
	for _, c := range kindColumns[kind] {
		note := fieldNotes[c.field]
		switch {
		case c.field == "Kind" && kind == Compounds:
			note = "可选：" + strings.Join(data.CompoundKinds, "、")
		case c.field == "Kind" && kind == Orgs:
			note = "可选：" + strings.Join(data.OrgKinds, "、")
		}
		if req[c.field] && !strings.HasPrefix(note, "必填") {
			if note != "" {
				note = "必填；" + note
			} else {
				note = "必填"
			}
		}
		lines = append(lines, []any{c.header, note})
	}
	lines = append(lines, []any{UUIDHeader, "记录的唯一编号，由程序生成；新记录留空"})
	for i, l := range lines {
		if err := f.SetSheetRow(name, fmt.Sprintf("A%d", i+1), &l); err != nil {
			return fmt.Errorf("无法写入说明页：%w", err)
		}
	}
	if err := f.SetColWidth(name, "A", "A", 18); err != nil {
		return fmt.Errorf("无法写入说明页：%w", err)
	}
	if err := f.SetColWidth(name, "B", "B", 80); err != nil {
		return fmt.Errorf("无法写入说明页：%w", err)
	}
	return nil
}

// writeTable streams a sheet: the header row in style bold, frozen, then the
// rows, with the column widths given (in characters).
func writeTable(f *excelize.File, name string, headers []string, rows [][]any, widths []int, bold int) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("无法建立工作表“%s”：%w", name, err)
	}
	// Last column first: excelize's stream writer puts each new <col> before
	// the others, and Excel wants them in ascending order.
	for j := len(widths) - 1; j >= 0; j-- {
		if err := sw.SetColWidth(j+1, j+1, float64(widths[j])); err != nil {
			return fmt.Errorf("无法设置列宽：%w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return fmt.Errorf("无法冻结首行：%w", err)
	}
	hrow := make([]any, len(headers))
	for j, h := range headers {
		hrow[j] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", hrow, excelize.RowOpts{Height: 20}); err != nil {
		return fmt.Errorf("无法写入表头：%w", err)
	}
	for i, r := range rows {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+2), r); err != nil {
			return fmt.Errorf("无法写入“%s”第 %d 行：%w", name, i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("无法写入工作表“%s”：%w", name, err)
	}
	return nil
}

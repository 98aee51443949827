package sheet

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"time"

	"jiayuan/data"
)

// Result tells what an import did and how long each stage took.
type Result struct {
	Added, Updated, Unchanged int
	Sheet                     string   // the worksheet read
	Ignored                   []string // headers of the columns that were not imported
	Read, Check, Write        time.Duration
}

// Problem is one thing wrong in the file: the worksheet, the row as Excel
// numbers it (0 for the file as a whole), the column's header, the cell's
// value (a short prefix of a long one) and why.
type Problem struct {
	Sheet                 string
	Row                   int
	Column, Value, Reason string
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Sheet != "" {
		fmt.Fprintf(&b, "工作表“%s”", p.Sheet)
	}
	if p.Row > 0 {
		fmt.Fprintf(&b, "第 %d 行", p.Row)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, "“%s”列", p.Column)
	}
	if p.Value != "" {
		fmt.Fprintf(&b, "“%s”", p.Value)
	}
	if b.Len() > 0 {
		b.WriteString("：")
	}
	b.WriteString(p.Reason)
	return b.String()
}

// ImportError lists every problem of a file that was not imported; nothing was written.
type ImportError struct {
	Problems []Problem
}

func (e *ImportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "文件有 %d 处问题，没有导入任何数据：", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return b.String()
}

// longQuote is a quotation in a message longer than a message should quote.
var longQuote = regexp.MustCompile(`“[^”]{41,}”`)

// newImportError names the sheet in each problem and quotes only a short
// prefix of any long value, in the value and in the reason.
func newImportError(sheet string, problems []Problem) *ImportError {
	for i := range problems {
		p := &problems[i]
		p.Sheet = sheet
		p.Value = data.Excerpt(p.Value)
		p.Reason = longQuote.ReplaceAllStringFunc(p.Reason, func(q string) string {
			return "“" + data.Excerpt(strings.TrimSuffix(strings.TrimPrefix(q, "“"), "”")) + "”"
		})
	}
	return &ImportError{Problems: problems}
}

// errNotXLSX is wrapped when the file is not an .xlsx package.
var errNotXLSX = errors.New("不是有效的 .xlsx 文件（旧的 .xls 文件请先在 Excel 中另存为 .xlsx）")

// Import reads an .xlsx file of kind into the store. Columns are matched by
// header; a row updates the record with its UUID, else the record of that
// name within its parent, else adds a record. Every row is checked before
// anything is written; on any problem nothing is written and the error is an
// *ImportError listing them all. progress, which may be nil, is called with
// the rows checked and then written, out of twice the number of rows.
func Import(st *data.Store, kind Kind, path string, progress func(done, total int)) (*Result, error) {
	if _, ok := kindColumns[kind]; !ok {
		return nil, fmt.Errorf("没有“%s”这种名单", kind)
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	res := &Result{}
	t0 := time.Now()
	wb, err := readSheetFile(path, kind.Label())
	res.Read = time.Since(t0)
	if err != nil {
		return res, fmt.Errorf("无法读取 %s：%w", path, err)
	}
	res.Sheet = wb.sheetName

	t1 := time.Now()
	im := &importer{st: st, kind: kind, wb: wb, res: res, progress: progress}
	im.check()
	res.Check = time.Since(t1)
	if len(im.problems) > 0 {
		return res, newImportError(wb.sheetName, im.problems)
	}

	t2 := time.Now()
	err = st.Write(func(tx *data.Tx) error {
		b := tx.Bulk()
		defer b.Close()
		return im.write(b)
	})
	res.Write = time.Since(t2)
	if err != nil {
		res.Added, res.Updated, res.Unchanged = 0, 0, 0
		return res, fmt.Errorf("导入时写入失败，没有导入任何数据：%w", err)
	}
	return res, nil
}

// mapped is a column of the file matched to a field.
type mapped struct {
	column
	idx    int    // 0-based index of the cell in the row
	header string // as written in the file
}

type importer struct {
	st       *data.Store
	kind     Kind
	wb       *workbook
	res      *Result
	progress func(done, total int)

	cols     []mapped
	byField  map[string]*mapped
	uuidIdx  int // -1 when the file has no UUID column
	headRow  int // the header's row number
	rows     []sheetRow
	problems []Problem
	write    func(b *data.Bulk) error
	uuids    data.UUIDSet // every UUID the store holds, read at the first row that brings one
}

// normHeader reduces a header to compare: half-width, no spaces, no required-field stars.
func normHeader(s string) string {
	s = strings.ToLower(data.NormalizeCode(s))
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '*' {
			return -1
		}
		return r
	}, s)
	return s
}

// aliases are other headers clerks' own lists use for a column.
var aliases = map[Kind]map[string]string{
	Communities: {
		"名称": "Name", "社区": "Name", "成立日期": "Founded", "面积": "Area", "总户数": "Households",
		"人口": "Population", "常住人口": "Population", "网格": "Grids", "书记": "Secretary", "社区书记": "Secretary",
		"社区党委书记": "Secretary", "主任": "Director", "社区主任": "Director", "社区地址": "Address",
	},
	Compounds: {
		"社区": "CommunityName", "社区名称": "CommunityName", "所在社区": "CommunityName", "名称": "Name",
		"小区": "Name", "院落名称": "Name", "小区(院落)名称": "Name", "小区类型": "Kind", "建成时间": "YearBuilt",
		"楼栋": "Buildings", "栋数": "Buildings", "总户数": "Households", "人数": "Residents", "物业公司": "PropertyCompany",
		"物业企业": "PropertyCompany", "是否成立业委会": "OwnersCommittee", "小区地址": "Address",
	},
	Orgs: {
		"名称": "Name", "党组织名称": "Name", "组织类型": "Kind", "党组织类型": "Kind", "上级党组织": "ParentName",
		"社区": "CommunityName", "社区名称": "CommunityName", "所在社区": "CommunityName", "小区": "CompoundName",
		"小区名称": "CompoundName", "所属小区": "CompoundName", "党组织书记": "Secretary", "党员数": "Members",
		"党员": "Members", "成立日期": "Founded", "换届时间": "LastElection", "上次换届时间": "LastElection", "任期": "TermYears",
	},
}

// baseHeader leaves out a parenthesised unit: 面积（平方公里） → 面积.
func baseHeader(s string) string {
	if i := strings.IndexByte(s, '('); i > 0 {
		return s[:i]
	}
	return s
}

// mapHeaders matches the cells of a row to the kind's columns.
func (im *importer) mapHeaders(r sheetRow) (cols []mapped, uuidIdx int, ignored []string, dups []Problem) {
	uuidIdx = -1
	all := kindColumns[im.kind]
	seen := map[string]string{}
	for i, c := range r.cells {
		if c.typ == cellEmpty {
			continue
		}
		h := cleanText(c.shown(im.wb.date1904))
		n := normHeader(h)
		if n == "" {
			continue
		}
		if n == "uuid" {
			if uuidIdx >= 0 {
				dups = append(dups, Problem{Row: r.num, Column: h, Reason: "这一列出现了两次"})
			}
			uuidIdx = i
			continue
		}
		var match *column
		for k := range all {
			if normHeader(all[k].header) == n {
				match = &all[k]
				break
			}
		}
		if match == nil {
			var cands []*column
			for k := range all {
				if baseHeader(normHeader(all[k].header)) == baseHeader(n) {
					cands = append(cands, &all[k])
				}
			}
			if len(cands) == 1 {
				match = cands[0]
			}
		}
		if match == nil {
			if field, ok := aliases[im.kind][baseHeader(n)]; ok {
				for k := range all {
					if all[k].field == field {
						match = &all[k]
					}
				}
			}
		}
		if match == nil {
			ignored = append(ignored, h)
			continue
		}
		if prev, ok := seen[match.field]; ok {
			dups = append(dups, Problem{Row: r.num, Column: h, Reason: fmt.Sprintf("与“%s”列是同一项，只能保留一列", prev)})
			continue
		}
		seen[match.field] = h
		cols = append(cols, mapped{column: *match, idx: i, header: h})
	}
	return cols, uuidIdx, ignored, dups
}

// findHeader finds the header row (a title may stand above it) and the data rows below.
func (im *importer) findHeader() bool {
	rows := im.wb.rows
	if len(rows) == 0 {
		im.problems = append(im.problems, Problem{Reason: fmt.Sprintf("工作表“%s”是空的", im.wb.sheetName)})
		return false
	}
	req := required[im.kind]
	for i := 0; i < len(rows) && i < 10; i++ {
		cols, uuidIdx, ignored, dups := im.mapHeaders(rows[i])
		have := map[string]bool{}
		for _, c := range cols {
			have[c.field] = true
		}
		ok := true
		for _, f := range req {
			ok = ok && have[f]
		}
		if !ok && i < len(rows)-1 && i < 9 {
			continue
		}
		if !ok {
			// No row has every required column: report against the first row.
			cols, _, _, _ = im.mapHeaders(rows[0])
			have = map[string]bool{}
			for _, c := range cols {
				have[c.field] = true
			}
			hint := ""
			if other := im.looksLike(rows); other != "" {
				hint = fmt.Sprintf("这个文件看起来是%s名单，", other.Label())
			}
			for _, f := range req {
				if !have[f] {
					im.problems = append(im.problems, Problem{Row: rows[0].num, Column: headerOf(im.kind, f),
						Reason: hint + "缺少这一必填的列（第一行应为列名，如“" + strings.Join(Headers(im.kind)[:3], "”“") + "”）"})
				}
			}
			return false
		}
		im.problems = append(im.problems, dups...)
		im.cols, im.uuidIdx, im.res.Ignored = cols, uuidIdx, ignored
		im.headRow = rows[i].num
		im.byField = map[string]*mapped{}
		for k := range im.cols {
			im.byField[im.cols[k].field] = &im.cols[k]
		}
		im.rows = withoutTotal(rows[i+1:], uuidIdx)
		return len(dups) == 0
	}
	return false
}

// withoutTotal drops the 合计 line an exported list ends with: the last row,
// when its first cell is TotalLabel and it has no UUID. A sheet exported,
// edited and imported again so never gains a record named 合计.
func withoutTotal(rows []sheetRow, uuidIdx int) []sheetRow {
	if len(rows) == 0 {
		return rows
	}
	last := rows[len(rows)-1]
	if cellAt(last, 0) == TotalLabel && (uuidIdx < 0 || cellAt(last, uuidIdx) == "") {
		return rows[:len(rows)-1]
	}
	return rows
}

// looksLike names another kind whose required columns the first rows have, or "".
func (im *importer) looksLike(rows []sheetRow) Kind {
	for _, k := range Kinds {
		if k == im.kind {
			continue
		}
		other := &importer{kind: k, wb: im.wb}
		for i := 0; i < len(rows) && i < 10; i++ {
			cols, _, _, _ := other.mapHeaders(rows[i])
			have := map[string]bool{}
			for _, c := range cols {
				have[c.field] = true
			}
			ok := true
			for _, f := range required[k] {
				ok = ok && have[f]
			}
			if ok {
				return k
			}
		}
	}
	return ""
}

func headerOf(k Kind, field string) string {
	for _, c := range kindColumns[k] {
		if c.field == field {
			return c.header
		}
	}
	return field
}

// rowCtx is the reading of one data row.
type rowCtx struct {
	im       *importer
	row      sheetRow
	problems []Problem
}

func (r *rowCtx) cell(idx int) cell {
	if idx < 0 || idx >= len(r.row.cells) {
		return cell{}
	}
	return r.row.cells[idx]
}

func (r *rowCtx) add(col, value, reason string) {
	r.problems = append(r.problems, Problem{Row: r.row.num, Column: col, Value: value, Reason: reason})
}

// addField reports a problem with a field, naming its column and value.
func (r *rowCtx) addField(field, label, reason string) {
	if m, ok := r.im.byField[field]; ok {
		r.add(m.header, r.cell(m.idx).shown(r.im.wb.date1904), reason)
		return
	}
	r.add(label, "", reason)
}

// blank reports whether a row has nothing in the imported columns.
func (r *rowCtx) blank() bool {
	for _, m := range r.im.cols {
		if c := r.cell(m.idx); c.typ == cellFormula || c.typ != cellEmpty && cleanText(c.text) != "" {
			return false
		}
	}
	return r.uuid() == "" && r.cell(r.im.uuidIdx).typ != cellFormula
}

func (r *rowCtx) uuid() string {
	if r.im.uuidIdx < 0 {
		return ""
	}
	return strings.ToLower(data.NormalizeCode(r.cell(r.im.uuidIdx).text))
}

// parse reads the row's cells into dst, a pointer to a zero record.
func (r *rowCtx) parse(dst reflect.Value) {
	v := dst.Elem()
	d1904 := r.im.wb.date1904
	for _, m := range r.im.cols {
		c := r.cell(m.idx)
		f := v.Field(m.index)
		if c.typ == cellError {
			r.add(m.header, c.text, "单元格是公式的错误值，请改为实际内容")
			continue
		}
		if c.typ == cellFormula {
			r.add(m.header, "", formulaReason(m.idx, r.row.num))
			continue
		}
		var err error
		switch m.typ {
		case typeDate:
			var d data.Date
			d, err = parseDate(c, d1904)
			f.Set(reflect.ValueOf(d))
		case typeCount:
			var n data.Count
			n, err = parseCount(c)
			f.Set(reflect.ValueOf(n))
		default:
			switch m.typ.Kind() {
			case reflect.String:
				f.SetString(parseText(c, m.field))
			case reflect.Int:
				var n int
				n, err = parseInt(c, m.field, d1904)
				f.SetInt(int64(n))
			case reflect.Bool:
				var b bool
				b, err = parseBool(c)
				f.SetBool(b)
			}
		}
		if err != nil {
			r.add(m.header, c.shown(d1904), err.Error())
		}
	}
	if r.cell(r.im.uuidIdx).typ == cellFormula {
		r.add(UUIDHeader, "", formulaReason(r.im.uuidIdx, r.row.num))
	}
	if u := r.uuid(); u != "" && !validUUID(u) {
		r.add(UUIDHeader, r.cell(r.im.uuidIdx).text, "不是有效的 UUID（新记录请留空）")
	}
}

// formulaReason explains a formula cell whose result the file does not hold:
// taking it as empty would clear the field.
func formulaReason(idx, row int) string {
	return fmt.Sprintf("单元格 %s%d 是公式，但文件中没有保存它的计算结果（多见于其他程序生成的文件）；"+
		"请在 Excel 中打开并保存后再导入，或把公式换成数值", colName(idx+1), row)
}

// checkMerges refuses merged ranges that reach below the header into an
// imported column: only the first cell of a merged range holds its value,
// and the others, read as empty, would clear the records' fields.
func (im *importer) checkMerges() {
	idxs := make([]int, 0, len(im.cols)+1)
	names := make([]string, 0, len(im.cols)+1)
	for _, m := range im.cols {
		idxs, names = append(idxs, m.idx), append(names, m.header)
	}
	if im.uuidIdx >= 0 {
		idxs, names = append(idxs, im.uuidIdx), append(names, UUIDHeader)
	}
	for _, g := range im.wb.merges {
		if g.row2 <= im.headRow {
			continue // a title above the header, or the header itself
		}
		for k, idx := range idxs {
			if idx+1 >= g.col1 && idx+1 <= g.col2 {
				im.problems = append(im.problems, Problem{Row: max(g.row1, im.headRow+1), Column: names[k],
					Reason: fmt.Sprintf("%s 是合并单元格：合并后只有第一格有内容，其余各格会当作空白，清掉原有的内容；"+
						"请取消合并，并在每一格填上内容", g)})
				break
			}
		}
	}
}

func validUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
				return false
			}
		}
	}
	return true
}

// merge starts from the existing record old and takes the file's columns
// from parsed. A text that differs from the stored one only by surrounding
// spaces keeps the stored form, so that an exported file imports back unchanged.
func (im *importer) merge(old, parsed reflect.Value) reflect.Value {
	out := reflect.New(old.Type())
	out.Elem().Set(old)
	for _, m := range im.cols {
		nf, of := parsed.Field(m.index), old.Field(m.index)
		if m.typ.Kind() == reflect.String && m.typ != typeDate {
			s := nf.String()
			if n, ok := normalizeField(m.field, of.String()); strings.TrimSpace(of.String()) == s || (ok && n == s) {
				nf = of
			}
		}
		out.Elem().Field(m.index).Set(nf)
	}
	return out
}

// fieldProblems turns the data layer's validation error into problems.
func (r *rowCtx) fieldProblems(err error) {
	if err == nil {
		return
	}
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		r.add("", "", err.Error())
		return
	}
	for _, fe := range ve.Fields {
		field := fe.Field
		switch field {
		case "CommunityID":
			field = "CommunityName"
		case "CompoundID":
			field = "CompoundName"
		case "ParentID":
			field = "ParentName"
		}
		label := fe.Label
		value := ""
		if m, ok := r.im.byField[field]; ok {
			value = r.cell(m.idx).shown(r.im.wb.date1904)
			label = m.header
		}
		msg := reason(fe.Msg, value)
		if strings.HasSuffix(fe.Msg, "”已经存在") {
			msg = fe.Msg // a name taken: quoted as a single save quotes it
		}
		r.add(label, value, msg)
	}
}

func (im *importer) tick(i int) {
	if i%500 == 0 {
		im.progress(i, 2*len(im.rows))
	}
}

func (im *importer) check() {
	if !im.findHeader() {
		return
	}
	im.checkMerges()
	var err error
	switch im.kind {
	case Communities:
		err = im.checkCommunities()
	case Compounds:
		err = im.checkCompounds()
	case Orgs:
		err = im.checkOrgs()
	}
	if err != nil {
		im.problems = append(im.problems, Problem{Reason: err.Error()})
	}
	sort.SliceStable(im.problems, func(i, j int) bool { return im.problems[i].Row < im.problems[j].Row })
	im.progress(len(im.rows), 2*len(im.rows))
}

// sameRecordReason explains a row that matches the record of an earlier row:
// a new name given twice, or an existing record given twice.
func sameRecordReason(row int, newName bool) string {
	if newName {
		return fmt.Sprintf("与第 %d 行重名", row)
	}
	return fmt.Sprintf("与第 %d 行是同一条记录，一条记录只能出现一次", row)
}

const recycledReason = "这条记录在回收站中，请先恢复再导入"

// writeAll runs the n planned writes in order (write(i) reports whether it
// added a record), counting them and reporting progress; the first check pass
// counted for the first half of the progress.
func (im *importer) writeAll(n int, write func(i int) (added bool, err error)) error {
	for i := 0; i < n; i++ {
		if i%500 == 0 {
			im.progress(len(im.rows)+i, 2*len(im.rows))
		}
		added, err := write(i)
		if err != nil {
			return err
		}
		if added {
			im.res.Added++
		}
	}
	im.progress(2*len(im.rows), 2*len(im.rows))
	return nil
}

// updated counts an update of an existing record as changed or unchanged.
func (im *importer) updated(changed bool, err error) (bool, error) {
	if err == nil {
		if changed {
			im.res.Updated++
		} else {
			im.res.Unchanged++
		}
	}
	return false, err
}

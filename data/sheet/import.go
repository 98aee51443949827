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
	wb, err := readXLSX(path, kind.Label())
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
}

// normHeader reduces a header to compare: half-width, no spaces, no required-field stars.
func normHeader(s string) string {
	s = strings.ToLower(data.Normalize(s))
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
		im.rows = rows[i+1:]
		return len(dups) == 0
	}
	return false
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
	return strings.ToLower(data.Normalize(r.cell(r.im.uuidIdx).text))
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
			if strings.TrimSpace(of.String()) == s || (normalizedFields[m.field] && data.Normalize(of.String()) == s) {
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
		r.add(label, value, reason(fe.Msg, value))
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

// dupReason explains a name already taken, by a record of the store or by an earlier row.
func dupReason(name string, row int) string {
	if row > 0 {
		return fmt.Sprintf("与第 %d 行重名", row)
	}
	return fmt.Sprintf("“%s”已经存在", name)
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

// --- communities ---

type commNode struct {
	rec     data.Community
	old     *data.Community // nil for a new record
	row     int             // the file row that set it, 0 if none
	deleted bool
}

func (im *importer) checkCommunities() error {
	all, err := im.st.AllCommunities()
	if err != nil {
		return err
	}
	byUUID := map[string]*commNode{}
	byName := map[string]*commNode{}
	for i := range all {
		old := all[i]
		n := &commNode{rec: old, old: &all[i], deleted: old.DeletedAt != nil}
		byUUID[old.UUID] = n
		if !n.deleted {
			byName[old.Name] = n
		}
	}
	var ops []*commNode
	for i, row := range im.rows {
		im.tick(i)
		r := &rowCtx{im: im, row: row}
		if r.blank() {
			continue
		}
		parsed := reflect.New(reflect.TypeOf(data.Community{}))
		r.parse(parsed)
		p := parsed.Interface().(*data.Community)
		uuid := r.uuid()
		var n *commNode
		if uuid != "" {
			n = byUUID[uuid]
		} else if p.Name != "" {
			n = byName[data.Normalize(p.Name)]
		}
		if n != nil && n.deleted {
			r.add(UUIDHeader, uuid, recycledReason)
		}
		if n != nil && n.row != 0 {
			r.addField("Name", "社区名称", sameRecordReason(n.row, n.old == nil && uuid == ""))
		}
		var rec data.Community
		if n != nil {
			rec = *im.merge(reflect.ValueOf(n.rec), parsed.Elem()).Interface().(*data.Community)
		} else {
			rec = *p
			rec.UUID = uuid
			if why := im.st.UUIDTaken(data.EntityCommunity, uuid, rec.Label()); why != "" {
				r.add(UUIDHeader, uuid, why)
			}
		}
		r.fieldProblems(im.st.CheckCommunityFields(&rec))
		if o := byName[rec.Name]; rec.Name != "" && o != nil && o != n {
			r.addField("Name", "社区名称", dupReason(rec.Name, o.row))
		}
		if len(r.problems) > 0 {
			im.problems = append(im.problems, r.problems...)
			continue
		}
		if n == nil {
			n = &commNode{}
			if uuid != "" {
				byUUID[uuid] = n
			}
		} else {
			delete(byName, n.rec.Name)
		}
		n.rec, n.row = rec, row.num
		byName[rec.Name] = n
		ops = append(ops, n)
	}
	im.write = func(b *data.Bulk) error {
		return im.writeAll(len(ops), func(i int) (bool, error) {
			n := ops[i]
			if n.old == nil {
				return true, b.InsertCommunity(&n.rec)
			}
			return im.updated(b.UpdateCommunity(*n.old, &n.rec))
		})
	}
	return nil
}

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

// --- compounds ---

type compNode struct {
	rec     data.Compound
	old     *data.Compound
	row     int
	deleted bool
}

type compKey struct {
	community int64
	name      string
}

// liveCommunities maps the names of the live communities to their records.
func (im *importer) liveCommunities() (map[string]data.Community, error) {
	comms, err := im.st.Communities()
	if err != nil {
		return nil, err
	}
	out := make(map[string]data.Community, len(comms))
	for _, c := range comms {
		out[c.Name] = c
	}
	return out, nil
}

const noCommunity = "没有这个社区（请先建立或导入社区）"

func (im *importer) checkCompounds() error {
	comms, err := im.liveCommunities()
	if err != nil {
		return err
	}
	all, err := im.st.AllCompounds()
	if err != nil {
		return err
	}
	byUUID := make(map[string]*compNode, len(all)+len(im.rows))
	byKey := make(map[compKey]*compNode, len(all)+len(im.rows))
	for i := range all {
		old := all[i]
		n := &compNode{rec: old, old: &all[i], deleted: old.DeletedAt != nil}
		byUUID[old.UUID] = n
		if !n.deleted {
			byKey[compKey{old.CommunityID, old.Name}] = n
		}
	}
	typ := reflect.TypeOf(data.Compound{})
	var ops []*compNode
	for i, row := range im.rows {
		im.tick(i)
		r := &rowCtx{im: im, row: row}
		if r.blank() {
			continue
		}
		parsed := reflect.New(typ)
		r.parse(parsed)
		p := parsed.Interface().(*data.Compound)
		var cid int64
		if p.CommunityName != "" {
			if c, ok := comms[p.CommunityName]; ok {
				cid = c.ID
				p.CommunityName = c.Name
			} else {
				r.addField("CommunityName", "所属社区", noCommunity)
				cid = -1 // so that the field check does not report it again
			}
		}
		p.CommunityID = cid
		uuid := r.uuid()
		var n *compNode
		if uuid != "" {
			n = byUUID[uuid]
		} else if p.Name != "" && cid > 0 {
			n = byKey[compKey{cid, data.Normalize(p.Name)}]
		}
		if n != nil && n.deleted {
			r.add(UUIDHeader, uuid, recycledReason)
		}
		if n != nil && n.row != 0 {
			r.addField("Name", "小区名称", sameRecordReason(n.row, n.old == nil && uuid == ""))
		}
		var rec data.Compound
		if n != nil {
			rec = *im.merge(reflect.ValueOf(n.rec), parsed.Elem()).Interface().(*data.Compound)
			rec.CommunityID = cid
		} else {
			rec = *p
			rec.UUID = uuid
			if why := im.st.UUIDTaken(data.EntityCompound, uuid, rec.Label()); why != "" {
				r.add(UUIDHeader, uuid, why)
			}
		}
		r.fieldProblems(im.st.CheckCompoundFields(&rec))
		key := compKey{cid, rec.Name}
		if o := byKey[key]; rec.Name != "" && o != nil && o != n {
			r.addField("Name", "小区名称", dupReason(rec.Name, o.row))
		}
		if len(r.problems) > 0 {
			im.problems = append(im.problems, r.problems...)
			continue
		}
		if n == nil {
			n = &compNode{}
			if uuid != "" {
				byUUID[uuid] = n
			}
		} else {
			delete(byKey, compKey{n.rec.CommunityID, n.rec.Name})
		}
		n.rec, n.row = rec, row.num
		byKey[key] = n
		ops = append(ops, n)
	}
	im.write = func(b *data.Bulk) error {
		return im.writeAll(len(ops), func(i int) (bool, error) {
			n := ops[i]
			if n.old == nil {
				return true, b.InsertCompound(&n.rec)
			}
			return im.updated(b.UpdateCompound(*n.old, &n.rec))
		})
	}
	return nil
}

// --- Party organisations ---

type orgNode struct {
	rec      data.Org
	old      *data.Org
	row      int
	deleted  bool
	parent   *orgNode
	compound int64 // 0 for none
}

type orgKey struct {
	community int64
	parent    *orgNode
	name      string
}

func (im *importer) checkOrgs() error {
	comms, err := im.liveCommunities()
	if err != nil {
		return err
	}
	compounds, err := im.st.AllCompounds()
	if err != nil {
		return err
	}
	compByKey := map[compKey]data.Compound{}
	compName := map[int64]string{}
	for _, c := range compounds {
		compName[c.ID] = c.Name
		if c.DeletedAt == nil {
			compByKey[compKey{c.CommunityID, c.Name}] = c
		}
	}
	all, err := im.st.AllOrgs()
	if err != nil {
		return err
	}
	byID := map[int64]*orgNode{}
	byUUID := map[string]*orgNode{}
	for i := range all {
		old := all[i]
		n := &orgNode{rec: old, old: &all[i], deleted: old.DeletedAt != nil}
		if old.CompoundID != nil {
			n.compound = *old.CompoundID
		}
		byID[old.ID] = n
		byUUID[old.UUID] = n
	}
	byName := map[string][]*orgNode{}
	byKey := map[orgKey]*orgNode{}
	for _, n := range byID {
		if n.rec.ParentID != nil {
			n.parent = byID[*n.rec.ParentID]
		}
		if !n.deleted {
			byName[n.rec.Name] = append(byName[n.rec.Name], n)
			byKey[orgKey{n.rec.CommunityID, n.parent, n.rec.Name}] = n
		}
	}
	removeName := func(n *orgNode) {
		list := byName[n.rec.Name]
		for i, x := range list {
			if x == n {
				byName[n.rec.Name] = append(list[:i:i], list[i+1:]...)
				break
			}
		}
	}
	typ := reflect.TypeOf(data.Org{})
	var ops []*orgNode
	// checkRow checks one row and, when it is good, adds it to the plan. A row
	// whose parent is not (yet) known is put off, unless final: a parent may
	// come further down the file.
	// putOff names the rows put off in the last pass, by organisation name.
	putOff := map[string]int{}
	checkRow := func(row sheetRow, final bool) bool {
		r := &rowCtx{im: im, row: row}
		if r.blank() {
			return false
		}
		parsed := reflect.New(typ)
		r.parse(parsed)
		p := parsed.Interface().(*data.Org)
		var cid int64
		if p.CommunityName != "" {
			if c, ok := comms[p.CommunityName]; ok {
				cid = c.ID
			} else {
				r.addField("CommunityName", "所属社区", noCommunity)
				cid = -1
			}
		}
		// The parent, by name: in the same community, else (两新党组织) anywhere.
		var parent *orgNode
		parentKnown := false
		if _, ok := im.byField["ParentName"]; ok && p.ParentName != "" {
			var same, other []*orgNode
			for _, x := range byName[p.ParentName] {
				if x.rec.CommunityID == cid {
					same = append(same, x)
				} else {
					other = append(other, x)
				}
			}
			cands := same
			if len(cands) == 0 {
				cands = other
			}
			switch len(cands) {
			case 0:
				if !final {
					putOff[data.Normalize(p.Name)] = row.num
					return true // perhaps a row further down adds it
				}
				if at, ok := putOff[data.Normalize(p.ParentName)]; ok && at != row.num {
					r.addField("ParentName", "上级组织", fmt.Sprintf("在第 %d 行，但那一行的上级组织也找不到（两者可能互为上级，形成循环）", at))
				} else {
					r.addField("ParentName", "上级组织", "没有这个组织")
				}
			case 1:
				parent, parentKnown = cands[0], true
			default:
				r.addField("ParentName", "上级组织", "有多个同名的组织，无法确定是哪一个")
			}
		}
		// The compound, by name within the community.
		var compound int64
		compoundKnown := false
		if _, ok := im.byField["CompoundName"]; ok && p.CompoundName != "" && cid != -1 {
			if c, ok := compByKey[compKey{cid, p.CompoundName}]; ok {
				compound, compoundKnown = c.ID, true
			} else {
				r.addField("CompoundName", "所在小区", fmt.Sprintf("社区“%s”里没有这个小区", p.CommunityName))
			}
		}
		uuid := r.uuid()
		var n *orgNode
		if uuid != "" {
			n = byUUID[uuid]
		} else if p.Name != "" && cid > 0 {
			k := orgKey{cid, parent, data.Normalize(p.Name)}
			if _, ok := im.byField["ParentName"]; !ok {
				// No parent column: match by name within the community when that is unambiguous.
				var cands []*orgNode
				for _, x := range byName[k.name] {
					if x.rec.CommunityID == cid {
						cands = append(cands, x)
					}
				}
				if len(cands) == 1 {
					n = cands[0]
				}
			} else {
				n = byKey[k]
			}
		}
		if n != nil && n.deleted {
			r.add(UUIDHeader, uuid, recycledReason)
		}
		if n != nil && n.row != 0 {
			r.addField("Name", "组织名称", sameRecordReason(n.row, n.old == nil && uuid == ""))
		}
		var rec data.Org
		if n != nil {
			rec = *im.merge(reflect.ValueOf(n.rec), parsed.Elem()).Interface().(*data.Org)
		} else {
			rec = *p
			rec.UUID = uuid
			rec.ParentID, rec.CompoundID = nil, nil
			if why := im.st.UUIDTaken(data.EntityOrg, uuid, rec.Label()); why != "" {
				r.add(UUIDHeader, uuid, why)
			}
		}
		rec.CommunityID = cid
		if _, ok := im.byField["ParentName"]; ok {
			if !parentKnown && p.ParentName == "" {
				parent = nil
			}
		} else if n != nil {
			parent, parentKnown = n.parent, n.parent != nil
		}
		if _, ok := im.byField["CompoundName"]; !ok && n != nil {
			compound, compoundKnown = n.compound, n.compound != 0
		}
		placeholder := int64(-1)
		rec.ParentID, rec.CompoundID = nil, nil
		if parentKnown || (parent == nil && p.ParentName != "") {
			rec.ParentID = &placeholder // found, or reported above
		}
		if compoundKnown || p.CompoundName != "" {
			rec.CompoundID = &placeholder // found, or reported above
		}
		r.fieldProblems(im.st.CheckOrgFields(&rec))
		if parent != nil {
			switch {
			case n != nil && parent == n:
				r.addField("ParentName", "上级组织", "不能把组织自己设为上级")
			case parent.rec.Kind == data.OrgGroup:
				r.addField("ParentName", "上级组织", "党小组下不能再设组织")
			case cid > 0 && parent.rec.CommunityID != cid && !data.IsCrossCommunityOrg(rec.Kind):
				r.addField("ParentName", "上级组织", "上级组织不在同一社区")
			default:
				for x, steps := parent, 0; x != nil && steps < 10000; x, steps = x.parent, steps+1 {
					if n != nil && x == n {
						r.addField("ParentName", "上级组织", "所选上级是本组织的下级，会形成循环")
						break
					}
				}
			}
		}
		key := orgKey{cid, parent, rec.Name}
		if o := byKey[key]; rec.Name != "" && o != nil && o != n {
			r.addField("Name", "组织名称", dupReason(rec.Name, o.row))
		}
		if len(r.problems) > 0 {
			im.problems = append(im.problems, r.problems...)
			return false
		}
		rec.CommunityName = p.CommunityName
		if c, ok := comms[p.CommunityName]; ok {
			rec.CommunityName = c.Name
		}
		rec.ParentName, rec.CompoundName = "", ""
		if parent != nil {
			rec.ParentName = parent.rec.Name
		}
		rec.CompoundName = compName[compound]
		if n == nil {
			n = &orgNode{}
			if uuid != "" {
				byUUID[uuid] = n
			}
		} else {
			removeName(n)
			delete(byKey, orgKey{n.rec.CommunityID, n.parent, n.rec.Name})
		}
		n.rec, n.row, n.parent, n.compound = rec, row.num, parent, compound
		byName[rec.Name] = append(byName[rec.Name], n)
		byKey[key] = n
		ops = append(ops, n)
		return false
	}
	var pending []sheetRow
	for i, row := range im.rows {
		im.tick(i)
		if checkRow(row, false) {
			pending = append(pending, row)
		}
	}
	for len(pending) > 0 {
		var next []sheetRow
		clear(putOff)
		for _, row := range pending {
			if checkRow(row, false) {
				next = append(next, row)
			}
		}
		if len(next) == len(pending) {
			for _, row := range next {
				checkRow(row, true)
			}
			break
		}
		pending = next
	}
	sort.SliceStable(im.problems, func(i, j int) bool { return im.problems[i].Row < im.problems[j].Row })
	im.write = func(b *data.Bulk) error {
		return im.writeAll(len(ops), func(i int) (bool, error) {
			n := ops[i]
			n.rec.ParentID, n.rec.CompoundID = nil, nil
			if n.parent != nil {
				id := n.parent.rec.ID
				n.rec.ParentID = &id
			}
			if n.compound != 0 {
				id := n.compound
				n.rec.CompoundID = &id
			}
			if n.old == nil {
				return true, b.InsertOrg(&n.rec)
			}
			return im.updated(b.UpdateOrg(*n.old, &n.rec))
		})
	}
	return nil
}

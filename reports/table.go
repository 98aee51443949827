package reports

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// A page flow for the round's forms and the record lists: a title, paragraphs and
// ruled tables whose rows may carry their own cell widths (spans), the header row
// repeated on every page a table runs over, tall rows split line by line across
// pages, and "第 1 页 共 3 页" at the foot. Layout runs first into pages of
// drawing operations, so the page count is known when the feet are drawn.

// CellAlign is how a column's text sits in its cells.
type CellAlign int

// Cell alignments.
const (
	CellLeft CellAlign = iota
	CellCenter
	CellRight
)

func (a CellAlign) align() align {
	switch a {
	case CellCenter:
		return alignCenter
	case CellRight:
		return alignRight
	}
	return alignLeft
}

const (
	flowMargin = 16.0 // page margins, mm
	flowFootPt = 9.0  // page number size
	cellPadX   = 1.6  // cell padding, mm
	cellPadY   = 1.4
	cellLead   = 1.42 // line pitch in em inside cells
	ruleThin   = 0.25 // table rules, mm
)

// fpage is one page's drawing operations.
type fpage struct{ ops []func(d *renderer) }

// flow lays out pages for one document.
type flow struct {
	fs                      *fontSet
	paper                   Paper
	left, width, top, limit float64
	pages                   []*fpage
	y                       float64
	running                 string      // small title at the top of every page after the first
	head                    []frow      // table header repeated after a page break (nil outside tables)
	record                  string      // record name for errors about the document's own labels
	labels                  []labelText // fixed labels checked before layout
}

type labelText struct {
	s    string
	role Role
}

func newFlow(fs *fontSet, p Paper, record string) *flow {
	return &flow{fs: fs, paper: p, left: flowMargin, width: p.W - 2*flowMargin,
		top: flowMargin, limit: p.H - flowMargin - 6, record: record}
}

// need checks a fixed label (column titles, 续, page feet) before layout.
func (f *flow) need(role Role, ss ...string) error {
	for _, s := range ss {
		if err := f.fs.check(f.record, "表格标注", s, role); err != nil {
			return err
		}
	}
	return nil
}

// shapeUsed shapes text and marks every font it draws with as used, so that the
// PDF loads it even when a fallback font supplies a character of a label.
func shapeUsed(fs *fontSet, spans []span, size float64) ([]unit, error) {
	us, gerr := fs.shape(spans, size, 0)
	if gerr != nil {
		return nil, gerr
	}
	for _, u := range us {
		for _, g := range u.g {
			if g.f != nil && !fs.used[g.f] {
				fs.used[g.f] = true
				fs.order = append(fs.order, g.f)
			}
		}
	}
	return us, nil
}

func (f *flow) shape(spans []span, size float64) ([]unit, error) { return shapeUsed(f.fs, spans, size) }

func (f *flow) newPage() {
	f.pages = append(f.pages, &fpage{})
	f.y = f.top
	if len(f.pages) > 1 && f.running != "" {
		us, _ := f.shape([]span{{f.running, RoleKai}}, 9)
		f.op(func(d *renderer) {
			d.draw(place(us, f.left, f.width, alignRight), f.top-7)
			d.pdf.SetDrawColor(120, 120, 120)
			d.pdf.SetLineWidth(0.2)
			d.pdf.Line(f.left, f.top-2.5, f.left+f.width, f.top-2.5)
		})
	}
	for _, h := range f.head {
		f.placeRow(h)
	}
}

func (f *flow) op(fn func(d *renderer)) {
	if len(f.pages) == 0 {
		f.newPage()
	}
	p := f.pages[len(f.pages)-1]
	p.ops = append(p.ops, fn)
}

func (f *flow) room() float64 { return f.limit - f.y }

// gap moves down by mm, starting a new page when there is no room left.
func (f *flow) gap(mm float64) {
	if len(f.pages) == 0 {
		f.newPage()
	}
	f.y += mm
	if f.y > f.limit {
		f.newPage()
	}
}

// text lays out a paragraph at size pt: first line indented, line pitch lead×em,
// lines moving to the next page when the page is full.
func (f *flow) text(spans []span, size, indent, lead float64, a align) error {
	if len(f.pages) == 0 {
		f.newPage()
	}
	us, err := f.shape(spans, size)
	if err != nil {
		return err
	}
	lh := lead * size * ptMM
	lines := breakLines(us, f.width-indent, f.width)
	for i, ln := range lines {
		if f.y+lh > f.limit+0.01 {
			f.newPage()
		}
		x, w := f.left, f.width
		if i == 0 {
			x, w = f.left+indent, f.width-indent
		}
		la := a
		if a == alignJustify && i == len(lines)-1 {
			la = alignLeft
		}
		p := place(ln, x, w, la)
		top := f.y + (lh-size*ptMM)/2
		f.op(func(d *renderer) { d.draw(p, top) })
		f.y += lh
	}
	return nil
}

// title draws the document's title centred (it may wrap) and an optional subtitle.
func (f *flow) title(title, subtitle string) error {
	if strings.TrimSpace(title) != "" {
		if err := f.text([]span{{strings.TrimSpace(title), RoleTitle}}, 18, 0, 1.45, alignCenter); err != nil {
			return err
		}
	}
	if strings.TrimSpace(subtitle) != "" {
		f.y += 1
		if err := f.text([]span{{strings.TrimSpace(subtitle), RoleKai}}, 12, 0, 1.5, alignCenter); err != nil {
			return err
		}
	}
	f.y += 3
	return nil
}

// fcell is one cell of a row: its text, style and width (mm).
type fcell struct {
	text   string
	role   Role
	size   float64
	a      align
	w      float64
	indent bool // paragraphs indented two characters (long text)
	top    bool // text reads from the top of the cell, not centred (an opinion above its seal)
	lines  [][]unit
	ends   []bool // ends[i]: line i ends a paragraph (not justified)
	cont   string // text of the cell on a continuation of a split row (e.g. 主要做法（续）)
}

// frow is one table row.
type frow struct {
	cells []fcell
	minH  float64
	shade bool
	rule  bool // a heavy red rule above the row: the quota line
}

func (c *fcell) layout(fs *fontSet) error {
	c.lines, c.ends = nil, nil
	w := c.w - 2*cellPadX
	for _, para := range strings.Split(c.text, "\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		us, err := shapeUsed(fs, []span{{para, c.role}}, c.size)
		if err != nil {
			return err
		}
		in := 0.0
		if c.indent {
			in = 2 * c.size * ptMM
		}
		ls := breakLines(us, w-in, w)
		if in > 0 && len(ls) > 0 {
			// mark the first line's indent with a leading zero-width marker unit
			ls[0] = append([]unit{{w: in, space: true, size: c.size, g: []glyph{{r: ' ', w: in}}}}, ls[0]...)
		}
		c.lines = append(c.lines, ls...)
		for i := range ls {
			c.ends = append(c.ends, i == len(ls)-1)
		}
	}
	return nil
}

func (c *fcell) lh() float64 { return cellLead * c.size * ptMM }

func (r *frow) height() float64 {
	h := r.minH
	for _, c := range r.cells {
		if ch := float64(len(c.lines))*c.lh() + 2*cellPadY; ch > h {
			h = ch
		}
	}
	return h
}

func (f *flow) layoutRow(r *frow) error {
	for i := range r.cells {
		if err := r.cells[i].layout(f.fs); err != nil {
			return err
		}
	}
	return nil
}

// row adds a laid-out row, moving it whole to a new page when it does not fit;
// only a row taller than a page is split line by line across pages, and its
// cells with a continuation text (序号, 主要做法（续）) repeat it.
func (f *flow) row(r frow) error {
	if len(f.pages) == 0 {
		f.newPage()
	}
	if err := f.layoutRow(&r); err != nil {
		return err
	}
	for {
		h := r.height()
		if h <= f.room()+0.01 {
			f.placeRow(r)
			return nil
		}
		headH := 0.0
		for _, hr := range f.head {
			headH += hr.height()
		}
		full := f.limit - f.top - headH
		// Short rows move whole; tall ones split where the page ends.
		fits := func(c fcell) int {
			n := int((f.room() - 2*cellPadY + 0.01) / c.lh())
			if n < 0 {
				n = 0
			}
			return n
		}
		minLines := 1 << 30
		maxLines := 0
		for _, c := range r.cells {
			if len(c.lines) > maxLines {
				maxLines = len(c.lines)
			}
			if len(c.lines) > fits(c) && fits(c) < minLines {
				minLines = fits(c)
			}
		}
		// A row that fits on a page moves whole; only one taller than a page splits.
		if h <= full+0.01 || minLines < 2 {
			if f.y == f.top+headH { // already at a page's top: split anyway
				if minLines < 1 {
					f.placeRow(r)
					return nil
				}
			} else {
				f.newPage()
				continue
			}
		}
		first, rest := r, r
		first.cells = append([]fcell(nil), r.cells...)
		rest.cells = append([]fcell(nil), r.cells...)
		rest.rule = false
		for i, c := range r.cells {
			k := fits(c)
			if k > len(c.lines) {
				k = len(c.lines)
			}
			first.cells[i].lines, first.cells[i].ends = c.lines[:k], c.ends[:k]
			rest.cells[i].lines, rest.cells[i].ends = c.lines[k:], c.ends[k:]
			if k == len(c.lines) && c.cont != "" {
				ru := c
				ru.text = c.cont
				if err := ru.layout(f.fs); err != nil {
					return err
				}
				rest.cells[i].lines, rest.cells[i].ends = ru.lines, ru.ends
			}
		}
		first.minH = f.room()
		f.placeRow(first)
		f.newPage()
		r = rest
		r.minH = 0
	}
}

// placeRow draws a row at the current y (no page check).
func (f *flow) placeRow(r frow) {
	h := r.height()
	y := f.y
	x := f.left
	type cellPos struct {
		x float64
		c fcell
	}
	var cs []cellPos
	for _, c := range r.cells {
		cs = append(cs, cellPos{x, c})
		x += c.w
	}
	var drawn []func(d *renderer)
	for _, cp := range cs {
		c := cp.c
		th := float64(len(c.lines)) * c.lh()
		top := y + (h-th)/2
		if len(c.lines) > 3 || c.top { // long text reads from the top
			top = y + cellPadY
		}
		for i, ln := range c.lines {
			a := c.a
			if a == alignJustify && c.ends[i] {
				a = alignLeft
			}
			p := place(ln, cp.x+cellPadX, c.w-2*cellPadX, a)
			lt := top + float64(i)*c.lh() + (c.lh()-c.size*ptMM)/2
			drawn = append(drawn, func(d *renderer) { d.draw(p, lt) })
		}
	}
	shade := r.shade
	rule := r.rule
	f.op(func(d *renderer) {
		pdf := d.pdf
		if shade {
			pdf.SetFillColor(232, 232, 232)
			pdf.Rect(cs[0].x, y, x-cs[0].x, h, "F")
			pdf.SetFillColor(0, 0, 0)
		}
		pdf.SetDrawColor(0, 0, 0)
		pdf.SetLineWidth(ruleThin)
		for _, cp := range cs {
			pdf.Rect(cp.x, y, cp.c.w, h, "D")
		}
		for _, fn := range drawn {
			fn(d)
		}
		if rule {
			pdf.SetDrawColor(200, 0, 0)
			pdf.SetLineWidth(0.9)
			pdf.Line(cs[0].x-1.5, y, x+1.5, y)
			pdf.SetDrawColor(0, 0, 0)
		}
	})
	f.y += h
}

// render draws the pages with "第 i 页 共 n 页" at the foot and writes the PDF.
func (f *flow) render(w io.Writer, title string) error {
	n := len(f.pages)
	feet := make([][]unit, n)
	for i := range f.pages {
		var err error
		if feet[i], err = f.shape([]span{{fmt.Sprintf("第 %d 页 共 %d 页", i+1, n), RoleBody}}, flowFootPt); err != nil {
			return err
		}
	}
	d := newRenderer(f.fs, f.paper.W, f.paper.H, title, true)
	d.pdf.SetTextColor(0, 0, 0)
	for i, p := range f.pages {
		d.addPage()
		for _, op := range p.ops {
			op(d)
		}
		d.draw(place(feet[i], f.left, f.width, alignCenter), f.paper.H-flowMargin+1)
	}
	return d.finish(w)
}

// widths scales relative column widths to total mm.
func widths(rel []float64, total float64) []float64 {
	sum := 0.0
	for _, r := range rel {
		if r <= 0 {
			r = 1
		}
		sum += r
	}
	out := make([]float64, len(rel))
	for i, r := range rel {
		if r <= 0 {
			r = 1
		}
		out[i] = total * r / sum
	}
	return out
}

// signLine draws labels each followed by a rule to write on, on one line:
// 评审专家（签名）：________  日期：____年__月__日.
func (f *flow) signLine(size float64, parts ...signPart) error {
	lh := 2.2 * size * ptMM
	if f.y+lh > f.limit {
		f.newPage()
	}
	x := f.left
	base := f.y + lh - size*ptMM
	for _, p := range parts {
		us, err := f.shape([]span{{p.label, RoleBody}}, size)
		if err != nil {
			return err
		}
		pl := place(us, x, lineWidth(us), alignLeft)
		lx := x + lineWidth(us)
		lw := p.line
		f.op(func(d *renderer) {
			d.draw(pl, base)
			if lw > 0 {
				d.pdf.SetDrawColor(0, 0, 0)
				d.pdf.SetLineWidth(0.25)
				d.pdf.Line(lx, base+size*ptMM*0.95, lx+lw, base+size*ptMM*0.95)
			}
		})
		x = lx + lw + p.gap
	}
	f.y += lh + 1
	return nil
}

type signPart struct {
	label string
	line  float64 // mm of rule after the label
	gap   float64 // mm before the next part
}

// dateBlank is the handwritten date: ____年__月__日 as labels over rules.
func dateBlank(label string) []signPart {
	return []signPart{{label, 22, 1}, {"年", 10, 1}, {"月", 10, 1}, {"日", 0, 0}}
}

// TableColumn is one column of a printed list.
type TableColumn struct {
	Title string
	Width float64 // relative width; 0 in every column: widths from the content
	Align CellAlign
}

// autoWidths gives each column the width its content asks for: every column at
// least its widest word (and its title in two lines), the rest shared in
// proportion to what each column would need to print on one line. Fixed relative
// widths are used when every column has one.
func (f *flow) autoWidths(t RecordTable, size float64) ([]float64, error) {
	n := len(t.Columns)
	fixed := n > 0
	for _, c := range t.Columns {
		fixed = fixed && c.Width > 0
	}
	if fixed {
		rel := make([]float64, n)
		for i, c := range t.Columns {
			rel[i] = c.Width
		}
		return widths(rel, f.width), nil
	}
	em := size * ptMM
	minW := make([]float64, n)
	natW := make([]float64, n)
	measure := func(i int, s string, role Role, header bool) error {
		us, gerr := f.fs.shape([]span{{s, role}}, size, 0)
		if gerr != nil {
			return gerr
		}
		w := lineWidth(us) + 2*cellPadX
		widest := 0.0
		for _, u := range us {
			if len(u.g) > 1 && u.w > widest { // a word or number stays whole
				widest = u.w
			}
		}
		lo := widest + 2*cellPadX
		if header {
			lo = w/2 + em // a title may take two lines
		}
		if lo < 2*em+2*cellPadX {
			lo = 2*em + 2*cellPadX
		}
		if lo > minW[i] {
			minW[i] = lo
		}
		if w > natW[i] {
			natW[i] = w
		}
		return nil
	}
	for i, c := range t.Columns {
		if err := measure(i, c.Title, RoleHei, true); err != nil {
			return nil, err
		}
	}
	for _, r := range t.Rows {
		for i := 0; i < n && i < len(r.Cells); i++ {
			if err := measure(i, r.Cells[i], r.role(), false); err != nil {
				return nil, err
			}
		}
	}
	for i := range minW {
		if natW[i] < minW[i] {
			natW[i] = minW[i]
		}
	}
	return shareWidths(minW, natW, f.width), nil
}

// shareWidths fills width: short columns get all they need, the long ones share
// the rest in proportion to their needs, none below its minimum.
func shareWidths(minW, natW []float64, width float64) []float64 {
	n := len(natW)
	out := make([]float64, n)
	sumNat, sumMin := 0.0, 0.0
	for i := range natW {
		sumNat += natW[i]
		sumMin += minW[i]
	}
	if sumNat <= width { // everything on one line: share the spare room
		for i := range out {
			out[i] = natW[i] * width / sumNat
		}
		return out
	}
	if sumMin >= width { // too many columns: shrink in proportion
		for i := range out {
			out[i] = minW[i] * width / sumMin
		}
		return out
	}
	fixed := make([]bool, n)
	for {
		left, need := width, 0.0
		for i := range natW {
			if fixed[i] {
				left -= out[i]
			} else {
				need += natW[i]
			}
		}
		// Fix one column a round (what is left changes with each): a column
		// held to its minimum first, else one that fits its fair share whole.
		pick := -1
		for i := range natW {
			if !fixed[i] && natW[i]*left/need < minW[i] {
				pick, out[i] = i, minW[i]
				break
			}
		}
		for i := range natW {
			if pick < 0 && !fixed[i] && natW[i] <= left/float64(countFalse(fixed)) {
				pick, out[i] = i, natW[i]
			}
		}
		if pick < 0 {
			for i := range natW {
				if !fixed[i] {
					out[i] = natW[i] * left / need
				}
			}
			return fitWidths(out, minW, natW, width)
		}
		fixed[pick] = true
		if countFalse(fixed) == 0 {
			return fitWidths(out, minW, natW, width)
		}
	}
}

// fitWidths makes sure the columns fill width exactly, never more: when the
// shares do not add up, each column gets its minimum and the spare room in
// proportion to what more it would take to print on one line.
func fitWidths(out, minW, natW []float64, width float64) []float64 {
	sum := 0.0
	for _, w := range out {
		sum += w
	}
	if sum <= width+0.01 && sum >= width-0.01 {
		return out
	}
	sumMin, wants := 0.0, 0.0
	for i := range out {
		sumMin += minW[i]
		wants += natW[i] - minW[i]
	}
	for i := range out {
		out[i] = minW[i]
		if wants > 0 {
			out[i] += (width - sumMin) * (natW[i] - minW[i]) / wants
		}
	}
	return out
}

func countFalse(b []bool) int {
	n := 0
	for _, x := range b {
		if !x {
			n++
		}
	}
	return n
}

// TableRow is one record of a printed list.
type TableRow struct {
	Record string // how an error names the record, e.g. 小区“南湖尚景小区”（滨江社区）
	Cells  []string
	Total  bool // a 合计 line: shaded, in 黑体
}

// role is the font role of the row's cells.
func (r TableRow) role() Role {
	if r.Total {
		return RoleHei
	}
	return RoleBody
}

// RecordTable is a printable list of records: communities, compounds or Party
// organisations, with the header row repeated on every page.
type RecordTable struct {
	Title     string // e.g. 华阳街道社区名册
	Subtitle  string // e.g. 共 12 个社区
	Landscape bool   // A4 landscape (wide lists)
	Columns   []TableColumn
	Rows      []TableRow
	Notes     []string // printed under the table
	Date      time.Time
	DateStyle DateStyle // how Date is written (zero: 2021年12月10日)
}

// RecordList writes a list of records as a ruled table.
func RecordList(w io.Writer, t RecordTable, f *Fonts) error {
	fs, err := newFontSet(f)
	if err != nil {
		return err
	}
	paper := A4Portrait
	if t.Landscape {
		paper = A4Landscape
	}
	fl := newFlow(fs, paper, "名册“"+t.Title+"”")
	date := ""
	if !t.Date.IsZero() {
		date = "打印日期：" + FormatDateStyle(t.Date, t.DateStyle)
	}
	if err := fs.gather(func() error { return checkRecordTable(fl, t, date) }); err != nil {
		return err
	}
	size := 10.5
	ws, err := fl.autoWidths(t, size)
	if err != nil {
		return err
	}
	fl.running = t.Title
	sub := t.Subtitle
	if date != "" {
		if sub != "" {
			sub += "　"
		}
		sub += date
	}
	if err := fl.title(t.Title, sub); err != nil {
		return err
	}
	head := frow{shade: true, minH: 9}
	for i, c := range t.Columns {
		head.cells = append(head.cells, fcell{text: c.Title, role: RoleHei, size: size, a: alignCenter, w: ws[i]})
	}
	if err := fl.startTable(head); err != nil {
		return err
	}
	for _, r := range t.Rows {
		row := frow{minH: 7.5, shade: r.Total}
		for j := range t.Columns {
			s := ""
			if j < len(r.Cells) {
				s = r.Cells[j]
			}
			c := fcell{text: s, role: r.role(), size: size, a: t.Columns[j].Align.align(), w: ws[j]}
			if t.Columns[j].Title == "序号" {
				c.cont = s // a row continued on the next page repeats its number
			}
			row.cells = append(row.cells, c)
		}
		if err := fl.row(row); err != nil {
			return err
		}
	}
	fl.head = nil
	if err := fl.notes(2, t.Notes); err != nil {
		return err
	}
	return fl.render(w, t.Title)
}

// checkRecordTable checks every text of a list before anything is drawn: its
// title, subtitle, notes and date, the column titles and every cell, naming the
// record a bad cell belongs to.
func checkRecordTable(fl *flow, t RecordTable, date string) error {
	if err := fl.checkDoc(t.Title, t.Subtitle, t.Notes); err != nil {
		return err
	}
	if err := fl.need(RoleKai, date); err != nil {
		return err
	}
	for _, c := range t.Columns {
		if err := fl.fs.check(fl.record, "列名", c.Title, RoleHei); err != nil {
			return err
		}
	}
	for i, r := range t.Rows {
		rec := r.Record
		if rec == "" {
			rec = fmt.Sprintf("第%d行", i+1)
		}
		for j, c := range r.Cells {
			field := fmt.Sprintf("第%d列", j+1)
			if j < len(t.Columns) {
				field = t.Columns[j].Title
			}
			if err := fl.fs.check(rec, field, c, r.role()); err != nil {
				return err
			}
		}
	}
	return nil
}

// startTable lays out a table's header row and makes it the one repeated at the
// head of every later page; it starts a new page at once when it and a first row
// would not fit on this one.
func (f *flow) startTable(head frow) error {
	if err := f.layoutRow(&head); err != nil {
		return err
	}
	f.head = []frow{head}
	if f.room() < head.height()+10 {
		f.newPage()
	} else {
		f.placeRow(head)
	}
	return nil
}

// notes prints the notes under a table in 楷体, gap mm below it.
func (f *flow) notes(gap float64, notes []string) error {
	if len(notes) == 0 {
		return nil
	}
	f.gap(gap)
	for _, n := range notes {
		if err := f.text([]span{{n, RoleKai}}, 10.5, 0, 1.5, alignJustify); err != nil {
			return err
		}
	}
	return nil
}

// checkDoc checks a document's title, subtitle and notes.
func (f *flow) checkDoc(title, subtitle string, notes []string) error {
	if err := f.fs.check(f.record, "标题", title, RoleTitle); err != nil {
		return err
	}
	if err := f.fs.check(f.record, "副标题", subtitle, RoleKai); err != nil {
		return err
	}
	for i, n := range notes {
		if err := f.fs.check(f.record, fmt.Sprintf("说明第%d段", i+1), n, RoleKai); err != nil {
			return err
		}
	}
	return nil
}

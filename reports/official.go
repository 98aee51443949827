package reports

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
	"time"
)

// GB/T 9704-2012 page: A4, top margin 37 mm, binding-side margin 28 mm, text block
// 156 × 225 mm holding 22 lines of 28 characters.
const (
	gbPageW    = 210.0
	gbPageH    = 297.0
	gbTop      = 37.0
	gbLeft     = 28.0
	gbBlockW   = 156.0
	gbBlockH   = 225.0
	gbLines    = 22
	gbChars    = 28
	gbPitch    = gbBlockW / gbChars // 5.571 mm, a hair under the 16 pt em
	gbLinePit  = gbBlockH / gbLines // 10.227 mm
	gbBodyPt   = 16.0               // 三号
	gbTitlePt  = 22.0               // 二号
	gbFolioPt  = 14.0               // 四号
	gbFolioGap = 7.0                // page number 7 mm below the text block
)

// OfficialDoc is a document in the official format (公文格式): the 公示 notice of a
// round or its 命名决定. All text comes already filled in from the templates.
type OfficialDoc struct {
	Title     string   // e.g. 关于2021年度党建引领百佳示范社区拟命名对象的公示
	Addressee string   // 主送机关, e.g. 各社区党委： (optional, flush left under the title)
	Body      []string // paragraphs before the list; a paragraph opening with 一、 gets 黑体, with （一） 楷体, up to its first 。
	Groups    []ListGroup
	Objection []string // paragraphs after the list: how to object
	Contact   []string // contact lines (联系人、电话、地址)
	Attach    []string // attachment names (附件：1. …), optional
	Issuer    string   // 发文机关署名; joint issuers one a line, the lead organ first
	Date      time.Time
	Header    Header   // 版头; the zero value prints none
	Colophon  Colophon // 版记 at the foot of the last page; empty prints none
	Seal      []byte   // PNG or JPEG of the seal, pressed on 署名 and date; nil prints none
}

// NoticeDoc is the 公示 notice.
type NoticeDoc = OfficialDoc

// DecisionDoc is the 命名决定 (naming decision).
type DecisionDoc = OfficialDoc

// ListGroup is one category of the list, e.g. 党建引领百佳示范社区（20个）.
type ListGroup struct {
	Heading string // printed in 黑体 as given, e.g. 一、百佳示范社区（3个）
	Items   []ListItem
}

// ListItem is one named community or compound.
type ListItem struct {
	Name      string
	Community string // for a compound: the community it belongs to, printed after it in brackets
}

// Notice writes the 公示 notice as a PDF.
func Notice(w io.Writer, n NoticeDoc, f *Fonts) error {
	return official(w, n, f, "公示")
}

// Decision writes the 命名决定 as a PDF.
func Decision(w io.Writer, d DecisionDoc, f *Fonts) error {
	return official(w, d, f, "命名决定")
}

// FormatDate writes a date as official documents do: 2021年12月6日.
func FormatDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

var (
	heading1 = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
	heading2 = regexp.MustCompile(`^（[一二三四五六七八九十]+）`)
)

// paraSpans styles a body paragraph: a leading 一、 heading in 黑体 and （一） in 楷体,
// up to and including the first 。 (the whole paragraph when it has none).
func paraSpans(s string) []span {
	role := RoleBody
	switch {
	case heading1.MatchString(s):
		role = RoleHei
	case heading2.MatchString(s):
		role = RoleKai
	default:
		return []span{{s, RoleBody}}
	}
	if i := strings.Index(s, "。"); i >= 0 && i+len("。") < len(s) {
		return []span{{s[:i+len("。")], role}, {s[i+len("。"):], RoleBody}}
	}
	return []span{{s, role}}
}

// splitParas starts a new paragraph at each line break of a template's text.
func splitParas(ps []string) []string {
	var out []string
	for _, p := range ps {
		out = append(out, strings.Split(p, "\n")...)
	}
	return out
}

// itemText is how a list item prints.
func itemText(i int, it ListItem) string {
	s := fmt.Sprintf("%d. %s", i+1, it.Name)
	if it.Community != "" {
		s += "（" + it.Community + "）"
	}
	return s
}

// gridRow is one line of the 22-line grid.
type gridRow struct {
	lines []placed
	glue  bool // must stay on the page of the row before
	blank bool
	seal  bool // the signature's first row: the seal is drawn over it
}

type offLayout struct {
	fs   *fontSet
	rows []gridRow
	sigX float64 // centre of the signature, mm
}

func (l *offLayout) blank(glue bool) { l.rows = append(l.rows, gridRow{blank: true, glue: glue}) }

func official(w io.Writer, doc OfficialDoc, f *Fonts, kind string) error {
	fs, err := newFontSet(f)
	if err != nil {
		return err
	}
	rec := fmt.Sprintf("%s“%s”", kind, doc.Title)
	if strings.TrimSpace(doc.Title) == "" {
		rec = kind
	}
	date := ""
	if !doc.Date.IsZero() {
		date = FormatDate(doc.Date)
	}
	// Every character is checked before anything is drawn.
	if err := fs.gather(func() error { return checkOfficial(fs, rec, doc, date) }); err != nil {
		return err
	}
	l := &offLayout{fs: fs}
	g, err := l.geometry(doc.Header)
	if err != nil {
		return err
	}
	if err := l.document(doc, date); err != nil {
		return err
	}
	foot, thin, err := l.colophonRows(doc.Colophon)
	if err != nil {
		return err
	}
	d := newRenderer(fs, gbPageW, gbPageH, doc.Title, true)
	seal, err := d.registerSeal(doc.Seal)
	if err != nil {
		return err
	}
	first := int((gbTop + gbBlockH - g.titleTop + 0.01) / gbLinePit)
	pages := paginateFirst(l.rows, first, gbLines)
	if last := len(pages) - 1; len(foot) > 0 && len(pages[last]) > pageRows(last, first)-len(foot) {
		pages = append(pages, nil) // the 版记 needs the foot of a page of its own
	}
	for pi, pg := range pages {
		d.addPage()
		if pi == 0 {
			if err := d.header(doc.Header, g); err != nil {
				return err
			}
		}
		if err := d.page(l, pg, pageTop(pi, g.titleTop), seal); err != nil {
			return err
		}
		if pi == len(pages)-1 {
			d.colophon(foot, thin)
		}
		if err := d.folio(pi + 1); err != nil {
			return err
		}
	}
	return d.finish(w)
}

func pageTop(page int, firstTop float64) float64 {
	if page == 0 {
		return firstTop
	}
	return gbTop
}

func pageRows(page, first int) int {
	if page == 0 {
		return first
	}
	return gbLines
}

// page draws a page's rows from top, then the seal over the signature.
func (d *renderer) page(l *offLayout, rows []gridRow, top float64, seal string) error {
	sealY, sealRows := -1.0, 0
	for ri, r := range rows {
		y := top + float64(ri)*gbLinePit
		for _, p := range r.lines {
			d.draw(p, y)
		}
		if r.seal {
			sealY = y
		}
		if sealY >= 0 && !r.blank {
			sealRows++
		}
	}
	if sealY >= 0 {
		d.seal(seal, l.sigX, sealY, sealRows)
	}
	return nil
}

// checkOfficial checks every text of an official document, in reading order,
// naming the part and paragraph a bad character is in.
func checkOfficial(fs *fontSet, rec string, doc OfficialDoc, date string) error {
	check := func(field, s string, role Role) error { return fs.check(rec, field, s, role) }
	if err := check("标题", doc.Title, RoleTitle); err != nil {
		return err
	}
	if err := check("主送机关", doc.Addressee, RoleBody); err != nil {
		return err
	}
	paras := func(name string, ps []string) error {
		for i, p := range splitParas(ps) {
			for _, sp := range paraSpans(strings.TrimSpace(p)) {
				if err := check(fmt.Sprintf("%s第%d段", name, i+1), sp.text, sp.role); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := checkHeader(fs, rec, doc); err != nil {
		return err
	}
	if err := paras("正文", doc.Body); err != nil {
		return err
	}
	for gi, g := range doc.Groups {
		if err := check(fmt.Sprintf("名单第%d组标题", gi+1), g.Heading, RoleHei); err != nil {
			return err
		}
		for i, it := range g.Items {
			if err := check(fmt.Sprintf("名单“%s”第%d项", strings.TrimSpace(g.Heading), i+1), itemText(i, it), RoleBody); err != nil {
				return err
			}
		}
	}
	if err := paras("异议方式", doc.Objection); err != nil {
		return err
	}
	if err := paras("联系方式", doc.Contact); err != nil {
		return err
	}
	for i, a := range doc.Attach {
		if err := check(fmt.Sprintf("附件第%d项", i+1), a, RoleBody); err != nil {
			return err
		}
	}
	if err := check("发文机关", doc.Issuer, RoleBody); err != nil {
		return err
	}
	folio := "— 0123456789 —"
	for _, s := range []string{date, "附件：", folio} {
		if err := check("日期", s, RoleBody); err != nil {
			return err
		}
	}
	return nil
}

// document lays out the whole document on the line grid: title, addressee, body,
// the list, the objection and contact paragraphs, attachments and signature.
func (l *offLayout) document(doc OfficialDoc, date string) error {
	if strings.TrimSpace(doc.Title) != "" {
		if err := l.title(strings.TrimSpace(doc.Title)); err != nil {
			return err
		}
		l.blank(true)
	}
	if a := strings.TrimSpace(doc.Addressee); a != "" {
		if err := l.add([]span{{a, RoleBody}}, gbBodyPt, 0, alignJustify, false); err != nil {
			return err
		}
	}
	if err := l.body(doc.Body); err != nil {
		return err
	}
	if err := l.list(doc.Groups); err != nil {
		return err
	}
	if err := l.body(doc.Objection); err != nil {
		return err
	}
	if err := l.body(doc.Contact); err != nil {
		return err
	}
	if err := l.attachments(doc.Attach); err != nil {
		return err
	}
	var issuers []string
	for _, s := range strings.Split(doc.Issuer, "\n") {
		if s = strings.TrimSpace(s); s != "" {
			issuers = append(issuers, s)
		}
	}
	if len(issuers) > 0 || date != "" {
		return l.signature(issuers, date)
	}
	return nil
}

// body lays out paragraphs indented two characters, a heading paragraph kept
// with the line after it; empty lines are skipped.
func (l *offLayout) body(ps []string) error {
	for _, p := range splitParas(ps) {
		if strings.TrimSpace(p) == "" {
			continue
		}
		sp := paraSpans(strings.TrimSpace(p))
		if err := l.add(sp, gbBodyPt, 2*gbPitch, alignJustify, sp[0].role != RoleBody); err != nil {
			return err
		}
	}
	return nil
}

// list lays out the named objects, group by group under their headings.
func (l *offLayout) list(groups []ListGroup) error {
	for _, g := range groups {
		if h := strings.TrimSpace(g.Heading); h != "" {
			if err := l.add([]span{{h, RoleHei}}, gbBodyPt, 2*gbPitch, alignLeft, true); err != nil {
				return err
			}
		}
		for i, it := range g.Items {
			if err := l.add([]span{{itemText(i, it), RoleBody}}, gbBodyPt, 2*gbPitch, alignJustify, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// attachments lays out 附件：after a blank line, numbered when there are several,
// the later ones lined up under the first.
func (l *offLayout) attachments(attach []string) error {
	if len(attach) == 0 {
		return nil
	}
	l.blank(false)
	for i, a := range attach {
		s := strings.TrimSpace(a)
		indent := 2 * gbPitch
		if len(attach) > 1 {
			s = fmt.Sprintf("%d. %s", i+1, s)
		}
		lead := "附件："
		if i > 0 {
			lead = ""
			indent = 5 * gbPitch
		}
		if err := l.add([]span{{lead + s, RoleBody}}, gbBodyPt, indent, alignLeft, false); err != nil {
			return err
		}
	}
	return nil
}

// add lays out a paragraph; keepNext glues the row after it to its last line.
func (l *offLayout) add(spans []span, size, indent float64, a align, keepNext bool) error {
	pitch := 0.0
	if size == gbBodyPt {
		pitch = gbPitch
	}
	us, gerr := l.fs.shape(spans, size, pitch)
	if gerr != nil {
		return gerr
	}
	lines := breakLines(us, gbBlockW-indent, gbBlockW)
	start := len(l.rows)
	glueFirst := len(l.rows) > 0 && l.rows[len(l.rows)-1].keepNext()
	for i, ln := range lines {
		x, wid := gbLeft, gbBlockW
		if i == 0 {
			x, wid = gbLeft+indent, gbBlockW-indent
		}
		la := a
		if a == alignJustify && i == len(lines)-1 {
			la = alignLeft
		}
		l.rows = append(l.rows, gridRow{lines: []placed{place(ln, x, wid, la)}, glue: (i == 0 && glueFirst) || i == 1})
	}
	if keepNext && len(l.rows) > start {
		l.rows[len(l.rows)-1].blank = false
		l.rows[len(l.rows)-1].lines = append(l.rows[len(l.rows)-1].lines, placed{})
	}
	return nil
}

// title lays out the title centred, in as few lines as it needs; a two-line title
// breaks where the words allow (GB/T 9704 7.3.3: 词意完整，排列对称, a trapezoid or
// diamond), not wherever the first line happens to fill up.
func (l *offLayout) title(s string) error {
	us, gerr := l.fs.shape([]span{{s, RoleTitle}}, gbTitlePt, 0)
	if gerr != nil {
		return gerr
	}
	for i, ln := range titleLines(us, gbBlockW) {
		l.rows = append(l.rows, gridRow{lines: []placed{place(ln, gbLeft, gbBlockW, alignCenter)}, glue: i > 0})
	}
	return nil
}

// titleAfter and titleBefore are where a title may break without cutting a word:
// after these (punctuation, or words that end a phrase in the titles of a round),
// or before these.
var (
	titleAfter  = []string{"、", "，", "：", "；", "关于", "年度", "引领", "社区", "小区", "院落", "命名"}
	titleBefore = []string{"拟", "的", "关于"}
)

// titleLines breaks a title that needs two lines at the most even word boundary
// (punctuation weighs in its favour); with no such boundary, at the most even
// allowed break. Longer titles break as body text does.
func titleLines(us []unit, width float64) [][]unit {
	greedy := breakLines(us, width, width)
	if len(greedy) != 2 {
		return greedy
	}
	total := lineWidth(us)
	var text []rune
	ends := make([]int, len(us)) // rune index after each unit
	for i, u := range us {
		for _, g := range u.g {
			text = append(text, g.r)
		}
		ends[i] = len(text)
	}
	em := gbTitlePt * ptMM
	best, bestCost, bestSafe := -1, math.Inf(1), false
	w1 := 0.0
	for k := 1; k < len(us); k++ {
		w1 += us[k-1].w
		a, b := trimSpaces(us[:k]), us[k:]
		for len(b) > 0 && b[0].space {
			b = b[1:]
		}
		if len(a) == 0 || len(b) == 0 || !canBreak(us, k) || lineWidth(a) > width+0.01 || lineWidth(b) > width+0.01 {
			continue
		}
		before, after := string(text[:ends[k-1]]), string(text[ends[k-1]:])
		safe, bonus := false, 0.0
		for _, w := range titleAfter {
			if strings.HasSuffix(before, w) {
				safe = true
				if len([]rune(w)) == 1 {
					bonus = 3 * em // a break at punctuation reads best
				}
			}
		}
		for _, w := range titleBefore {
			if strings.HasPrefix(after, w) {
				safe = true
			}
		}
		cost := math.Abs(total-2*w1) - bonus
		if safe && !bestSafe || safe == bestSafe && cost < bestCost {
			best, bestCost, bestSafe = k, cost, safe
		}
	}
	if best < 0 {
		return greedy
	}
	b := us[best:]
	for len(b) > 0 && b[0].space {
		b = b[1:]
	}
	return [][]unit{trimSpaces(us[:best]), b}
}

// keepNext: a row ending in an empty placed marker wants the next row on its page.
func (r gridRow) keepNext() bool { return len(r.lines) > 1 && r.lines[len(r.lines)-1].us == nil }

// paginate puts rows on pages of n rows. Glued rows move together; a page never
// starts with blank rows.
func paginate(rows []gridRow, n int) [][]gridRow { return paginateFirst(rows, n, n) }

// paginateFirst is paginate with a first page of first rows (below a 版头).
func paginateFirst(rows []gridRow, first, n int) [][]gridRow {
	var pages [][]gridRow
	var cur []gridRow
	size := first
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && rows[j].glue {
			j++
		}
		block := rows[i:j]
		if len(cur)+len(block) > size && len(cur) > 0 && len(block) <= size {
			pages, cur, size = append(pages, cur), nil, n
		}
		for _, r := range block {
			if len(cur) == size {
				pages, cur, size = append(pages, cur), nil, n
			}
			if len(cur) == 0 && r.blank {
				continue
			}
			cur = append(cur, r)
		}
		i = j
	}
	if len(cur) > 0 || len(pages) == 0 {
		pages = append(pages, cur)
	}
	return pages
}

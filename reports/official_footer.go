package reports

import (
	"fmt"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// Colophon is the 版记 (GB/T 9704-2012 §7.4) at the foot of the last page.
// An empty part is left out, never printed blank.
type Colophon struct {
	CopyTo    string    // 抄送机关, without 抄送： and the closing 。
	PrintedBy string    // 印发机关
	PrintedOn time.Time // 印发日期
}

// §7.4 rules: first and last thick, those between thin.
const (
	colophonPt    = 14.0 // 四号
	colRuleThick  = 0.35 // mm
	colRuleThin   = 0.25 // mm
	sealDiameter  = 42.0 // a round official seal, mm
	sealTextBelow = 2.0  // issuer and date sit this much below the seal's centre (居印章中心偏下)
)

func (c Colophon) empty() bool {
	return strings.TrimSpace(c.CopyTo) == "" && strings.TrimSpace(c.PrintedBy) == "" && c.PrintedOn.IsZero()
}

// colophonRows lays out the 版记's rows, one grid line each: the 抄送 lines (回行时
// 与冒号后的首字对齐), then 印发机关 at the left and 印发日期 at the right, one
// character in from each side. thinAfter is the number of 抄送 rows (the thin rule
// goes under them).
func (l *offLayout) colophonRows(c Colophon) (rows []placed, thinAfter int, err error) {
	em := colophonPt * ptMM
	x, w := gbLeft+em, gbBlockW-2*em
	if s := strings.TrimSpace(c.CopyTo); s != "" {
		s = strings.TrimRight(s, "。") + "。"
		lead, gerr := l.fs.shape([]span{{"抄送：", RoleBody}}, colophonPt, 0)
		if gerr != nil {
			return nil, 0, gerr
		}
		us, gerr := l.fs.shape([]span{{s, RoleBody}}, colophonPt, 0)
		if gerr != nil {
			return nil, 0, gerr
		}
		lw := lineWidth(lead)
		for i, ln := range breakLines(us, w-lw, w-lw) {
			if i == 0 {
				ln = append(append([]unit(nil), lead...), ln...)
				rows = append(rows, place(ln, x, w, alignLeft))
				continue
			}
			rows = append(rows, place(ln, x+lw, w-lw, alignLeft))
		}
		thinAfter = len(rows)
	}
	by, on := strings.TrimSpace(c.PrintedBy), ""
	if !c.PrintedOn.IsZero() {
		on = FormatDate(c.PrintedOn) + "印发"
	}
	if by == "" && on == "" {
		return rows, thinAfter, nil
	}
	bu, gerr := l.fs.shape([]span{{by, RoleBody}}, colophonPt, 0)
	if gerr != nil {
		return nil, 0, gerr
	}
	ou, gerr := l.fs.shape([]span{{on, RoleBody}}, colophonPt, 0)
	if gerr != nil {
		return nil, 0, gerr
	}
	p := place(bu, x, w, alignLeft)
	q := place(ou, x, w, alignRight)
	p.us, p.xs = append(p.us, q.us...), append(p.xs, q.xs...)
	return append(rows, p), thinAfter, nil
}

// colophon draws the 版记 at the foot of the page: its last rule on the text
// block's lower edge, each row's text centred between its rules.
func (d *renderer) colophon(rows []placed, thinAfter int) {
	if len(rows) == 0 {
		return
	}
	bottom := gbTop + gbBlockH
	top := bottom - float64(len(rows))*gbLinePit
	em := colophonPt * ptMM
	for i, p := range rows {
		d.draw(p, top+float64(i)*gbLinePit+(gbLinePit-em)/2)
	}
	d.pdf.SetFillColor(0, 0, 0)
	rule := func(y, thick float64) { d.pdf.Rect(gbLeft, y-thick/2, gbBlockW, thick, "F") }
	rule(top+colRuleThick/2, colRuleThick)
	if thinAfter > 0 && thinAfter < len(rows) {
		rule(top+float64(thinAfter)*gbLinePit, colRuleThin)
	}
	rule(bottom-colRuleThick/2, colRuleThick)
}

// signature lays out 署名 and 成文日期 (§7.3.5): one line below the text, the date
// four characters in from the right, each issuer (several when joint, the lead
// organ first) centred over the date. The last two lines of the text go with them.
func (l *offLayout) signature(issuers []string, date string) error {
	du, gerr := l.fs.shape([]span{{date, RoleBody}}, gbBodyPt, gbPitch)
	if gerr != nil {
		return gerr
	}
	var ius [][]unit
	iw := 0.0
	for _, s := range issuers {
		u, gerr := l.fs.shape([]span{{s, RoleBody}}, gbBodyPt, gbPitch)
		if gerr != nil {
			return gerr
		}
		ius = append(ius, u)
		iw = max(iw, lineWidth(u))
	}
	dw := lineWidth(du)
	center := gbLeft + gbBlockW - 4*gbPitch - dw/2
	if center+iw/2 > gbLeft+gbBlockW { // a long issuer stays inside the text block
		center = gbLeft + gbBlockW - iw/2
	}
	if n := len(l.rows); n >= 2 && !l.rows[n-1].blank && !l.rows[n-2].blank {
		l.rows[n-1].glue = true // never the signature with only one line of text
	}
	l.blank(true)
	l.sigX = center
	first := true
	add := func(p placed) {
		l.rows = append(l.rows, gridRow{lines: []placed{p}, glue: true, seal: first})
		first = false
	}
	for _, u := range ius {
		w := lineWidth(u)
		if w > gbBlockW { // an issuer too long for one line is simply centred and broken
			for _, ln := range breakLines(u, gbBlockW, gbBlockW) {
				add(place(ln, gbLeft, gbBlockW, alignCenter))
			}
			continue
		}
		add(place(u, center-w/2, w, alignLeft))
	}
	if len(du) > 0 {
		add(place(du, center-dw/2, dw, alignLeft))
	}
	return nil
}

// seal draws the seal image centred over the signature whose first row's top is
// y: issuer and date sit a little below its centre, pressing on both (§7.3.5.1).
func (d *renderer) seal(name string, x, y float64, rows int) {
	if name == "" {
		return
	}
	info := d.pdf.GetImageInfo(name)
	h := sealDiameter
	if info != nil && info.Width() > 0 {
		h = sealDiameter * info.Height() / info.Width()
	}
	cy := y + (float64(rows-1)*gbLinePit+gbBodyPt*ptMM)/2 - sealTextBelow
	d.pdf.ImageOptions(name, x-sealDiameter/2, cy-h/2, sealDiameter, h, false, gofpdf.ImageOptions{}, 0, "")
}

// songFace is the 宋体-style face for page numbers (§7.5): the embedded serif
// faces, else the body font.
func (fs *fontSet) songFace(r rune) *face {
	for _, f := range []*face{defaultFaces[lastResort], defaultFaces[RoleTitle]} {
		if f != nil && f.has(r) {
			return f
		}
	}
	return fs.faceFor(RoleBody, r)
}

// folio draws the page number "— 1 —" in 四号 half-width 宋体 digits: odd pages at
// the right, even at the left, one character in from the text block, the line
// 7 mm below it.
func (d *renderer) folio(n int) error {
	em := gbFolioPt * ptMM
	var us []unit
	for _, r := range fmt.Sprintf("— %d —", n) {
		f := d.fs.songFace(r)
		if f == nil {
			return &GlyphError{Record: "页码", Field: "页码", Char: r}
		}
		g := glyph{r: r, f: f, w: f.advance(r) * em}
		if r == ' ' && g.w <= 0 {
			g.w = em / 4
		}
		us = append(us, unit{g: []glyph{g}, w: g.w, size: gbFolioPt, space: r == ' '})
	}
	x, a := gbLeft+em, alignLeft
	if n%2 == 1 {
		x, a = gbLeft, alignRight
	}
	d.draw(place(us, x, gbBlockW-em, a), gbTop+gbBlockH+gbFolioGap)
	return nil
}

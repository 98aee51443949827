package reports

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// Paper is a page size in millimetres (width × height as printed).
type Paper struct{ W, H float64 }

// Standard papers.
var (
	A4Landscape = Paper{297, 210}
	A4Portrait  = Paper{210, 297}
)

// DateStyle is how a certificate writes its date.
type DateStyle int

// Date styles.
const (
	DateArabic       DateStyle = iota // 2021年12月20日
	DateChinese                       // 二〇二一年十二月二十日
	DateChineseMonth                  // 二〇二一年十二月
)

// FormatDateStyle writes t in the given style.
func FormatDateStyle(t time.Time, s DateStyle) string {
	switch s {
	case DateChinese:
		return chineseYear(t.Year()) + "年" + chineseNumber(int(t.Month())) + "月" + chineseNumber(t.Day()) + "日"
	case DateChineseMonth:
		return chineseYear(t.Year()) + "年" + chineseNumber(int(t.Month())) + "月"
	}
	return FormatDate(t)
}

const cnDigits = "〇一二三四五六七八九"

func chineseYear(y int) string {
	var sb strings.Builder
	for _, c := range fmt.Sprint(y) {
		sb.WriteRune([]rune(cnDigits)[c-'0'])
	}
	return sb.String()
}

// chineseNumber writes 1–99 in Chinese numerals: 十, 十二, 二十, 三十一.
func chineseNumber(n int) string {
	d := []rune(cnDigits)
	switch {
	case n < 10:
		return string(d[n])
	case n < 20:
		s := "十"
		if n%10 != 0 {
			s += string(d[n%10])
		}
		return s
	default:
		s := string(d[n/10]) + "十"
		if n%10 != 0 {
			s += string(d[n%10])
		}
		return s
	}
}

// DefaultHonour is the certificate wording of DOMAIN.md for an honour title such as
// 2021年度党建引领百佳示范社区.
func DefaultHonour(honourTitle string) []string {
	return []string{"经评审和公示，被命名为“" + honourTitle + "”。", "特发此证，以资鼓励。"}
}

// Cert is one certificate.
type Cert struct {
	Number string   // 证书编号, e.g. 2021-BJSQ-001
	Name   string   // the named community or compound
	Honour []string // paragraphs; nil means the batch's Honour
}

// TextBox places one variable text on pre-printed stock: top-left corner of the
// first line's em box, in mm from the paper's top-left corner, and the width the
// text may fill (0: the field is not printed). Size in points (0: the default).
type TextBox struct {
	X, Y, W float64
	Size    float64
}

// StockLayout is the pre-printed-stock mode: only the variable text is printed, at
// these positions, shifted by the printer offset measured on the calibration page.
type StockLayout struct {
	OffsetX, OffsetY                   float64 // added to every position, mm (right and down positive)
	Name, Honour, Issuer, Date, Number TextBox
}

// CertBatch is a batch of certificates printed into one PDF.
type CertBatch struct {
	Title     string   // default 荣誉证书
	Honour    []string // default paragraphs for certificates without their own
	Issuer    string   // 颁发单位
	Date      time.Time
	DateStyle DateStyle
	Seal      []byte       // PNG or JPEG of the seal supplied by the clerk; nil leaves its place blank
	Paper     Paper        // zero: A4 landscape
	Stock     *StockLayout // non-nil: print only the variable text onto bought stock
	Certs     []Cert
	// NoSealOnStock leaves the seal image out on pre-printed stock (whose seal may
	// be stamped by hand); by default a seal set prints in both modes.
	NoSealOnStock bool
}

func (b CertBatch) paper() Paper {
	if b.Paper.W <= 0 || b.Paper.H <= 0 {
		return A4Landscape
	}
	return b.Paper
}

// certificate design on A4 landscape, mm; other papers scale it.
const (
	certTitlePt  = 48.0
	certNamePt   = 26.0
	certBodyPt   = 22.0
	certSignPt   = 20.0
	certNumberPt = 12.0
)

// DefaultStockLayout places the variable text where the full design has it, scaled to paper.
func DefaultStockLayout(p Paper) StockLayout {
	if p.W <= 0 || p.H <= 0 {
		p = A4Landscape
	}
	sx, sy := p.W/297, p.H/210
	return StockLayout{
		Name:   TextBox{X: 45 * sx, Y: 70 * sy, W: 207 * sx, Size: certNamePt},
		Honour: TextBox{X: 45 * sx, Y: 90 * sy, W: 207 * sx, Size: certBodyPt},
		// Issuer and date centred on one axis, ending where the full design's do:
		// 32 mm in from the right edge, clear of the margin a printer cannot reach.
		Issuer: TextBox{X: 120 * sx, Y: 146 * sy, W: 145 * sx, Size: certSignPt},
		Date:   TextBox{X: 120 * sx, Y: 157.3 * sy, W: 145 * sx, Size: certSignPt},
		Number: TextBox{X: 24 * sx, Y: 185 * sy, W: 120 * sx, Size: certNumberPt},
	}
}

// Certificates writes the whole batch into one PDF, one page per certificate.
// Every character is checked before drawing. progress (may be nil) is called after
// each page; cancelling ctx stops the batch and nothing is written.
func Certificates(ctx context.Context, w io.Writer, b CertBatch, f *Fonts, progress func(done, total int)) error {
	if len(b.Certs) == 0 {
		return fmt.Errorf("没有要打印的证书")
	}
	fs, err := newFontSet(f)
	if err != nil {
		return err
	}
	paper := b.paper()
	title := b.Title
	if strings.TrimSpace(title) == "" {
		title = "荣誉证书"
	}
	date := ""
	if !b.Date.IsZero() {
		date = FormatDateStyle(b.Date, b.DateStyle)
	}
	if err := fs.gather(func() error { return checkCertBatch(fs, b, title, date) }); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("打印证书已取消：%w", err)
	}
	d := newRenderer(fs, paper.W, paper.H, title, len(b.Certs) <= 50)
	seal, err := d.registerSeal(b.Seal)
	if err != nil {
		return err
	}
	for i, c := range b.Certs {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("打印证书已取消（已排 %d/%d 张）：%w", i, len(b.Certs), err)
		}
		d.addPage()
		var err error
		if b.Stock != nil {
			err = d.stockPage(b, c, *b.Stock, date, seal)
		} else {
			err = d.certPage(b, c, paper, title, date, seal)
		}
		if err != nil {
			return fmt.Errorf("证书“%s”：%w", c.Name, err)
		}
		if progress != nil {
			progress(i+1, len(b.Certs))
		}
	}
	return d.finish(w)
}

// checkCertBatch checks every text of the batch before anything is drawn: the
// batch's own title, issuer and date, then each certificate's name, number and
// wording; a certificate without a name is refused.
func checkCertBatch(fs *fontSet, b CertBatch, title, date string) error {
	const numLabel = "证书编号："
	batch := "证书批次"
	for _, c := range []struct{ field, s string }{{"标题", title}, {"颁发单位", b.Issuer}, {"日期", date}, {"编号", numLabel}} {
		if err := fs.check(batch, c.field, c.s, roleOf(c.field)); err != nil {
			return err
		}
	}
	for i, c := range b.Certs {
		rec := fmt.Sprintf("证书“%s”", c.Name)
		if strings.TrimSpace(c.Name) == "" {
			return fmt.Errorf("第%d张证书没有名称", i+1)
		}
		if err := fs.check(rec, "名称", c.Name, RoleTitle); err != nil {
			return err
		}
		if err := fs.check(rec, "编号", c.Number, RoleKai); err != nil {
			return err
		}
		for j, p := range honourOf(b, c) {
			if err := fs.check(rec, fmt.Sprintf("证书内容第%d段", j+1), p, RoleKai); err != nil {
				return err
			}
		}
	}
	return nil
}

// registerSeal adds the clerk's seal image (PNG or JPEG) to the PDF and returns
// the name to draw it by; "" when there is none.
func (d *renderer) registerSeal(img []byte) (string, error) {
	if len(img) == 0 {
		return "", nil
	}
	typ := ""
	switch {
	case bytes.HasPrefix(img, []byte("\x89PNG")):
		typ = "PNG"
	case bytes.HasPrefix(img, []byte{0xFF, 0xD8}):
		typ = "JPG"
	default:
		return "", fmt.Errorf("印章图片只能是 PNG 或 JPEG 格式")
	}
	info := d.pdf.RegisterImageOptionsReader("seal", gofpdf.ImageOptions{ImageType: typ}, bytes.NewReader(img))
	if err := d.pdf.Error(); err != nil || info == nil {
		return "", fmt.Errorf("印章图片无法使用：%v", err)
	}
	return "seal", nil
}

func roleOf(field string) Role {
	if field == "标题" {
		return RoleTitle
	}
	return RoleKai
}

func honourOf(b CertBatch, c Cert) []string {
	if c.Honour != nil {
		return c.Honour
	}
	return b.Honour
}

// text lays out s in role at size pt into lines of width w starting at (x, top),
// line pitch lead×em; returns the top of the next line.
func (d *renderer) text(spans []span, size, x, top, w, indent, lead float64, a align) (float64, error) {
	us, gerr := d.fs.shape(spans, size, 0)
	if gerr != nil {
		return top, gerr
	}
	lines := breakLines(us, w-indent, w)
	for i, ln := range lines {
		lx, lw := x, w
		if i == 0 {
			lx, lw = x+indent, w-indent
		}
		la := a
		if a == alignJustify && i == len(lines)-1 {
			la = alignLeft
		}
		d.draw(place(ln, lx, lw, la), top)
		top += lead * size * ptMM
	}
	return top, nil
}

// fit returns the largest size ≤ size (down to 9 pt) at which the paragraphs, each
// indented two characters when lead > 1, take no more than height mm at lead×em a
// line; lead 1 and height 1 ask for a single unindented line.
func (d *renderer) fit(paras []span, size, w, lead, height float64) (float64, error) {
	for ; size > 9; size *= 0.94 {
		lines := 0
		for _, p := range paras {
			us, gerr := d.fs.shape([]span{p}, size, 0)
			if gerr != nil {
				return size, gerr
			}
			in := 0.0
			if lead > 1 {
				in = 2 * size * ptMM
			}
			lines += len(breakLines(us, w-in, w))
		}
		if lead == 1 && lines <= 1 || lead > 1 && float64(lines)*lead*size*ptMM <= height {
			break
		}
	}
	return size, nil
}

// wholeQuotes returns the largest size, from size down to 78 % of it, at which no
// line of the paragraphs breaks inside “…”: the honour title reads whole on a
// certificate. When none does, size itself.
func (d *renderer) wholeQuotes(paras []span, size, w float64) float64 {
	for s := size; s >= 0.78*size; s *= 0.98 {
		split := false
		for _, p := range paras {
			us, gerr := d.fs.shape([]span{p}, s, 0)
			if gerr != nil {
				return size
			}
			depth := 0
			for i, ln := range breakLines(us, w-2*s*ptMM, w) {
				if i > 0 && depth > 0 {
					split = true
				}
				for _, u := range ln {
					for _, g := range u.g {
						switch g.r {
						case '“':
							depth++
						case '”':
							depth--
						}
					}
				}
			}
		}
		if !split {
			return s
		}
	}
	return size
}

// certPage draws a certificate in the full design: border, title, the recipient
// and the honour, the issuer and date (with the seal), the number.
func (d *renderer) certPage(b CertBatch, c Cert, p Paper, title, date, seal string) error {
	sx, sy := p.W/297, p.H/210
	s := sx
	if sy < s {
		s = sy
	}
	d.certBorder(p, s)
	if err := d.certTitle(title, p, s, sy); err != nil {
		return err
	}
	// Recipient, the honour, the issuer and date, the number.
	if err := d.certWording(b, c, p, s, sx, sy); err != nil {
		return err
	}
	if err := d.certSignature(b.Issuer, date, seal, p, s, sx, sy); err != nil {
		return err
	}
	if c.Number != "" {
		if _, err := d.text([]span{{"证书编号：" + c.Number, RoleKai}}, certNumberPt*s, 24*sx, 184*sy, 150*sx, 0, 1.5, alignLeft); err != nil {
			return err
		}
	}
	return nil
}

// certBorder draws the border: a heavy outer frame, a fine inner one and corner
// squares, all vector lines, s the design's scale.
func (d *renderer) certBorder(p Paper, s float64) {
	pdf := d.pdf
	pdf.SetDrawColor(178, 34, 34)
	pdf.SetFillColor(178, 34, 34)
	pdf.SetLineWidth(1.6 * s)
	m1, m2 := 9*s, 12.5*s
	pdf.Rect(m1, m1, p.W-2*m1, p.H-2*m1, "D")
	pdf.SetLineWidth(0.4 * s)
	pdf.Rect(m2, m2, p.W-2*m2, p.H-2*m2, "D")
	cs := 7 * s
	for _, cx := range []float64{m2, p.W - m2 - cs} {
		for _, cy := range []float64{m2, p.H - m2 - cs} {
			pdf.Rect(cx, cy, cs, cs, "D")
			pdf.Rect(cx+1.8*s, cy+1.8*s, cs-3.6*s, cs-3.6*s, "F")
		}
	}
	pdf.SetFillColor(0, 0, 0) // text and fill colours alike spare gofpdf a q…Q per text
}

// certTitle draws the title centred in red, letter-spaced when short.
func (d *renderer) certTitle(title string, p Paper, s, sy float64) error {
	d.pdf.SetTextColor(178, 34, 34)
	tu, gerr := d.fs.shape([]span{{title, RoleTitle}}, certTitlePt*s, 0)
	if gerr != nil {
		return gerr
	}
	tracking := 0.0
	if n := len([]rune(title)); n > 1 && n <= 6 {
		tracking = 0.5 * certTitlePt * s * ptMM
	}
	tw := lineWidth(tu) + tracking*float64(len(tu)-1)
	pl := place(tu, (p.W-tw)/2, tw, alignJustify)
	d.draw(pl, 28*sy)
	d.pdf.SetTextColor(0, 0, 0)
	return nil
}

// certWording draws the recipient's name on one line (shrunk to fit) and the
// honour under it, shrunk if it would run into the issuer's place.
func (d *renderer) certWording(b CertBatch, c Cert, p Paper, s, sx, sy float64) error {
	x, w := 45*sx, p.W-90*sx
	name := []span{{strings.TrimSpace(c.Name) + "：", RoleTitle}}
	nsize, err := d.fit(name, certNamePt*s, w, 1, 1)
	if err != nil {
		return err
	}
	if _, err := d.text(name, nsize, x, 70*sy, w, 0, 1.6, alignLeft); err != nil {
		return err
	}
	top := 90 * sy
	paras := honourOf(b, c)
	var hs []span
	for _, para := range paras {
		hs = append(hs, span{para, RoleKai})
	}
	size, err := d.fit(hs, d.wholeQuotes(hs, certBodyPt*s, w), w, 1.75, (140-90)*sy)
	if err != nil {
		return err
	}
	for _, para := range paras {
		var err error
		top, err = d.text([]span{{para, RoleKai}}, size, x, top, w, 2*size*ptMM, 1.75, alignJustify)
		if err != nil {
			return err
		}
	}
	return nil
}

// certSignature draws the issuer and date centred on one axis at the right,
// shrunk to fit if long; the seal's place (over them) stays blank unless the
// clerk gave a seal image.
func (d *renderer) certSignature(issuer, date, seal string, p Paper, s, sx, sy float64) error {
	ssize := certSignPt * s
	var iu, du []unit
	for {
		var gerr *GlyphError
		if iu, gerr = d.fs.shape([]span{{issuer, RoleKai}}, ssize, 0); gerr != nil {
			return gerr
		}
		if du, gerr = d.fs.shape([]span{{date, RoleKai}}, ssize, 0); gerr != nil {
			return gerr
		}
		if lineWidth(iu) <= 150*sx || ssize < 10 {
			break
		}
		ssize *= 0.92
	}
	mw := lineWidth(iu)
	if dw := lineWidth(du); dw > mw {
		mw = dw
	}
	signCenter := p.W - 80*sx
	if r := p.W - 32*sx; signCenter+mw/2 > r {
		signCenter = r - mw/2
	}
	d.draw(place(iu, signCenter-lineWidth(iu)/2, lineWidth(iu), alignLeft), 146*sy)
	d.draw(place(du, signCenter-lineWidth(du)/2, lineWidth(du), alignLeft), 146*sy+1.6*ssize*ptMM)
	if seal != "" {
		sw := 42 * s
		d.pdf.ImageOptions(seal, signCenter-sw/2, 128*sy, sw, 0, false, gofpdf.ImageOptions{}, 0, "")
	}
	return nil
}

// stockPage prints only the variable text of a certificate at the stock layout's
// boxes, with the seal over the issuer unless the batch turns it off for stock.
// The date prints at the issuer's size (both shrink together to their boxes).
func (d *renderer) stockPage(b CertBatch, c Cert, st StockLayout, date, seal string) error {
	put := func(tb TextBox, size float64, spans []span, indent bool, a align) error {
		if tb.W <= 0 {
			return nil
		}
		in := 0.0
		if indent {
			in = 2 * size * ptMM
		}
		_, err := d.text(spans, size, tb.X+st.OffsetX, tb.Y+st.OffsetY, tb.W, in, 1.75, a)
		return err
	}
	name := []span{{strings.TrimSpace(c.Name) + "：", RoleTitle}}
	nsize, err := d.oneLine(st.Name, certNamePt, name)
	if err != nil {
		return err
	}
	if err := put(st.Name, nsize, name, false, alignLeft); err != nil {
		return err
	}
	if err := d.stockHonour(b, c, st, put); err != nil {
		return err
	}
	issuer, dated := []span{{b.Issuer, RoleKai}}, []span{{date, RoleKai}}
	isize, err := d.oneLine(st.Issuer, certSignPt, issuer)
	if err != nil {
		return err
	}
	dsize, err := d.oneLine(st.Date, certSignPt, dated)
	if err != nil {
		return err
	}
	if st.Issuer.W > 0 && st.Date.W > 0 && b.Issuer != "" { // the date at the 落款's size
		if isize < dsize {
			dsize = isize
		} else {
			isize = dsize
		}
	}
	if err := put(st.Issuer, isize, issuer, false, alignCenter); err != nil {
		return err
	}
	if err := put(st.Date, dsize, dated, false, alignCenter); err != nil {
		return err
	}
	if seal != "" && !b.NoSealOnStock && st.Issuer.W > 0 {
		p := b.paper()
		sy := p.H / 210
		sw := 42 * math.Min(p.W/297, sy)
		cx := st.Issuer.X + st.Issuer.W/2 + st.OffsetX
		d.pdf.ImageOptions(seal, cx-sw/2, st.Issuer.Y+st.OffsetY-18*sy, sw, 0, false, gofpdf.ImageOptions{}, 0, "")
	}
	if c.Number != "" {
		num := []span{{"证书编号：" + c.Number, RoleKai}}
		size, err := d.oneLine(st.Number, certNumberPt, num)
		if err != nil {
			return err
		}
		return put(st.Number, size, num, false, alignLeft)
	}
	return nil
}

// oneLine is the size a one-line field prints at in its box: the box's size (def
// when none), shrunk until the text fits the box's width rather than wrap.
func (d *renderer) oneLine(tb TextBox, def float64, spans []span) (float64, error) {
	size := tb.Size
	if size <= 0 {
		size = def
	}
	for size > 6 && tb.W > 0 {
		us, gerr := d.fs.shape(spans, size, 0)
		if gerr != nil {
			return size, gerr
		}
		if lineWidth(us) <= tb.W {
			break
		}
		size *= 0.92
	}
	return size, nil
}

// stockHonour prints the honour paragraphs one under the other in their box.
func (d *renderer) stockHonour(b CertBatch, c Cert, st StockLayout, put func(TextBox, float64, []span, bool, align) error) error {
	hb := st.Honour
	if hb.W <= 0 {
		return nil
	}
	size := hb.Size
	if size <= 0 {
		size = certBodyPt
	}
	var hs []span
	for _, para := range honourOf(b, c) {
		hs = append(hs, span{para, RoleKai})
	}
	size = d.wholeQuotes(hs, size, hb.W)
	for _, para := range honourOf(b, c) {
		if err := put(hb, size, []span{{para, RoleKai}}, true, alignJustify); err != nil {
			return err
		}
		us, _ := d.fs.shape([]span{{para, RoleKai}}, size, 0)
		hb.Y += float64(len(breakLines(us, hb.W-2*size*ptMM, hb.W))) * 1.75 * size * ptMM
	}
	return nil
}

// Calibration writes a one-page millimetre grid on paper, to measure how far a
// printer shifts the page: the offsets then go into StockLayout.
func Calibration(w io.Writer, p Paper, f *Fonts) error {
	if p.W <= 0 || p.H <= 0 {
		p = A4Landscape
	}
	fs, err := newFontSet(f)
	if err != nil {
		return err
	}
	lines := []string{
		"打印校准页",
		fmt.Sprintf("纸张 %g × %g 毫米。请用打印证书的同一台打印机、以“实际大小”（不缩放）打印本页。", p.W, p.H),
		"用直尺量出纸左边缘到标有“10”的竖线的距离：比 10 毫米多几毫米，水平偏移就填负几；少几毫米，就填正几。",
		"同样量出纸上边缘到标有“10”的横线的距离，得出垂直偏移。把两个偏移填入证书打印设置中的“套打偏移”。",
	}
	for _, s := range append(lines, "0123456789") {
		if err := fs.check("校准页", "说明", s, RoleHei); err != nil {
			return err
		}
	}
	d := newRenderer(fs, p.W, p.H, "打印校准页", true)
	d.addPage()
	pdf := d.pdf
	for mm := 0.0; mm <= p.W+0.01; mm++ {
		gridLine(pdf, mm)
		pdf.Line(mm, 0, mm, p.H)
	}
	for mm := 0.0; mm <= p.H+0.01; mm++ {
		gridLine(pdf, mm)
		pdf.Line(0, mm, p.W, mm)
	}
	pdf.SetTextColor(0, 0, 0)
	for mm := 10; float64(mm) < p.W; mm += 10 {
		if _, err := d.text([]span{{fmt.Sprint(mm), RoleHei}}, 7, float64(mm)+0.6, 11, 12, 0, 1, alignLeft); err != nil {
			return err
		}
	}
	for mm := 20; float64(mm) < p.H; mm += 10 {
		if _, err := d.text([]span{{fmt.Sprint(mm), RoleHei}}, 7, 11, float64(mm)+0.4, 12, 0, 1, alignLeft); err != nil {
			return err
		}
	}
	// Instructions on a white panel in the middle, as tall as its lines need.
	bw := p.W * 0.7
	bh := 10.0 + 1.6*16*ptMM
	for _, s := range lines[1:] {
		us, gerr := fs.shape([]span{{s, RoleHei}}, 10.5, 0)
		if gerr != nil {
			return gerr
		}
		bh += float64(len(breakLines(us, bw-12, bw-12))) * 1.6 * 10.5 * ptMM
	}
	bx, by := (p.W-bw)/2, (p.H-bh)/2
	pdf.SetFillColor(255, 255, 255)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(0.3)
	pdf.Rect(bx, by, bw, bh, "FD")
	top := by + 5
	top, err = d.text([]span{{lines[0], RoleHei}}, 16, bx+6, top, bw-12, 0, 1.6, alignCenter)
	if err != nil {
		return err
	}
	for _, s := range lines[1:] {
		if top, err = d.text([]span{{s, RoleHei}}, 10.5, bx+6, top, bw-12, 0, 1.6, alignJustify); err != nil {
			return err
		}
	}
	return d.finish(w)
}

func gridLine(pdf *gofpdf.Fpdf, mm float64) {
	switch m := int(mm + 0.5); {
	case m%10 == 0:
		pdf.SetDrawColor(40, 40, 40)
		pdf.SetLineWidth(0.25)
	case m%5 == 0:
		pdf.SetDrawColor(120, 120, 120)
		pdf.SetLineWidth(0.15)
	default:
		pdf.SetDrawColor(190, 190, 190)
		pdf.SetLineWidth(0.06)
	}
}

package reports

import (
	"fmt"
	"strings"
)

// HeaderMode chooses how much of the 版头 (GB/T 9704-2012 §7.2) a document prints.
type HeaderMode int

// The 版头 modes.
const (
	HeaderNone       HeaderMode = iota // no 版头: the title opens the first page (a notice on a board)
	HeaderFull                         // 发文机关标志 in red, 发文字号 and the red separator line
	HeaderLetterhead                   // pre-printed 红头纸: only the 发文字号, at a measured height
)

// Header is the 版头 of an official document.
type Header struct {
	Mode   HeaderMode
	Organs []string // 发文机关 as the 标志 names them; several for 联合行文, the lead organ first
	Suffix string   // printed after (beside, when joint) the names, usually 文件; may be empty
	Red    [3]int   // colour of the 标志 and the separator line; all zero means 230,0,0
	Wenhao string   // 发文字号, e.g. 华阳街道党工委发〔2021〕12号; empty prints none
	// On 红头纸: the top of the 发文字号 and of the title, in mm from the paper's
	// top edge; zero puts them where the full 版头 would.
	WenhaoTop, BodyTop float64
}

// GB/T 9704 §7.2 geometry.
const (
	markTopGap   = 35.0 // the 标志's top edge below the text block's top edge, mm
	markMaxPt    = 42.0 // the 标志 at most 初号, smaller when it would not fit the block
	markLead     = 1.15 // line step of a joint 标志's names, in ems
	redLineGap   = 4.0  // the separator line below the 发文字号, mm
	redLineThick = 0.5  // mm
)

// headerGeom is where the parts of a 版头 go on the first page (mm from the paper's top).
type headerGeom struct {
	markTop, markBottom float64
	wenhaoTop           float64
	lineY               float64 // top edge of the red line
	titleTop            float64 // the first row of the page
	mark                []placed
	markTops            []float64
	markSize            float64
}

// red is the header's colour.
func (h Header) red() (int, int, int) {
	if h.Red == [3]int{} {
		return 230, 0, 0
	}
	return h.Red[0], h.Red[1], h.Red[2]
}

func (h Header) organs() []string {
	var out []string
	for _, o := range h.Organs {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}

// geometry lays the 版头 out: §7.2.3 标志 35 mm into the block, §7.2.4 文号 two
// lines below it, §7.2.5 the line 4 mm below the 文号, §7.3.3 the title two lines
// below the line. On 红头纸 the measured heights replace the computed ones.
func (l *offLayout) geometry(h Header) (headerGeom, error) {
	g := headerGeom{markTop: gbTop + markTopGap}
	if h.Mode == HeaderNone {
		g.titleTop = gbTop
		return g, nil
	}
	if err := l.markLayout(h, &g); err != nil {
		return g, err
	}
	g.wenhaoTop = g.markBottom + 2*gbLinePit
	g.lineY = g.wenhaoTop + gbBodyPt*ptMM + redLineGap
	g.titleTop = g.lineY + 2*gbLinePit
	if h.Mode == HeaderLetterhead {
		g.wenhaoTop, g.titleTop = LetterheadDefaults()
		if h.WenhaoTop > 0 {
			g.wenhaoTop = h.WenhaoTop
		}
		if h.BodyTop > 0 {
			g.titleTop = h.BodyTop
		}
		if g.titleTop < gbTop || g.titleTop > gbTop+gbBlockH-3*gbLinePit {
			return g, fmt.Errorf("红头纸的正文起始位置 %.1f 毫米不在版心内（应在 %.0f～%.0f 毫米之间），请在“设置—公文”中改正", g.titleTop, gbTop, gbTop+gbBlockH-3*gbLinePit)
		}
	}
	return g, nil
}

// markLayout sets the 发文机关标志: one organ centred on one line; joint organs
// stacked, each spread to the widest name's width, with the suffix (文件) to their
// right, centred on them vertically (§7.2.3). The size is 初号 or what fits.
func (l *offLayout) markLayout(h Header, g *headerGeom) error {
	organs := h.organs()
	if len(organs) == 0 {
		g.markBottom = g.markTop
		return nil
	}
	suffix := strings.TrimSpace(h.Suffix)
	if len(organs) == 1 {
		organs[0] += suffix
		suffix = ""
	}
	shape := func(s string, size float64) ([]unit, error) {
		us, gerr := l.fs.shape([]span{{s, RoleTitle}}, size, 0)
		if gerr != nil {
			return nil, gerr
		}
		return us, nil
	}
	widest, sw := 0.0, 0.0
	for _, o := range organs {
		us, err := shape(o, markMaxPt)
		if err != nil {
			return err
		}
		widest = max(widest, lineWidth(us))
	}
	gap := 0.0
	if suffix != "" {
		us, err := shape(suffix, markMaxPt)
		if err != nil {
			return err
		}
		sw, gap = lineWidth(us), markMaxPt*ptMM/2
	}
	scale := min(1, gbBlockW/(widest+gap+sw))
	size := markMaxPt * scale
	widest, sw, gap = widest*scale, sw*scale, gap*scale
	em := size * ptMM
	x := gbLeft + (gbBlockW-widest-gap-sw)/2
	for i, o := range organs {
		us, _ := shape(o, size)
		a := alignCenter
		if len(organs) > 1 {
			a = alignJustify
		}
		g.mark = append(g.mark, place(us, x, widest, a))
		g.markTops = append(g.markTops, g.markTop+float64(i)*markLead*em)
	}
	g.markBottom = g.markTop + (float64(len(organs)-1)*markLead+1)*em
	if suffix != "" {
		us, _ := shape(suffix, size)
		g.mark = append(g.mark, place(us, x+widest+gap, sw, alignLeft))
		g.markTops = append(g.markTops, (g.markTop+g.markBottom-em)/2)
	}
	g.markSize = size
	return nil
}

// header draws the 版头 on the first page: all of it, or on 红头纸 only the 文号.
func (d *renderer) header(h Header, g headerGeom) error {
	if h.Mode == HeaderNone {
		return nil
	}
	r, gr, b := h.red()
	if h.Mode == HeaderFull {
		d.pdf.SetTextColor(r, gr, b)
		for i, p := range g.mark {
			d.draw(p, g.markTops[i])
		}
		d.pdf.SetTextColor(0, 0, 0)
		d.pdf.SetFillColor(r, gr, b)
		d.pdf.Rect(gbLeft, g.lineY, gbBlockW, redLineThick, "F")
		d.pdf.SetFillColor(0, 0, 0)
	}
	if w := strings.TrimSpace(h.Wenhao); w != "" {
		us, gerr := d.fs.shape([]span{{w, RoleBody}}, gbBodyPt, gbPitch)
		if gerr != nil {
			return gerr
		}
		d.draw(place(us, gbLeft, gbBlockW, alignCenter), g.wenhaoTop)
	}
	return nil
}

// checkHeader checks the texts of the 版头 and 版记.
func checkHeader(fs *fontSet, rec string, doc OfficialDoc) error {
	h := doc.Header
	if h.Mode != HeaderNone {
		if h.Mode == HeaderFull {
			for i, o := range h.organs() {
				if err := fs.check(rec, fmt.Sprintf("发文机关标志第%d行", i+1), o+h.Suffix, RoleTitle); err != nil {
					return err
				}
			}
		}
		if err := fs.check(rec, "发文字号", h.Wenhao, RoleBody); err != nil {
			return err
		}
	}
	c := doc.Colophon
	for _, f := range [][2]string{{"抄送", "抄送：" + c.CopyTo + "。"}, {"印发机关", c.PrintedBy}, {"印发日期", "0123456789年月日印发"}} {
		if err := fs.check(rec, f[0], f[1], RoleBody); err != nil {
			return err
		}
	}
	return nil
}

// LetterheadDefaults are the heights (mm from the paper's top) of the 发文字号 and
// the title on 红头纸 when none were measured: where the full 版头 with a one-line
// 初号 标志 puts them.
func LetterheadDefaults() (wenhaoTop, bodyTop float64) {
	wenhaoTop = gbTop + markTopGap + markMaxPt*ptMM + 2*gbLinePit
	return wenhaoTop, wenhaoTop + gbBodyPt*ptMM + redLineGap + 2*gbLinePit
}

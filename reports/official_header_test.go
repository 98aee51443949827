package reports

import (
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sampleDecision is the 2021 naming decision with a full 版头 and a 版记.
func sampleDecision(mode HeaderMode) OfficialDoc {
	d := sampleNotice(3)
	d.Title = "关于命名2021年度党建引领百佳示范社区和百佳示范小区的决定"
	d.Addressee = "各社区党委、居委会："
	d.Objection = []string{"希望受到命名的社区和小区珍惜荣誉，再接再厉。"}
	d.Contact = nil
	d.Date = time.Date(2021, 12, 13, 0, 0, 0, 0, time.Local)
	d.Header = Header{Mode: mode, Organs: []string{"华阳街道党工委"}, Suffix: "文件", Wenhao: "华阳街道党工委发〔2021〕12号"}
	d.Colophon = Colophon{CopyTo: "天府新区党工委组织部，天府新区社区发展治理局", PrintedBy: "华阳街道党政办公室", PrintedOn: d.Date}
	return d
}

// rect is a filled rectangle from the page's drawing operators, in mm from the top left.
type rect struct {
	x, y, w, h float64
	rgb        string // the fill colour operands, as written
}

var (
	rgRE   = regexp.MustCompile(`([\d.]+) ([\d.]+) ([\d.]+) rg`)
	rectRE = regexp.MustCompile(`(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re f`)
)

// rects reads the filled rectangles of each page (qpdf --qdf uncompresses the streams).
func rects(t *testing.T, path string) [][]rect {
	t.Helper()
	out := path + ".qdf"
	tool(t, "qpdf", "--qdf", "--object-streams=disable", path, out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	raw := string(b)
	var pages [][]rect
	fill := "0 0 0"
	grayRE := regexp.MustCompile(`^([\d.]+) g$`)
	for _, stream := range strings.Split(raw, "%% Contents for page")[1:] {
		var rs []rect
		for _, ln := range strings.Split(stream, "\n") {
			if m := rgRE.FindStringSubmatch(ln); m != nil {
				fill = m[1] + " " + m[2] + " " + m[3]
			}
			if m := grayRE.FindStringSubmatch(strings.TrimSpace(ln)); m != nil {
				fill = m[1] + " " + m[1] + " " + m[1]
			}
			if m := rectRE.FindStringSubmatch(ln); m != nil {
				var v [4]float64
				for i := range v {
					v[i], _ = strconv.ParseFloat(m[i+1], 64)
					v[i] *= 25.4 / 72
				}
				y, h := gbPageH-v[1], -v[3]
				if h < 0 {
					y, h = y+h, -h
				}
				rs = append(rs, rect{v[0], y, v[2], h, fill})
			}
		}
		pages = append(pages, rs)
	}
	return pages
}

// wordsWith returns the words on page whose text contains sub.
func wordsWith(ws []word, page int, sub string) []word {
	var out []word
	for _, w := range ws {
		if w.page == page && strings.Contains(w.text, sub) {
			out = append(out, w)
		}
	}
	return out
}

// The full 版头 read back against GB/T 9704-2012 §7.2: 标志 35 mm into the text
// block, 文号 centred two lines below it, the red line 4 mm below the 文号 and as
// wide as the block, the title two lines below the line.
func TestHeaderFullGeometry(t *testing.T) {
	path := writePDF(t, func(w io.Writer) error { return Decision(w, sampleDecision(HeaderFull), nil) })
	checkPDF(t, path)
	ws := words(t, path)
	mark, wh, title := wordsWith(ws, 1, "文件"), wordsWith(ws, 1, "〔2021〕12号"), wordsWith(ws, 1, "关于命名")
	if len(mark) != 1 || len(wh) != 1 || len(title) != 1 {
		t.Fatalf("标志 %v, 文号 %v, title %v: each once on page 1", mark, wh, title)
	}
	line := 225.0 / 22
	if !near(mark[0].yMin, 37+35, 1) {
		t.Errorf("标志 top %.2f mm, want 72 (35 mm into the text block)", mark[0].yMin)
	}
	if c := (mark[0].xMin + mark[0].xMax) / 2; !near(c, 28+78, 1) {
		t.Errorf("标志 centred on %.2f mm, want 106", c)
	}
	if !near(wh[0].yMin, mark[0].yMax+2*line, 1) {
		t.Errorf("文号 top %.2f mm, want two lines below the 标志 (%.2f)", wh[0].yMin, mark[0].yMax+2*line)
	}
	if c := (wh[0].xMin + wh[0].xMax) / 2; !near(c, 28+78, 1) {
		t.Errorf("文号 centred on %.2f mm, want 106", c)
	}
	var red []rect
	for _, r := range rects(t, path)[0] {
		if r.rgb == "0.902 0.000 0.000" {
			red = append(red, r)
		}
	}
	if len(red) != 1 {
		t.Fatalf("%d red rectangles on page 1, want the one separator line: %+v", len(red), red)
	}
	if !near(red[0].y, wh[0].yMax+4, 1) || !near(red[0].x, 28, 0.1) || !near(red[0].w, 156, 0.1) {
		t.Errorf("red line at x %.2f, %.2f mm down, %.2f mm wide; want x 28, %.2f down (4 mm below the 文号), 156 wide", red[0].x, red[0].y, red[0].w, wh[0].yMax+4)
	}
	if !near(title[0].yMin, red[0].y+2*line, 1) {
		t.Errorf("title top %.2f mm, want two lines below the red line (%.2f)", title[0].yMin, red[0].y+2*line)
	}
	if got := pageText(t, path, 1); !strings.HasPrefix(got, "华阳街道党工委文件华阳街道党工委发〔2021〕12号关于命名") {
		t.Errorf("page 1 reads %q", got[:min(len(got), 120)])
	}
}

// On 红头纸 nothing of the 版头 is drawn: only the 文号 and the body, at the set heights.
func TestHeaderLetterhead(t *testing.T) {
	d := sampleDecision(HeaderLetterhead)
	d.Header.WenhaoTop, d.Header.BodyTop = 95, 125
	path := writePDF(t, func(w io.Writer) error { return Decision(w, d, nil) })
	ws := words(t, path)
	if m := wordsWith(ws, 1, "文件"); len(m) != 0 {
		t.Errorf("the 标志 was printed on 红头纸: %v", m)
	}
	for _, r := range rects(t, path)[0] {
		if r.rgb != "0 0 0" && r.rgb != "0.000 0.000 0.000" {
			t.Errorf("something coloured drawn on 红头纸: %+v", r)
		}
	}
	wh, title := wordsWith(ws, 1, "〔2021〕12号"), wordsWith(ws, 1, "关于命名")
	if len(wh) != 1 || !near(wh[0].yMin, 95, 1) || !near((wh[0].xMin+wh[0].xMax)/2, 106, 1) {
		t.Errorf("文号 %v, want centred with its top at 95 mm", wh)
	}
	if len(title) != 1 || !near(title[0].yMin, 125, 1) {
		t.Errorf("title %v, want its top at 125 mm", title)
	}
	d.Header.BodyTop = 300
	if err := Decision(io.Discard, d, nil); err == nil || !strings.Contains(err.Error(), "正文起始位置") {
		t.Errorf("a body start below the text block: err = %v", err)
	}
}

// Joint issuers (联合行文): the names stacked, 文件 to their right, centred on them.
func TestHeaderJoint(t *testing.T) {
	d := sampleDecision(HeaderFull)
	d.Header.Organs = []string{"中共华阳街道工作委员会", "华阳街道办事处"}
	path := writePDF(t, func(w io.Writer) error { return Decision(w, d, nil) })
	ws := words(t, path)
	a, f := wordsWith(ws, 1, "工作委员会"), wordsWith(ws, 1, "文件")
	var b []word // the shorter name is spread to the longer one's width: one word a character
	for _, w := range ws {
		if w.page == 1 && len(a) == 1 && w.yMin > a[0].yMax-1 && w.yMax < 100 && w.text != "文件" {
			if len(b) == 0 {
				b = append(b, w)
			}
			b[0].xMin, b[0].xMax = min(b[0].xMin, w.xMin), max(b[0].xMax, w.xMax)
		}
	}
	if len(a) != 1 || len(b) != 1 || len(f) != 1 {
		t.Fatalf("names %v %v, 文件 %v", a, b, f)
	}
	if !near(a[0].yMin, 72, 1) || b[0].yMin < a[0].yMax || !near(a[0].xMin, b[0].xMin, 1) || !near(a[0].xMax, b[0].xMax, 1) {
		t.Errorf("names not stacked to one width from 72 mm: %+v %+v", a[0], b[0])
	}
	if f[0].xMin < a[0].xMax || !near((f[0].yMin+f[0].yMax)/2, (a[0].yMin+b[0].yMax)/2, 1) {
		t.Errorf("文件 %+v not right of the names and centred on them", f[0])
	}
	if c := (a[0].xMin + f[0].xMax) / 2; !near(c, 106, 1) {
		t.Errorf("标志 centred on %.2f mm", c)
	}
}

// The 版记 at the foot of the last page: thick rules first and last (the last on
// the text block's lower edge), a thin one between, 四号 text one character in.
func TestColophon(t *testing.T) {
	path := writePDF(t, func(w io.Writer) error { return Decision(w, sampleDecision(HeaderFull), nil) })
	pi := info(t, path)
	rs := rects(t, path)[pi.pages-1]
	if len(rs) != 3 {
		t.Fatalf("%d rules on the last page, want 3: %+v", len(rs), rs)
	}
	for i, want := range []float64{0.35, 0.25, 0.35} {
		if !near(rs[i].h, want, 0.02) || !near(rs[i].x, 28, 0.1) || !near(rs[i].w, 156, 0.1) {
			t.Errorf("rule %d: %+v, want %.2f mm thick, as wide as the text block", i+1, rs[i], want)
		}
	}
	if !near(rs[2].y+rs[2].h, 262, 0.2) {
		t.Errorf("last rule ends %.2f mm down, want on the text block's edge (262)", rs[2].y+rs[2].h)
	}
	ws := words(t, path)
	em := 14 * 25.4 / 72
	cc, by, on := wordsWith(ws, pi.pages, "抄送："), wordsWith(ws, pi.pages, "党政办公室"), wordsWith(ws, pi.pages, "印发")
	if len(cc) != 1 || len(by) != 1 || len(on) != 1 {
		t.Fatalf("抄送 %v, 印发机关 %v, 印发日期 %v", cc, by, on)
	}
	if !near(cc[0].xMin, 28+em, 0.5) || !near(by[0].xMin, 28+em, 0.5) || !near(on[0].xMax, 184-em, 0.5) {
		t.Errorf("版记 not one character in: %+v %+v %+v", cc[0], by[0], on[0])
	}
	if !(rs[0].y < cc[0].yMin && cc[0].yMax < rs[1].y && rs[1].y < by[0].yMin && by[0].yMax < rs[2].y) {
		t.Errorf("版记 text not between its rules: %+v %+v %+v", rs, cc[0], by[0])
	}
	if !near(by[0].yMax-by[0].yMin, em, 0.6) {
		t.Errorf("版记 text %.2f mm high, want 四号 (%.2f)", by[0].yMax-by[0].yMin, em)
	}
	// An empty 抄送 is left out, not printed blank.
	d := sampleDecision(HeaderFull)
	d.Colophon.CopyTo = ""
	path = writePDF(t, func(w io.Writer) error { return Decision(w, d, nil) })
	if rs := rects(t, path)[info(t, path).pages-1]; len(rs) != 2 {
		t.Errorf("without 抄送: %d rules, want 2", len(rs))
	}
	if strings.Contains(pageText(t, path, 0), "抄送") {
		t.Error("an empty 抄送 was printed")
	}
}

// Without a seal the date is four characters in from the right, the issuer centred over it.
func TestSignaturePlace(t *testing.T) {
	path := writePDF(t, func(w io.Writer) error { return Decision(w, sampleDecision(HeaderFull), nil) })
	ws := words(t, path)
	var date, iss []word
	for p := 1; p <= 3; p++ {
		date = append(date, wordsWith(ws, p, "2021年12月13日")...)
		iss = append(iss, wordsWith(ws, p, "中共成都市华阳街道工作委员会")...)
	}
	var d word
	for _, w := range date {
		if !strings.Contains(w.text, "印发") {
			d = w
		}
	}
	if d.text == "" || len(iss) != 1 {
		t.Fatalf("date %v, issuer %v", date, iss)
	}
	if !near(d.xMax, 184-4*156.0/28, 1) {
		t.Errorf("date ends at %.2f mm, want four characters in (%.2f)", d.xMax, 184-4*156.0/28)
	}
	if !near((iss[0].xMin+iss[0].xMax)/2, (d.xMin+d.xMax)/2, 1) || iss[0].yMax > d.yMin {
		t.Errorf("issuer %+v not centred over the date %+v", iss[0], d)
	}
}

// The whole document reads back exactly: 版头, body, signature, 版记.
func TestHeaderTextRoundTrip(t *testing.T) {
	d := sampleDecision(HeaderFull)
	path := writePDF(t, func(w io.Writer) error { return Decision(w, d, nil) })
	got := folioRE.ReplaceAllString(pageText(t, path, 0), "")
	want := strip("华阳街道党工委文件"+d.Header.Wenhao) + noticeText(d) +
		strip("抄送："+d.Colophon.CopyTo+"。"+d.Colophon.PrintedBy+FormatDate(d.Date)+"印发")
	if got != want {
		t.Errorf("text differs:\n got %s\nwant %s", got, want)
	}
}

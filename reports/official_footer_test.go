package reports

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// shortNotice has a one-line title and k one-line paragraphs.
func shortNotice(k int) OfficialDoc {
	d := sampleNotice(0)
	d.Title = "关于2022年度示范小区拟命名对象的公示"
	d.Body, d.Groups, d.Objection, d.Contact = nil, nil, nil, nil
	for i := 1; i <= k; i++ {
		d.Body = append(d.Body, fmt.Sprintf("第%d段。", i))
	}
	return d
}

// A notice that fits 22 lines with the signature one line below the text stays
// on one page; one line more moves two lines of text with the signature, never
// leaving the signature with the last line alone.
func TestSignatureKeepsTwoLines(t *testing.T) {
	path := writePDF(t, func(w io.Writer) error { return Notice(w, shortNotice(17), nil) })
	if n := info(t, path).pages; n != 1 {
		t.Errorf("title, 17 lines and the signature: %d pages, want 1", n)
	}
	path = writePDF(t, func(w io.Writer) error { return Notice(w, shortNotice(18), nil) })
	if n := info(t, path).pages; n != 2 {
		t.Fatalf("%d pages, want 2", n)
	}
	p2 := pageText(t, path, 2)
	if !strings.Contains(p2, "第17段") || !strings.Contains(p2, "第18段") || !strings.Contains(p2, "工作委员会") {
		t.Errorf("page 2 reads %q: the signature must keep two lines of text", p2)
	}
	if p1 := pageText(t, path, 1); !strings.Contains(p1, "第16段") {
		t.Errorf("page 1 reads %q", p1)
	}
}

// Dates, 文号 and phone numbers are never broken across lines, wherever they fall.
func TestKeepWhole(t *testing.T) {
	fs, err := newFontSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, whole := range []string{"2021年11月29日", "华阳街道党工委发〔2021〕12号", "（028）85123456", "028-85123456", "12月6日"} {
		broken := 0
		for n := 0; n < gbChars; n++ {
			s := strings.Repeat("居", n) + whole + "，现予公示。"
			us, gerr := fs.shape([]span{{s, RoleBody}}, gbBodyPt, gbPitch)
			if gerr != nil {
				t.Fatal(gerr)
			}
			var lines []string
			for _, ln := range breakLines(us, gbBlockW, gbBlockW) {
				lines = append(lines, lineText(ln))
			}
			if strings.Join(lines, "") != s {
				t.Fatalf("%q lost characters: %q", s, lines)
			}
			found := false
			for _, ln := range lines {
				found = found || strings.Contains(ln, whole)
			}
			if !found {
				broken++
				t.Errorf("%q broken: %q", whole, lines)
			}
		}
		if broken > 0 {
			t.Errorf("%q broken in %d of %d positions", whole, broken, gbChars)
		}
	}
}

// Page numbers are in a 宋体-style (serif) face, not the 仿宋 of the body.
func TestFolioSongFace(t *testing.T) {
	fs, err := newFontSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "—0123456789" {
		f := fs.songFace(r)
		if f == nil || (f != defaultFaces[lastResort] && f != defaultFaces[RoleTitle]) || f == defaultFaces[RoleBody] {
			t.Errorf("%q drawn in %v, want an embedded serif face", r, f)
		}
	}
}

var sealRE = regexp.MustCompile(`([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm /I\w+ Do`)

// With a seal image the seal is centred over 署名 and date, which sit a little
// below its centre, pressing on both.
func TestSealOverSignature(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 200, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 200; x++ {
			if (x-100)*(x-100)+(y-100)*(y-100) < 90*90 {
				img.Set(x, y, color.NRGBA{230, 0, 0, 160})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	d := sampleDecision(HeaderFull)
	d.Seal = buf.Bytes()
	path := writePDF(t, func(w io.Writer) error { return Decision(w, d, nil) })
	tool(t, "qpdf", "--qdf", "--object-streams=disable", path, path+".qdf")
	raw, err := os.ReadFile(path + ".qdf")
	if err != nil {
		t.Fatal(err)
	}
	m := sealRE.FindStringSubmatch(string(raw))
	if m == nil {
		t.Fatal("no seal drawn")
	}
	var v [4]float64
	for i := range v {
		v[i], _ = strconv.ParseFloat(m[i+1], 64)
		v[i] *= 25.4 / 72
	}
	cx, cy := v[2]+v[0]/2, gbPageH-v[3]-v[1]/2
	if !near(v[0], 42, 0.2) || !near(v[1], 42, 0.2) {
		t.Errorf("seal %.1f × %.1f mm, want 42", v[0], v[1])
	}
	ws := words(t, path)
	var iss, date word
	for _, w := range ws {
		if strings.Contains(w.text, "工作委员会") {
			iss = w
		}
		if w.text == "2021年12月13日" {
			date = w
		}
	}
	if !near(cx, (date.xMin+date.xMax)/2, 1) {
		t.Errorf("seal centred at %.2f mm across, the date at %.2f", cx, (date.xMin+date.xMax)/2)
	}
	mid := (iss.yMin + date.yMax) / 2
	if !(cy < mid && mid-cy < 4) || cy-21 > iss.yMin || cy+21 < date.yMax {
		t.Errorf("seal centre %.2f mm down: issuer %.2f–%.2f and date %.2f–%.2f should sit a little below it, under the seal", cy, iss.yMin, iss.yMax, date.yMin, date.yMax)
	}
}

// The demo decision's first paragraph: （2021年11月29日 is kept whole and goes
// to the next line, which left 工作安排，经…和公示 stretched 0.17 em a gap.
// Read back with pdftotext -bbox, no line of the paragraph is stretched more
// than maxKeepStretch em a gap: that one is left ragged, on the character grid,
// while the full first line still ends at the right margin.
func TestHeldBackLineNotStretched(t *testing.T) {
	d := sampleDecision(HeaderFull)
	para := "根据2021年度党建引领百佳示范社区、百佳示范小区评选工作安排，经社区申报、资格初审、评审组评审和公示" +
		"（2021年11月29日至2021年12月3日），公示期间无异议或异议不成立，决定命名以下对象为2021年度示范对象。"
	d.Body = []string{para}
	path := writePDF(t, func(w io.Writer) error { return Decision(w, d, nil) })
	fs, err := newFontSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		y, l, r float64
		text    string
	}
	var lines []line
	for _, w := range words(t, path) {
		if w.page != 1 {
			continue
		}
		if n := len(lines); n > 0 && near(lines[n-1].y, w.yMin, 1) {
			lines[n-1].r, lines[n-1].text = w.xMax, lines[n-1].text+w.text
			continue
		}
		lines = append(lines, line{w.yMin, w.xMin, w.xMax, w.text})
	}
	joined, first := "", -1
	for i, ln := range lines {
		if strings.HasPrefix(ln.text, "根据") {
			first = i
		}
		if first < 0 {
			continue
		}
		joined += ln.text
		us, gerr := fs.shape([]span{{ln.text, RoleBody}}, gbBodyPt, gbPitch)
		if gerr != nil {
			t.Fatal(gerr)
		}
		em := gbBodyPt * ptMM
		if stretch := (ln.r - ln.l - lineWidth(us)) / float64(len(us)-1) / em; stretch > maxKeepStretch+0.01 {
			t.Errorf("line %q stretched %.3f em a gap, more than %.3f", ln.text, stretch, maxKeepStretch)
		}
		if !near(ln.l, gbLeft, 0.5) && !(i == first && near(ln.l, gbLeft+2*gbPitch, 0.5)) {
			t.Errorf("line %q starts at %.2f mm, off the grid", ln.text, ln.l)
		}
		if i == first && !near(ln.r, gbLeft+gbBlockW, 0.5) {
			t.Errorf("full first line %q ends at %.2f mm, want the margin %.2f", ln.text, ln.r, gbLeft+gbBlockW)
		}
		if strings.HasSuffix(joined, "。") {
			break
		}
	}
	if joined != para {
		t.Fatalf("paragraph read back as %q", joined)
	}
	if !strings.Contains(joined, "（2021年11月29日") {
		t.Errorf("date broken")
	}
}

package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

func sampleBatch(n int) CertBatch {
	b := CertBatch{
		Honour:    DefaultHonour("2021年度党建引领百佳示范社区"),
		Issuer:    "成都市城乡社区发展治理工作领导小组办公室",
		Date:      time.Date(2021, 12, 20, 0, 0, 0, 0, time.Local),
		DateStyle: DateArabic,
	}
	for i := 0; i < n; i++ {
		b.Certs = append(b.Certs, Cert{Number: fmt.Sprintf("2021-BJSQ-%03d", i+1), Name: fmt.Sprintf("华阳街道第%d社区", i+1)})
	}
	return b
}

func certText(b CertBatch, c Cert, stock bool) string {
	s := ""
	if !stock {
		s = "荣誉证书"
	}
	s += c.Name + "：" + strings.Join(honourOf(b, c), "") + b.Issuer + FormatDateStyle(b.Date, b.DateStyle) + "证书编号：" + c.Number
	return strip(s)
}

func sealPNG() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			if d := math.Hypot(float64(x-32), float64(y-32)); d > 26 && d < 31 {
				img.Set(x, y, color.NRGBA{200, 0, 0, 255})
			}
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

func TestCertificates(t *testing.T) {
	stock := DefaultStockLayout(Paper{260, 180})
	stock.OffsetX, stock.OffsetY = 3, -2
	for _, tc := range []struct {
		name  string
		edit  func(*CertBatch)
		w, h  float64 // points
		stock bool
	}{
		{"A4 landscape", func(b *CertBatch) {}, 841.89, 595.28, false},
		{"Chinese date, own wording, rare name, seal", func(b *CertBatch) {
			b.DateStyle = DateChinese
			b.Certs[1].Name = "喆堃玥小区"
			b.Certs[2].Honour = []string{"经评审和公示，被命名为“2021年度党建引领百佳示范小区”，特发此证。"}
			b.Seal = sealPNG()
		}, 841.89, 595.28, false},
		{"long wording shrinks to fit", func(b *CertBatch) {
			b.Certs[0].Name = "华阳街道天府大道南段滨江社区南湖尚景小区第一党支部联合党小组"
			b.Certs[1].Honour = []string{strings.Repeat("经评审和公示，该社区在党建引领社区发展治理中成效显著，", 5), "特发此证，以资鼓励。"}
		}, 841.89, 595.28, false},
		{"pre-printed stock", func(b *CertBatch) { b.Paper = Paper{260, 180}; b.Stock = &stock }, 260 / ptMM, 180 / ptMM, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := sampleBatch(4)
			tc.edit(&b)
			var calls [][2]int
			path := writePDF(t, func(w io.Writer) error {
				return Certificates(context.Background(), w, b, nil, func(d, n int) { calls = append(calls, [2]int{d, n}) })
			})
			checkPDF(t, path)
			pi := info(t, path)
			if pi.pages != len(b.Certs) || !near(pi.w, tc.w, 0.5) || !near(pi.h, tc.h, 0.5) {
				t.Errorf("%d pages of %.1f x %.1f pt, want %d of %.1f x %.1f", pi.pages, pi.w, pi.h, len(b.Certs), tc.w, tc.h)
			}
			for i, c := range b.Certs {
				if got, want := pageText(t, path, i+1), certText(b, c, tc.stock); got != want {
					t.Errorf("page %d:\n got %s\nwant %s", i+1, got, want)
				}
			}
			ws := words(t, path)
			for i, a := range ws {
				for _, c := range ws[i+1:] {
					if a.page == c.page && math.Min(a.xMax, c.xMax)-math.Max(a.xMin, c.xMin) > 0.3 && math.Min(a.yMax, c.yMax)-math.Max(a.yMin, c.yMin) > 0.3 {
						t.Errorf("page %d: %q overlaps %q", a.page, a.text, c.text)
					}
				}
			}
			if len(calls) != len(b.Certs) || calls[len(calls)-1] != [2]int{len(b.Certs), len(b.Certs)} {
				t.Errorf("progress calls %v", calls)
			}
			if tc.stock { // the name lands where the layout and the offset put it
				for _, w := range words(t, path) {
					if w.page == 1 && strings.HasPrefix(w.text, "华阳") {
						if !near(w.xMin, stock.Name.X+stock.OffsetX, 0.5) || !near(w.yMin, stock.Name.Y+stock.OffsetY, 0.5) {
							t.Errorf("name at %.2f, %.2f mm, want %.2f, %.2f", w.xMin, w.yMin, stock.Name.X+stock.OffsetX, stock.Name.Y+stock.OffsetY)
						}
					}
				}
			}
		})
	}
}

func TestCertificatesCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var buf bytes.Buffer
	done := 0
	err := Certificates(ctx, &buf, sampleBatch(20), nil, func(d, n int) {
		done = d
		if d == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want cancelled", err)
	}
	if done != 3 || buf.Len() != 0 {
		t.Errorf("went on to %d certificates and wrote %d bytes after cancelling", done, buf.Len())
	}
}

func TestCertificatesRefuseUnprintable(t *testing.T) {
	for _, tc := range []struct {
		name, certName string
		char           rune
	}{
		{"beyond U+FFFF", "𠀀家社区", 0x20000},
		{"no font has it", "ก社区", 'ก'},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := sampleBatch(5)
			b.Certs[3].Name = tc.certName
			var buf bytes.Buffer
			err := Certificates(context.Background(), &buf, b, nil, nil)
			var ge *GlyphError
			if !errors.As(err, &ge) || ge.Char != tc.char || ge.Field != "名称" || !strings.Contains(ge.Record, tc.certName) {
				t.Fatalf("err = %v, want the GlyphError for %U in the name", err, tc.char)
			}
			want := fmt.Sprintf("证书“%s”的字段“名称”含有字体无法显示的字“%c”(U+%04X)", tc.certName, tc.char, tc.char)
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("message %q, want it to start %q", err.Error(), want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written", buf.Len())
			}
		})
	}
}

func TestCalibration(t *testing.T) {
	for _, p := range []Paper{A4Landscape, {260, 180}} {
		path := writePDF(t, func(w io.Writer) error { return Calibration(w, p, nil) })
		checkPDF(t, path)
		pi := info(t, path)
		if pi.pages != 1 || !near(pi.w, p.W/ptMM, 0.5) || !near(pi.h, p.H/ptMM, 0.5) {
			t.Errorf("%+v: %d pages of %.1f x %.1f pt", p, pi.pages, pi.w, pi.h)
		}
		// The 10 mm labels stand beside their lines.
		for _, w := range words(t, path) {
			if w.text == "50" && w.yMin < 20 && !near(w.xMin, 50.6, 0.5) {
				t.Errorf("label 50 at %.2f mm", w.xMin)
			}
		}
	}
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkCertificates500 prints 500 certificates into one PDF (fonts included).
func BenchmarkCertificates500(b *testing.B) {
	batch := sampleBatch(500)
	var size int64
	for i := 0; i < b.N; i++ {
		var cw countWriter
		if err := Certificates(context.Background(), &cw, batch, nil, nil); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.ReportMetric(float64(size)/1e6, "MB/pdf")
}

// The honour title in “…” is never cut by a line break when a slightly smaller
// size keeps it whole; read back line by line from pdftotext -bbox.
func TestCertificateHonourTitleWhole(t *testing.T) {
	stock := DefaultStockLayout(A4Landscape)
	for i, honour := range []string{"2021年度党建引领百佳示范社区", "2022年度党建引领百佳示范单位院落", "2021年度党建引领百佳示范社区"} {
		b := sampleBatch(1)
		b.Honour = DefaultHonour(honour)
		if i == 2 {
			b.Stock = &stock // the pre-printed-stock mode as well
		}
		path := writePDF(t, func(w io.Writer) error { return Certificates(context.Background(), w, b, nil, nil) })
		lines := map[int]string{}
		var keys []int
		for _, w := range words(t, path) {
			k := int(math.Round(w.yMin * 2))
			if _, ok := lines[k]; !ok {
				keys = append(keys, k)
			}
			lines[k] += w.text
		}
		found := false
		for _, k := range keys {
			if strings.Contains(lines[k], "“"+honour+"”") {
				found = true
			}
		}
		if !found {
			t.Errorf("honour “%s” cut across lines: %v", honour, lines)
		}
	}
}

// On pre-printed stock the date prints at the 落款's size, also when a long
// issuer had to shrink to its box.
func TestStockDateAtIssuerSize(t *testing.T) {
	b := sampleBatch(1)
	b.Issuer = "成都市双流区华阳街道城乡社区发展治理工作领导小组办公室（党建引领办）"
	st := DefaultStockLayout(A4Landscape)
	b.Stock = &st
	path := writePDF(t, func(w io.Writer) error { return Certificates(context.Background(), w, b, nil, nil) })
	var issuer, date *word
	ws := words(t, path)
	for i := range ws {
		switch {
		case strings.HasPrefix(ws[i].text, "成都市"):
			issuer = &ws[i]
		case strings.HasPrefix(ws[i].text, "2021年"):
			date = &ws[i]
		}
	}
	if issuer == nil || date == nil {
		t.Fatalf("issuer or date not found in %v", ws)
	}
	if ih, dh := issuer.yMax-issuer.yMin, date.yMax-date.yMin; !near(ih, dh, 0.05) {
		t.Errorf("issuer %.2f mm high, date %.2f mm: not the same size", ih, dh)
	}
}

// A seal set prints on stock too, unless the batch turns it off for stock.
func TestSealOnStock(t *testing.T) {
	for _, off := range []bool{false, true} {
		b := sampleBatch(2)
		st := DefaultStockLayout(A4Landscape)
		b.Stock, b.Seal, b.NoSealOnStock = &st, sealPNG(), off
		path := writePDF(t, func(w io.Writer) error { return Certificates(context.Background(), w, b, nil, nil) })
		images := 0
		for _, ln := range strings.Split(tool(t, "pdfimages", "-list", path), "\n") {
			if f := strings.Fields(ln); len(f) > 2 && f[2] == "image" {
				images++
			}
		}
		if want := map[bool]int{false: 2, true: 0}[off]; images != want {
			t.Errorf("NoSealOnStock=%v: %d images on 2 pages, want %d", off, images, want)
		}
		if got, want := pageText(t, path, 1), certText(b, b.Certs[0], true); got != want {
			t.Errorf("text:\n got %s\nwant %s", got, want)
		}
	}
}

// On every paper a clerk may choose (and a few more), the calibration page's
// instructions stay inside their white box.
func TestCalibrationTextInsideBox(t *testing.T) {
	for _, p := range []Paper{{297, 210}, {420, 297}, {370, 260}, {285, 210}, {260, 185}, {210, 148}, {100, 100}} {
		path := writePDF(t, func(w io.Writer) error { return Calibration(w, p, nil) })
		raw := tool(t, "qpdf", "--qdf", "--object-streams=disable", path, "-")
		var box []float64 // the one filled and stroked rectangle: x y w h in points, y up
		for _, ln := range strings.Split(raw, "\n") {
			if f := strings.Fields(ln); len(f) == 6 && f[4] == "re" && f[5] == "B" {
				for _, v := range f[:4] {
					x, _ := strconv.ParseFloat(v, 64)
					box = append(box, x*25.4/72)
				}
			}
		}
		if len(box) != 4 {
			t.Fatalf("%v: instruction box not found", p)
		}
		x0, x1 := box[0], box[0]+box[2]
		yTop, yBot := p.H-box[1], p.H-box[1]-box[3]
		if yTop > yBot {
			yTop, yBot = yBot, yTop
		}
		n := 0
		for _, w := range words(t, path) {
			if w.xMin > x0 && w.xMax < x1 && w.yMin > yTop-20 && w.yMax < yBot+40 && len([]rune(w.text)) > 4 {
				n++
				if w.yMax > yBot+0.3 || w.yMin < yTop-0.3 {
					t.Errorf("%v: “%s” (%.1f–%.1f mm) outside the box (%.1f–%.1f mm)", p, w.text, w.yMin, w.yMax, yTop, yBot)
				}
			}
		}
		if n == 0 {
			t.Errorf("%v: no instruction text found", p)
		}
	}
}

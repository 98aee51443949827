package reports

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/jung-kurt/gofpdf"
)

// renderer draws placed text with gofpdf, one unit at a time, switching fonts
// for characters that come from a fallback font.
type renderer struct {
	pdf  *gofpdf.Fpdf
	fs   *fontSet
	cur  *face
	size float64
	tc   float64 // current character spacing, mm
	sb   strings.Builder
}

// newRenderer starts a PDF of w×h mm pages and loads only the fonts the checked
// text needs.
func newRenderer(fs *fontSet, w, h float64, title string, compress bool) *renderer {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           gofpdf.SizeType{Wd: w, Ht: h},
	})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	// Compressing costs gofpdf a new flate writer per page: a large batch goes out
	// uncompressed (its pages are small text objects), small documents compressed.
	pdf.SetCompression(compress)
	pdf.SetTitle(title, true)
	pdf.SetCreator("家园", true)
	pdf.SetProducer("家园 (gofpdf)", true)
	for _, f := range fs.order {
		pdf.AddUTF8FontFromBytes(f.id, "", f.data)
	}
	return &renderer{pdf: pdf, fs: fs}
}

func (d *renderer) setFont(f *face, size float64) {
	if f != d.cur || size != d.size {
		if !d.fs.used[f] { // not met by the check (e.g. page furniture): load it now
			d.fs.used[f] = true
			d.pdf.AddUTF8FontFromBytes(f.id, "", f.data)
		}
		d.pdf.SetFont(f.id, "", size)
		d.cur, d.size = f, size
	}
}

func (d *renderer) addPage() {
	d.pdf.AddPage()
	d.cur, d.size = nil, 0 // gofpdf re-selects the font on a new page; stay in step
	d.tc = 0               // each page's content starts from the default text state
}

// draw puts a placed line with its em box top at top (mm). Runs of single characters
// in one font and evenly spaced (the grid pitch, justification) go out as one text
// object with PDF character spacing (Tc); words and font changes start new runs.
func (d *renderer) draw(p placed, top float64) {
	us := p.us
	for i := 0; i < len(us); {
		u := us[i]
		if u.space {
			i++
			continue
		}
		f := u.g[0].f
		base := top + f.ascent*u.size*ptMM
		if len(u.g) > 1 { // a word: natural spacing, split where the font changes
			d.setSpacing(0)
			x := p.xs[i]
			for j := 0; j < len(u.g); {
				gf := u.g[j].f
				d.sb.Reset()
				w := 0.0
				k := j
				for ; k < len(u.g) && u.g[k].f == gf; k++ {
					d.sb.WriteRune(u.g[k].r)
					w += u.g[k].w
				}
				d.setFont(gf, u.size)
				d.show(x, base, d.sb.String(), u.g[j].bold, u.size)
				x += w
				j = k
			}
			i++
			continue
		}
		// Extend the run while the next unit is one character in the same font at the same spacing.
		em := u.size * ptMM
		spacing := func(k int) float64 { return p.xs[k+1] - p.xs[k] - us[k].g[0].f.advance(us[k].g[0].r)*em }
		j := i + 1
		var sp float64
		if j < len(us) {
			sp = spacing(i)
		}
		for j < len(us) && !us[j].space && len(us[j].g) == 1 && us[j].g[0].f == f && us[j].size == u.size && us[j].g[0].bold == u.g[0].bold {
			if j+1 < len(us) && math.Abs(spacing(j)-sp) > 0.002 {
				j++
				break
			}
			j++
		}
		d.sb.Reset()
		for k := i; k < j; k++ {
			d.sb.WriteRune(us[k].g[0].r)
		}
		if j-i == 1 {
			sp = 0
		}
		d.setSpacing(sp)
		d.setFont(f, u.size)
		d.show(p.xs[i], base, d.sb.String(), u.g[0].bold, u.size)
		i = j
	}
	d.setSpacing(0)
}

// show draws s at (x, baseline y); bold strokes the outlines too (fill and stroke,
// text render mode 2) to match a bold font. Font and spacing are set outside q…Q
// so that gofpdf's idea of the current state stays true.
func (d *renderer) show(x, y float64, s string, bold bool, size float64) {
	if !bold {
		d.pdf.Text(x, y, s)
		return
	}
	r, g, b := d.pdf.GetTextColor()
	d.pdf.RawWriteStr(fmt.Sprintf("q 2 Tr %.3f %.3f %.3f RG %.3f w", float64(r)/255, float64(g)/255, float64(b)/255, size*0.035))
	d.pdf.Text(x, y, s)
	d.pdf.RawWriteStr("Q")
}

// setSpacing sets the PDF character spacing (Tc) in mm.
func (d *renderer) setSpacing(mm float64) {
	if math.Abs(mm-d.tc) < 0.0005 {
		return
	}
	d.pdf.RawWriteStr(fmt.Sprintf("%.3f Tc", mm*72/25.4))
	d.tc = mm
}

// finish writes the PDF to w.
func (d *renderer) finish(w io.Writer) error {
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("生成 PDF：%w", err)
	}
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("写出 PDF：%w", err)
	}
	d.fs.tellFallbacks(w)
	return nil
}

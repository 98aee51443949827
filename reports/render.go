package reports

import (
	"fmt"
	"io"
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
	sb   strings.Builder
}

// newRenderer starts a PDF of w×h mm pages and loads only the fonts the checked
// text needs (plus extra ones, e.g. for page numbers, given as faces).
func newRenderer(fs *fontSet, w, h float64, title string) *renderer {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           gofpdf.SizeType{Wd: w, Ht: h},
	})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
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
		d.pdf.SetFont(f.id, "", size)
		d.cur, d.size = f, size
	}
}

func (d *renderer) addPage() {
	d.pdf.AddPage()
	d.cur, d.size = nil, 0 // gofpdf re-selects the font on a new page; stay in step
}

// draw puts a placed line with its em box top at top (mm).
func (d *renderer) draw(p placed, top float64) {
	for i, u := range p.us {
		if u.space {
			continue
		}
		x := p.xs[i]
		for j := 0; j < len(u.g); {
			f := u.g[j].f
			d.sb.Reset()
			w := 0.0
			k := j
			for ; k < len(u.g) && u.g[k].f == f; k++ {
				d.sb.WriteRune(u.g[k].r)
				w += u.g[k].w
			}
			d.setFont(f, u.size)
			d.pdf.Text(x, top+f.ascent*u.size*ptMM, d.sb.String())
			x += w
			j = k
		}
	}
}

// finish writes the PDF to w.
func (d *renderer) finish(w io.Writer) error {
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("生成 PDF：%w", err)
	}
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("写出 PDF：%w", err)
	}
	return nil
}

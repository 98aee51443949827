package reports

import (
	"math"
)

// Drawing a Chart into a page flow as vector graphics.

const (
	chartLabelW = 38.0 // mm for the bar labels
	chartValueW = 16.0 // mm right of the longest bar for its value
	chartFontPt = 8.5
)

// fitUnits cuts a label to width mm, ending it with "…" when cut.
func fitUnits(fs *fontSet, s string, size, width float64) ([]unit, error) {
	us, err := shapeUsed(fs, []span{{s, RoleBody}}, size)
	if err != nil || lineWidth(us) <= width {
		return us, err
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		us, err = shapeUsed(fs, []span{{string(rs[:n]) + "…", RoleBody}}, size)
		if err != nil || lineWidth(us) <= width {
			return us, err
		}
	}
	return us, nil
}

// checkChart checks every text of c (see gather): title, unit, note, series
// names and bar labels.
func checkChart(fs *fontSet, c Chart) error {
	rec := "图表“" + c.Title + "”"
	type text struct {
		field, s string
		role     Role
	}
	texts := []text{{"标题", c.Title, RoleHei}, {"单位", c.Unit, RoleBody}, {"说明", c.Note, RoleKai}}
	for _, s := range c.Series {
		texts = append(texts, text{"图例", s.Name, RoleBody})
	}
	for _, l := range c.Labels {
		texts = append(texts, text{"项目", l, RoleBody})
	}
	for _, t := range texts {
		if err := fs.check(rec, t.field, t.s, t.role); err != nil {
			return err
		}
	}
	return nil
}

// chart lays out c under the flow's current position, height mm tall
// (a new page when it does not fit).
func (f *flow) chart(c Chart, height float64) error {
	if err := f.fs.check("图表“"+c.Title+"”", "标题", c.Title, RoleHei); err != nil {
		return err
	}
	if f.room() < height+12 {
		f.newPage()
	}
	title, err := f.shape([]span{{c.Title, RoleHei}}, 11)
	if err != nil {
		return err
	}
	top := f.y
	f.op(func(d *renderer) { d.draw(place(title, f.left, f.width, alignLeft), top) })
	legendTop := top + 6
	x := f.left
	for _, s := range c.Series {
		if len(c.Series) == 1 {
			break
		}
		us, err := f.shape([]span{{s.Name, RoleBody}}, chartFontPt)
		if err != nil {
			return err
		}
		sx, tone := x, s.Tone
		f.op(func(d *renderer) {
			pdfFill(d, Rect{sx, legendTop, 6, 3.2}, tone)
			d.draw(place(us, sx+7.5, 60, alignLeft), legendTop-0.2)
		})
		x += 12 + lineWidth(us)
	}
	plot := Rect{f.left + chartLabelW, top + 11, f.width - chartLabelW - chartValueW, height - 16}
	if err := f.chartBody(c, plot); err != nil {
		return err
	}
	f.y = plot.Y + plot.H + 2
	if c.Note != "" {
		if err := f.text([]span{{c.Note, RoleKai}}, 9, 0, 1.4, alignLeft); err != nil {
			return err
		}
	}
	f.y += 4
	return nil
}

// chartBody draws the axis, labels, bars and values in plot.
func (f *flow) chartBody(c Chart, plot Rect) error {
	size := math.Min(chartFontPt, plot.H/float64(max(1, len(c.Labels)))/ptMM*0.8)
	for i, l := range c.Labels {
		us, err := fitUnits(f.fs, l, size, chartLabelW-2)
		if err != nil {
			return err
		}
		vs, err := f.shape([]span{{ValueText(c.Total(i)), RoleBody}}, size)
		if err != nil {
			return err
		}
		cy := c.RowCentre(plot, i) - size*ptMM/2
		end := plot.X + c.Total(i)/c.AxisMax()*plot.W
		f.op(func(d *renderer) {
			d.draw(place(us, plot.X-chartLabelW, chartLabelW-2, alignRight), cy)
			d.draw(place(vs, end+1, chartValueW, alignLeft), cy)
		})
	}
	maxUs, err := f.shape([]span{{ValueText(c.AxisMax()) + c.Unit, RoleBody}}, 7.5)
	if err != nil {
		return err
	}
	bars := c.Layout(plot)
	tones := make([]Tone, len(c.Series))
	for i, s := range c.Series {
		tones[i] = s.Tone
	}
	f.op(func(d *renderer) {
		for _, b := range bars {
			pdfFill(d, Rect{b.X, b.Y, b.W, b.H}, tones[b.Series])
		}
		d.pdf.SetDrawColor(60, 60, 60)
		d.pdf.SetLineWidth(0.3)
		d.pdf.Line(plot.X, plot.Y, plot.X, plot.Y+plot.H)
		d.pdf.Line(plot.X, plot.Y+plot.H, plot.X+plot.W, plot.Y+plot.H)
		d.pdf.SetLineWidth(0.15)
		d.pdf.Line(plot.X+plot.W, plot.Y+plot.H, plot.X+plot.W, plot.Y+plot.H+1.2)
		d.draw(place(maxUs, plot.X+plot.W-20, 40, alignCenter), plot.Y+plot.H+1.4)
	})
	return nil
}

// pdfFill fills r with the tone's colour and pattern, outlined.
func pdfFill(d *renderer, r Rect, t Tone) {
	red, g, b, pat := ToneStyle(t)
	d.pdf.SetFillColor(int(red), int(g), int(b))
	d.pdf.SetDrawColor(40, 40, 40)
	d.pdf.SetLineWidth(0.15)
	d.pdf.Rect(r.X, r.Y, r.W, r.H, "FD")
	if pat == PatternSolid || r.W <= 0 {
		return
	}
	d.pdf.ClipRect(r.X, r.Y, r.W, r.H, false)
	d.pdf.SetDrawColor(30, 30, 30)
	d.pdf.SetLineWidth(0.18)
	step := 1.3
	switch pat {
	case PatternHatch, PatternCross:
		for x := r.X - r.H; x < r.X+r.W; x += step {
			d.pdf.Line(x, r.Y+r.H, x+r.H, r.Y)
			if pat == PatternCross {
				d.pdf.Line(x, r.Y, x+r.H, r.Y+r.H)
			}
		}
	case PatternDots:
		d.pdf.SetFillColor(30, 30, 30)
		for y := r.Y + step/2; y < r.Y+r.H; y += step {
			for x := r.X + step/2; x < r.X+r.W; x += step {
				d.pdf.Circle(x, y, 0.22, "F")
			}
		}
	}
	d.pdf.ClipEnd()
}

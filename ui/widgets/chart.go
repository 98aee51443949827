package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/reports"
)

// Chart draws a reports.Chart (the same model the PDF and PNG use, with the
// same geometry) on the window's canvas in the theme's colours; a tap on a
// bar calls OnTapped with the bar and the series.
type Chart struct {
	widget.BaseWidget
	model    reports.Chart
	OnTapped func(index, series int)
}

// NewChart makes a chart widget of c.
func NewChart(c reports.Chart, tapped func(index, series int)) *Chart {
	w := &Chart{model: c, OnTapped: tapped}
	w.ExtendBaseWidget(w)
	return w
}

// Model is the chart drawn.
func (w *Chart) Model() reports.Chart { return w.model }

// SetChart replaces the chart drawn.
func (w *Chart) SetChart(c reports.Chart) {
	w.model = c
	w.Refresh()
}

const (
	chartRowH   = 22
	chartTitleH = 28
	chartLegend = 22
)

// Plot is the bars' area in a widget of size s.
func (w *Chart) Plot(s fyne.Size) reports.Rect {
	top := float64(chartTitleH)
	if len(w.model.Series) > 1 {
		top += chartLegend
	}
	labelW := float64(s.Width) * 0.28
	if labelW > 170 {
		labelW = 170
	}
	bottom := 22.0
	if w.model.Note != "" {
		bottom += 20
	}
	return reports.Rect{X: labelW, Y: top, W: float64(s.Width) - labelW - 50, H: float64(s.Height) - top - bottom}
}

// Tapped opens what the tapped bar counts.
func (w *Chart) Tapped(ev *fyne.PointEvent) {
	if w.OnTapped == nil {
		return
	}
	if i, s, ok := w.model.BarAt(w.Plot(w.Size()), float64(ev.Position.X), float64(ev.Position.Y)); ok {
		w.OnTapped(i, s)
	}
}

// ToneColour is a tone in the window's colours: the theme's colours by name;
// the lighter tones are washed out so that every series has its own lightness.
func ToneColour(t reports.Tone) color.Color {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := fyne.CurrentApp().Settings().Theme()
	wash := func(n fyne.ThemeColorName, a uint8) color.Color {
		r, g, b, _ := th.Color(n, v).RGBA()
		return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
	}
	switch t {
	case reports.ToneDanger:
		return wash(theme.ColorNameError, 0xff)
	case reports.ToneWarning:
		return wash(theme.ColorNameWarning, 0x80)
	case reports.ToneNeutral:
		return wash(theme.ColorNameDisabled, 0xb0)
	case reports.ToneLight:
		return wash(theme.ColorNameInputBorder, 0x60)
	}
	return th.Color(theme.ColorNamePrimary, v)
}

func (w *Chart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{w: w}
	r.build()
	return r
}

type chartRenderer struct {
	w    *Chart
	objs []fyne.CanvasObject
	size fyne.Size
}

func (r *chartRenderer) Destroy() {}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *chartRenderer) MinSize() fyne.Size {
	m := r.w.model
	h := float32(chartTitleH + 26 + chartRowH*len(m.Labels))
	if len(m.Series) > 1 {
		h += chartLegend
	}
	if m.Note != "" {
		h += 20
	}
	return fyne.NewSize(360, h)
}

func (r *chartRenderer) Layout(s fyne.Size) {
	r.size = s
	r.build()
}

func (r *chartRenderer) Refresh() {
	r.build()
	canvas.Refresh(r.w)
}

func text(s string, size float32, c color.Color, bold bool) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize = size
	t.TextStyle.Bold = bold
	return t
}

// build makes the canvas objects for the current size.
func (r *chartRenderer) build() {
	m := r.w.model
	fg := theme.Color(theme.ColorNameForeground)
	r.objs = r.objs[:0]
	title := text(m.Title, 15, fg, true)
	title.Move(fyne.NewPos(4, 2))
	r.objs = append(r.objs, title)
	if len(m.Series) > 1 {
		x := float32(4)
		for _, s := range m.Series {
			sw := canvas.NewRectangle(ToneColour(s.Tone))
			sw.StrokeColor, sw.StrokeWidth = fg, 1
			sw.Resize(fyne.NewSize(18, 11))
			sw.Move(fyne.NewPos(x, chartTitleH+4))
			t := text(s.Name, 12, fg, false)
			t.Move(fyne.NewPos(x+23, chartTitleH))
			r.objs = append(r.objs, sw, t)
			x += 40 + t.MinSize().Width
		}
	}
	if r.size.Width <= 0 {
		return
	}
	plot := r.w.Plot(r.size)
	max := m.AxisMax()
	for i, l := range m.Labels {
		cy := float32(m.RowCentre(plot, i))
		lt := text(l, 12, fg, false)
		lt.Alignment = fyne.TextAlignTrailing
		lt.Resize(fyne.NewSize(float32(plot.X)-8, 16))
		lt.Move(fyne.NewPos(0, cy-9))
		vt := text(reports.ValueText(m.Total(i)), 12, fg, false)
		vt.Move(fyne.NewPos(float32(plot.X+m.Total(i)/max*plot.W)+4, cy-9))
		r.objs = append(r.objs, lt, vt)
	}
	for _, b := range m.Layout(plot) {
		bar := canvas.NewRectangle(ToneColour(m.Series[b.Series].Tone))
		bar.StrokeColor, bar.StrokeWidth = fg, 0.5
		bar.Move(fyne.NewPos(float32(b.X), float32(b.Y)))
		bar.Resize(fyne.NewSize(float32(b.W), float32(b.H)))
		r.objs = append(r.objs, bar)
	}
	axisY := canvas.NewLine(fg)
	axisY.Position1 = fyne.NewPos(float32(plot.X), float32(plot.Y))
	axisY.Position2 = fyne.NewPos(float32(plot.X), float32(plot.Y+plot.H))
	axisX := canvas.NewLine(fg)
	axisX.Position1 = axisY.Position2
	axisX.Position2 = fyne.NewPos(float32(plot.X+plot.W), float32(plot.Y+plot.H))
	mx := text(reports.ValueText(max)+m.Unit, 11, fg, false)
	mx.Move(fyne.NewPos(float32(plot.X+plot.W)-mx.MinSize().Width/2, float32(plot.Y+plot.H)+2))
	r.objs = append(r.objs, axisY, axisX, mx)
	if m.Note != "" {
		n := text(m.Note, 12, theme.Color(theme.ColorNamePlaceHolder), false)
		n.Move(fyne.NewPos(4, float32(plot.Y+plot.H)+20))
		r.objs = append(r.objs, n)
	}
}

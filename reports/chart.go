package reports

import (
	"fmt"
	"math"
)

// Chart is one bar chart as plain data: the window draws it on its canvas,
// the statistics report prints it as vector graphics and SavePNG rasterises
// it, all from the same model and the same geometry (Layout).
//
// Bars are horizontal, one row per label (community names read best that
// way); with more than one series the bars are stacked.
type Chart struct {
	Title  string
	Unit   string   // 个, 户: printed after the axis maximum
	Labels []string // one per bar, top to bottom
	Series []ChartSeries
	Note   string // under the chart, e.g. 只列出前 20 个社区
}

// ChartSeries is one segment of every bar.
type ChartSeries struct {
	Name   string
	Tone   Tone
	Values []float64 // one per label
}

// Tone is a series' colour role. Each tone has its own lightness (and, on
// paper and in PNG, its own pattern), so a chart reads in greyscale.
type Tone int

// Tones, from dark to light.
const (
	ToneAccent  Tone = iota // the window's accent (party red), solid
	ToneDanger              // overdue: error red, solid, darker
	ToneWarning             // due soon: amber, hatched
	ToneNeutral             // grey, dotted
	ToneLight               // light grey, cross-hatched
)

// Patterns on paper and in PNG.
const (
	PatternSolid = iota
	PatternHatch
	PatternDots
	PatternCross
)

// ToneStyle is how a tone is printed: its RGB fill and pattern.
func ToneStyle(t Tone) (r, g, b uint8, pattern int) {
	switch t {
	case ToneDanger:
		return 0x8e, 0x1b, 0x1b, PatternSolid
	case ToneWarning:
		return 0xf0, 0xb4, 0x4c, PatternHatch
	case ToneNeutral:
		return 0x9a, 0x9a, 0xa0, PatternDots
	case ToneLight:
		return 0xd8, 0xd8, 0xdc, PatternCross
	}
	return 0xb7, 0x1c, 0x1c, PatternSolid
}

// SeriesTone gives the i-th series of a chart with many (categories) a tone.
func SeriesTone(i int) Tone {
	return []Tone{ToneAccent, ToneWarning, ToneNeutral, ToneLight, ToneDanger}[i%5]
}

// Total is the stacked value of bar i.
func (c Chart) Total(i int) float64 {
	t := 0.0
	for _, s := range c.Series {
		if i < len(s.Values) {
			t += s.Values[i]
		}
	}
	return t
}

// AxisMax is the scale's maximum: the largest bar rounded up to 1, 2 or 5
// times a power of ten (1 for an empty chart).
func (c Chart) AxisMax() float64 {
	m := 0.0
	for i := range c.Labels {
		m = math.Max(m, c.Total(i))
	}
	if m <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(m)))
	for _, k := range []float64{1, 2, 5, 10} {
		if k*p >= m {
			return k * p
		}
	}
	return 10 * p
}

// Bar is one drawn segment: bar Index, series Series, its value and its
// rectangle (in the unit of the area given to Layout, y down).
type Bar struct {
	Index, Series int
	Value         float64
	X, Y, W, H    float64
}

// Rect is an area (y down).
type Rect struct{ X, Y, W, H float64 }

// Layout places the segments in the plot area (labels go left of it, values
// right of each bar): row i takes H/len(Labels), its bar 70 % of the row,
// and a value v is v/AxisMax of the width. Zero segments are left out.
func (c Chart) Layout(plot Rect) []Bar {
	n := len(c.Labels)
	if n == 0 {
		return nil
	}
	row := plot.H / float64(n)
	max := c.AxisMax()
	var out []Bar
	for i := 0; i < n; i++ {
		x := plot.X
		for j, s := range c.Series {
			if i >= len(s.Values) || s.Values[i] <= 0 {
				continue
			}
			w := s.Values[i] / max * plot.W
			out = append(out, Bar{Index: i, Series: j, Value: s.Values[i],
				X: x, Y: plot.Y + float64(i)*row + row*0.15, W: w, H: row * 0.7})
			x += w
		}
	}
	return out
}

// RowCentre is the vertical centre of row i in the plot area.
func (c Chart) RowCentre(plot Rect, i int) float64 {
	return plot.Y + (float64(i)+0.5)*plot.H/float64(max(1, len(c.Labels)))
}

// ValueText is how a bar's total is written at its end.
func ValueText(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%.1f", v)
}

// BarAt is the bar (index and series) at point (x, y) of the plot area, or
// ok false.
func (c Chart) BarAt(plot Rect, x, y float64) (index, series int, ok bool) {
	for _, b := range c.Layout(plot) {
		if x >= b.X && x <= b.X+b.W && y >= b.Y && y <= b.Y+b.H {
			return b.Index, b.Series, true
		}
	}
	// a click in the row, beside a short bar, counts for the row's first segment
	for _, b := range c.Layout(plot) {
		if y >= b.Y && y <= b.Y+b.H && x >= plot.X {
			return b.Index, b.Series, true
		}
	}
	return 0, 0, false
}

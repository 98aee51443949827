package widgets

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// hoverDelay is how long the mouse rests on a cut cell before its whole text shows.
const hoverDelay = 600 * time.Millisecond

// afterHover runs show once the mouse has rested hoverDelay, on the UI
// goroutine; stop cancels it. Tests replace it to show at once.
var afterHover = func(show func()) (stop func()) {
	t := time.AfterFunc(hoverDelay, func() { fyne.Do(show) })
	return func() { t.Stop() }
}

// Cell is the text of a list's cell: one line, cut with "…" when longer than
// the column, the search's words in bold accent colour, and, when the text is
// cut, the whole of it in a small pop-up while the mouse rests on the cell
// (Fyne has no tooltip).
type Cell struct {
	widget.BaseWidget

	Label *widget.Label    // the plain text, shown when nothing matches
	rich  *widget.RichText // the text with the matches marked, shown instead
	marks [][2]int         // the matches, rune ranges of Label.Text

	stop func()
	tip  *widget.PopUp
}

// NewCell is an empty cell.
func NewCell() *Cell {
	c := &Cell{Label: widget.NewLabel(""), rich: widget.NewRichText()}
	c.Label.Truncation = fyne.TextTruncateClip // "…" when cut: setTruncation
	c.rich.Truncation = fyne.TextTruncateClip  // cut by markRich: RichText's "…" fails across segments
	c.rich.Hide()
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *Cell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.Label, c.rich))
}

// Set shows text with imp's colour and align; the words of query
// (lower-cased, as the search box keeps them) are marked where they occur.
func (c *Cell) Set(text string, imp widget.Importance, align fyne.TextAlign, query []string) {
	if text != c.Label.Text {
		c.hideTip()
	}
	l := c.Label
	if l.Text != text || l.Importance != imp || l.Alignment != align {
		l.Text, l.Importance, l.Alignment = text, imp, align
		c.setTruncation()
		l.Refresh()
	}
	c.marks = matchRanges(text, query)
	if len(c.marks) == 0 {
		if c.rich.Visible() {
			c.rich.Hide()
			l.Show()
		}
		return
	}
	c.markRich()
	l.Hide()
	c.rich.Show()
}

// Resize implements fyne.Widget: the marked text is cut again to the new width.
func (c *Cell) Resize(s fyne.Size) {
	old := c.Size()
	c.BaseWidget.Resize(s)
	if s.Width != old.Width && c.setTruncation() {
		c.Label.Refresh()
	}
	if s.Width != old.Width && len(c.marks) > 0 {
		c.markRich()
	}
}

// setTruncation gives the label Fyne's "…" only when its text is wider than
// the cell: Fyne shapes the whole text again for every "…" it places, which on
// every keystroke over a screenful of cells costs more than the search itself,
// while clipping a text that fits costs one cached measurement. It reports
// whether the truncation changed.
func (c *Cell) setTruncation() bool {
	t := fyne.TextTruncateClip
	if c.Size().Width > 0 && c.Cut() {
		t = fyne.TextTruncateEllipsis
	}
	if c.Label.Truncation == t {
		return false
	}
	c.Label.Truncation = t
	return true
}

// markRich fills the rich text with the marked segments of the text,
// cut with "…" to the cell's width.
func (c *Cell) markRich() {
	runes := []rune(c.Label.Text)
	n := len(runes)
	if w := c.Size().Width - 2*theme.InnerPadding(); w > 0 && c.Cut() {
		bold := fyne.TextStyle{Bold: true}
		fits := func(k int) bool { return fyne.MeasureText(string(runes[:k])+"…", theme.TextSize(), bold).Width <= w }
		lo, hi := 0, n // the longest prefix that fits with its "…", found in log n measurements
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if fits(mid) {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		n = lo
	}
	var marks [][2]int
	for _, m := range c.marks {
		if m[0] < n {
			marks = append(marks, [2]int{m[0], min(m[1], n)})
		}
	}
	text := string(runes[:n])
	if n < len(runes) {
		text += "…"
	}
	c.rich.Segments = markedSegments(text, marks, importanceColor(c.Label.Importance), c.Label.Alignment)
	c.rich.Refresh()
}

// Marked is the parts of the text shown marked as a search match.
func (c *Cell) Marked() []string {
	var out []string
	if !c.rich.Visible() {
		return nil
	}
	for _, s := range c.rich.Segments {
		if t, ok := s.(*widget.TextSegment); ok && t.Style.TextStyle.Bold {
			out = append(out, t.Text)
		}
	}
	return out
}

// Cut reports whether the text is wider than the cell shows.
func (c *Cell) Cut() bool {
	if c.Label.Text == "" {
		return false
	}
	w := fyne.MeasureText(c.Label.Text, theme.TextSize(), fyne.TextStyle{Bold: len(c.marks) > 0}).Width
	return w+2*theme.InnerPadding() > c.Size().Width
}

// matchRanges are the rune ranges [from, to) of text holding a word of query,
// merged where they overlap.
func matchRanges(text string, query []string) [][2]int {
	runes := []rune(text)
	lower := []rune(strings.ToLower(text))
	if len(lower) != len(runes) {
		return nil // a case change altered the length: mark nothing rather than the wrong letters
	}
	hit := make([]bool, len(runes))
	for _, q := range query {
		qr := []rune(q)
		if len(qr) == 0 {
			continue
		}
		for i := 0; i+len(qr) <= len(lower); i++ {
			if string(lower[i:i+len(qr)]) == q {
				for k := i; k < i+len(qr); k++ {
					hit[k] = true
				}
			}
		}
	}
	var out [][2]int
	for i := 0; i < len(hit); i++ {
		if !hit[i] {
			continue
		}
		j := i
		for j < len(hit) && hit[j] {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// markedSegments is text as inline segments, the marks bold in the accent colour.
func markedSegments(text string, marks [][2]int, color fyne.ThemeColorName, align fyne.TextAlign) []widget.RichTextSegment {
	runes := []rune(text)
	plain := widget.RichTextStyle{Inline: true, ColorName: color, Alignment: align}
	bold := widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, Alignment: align,
		TextStyle: fyne.TextStyle{Bold: true}}
	var segs []widget.RichTextSegment
	at := 0
	for _, m := range marks {
		if m[0] > at {
			segs = append(segs, &widget.TextSegment{Text: string(runes[at:m[0]]), Style: plain})
		}
		segs = append(segs, &widget.TextSegment{Text: string(runes[m[0]:m[1]]), Style: bold})
		at = m[1]
	}
	if at < len(runes) {
		segs = append(segs, &widget.TextSegment{Text: string(runes[at:]), Style: plain})
	}
	return segs
}

// importanceColor is the colour a label of importance imp is written in.
func importanceColor(imp widget.Importance) fyne.ThemeColorName {
	switch imp {
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	case widget.HighImportance:
		return theme.ColorNamePrimary
	case widget.LowImportance:
		return theme.ColorNameDisabled
	}
	return theme.ColorNameForeground
}

// MouseIn implements desktop.Hoverable: a cut text shows whole after a rest.
func (c *Cell) MouseIn(*desktop.MouseEvent) {
	if c.stop != nil {
		c.stop()
	}
	if !c.Cut() {
		return
	}
	c.stop = afterHover(c.showTip)
}

// MouseMoved implements desktop.Hoverable.
func (c *Cell) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements desktop.Hoverable: the whole text goes away.
func (c *Cell) MouseOut() { c.hideTip() }

// Tip is the pop-up showing the whole text, nil when none is shown.
func (c *Cell) Tip() *widget.PopUp {
	if c.tip == nil || !c.tip.Visible() {
		return nil
	}
	return c.tip
}

// showTip shows the whole text just under the cell, wrapped when very long.
func (c *Cell) showTip() {
	cv := fyne.CurrentApp().Driver().CanvasForObject(c)
	if cv == nil || !c.Visible() || !c.Cut() {
		return
	}
	c.hideTip()
	l := widget.NewLabel(c.Label.Text)
	w := fyne.MeasureText(c.Label.Text, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	if w > 480 {
		l.Wrapping = fyne.TextWrapBreak
		w = 480
	}
	c.tip = widget.NewPopUp(l, cv)
	c.tip.Resize(fyne.NewSize(w, l.MinSize().Height))
	if l.Wrapping != fyne.TextWrapOff {
		l.Resize(fyne.NewSize(w, 0))
		c.tip.Resize(fyne.NewSize(w, l.MinSize().Height))
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(c)
	c.tip.ShowAtPosition(pos.AddXY(0, c.Size().Height))
}

func (c *Cell) hideTip() {
	if c.stop != nil {
		c.stop()
		c.stop = nil
	}
	if c.tip != nil {
		c.tip.Hide()
		c.tip = nil
	}
}

package shell

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"jiayuan/reports"
)

// Fyne breaks a wrapped label anywhere, so a line may start with "，" or end
// with "（". The messages the window builds are broken here instead, by the
// printed documents' rules (reports.NoLineStart, NoLineEnd), and the label
// is given lines that already fit.

// backOff is how far a break moves back to keep punctuation or a Latin word together.
const backOff = 12

// WrapText breaks text into lines no wider than width by measure, never
// starting a line with closing punctuation, ending one with opening
// punctuation or cutting a Latin word or number (unless one is longer than
// backOff characters). Lines of text stay lines.
func WrapText(text string, width float32, measure func(string) float32) string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, wrapLine([]rune(para), width, measure)...)
	}
	return strings.Join(out, "\n")
}

// wrapLine is one paragraph as lines.
func wrapLine(rs []rune, width float32, measure func(string) float32) []string {
	var lines []string
	for len(rs) > 0 {
		n := 1
		for n < len(rs) && measure(string(rs[:n+1])) <= width {
			n++
		}
		if n == len(rs) {
			lines = append(lines, string(rs))
			break
		}
		k := n
		for k > 1 && n-k < backOff && !breakable(rs[k-1], rs[k]) {
			k--
		}
		if !breakable(rs[k-1], rs[k]) {
			k = n // nowhere better near: break where the line is full
		}
		lines = append(lines, strings.TrimRight(string(rs[:k]), " "))
		rs = rs[k:]
		for len(rs) > 0 && rs[0] == ' ' {
			rs = rs[1:]
		}
	}
	return lines
}

// breakable reports whether a line may end between a and b.
func breakable(a, b rune) bool {
	if a == ' ' || b == ' ' {
		return true
	}
	if reports.NoLineStart(b) || reports.NoLineEnd(a) {
		return false
	}
	latin := func(r rune) bool { return r < 0x80 && r > ' ' }
	return !(latin(a) && latin(b))
}

// wrapForLabel is text broken for a label width pixels wide, in the theme's text size.
func wrapForLabel(text string, width float32) string {
	size := theme.TextSize()
	// A pixel short of the label's room, so that Fyne's own wrapping never breaks these lines again.
	room := width - 2*theme.InnerPadding() - 2
	// Measuring is slow (a font lookup per call): a line is measured as the
	// sum of its characters, each measured once.
	widths := map[rune]float32{}
	return WrapText(text, room, func(s string) float32 {
		w := float32(0)
		for _, r := range s {
			rw, ok := widths[r]
			if !ok {
				rw = fyne.MeasureText(string(r), size, fyne.TextStyle{}).Width
				widths[r] = rw
			}
			w += rw
		}
		return w
	})
}

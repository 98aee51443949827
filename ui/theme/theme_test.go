package theme

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// over lays c (possibly translucent) over the opaque colour under.
func over(c, under color.Color) color.Color {
	r, g, b, a := c.RGBA()
	ur, ug, ub, _ := under.RGBA()
	mix := func(x, y uint32) uint8 { return uint8((x + y*(0xffff-a)/0xffff) >> 8) }
	return color.NRGBA{R: mix(r, ur), G: mix(g, ug), B: mix(b, ub), A: 0xff}
}

// contrast is the WCAG contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
	}
	l1, l2 := lum(a), lum(b)
	return (math.Max(l1, l2) + 0.05) / (math.Min(l1, l2) + 0.05)
}

// Text stays readable on every widget's focused, hovered and selected
// background, built as Fyne builds them.
func TestThemeStatesStayReadable(t *testing.T) {
	test.NewTempApp(t) // Fyne's own colours follow the running app's primary colour
	th := New()
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, theme.VariantLight) }
	bg := c(theme.ColorNameBackground)
	for _, tc := range []struct {
		state      string
		text, back color.Color
		min        float64
	}{
		// widget.Select fills itself with the focus or hover colour.
		{"focused drop-down", c(theme.ColorNameForeground), over(c(theme.ColorNameFocus), bg), 4.5},
		{"focused drop-down's placeholder", c(theme.ColorNamePlaceHolder), over(c(theme.ColorNameFocus), bg), 3},
		{"hovered drop-down", c(theme.ColorNameForeground), over(c(theme.ColorNameHover), bg), 4.5},
		// Buttons blend the focus colour into their own.
		{"focused button", c(theme.ColorNameForeground), over(c(theme.ColorNameFocus), over(c(theme.ColorNameButton), bg)), 4.5},
		{"focused main button", c(theme.ColorNameForegroundOnPrimary), over(c(theme.ColorNameFocus), c(theme.ColorNamePrimary)), 4.5},
		{"main button", c(theme.ColorNameForegroundOnPrimary), c(theme.ColorNamePrimary), 4.5},
		{"focused danger button", c(theme.ColorNameForegroundOnError), over(c(theme.ColorNameFocus), c(theme.ColorNameError)), 4.5},
		// Lists, tables and trees: the selected row; entries: selected text.
		{"selected row", c(theme.ColorNameForeground), over(c(theme.ColorNameSelection), bg), 4.5},
		{"selected text in an entry", c(theme.ColorNameForeground), over(c(theme.ColorNameSelection), over(c(theme.ColorNameInputBackground), bg)), 4.5},
		// Locked fields and disabled buttons are still read.
		{"disabled drop-down or button", c(theme.ColorNameDisabled), over(c(theme.ColorNameDisabledButton), bg), 3},
		{"disabled entry", c(theme.ColorNameDisabled), over(c(theme.ColorNameInputBackground), bg), 3},
		{"table header", c(theme.ColorNameForeground), c(theme.ColorNameHeaderBackground), 4.5},
	} {
		if got := contrast(tc.text, tc.back); got < tc.min {
			t.Errorf("%s: contrast %.1f, want at least %.1f", tc.state, got, tc.min)
		}
	}
}

// Each colour of the system means one thing: the accent, the error red, the
// warning amber and the focus ring are far apart; the focus ring is a neutral
// grey that stands out from the background; a text field's ring uses it.
func TestColourSystemDistinct(t *testing.T) {
	test.NewTempApp(t)
	th := New()
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, theme.VariantLight) }
	// The three meaningful colours differ in hue, whatever their lightness.
	hues := map[string]float64{
		"primary": hue(c(theme.ColorNamePrimary)), "error": hue(c(theme.ColorNameError)),
		"warning": hue(c(theme.ColorNameWarning)),
	}
	for n1, h1 := range hues {
		for n2, h2 := range hues {
			d := math.Abs(h1 - h2)
			d = math.Min(d, 360-d)
			if n1 < n2 && d < 25 {
				t.Errorf("%s and %s are too alike in hue (%.0f°, %.0f°)", n1, n2, h1, h2)
			}
		}
	}
	r, g, b, _ := FocusRing.RGBA()
	if max(r, g, b)-min(r, g, b) > 0x1000 {
		t.Errorf("focus ring %v is not a neutral grey", FocusRing)
	}
	if got := contrast(FocusRing, c(theme.ColorNameBackground)); got < 7 {
		t.Errorf("focus ring contrast %.1f, want at least 7", got)
	}
	// Fyne's focus wash is neutral too: it must not tint a button red or blue.
	r, g, b, _ = c(theme.ColorNameFocus).RGBA()
	if max(r, g, b)-min(r, g, b) > 0x1000 {
		t.Errorf("focus wash %v is not neutral", c(theme.ColorNameFocus))
	}
	ft := focusTheme{th}
	if ft.Color(theme.ColorNamePrimary, theme.VariantLight) != FocusRing || ft.Color(theme.ColorNameError, theme.VariantLight) != c(theme.ColorNameError) {
		t.Error("a text field's focus ring is not the neutral FocusRing, or its error border changed")
	}
}

// hue is c's hue in degrees.
func hue(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	x, y, z := float64(r), float64(g), float64(b)
	hi, lo := math.Max(x, math.Max(y, z)), math.Min(x, math.Min(y, z))
	if hi == lo {
		return 0
	}
	var h float64
	switch hi {
	case x:
		h = math.Mod((y-z)/(hi-lo), 6)
	case y:
		h = (z-x)/(hi-lo) + 2
	default:
		h = (x-y)/(hi-lo) + 4
	}
	h *= 60
	if h < 0 {
		h += 360
	}
	return h
}

// The tree marks its branches ▸ (closed) and ▾ (open).
func TestTreeBranchMarks(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(New())
	if !strings.HasSuffix(theme.NavigateNextIcon().Name(), "branch-closed.svg") || !strings.HasSuffix(theme.MoveDownIcon().Name(), "branch-open.svg") {
		t.Errorf("tree branch icons %q, %q; want ▸ and ▾", theme.NavigateNextIcon().Name(), theme.MoveDownIcon().Name())
	}
}

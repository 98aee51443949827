package theme

import (
	"image/color"
	"math"
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

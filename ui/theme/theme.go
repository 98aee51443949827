// Package theme is the window's look: the embedded Chinese fonts, the icon and
// the office-like palette. It imports Fyne and the assets only: never data,
// the shell (package ui) or a screen package.
package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"jiayuan/assets"
)

// Fonts and icon embedded in the binary, so the window renders Chinese the
// same on a machine with no Chinese fonts installed.
var (
	fontRegular = fyne.NewStaticResource(assets.UIFontRegularName, assets.UIFontRegular)
	fontBold    = fyne.NewStaticResource(assets.UIFontBoldName, assets.UIFontBold)
	// AppIcon is the program's icon, for windows and the 关于 dialog.
	AppIcon = fyne.NewStaticResource(assets.IconName, assets.Icon)
)

// jiayuanTheme is Fyne's default theme with the embedded Simplified Chinese
// font for all text (bold stays bold) and a calmer, office-like palette.
type jiayuanTheme struct{ fyne.Theme }

func New() fyne.Theme { return &jiayuanTheme{Theme: theme.DefaultTheme()} }

// Use gives the app the theme and the icon, once.
func Use(a fyne.App) {
	if _, ok := a.Settings().Theme().(*jiayuanTheme); !ok {
		a.Settings().SetTheme(New())
	}
	a.SetIcon(AppIcon)
}

func (t *jiayuanTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Symbol {
		return t.Theme.Font(s)
	}
	if s.Bold {
		return fontBold
	}
	return fontRegular
}

// Colours of the party-red accent (Accent) used for selection and primary buttons.
// Focus and selection are a light wash of the Accent laid over the widget
// (Fyne fills a focused drop-down, and blends a focused button, with the
// focus colour): solid red there left dark text unreadable.
var (
	Accent      = color.NRGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0xff}
	accentFocus = color.NRGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0x2a}
	accentLight = color.NRGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0x30}
	onAccent    = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	amber       = color.NRGBA{R: 0xc7, G: 0x7c, B: 0x00, A: 0xff}
	danger      = color.NRGBA{R: 0xd3, G: 0x2f, B: 0x2f, A: 0xff}
)

func (t *jiayuanTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary:
		return Accent
	case theme.ColorNameFocus:
		return accentFocus
	case theme.ColorNameForegroundOnPrimary:
		// Fyne picks this from the user's primary colour, not ours.
		return onAccent
	case theme.ColorNameSelection:
		return accentLight
	case theme.ColorNameWarning:
		return amber
	case theme.ColorNameError:
		return danger
	case theme.ColorNameInputBorder:
		// Darker than Fyne's light grey, so an unticked box or radio button is seen.
		return color.NRGBA{R: 0x9e, G: 0x9e, B: 0xa4, A: 0xff}
	case theme.ColorNameDisabled:
		// Locked content (a nomination under review, a community's copy)
		// is still read: Fyne's faint grey was hard to make out.
		return color.NRGBA{R: 0x78, G: 0x78, B: 0x7c, A: 0xff}
	case theme.ColorNamePlaceHolder:
		// Darker than Fyne's, so "（请选择）" is read on a focused drop-down too.
		return color.NRGBA{R: 0x70, G: 0x70, B: 0x70, A: 0xff}
	case theme.ColorNameHeaderBackground:
		return color.NRGBA{R: 0xee, G: 0xee, B: 0xf0, A: 0xff}
	}
	// Always the light variant: the window looks the same on every clerk's desktop.
	return t.Theme.Color(n, theme.VariantLight)
}

func (t *jiayuanTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 14
	case theme.SizeNameHeadingText:
		return 22
	case theme.SizeNameSubHeadingText:
		return 17
	}
	return t.Theme.Size(n)
}

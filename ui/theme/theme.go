// Package theme is the window's look: the embedded Chinese fonts, the icon and
// the office-like palette. It imports Fyne and the assets only: never data,
// the shell (package ui) or a screen package.
package theme

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

// The colour system. Each colour has one meaning, the same on every screen:
//
//   - Accent (a deep blue) marks primary actions (保存, 确定, the main button of a
//     screen), the selected row of every table and list, and the selected tab.
//   - Danger (red) means only an error (a field that cannot be saved, a failed job,
//     an overdue election) or a destructive action (删除, 清空, 覆盖). A destructive
//     button is red (widget.DangerImportance); a saving button never is.
//   - Warning (amber) is for what is due soon (an election within 90 days, a
//     deadline near) and for cautions that stop nothing.
//   - FocusRing (near-black, neutral) outlines the field the keyboard is in; the
//     focus wash on buttons and drop-downs is a light neutral grey. Focus is never
//     a colour that means something else, so a focused field never looks invalid.
//
// An invalid field has the Danger border and its message directly under it, in a
// line reserved for it, so nothing moves when a message appears or goes.
// Selection and focus are light washes laid over the widget (Fyne fills a focused
// drop-down, and blends a focused button, with the focus colour): solid colours
// there left dark text unreadable.
var (
	Accent      = color.NRGBA{R: 0x1a, G: 0x5f, B: 0xb4, A: 0xff}
	Danger      = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	Warning     = color.NRGBA{R: 0xb2, G: 0x6a, B: 0x00, A: 0xff}
	FocusRing   = color.NRGBA{R: 0x26, G: 0x26, B: 0x2b, A: 0xff}
	focusWash   = color.NRGBA{R: 0x20, G: 0x20, B: 0x28, A: 0x1e}
	accentLight = color.NRGBA{R: 0x1a, G: 0x5f, B: 0xb4, A: 0x30}
	onAccent    = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
)

func (t *jiayuanTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary:
		return Accent
	case theme.ColorNameFocus:
		return focusWash
	case theme.ColorNameForegroundOnPrimary:
		// Fyne picks this from the user's primary colour, not ours.
		return onAccent
	case theme.ColorNameSelection:
		return accentLight
	case theme.ColorNameWarning:
		return Warning
	case theme.ColorNameError:
		return Danger
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

// focusTheme draws a text field's focus ring in the neutral FocusRing instead of
// the Accent (Fyne outlines a focused entry with the primary colour).
type focusTheme struct{ fyne.Theme }

func (t focusTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNamePrimary {
		return FocusRing
	}
	return t.Theme.Color(n, v)
}

// FocusRinged wraps a text field so its focus ring is the neutral FocusRing.
func FocusRinged(o fyne.CanvasObject) fyne.CanvasObject {
	base := fyne.CurrentApp().Settings().Theme()
	if base == nil {
		base = New()
	}
	return container.NewThemeOverride(o, focusTheme{base})
}

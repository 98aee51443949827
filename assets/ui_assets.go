// Package assets holds the files the program embeds: the window's fonts, the
// application icon and the fonts used for printing. It imports no GUI toolkit,
// so the data and report layers may use it too; the ui package wraps these bytes
// in Fyne resources.
package assets

import "embed"

// UIFontRegular is the window's regular-weight font: a single-face CFF OpenType
// subset of Noto Sans CJK SC covering GBK, ASCII and common punctuation, renamed
// "Jiayuan UI Sans" (SIL OFL 1.1, see fonts/ui/OFL.txt). Regenerate it with
// fonts/ui/make_ui_fonts.sh.
//
//go:embed fonts/ui/JiayuanUISans-Regular.otf
var UIFontRegular []byte

// UIFontBold is the bold counterpart of UIFontRegular, from Noto Sans CJK SC Bold.
//
//go:embed fonts/ui/JiayuanUISans-Bold.otf
var UIFontBold []byte

// UIFontRegularName and UIFontBoldName are file names to give the fonts when they
// are wrapped as resources (Fyne tells font formats apart by content, not name).
const (
	UIFontRegularName = "JiayuanUISans-Regular.otf"
	UIFontBoldName    = "JiayuanUISans-Bold.otf"
)

// Icon is the application icon, a 1024×1024 PNG rendered from icon.svg.
//
//go:embed icon.png
var Icon []byte

// IconName is the file name to give Icon when it is wrapped as a resource.
const IconName = "icon.png"

// Guide holds the built-in guide (帮助 → 使用说明): Markdown files read in the
// order of their names, each "# " line starting a section (see ui/guide).
//
//go:embed guide/*.md
var Guide embed.FS

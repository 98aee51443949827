package ui

import (
	"fyne.io/fyne/v2/dialog"

	"jiayuan/data/sheet"
)

// importSheet reads path into the store (waiting for sheet.Import).
func (a *App) importSheet(kind sheet.Kind, noun, path string, after func()) {
	dialog.ShowInformation("导入", "导入功能即将提供。", a.win)
}

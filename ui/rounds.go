package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// roundsPage is the 评选 screen (issue 3).
func (a *App) roundsPage() fyne.CanvasObject {
	return widget.NewLabel("评选活动")
}

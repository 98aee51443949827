// Package ui is Jiayuan's Fyne front end. Screens call data and reports;
// there is no SQL and no PDF drawing here.
package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// App is the running window and what its screens share.
type App struct {
	fyne     fyne.App
	win      fyne.Window
	store    *data.Store
	settings data.Settings
}

// Create builds the main window on an open store. The caller shows it.
func Create(a fyne.App, st *data.Store) fyne.Window {
	app := &App{fyne: a, store: st}
	app.settings, _ = st.Settings()
	app.win = a.NewWindow("家园")
	app.win.SetContent(container.NewAppTabs(
		container.NewTabItem("评选", app.roundsPage()),
	))
	app.win.Resize(fyne.NewSize(1100, 720))
	return app.win
}

// Fatal shows an error that keeps the program from opening its data.
func Fatal(a fyne.App, err error) fyne.Window {
	w := a.NewWindow("家园")
	w.SetContent(widget.NewLabel(""))
	w.Resize(fyne.NewSize(640, 360))
	dialog.ShowError(err, w)
	return w
}

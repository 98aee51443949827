package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"

	"jiayuan/data"
	"jiayuan/data/exchange"
	"jiayuan/ui/admin"
	"jiayuan/ui/handoff"
)

const exchangeTitle = "交换文件"

// CreateOpening is Create for a window started with a file (`jiayuan
// FILE.jyx`, a double-click): it opens at the file (see OpenFile). With a
// handoff server (nil in tests), files handed over by later starts are
// opened the same way, the window brought forward first; the server is
// closed when the window closes.
func CreateOpening(a fyne.App, st *data.Store, file string, srv *handoff.Server) fyne.Window {
	app := build(a, st)
	go app.watchSize(watchEvery)
	if file != "" {
		app.OpenFile(file)
	}
	if srv != nil {
		go srv.Serve(func(path string) {
			fyne.Do(func() {
				app.Window().Show()
				app.Window().RequestFocus()
				if path != "" {
					app.OpenFile(path)
				}
			})
		})
		app.Window().SetOnClosed(func() { srv.Close() })
	}
	return app.Window()
}

// OpenFile shows a file opened with the program: a .jyx exchange file at
// 交换文件's preview, a .jyb backup at the restore question. Neither is
// imported or restored until the clerk confirms there. While the first-start
// questions are shown, a backup is offered at once (restoring one is a way to
// start), an exchange file once the questions are answered.
func (a *App) OpenFile(path string) {
	backup := strings.EqualFold(filepath.Ext(path), data.BackupExt)
	switch {
	case backup:
		admin.RestoreFile(a, path)
	case !strings.EqualFold(filepath.Ext(path), exchange.Ext):
		return
	case a.exchange == nil:
		a.pending = path
		a.SetStatus("回答完以下问题后，将预览交换文件 %s", filepath.Base(path))
	default:
		a.openTitled(exchangeTitle)
		a.exchange.Open(path)
	}
}

// openPending previews the exchange file kept while the first-start
// questions were shown.
func (a *App) openPending() {
	if p := a.pending; p != "" {
		a.pending = ""
		a.OpenFile(p)
	}
}

// leaveFirstRunAfterRestore opens the main screens when a backup restored
// during the first-start questions brought settings with it.
func (a *App) leaveFirstRunAfterRestore() {
	if a.first != nil && a.Settings().Configured() {
		a.first = nil
		a.showMain()
	}
}

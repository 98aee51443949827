package ui

import (
	"errors"
	"os"

	"fyne.io/fyne/v2"

	"jiayuan/data"
	jtheme "jiayuan/ui/theme"

	"jiayuan/ui/cli"
	"jiayuan/ui/connect"
	"jiayuan/ui/handoff"
)

// ServerChosen reports whether the window opens on the office server: an
// address given with -db, or the server chosen in 设置 › 数据存放.
func ServerChosen(dbFlag string) bool {
	if dbFlag != "" {
		return true
	}
	c, _ := data.LoadConnection()
	return c.IsServer()
}

// StartOnServer is the window when the data is on the office server (url
// from -db, or "" for the server chosen in 设置, whose password it asks):
// it connects, then becomes the main window; when the server cannot be
// used it says why and offers 重试 or the local data folder dir (opened as
// when no server is chosen). done closes what was opened; call it after
// the app has run.
func StartOnServer(fa fyne.App, url, dir, operator string) (w fyne.Window, done func()) {
	jtheme.Use(fa)
	w = fa.NewWindow("家园 — 连接办公室服务器")
	w.SetIcon(jtheme.AppIcon)
	w.Resize(fyne.NewSize(620, 300))
	var closers []func()
	replace := func(next fyne.Window) {
		next.Show()
		w.Close()
	}
	s := &connect.Start{Win: w,
		Open: func(url string) (*data.Store, error) { return data.OpenServer(url, cli.ServerCache(dir)) },
		OnOpen: func(st *data.Store) {
			closers = append(closers, func() { st.Close() })
			if operator != "" {
				st.Operator = operator
			}
			replace(Create(fa, st))
		},
		OnLocal: func() {
			next, release, handed := OpenLocal(fa, dir, operator, "")
			if handed { // the folder's window is open already: it came forward
				w.Close()
				return
			}
			closers = append(closers, release)
			replace(next)
		},
	}
	s.Begin(url)
	return w, func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
}

// OpenLocal is the window on the data folder dir (opening file, a .jyx or
// .jyb, when not ""): the folder's lock, then the store, the recovery window
// when it is damaged, or the error. When another window holds the folder,
// file (or just a raise) is handed to it and handed is true. release lets go
// of what it holds.
func OpenLocal(fa fyne.App, dir, operator, file string) (w fyne.Window, release func(), handed bool) {
	lock, err := data.Acquire(dir, "家园窗口")
	if errors.Is(err, data.ErrLocked) && handoff.Hand(dir, file, os.Stdout) {
		return nil, func() {}, true
	}
	if err != nil {
		return Fatal(fa, err), func() {}, false
	}
	data.RemoveRestoreTemps(dir)
	st, err := data.OpenChecked(dir)
	if _, damaged := data.IsDamaged(err); damaged {
		return Recover(fa, dir, err), func() { lock.Release() }, false
	}
	if err != nil {
		return Fatal(fa, err), func() { lock.Release() }, false
	}
	if operator != "" {
		st.Operator = operator
	}
	srv, err := handoff.Listen(dir)
	if err != nil {
		fyne.LogError("listening for files handed over by a second start", err)
	}
	return CreateOpening(fa, st, file, srv), func() {
		if srv != nil {
			srv.Close()
		}
		st.Close()
		lock.Release()
	}, false
}

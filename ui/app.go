// Package ui is Jiayuan's Fyne front end. Screens call data and reports;
// there is no SQL and no PDF drawing here. One screen per file: app.go is
// the router and navigation, the other files are named after their screen.
package ui

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// App is the running window and what its screens share.
type App struct {
	fyne     fyne.App
	win      fyne.Window
	store    *data.Store
	settings data.Settings

	// today is the clock the screens judge election dates by (tests fix it).
	today func() time.Time

	nav     *widget.List
	pages   []*navPage
	current *navPage
	// closeOnce guards beforeClose.
	closeOnce sync.Once
	body      *fyne.Container
	status    *widget.Label
	operator  *widget.Label
	unit      *widget.Label // the office's or community's name above the navigation
	first     *firstRun     // the first-start questions, while shown
	// busy counts the background jobs (import, export) not finished yet.
	busy sync.WaitGroup
}

// page is a screen of the main window. Screens implement the optional
// interfaces below for the keyboard shortcuts they support.
type page interface {
	// content builds the screen once.
	content() fyne.CanvasObject
	// reload reads the store again; it runs each time the screen is shown.
	reload()
}

type (
	creator  interface{ newRecord() }
	saver    interface{ save() }
	searcher interface{ focusSearch() }
	deleter  interface{ deleteSelected() }
)

type navPage struct {
	title string
	icon  fyne.Resource
	page  page
	view  fyne.CanvasObject
}

// Create builds the main window on an open store. The caller shows it.
// On first start the window asks who uses this copy before anything else.
func Create(a fyne.App, st *data.Store) fyne.Window {
	app := build(a, st)
	go app.watchSize(time.Second)
	return app.win
}

// watchSize remembers the window's size a moment after it changes, so the size
// is kept even when the program does not end through the close button (the
// system ends it, or a crash).
func (a *App) watchSize(every time.Duration) {
	var last fyne.Size
	for range time.Tick(every) {
		fyne.Do(func() {
			s := a.win.Canvas().Size()
			if s != last {
				if !last.IsZero() {
					a.saveSize()
				}
				last = s
			}
		})
	}
}

// build is Create, returning the App (tests look inside).
func build(a fyne.App, st *data.Store) *App {
	useTheme(a)
	app := newApp(a, st)
	app.win = a.NewWindow("家园")
	app.win.SetIcon(appIcon)
	app.restoreSize()
	app.win.SetCloseIntercept(func() {
		app.beforeClose()
		app.win.Close()
	})
	if app.settings.Configured() {
		app.showMain()
	} else {
		app.showFirstRun()
	}
	showSetAside(app.win, st.Dir())
	return app
}

func newApp(a fyne.App, st *data.Store) *App {
	app := &App{fyne: a, store: st, today: time.Now}
	app.settings, _ = st.Settings()
	if st.Operator == "" {
		st.Operator = app.settings.Operator
	}
	return app
}

// Fatal shows an error that keeps the program from opening its data.
func Fatal(a fyne.App, err error) fyne.Window {
	useTheme(a)
	w := a.NewWindow("家园")
	w.SetIcon(appIcon)
	msg := widget.NewLabel("家园无法打开数据：\n\n" + err.Error())
	msg.Wrapping = fyne.TextWrapBreak
	quit := widget.NewButton("退出", func() { a.Quit() })
	w.SetContent(container.NewBorder(nil, container.NewHBox(layoutSpacer(), quit), nil, nil, container.NewPadded(msg)))
	w.Resize(fyne.NewSize(640, 320))
	return w
}

// showMain builds the navigation and the screens and shows 概览.
func (a *App) showMain() {
	a.pages = []*navPage{
		{title: "概览", icon: theme.HomeIcon(), page: newOverviewPage(a)},
		{title: "社区", icon: theme.StorageIcon(), page: newCommunitiesPage(a)},
		{title: "小区", icon: theme.GridIcon(), page: newCompoundsPage(a)},
		{title: "党组织", icon: theme.AccountIcon(), page: newOrgsPage(a)},
		{title: "评选", icon: theme.ListIcon(), page: newRoundsPage(a)},
		{title: "交换文件", icon: theme.MailSendIcon(), page: &staticPage{build: a.exchangePage}},
		{title: "设置", icon: theme.SettingsIcon(), page: newSettingsPage(a)},
		{title: "操作记录", icon: theme.HistoryIcon(), page: newAuditPage(a)},
		{title: "回收站", icon: theme.DeleteIcon(), page: newRecyclePage(a)},
	}
	a.nav = widget.NewList(
		func() int { return len(a.pages) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("操作记录"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(a.pages[i].icon)
			row.Objects[1].(*widget.Label).SetText(a.pages[i].title)
		})
	a.nav.OnSelected = func(i widget.ListItemID) { a.open(i) }
	a.body = container.NewStack()
	a.status = widget.NewLabel("")
	a.status.Truncation = fyne.TextTruncateEllipsis

	a.unit = widget.NewLabelWithStyle(a.unitName(), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	a.unit.Truncation = fyne.TextTruncateEllipsis
	left := container.NewBorder(container.NewVBox(a.unit, widget.NewSeparator()), nil, nil, nil, a.nav)
	split := container.NewHSplit(left, a.body)
	split.Offset = 0.14
	a.operator = widget.NewLabel(a.operatorLine())
	footer := container.NewBorder(widget.NewSeparator(), nil, nil, a.operator, a.status)
	a.win.SetContent(container.NewBorder(nil, footer, nil, nil, split))
	a.win.SetMainMenu(a.mainMenu())
	a.addShortcuts()
	a.nav.Select(0)
	a.startAutoBackup()
	a.startHealthCheck()
}

// unitName is who uses this copy: the office, or the community of a community's copy.
func (a *App) unitName() string {
	if !a.settings.IsOffice() {
		if c, err := a.ownCommunity(); err == nil {
			return c.Name
		}
	}
	return a.settings.OfficeName
}

func (a *App) operatorLine() string {
	who := a.store.Operator
	if who == "" {
		who = "未设置"
	}
	s := "操作人：" + who
	if a.settings.Demo != "" {
		s = "演示数据 · " + s
	}
	return s
}

// open shows screen i, building it the first time, and reloads it.
func (a *App) open(i int) {
	p := a.pages[i]
	if p.view == nil {
		p.view = p.page.content()
	}
	a.current = p
	a.body.Objects = []fyne.CanvasObject{p.view}
	a.body.Refresh()
	p.page.reload()
	a.win.SetTitle("家园 — " + p.title)
}

// openTitled shows the screen with that navigation title.
func (a *App) openTitled(title string) {
	for i, p := range a.pages {
		if p.title == title {
			a.nav.Select(i)
			return
		}
	}
}

// setStatus shows a line in the status bar.
func (a *App) setStatus(format string, args ...any) {
	if a.status != nil {
		a.status.SetText(fmt.Sprintf(format, args...))
	}
}

// showError shows err in a dialog; a list of dependents or of validation
// problems is shown one per line.
func (a *App) showError(title string, err error) { a.showErrorThen(title, err, nil) }

// refuse shows err for a form dialog d that closed on its confirm button,
// then shows d again, with what was typed, to be corrected.
func (a *App) refuse(d dialog.Dialog, title string, err error) {
	a.showErrorThen(title, err, d.Show)
}

// showErrorThen is showError, calling then (when not nil) once it is closed.
func (a *App) showErrorThen(title string, err error, then func()) {
	var de *data.DependentsError
	var ve *data.ValidationError
	text := data.Explain(err)
	switch {
	case errors.As(err, &de):
		text = de.Record + "还有下属记录，不能删除。请先删除或移走：\n"
		for _, d := range de.Dependents {
			text += "  · " + d + "\n"
		}
	case errors.As(err, &ve):
		text = ve.Record + "有以下问题：\n"
		for _, f := range ve.Fields {
			text += "  · " + f.Error() + "\n"
		}
	}
	l := widget.NewLabel(text)
	// Break anywhere: word wrapping sees "  · " and a long run of Chinese
	// (no spaces) as two words and left the bullet alone on its line.
	l.Wrapping = fyne.TextWrapBreak
	scroll := container.NewVScroll(l)
	scroll.SetMinSize(fyne.NewSize(480, 240))
	d := dialog.NewCustom(title, "知道了", scroll, a.win)
	if then != nil {
		d.SetOnClosed(then)
	}
	d.Show()
}

// ownCommunity is the community of a community's copy.
func (a *App) ownCommunity() (data.Community, error) {
	cs, err := a.store.Communities()
	if err != nil {
		return data.Community{}, err
	}
	for _, c := range cs {
		if c.UUID == a.settings.CommunityUUID {
			return c, nil
		}
	}
	return data.Community{}, fmt.Errorf("本社区（%s）不在记录里", a.settings.CommunityUUID)
}

// ownCommunityID is the id of a community's own community, 0 in the office's copy.
func (a *App) ownCommunityID() int64 {
	if a.settings.IsOffice() || a.settings.CommunityUUID == "" {
		return 0
	}
	c, err := a.ownCommunity()
	if err != nil {
		return 0
	}
	return c.ID
}

// staticPage wraps a screen that needs no reloading.
type staticPage struct {
	build func() fyne.CanvasObject
}

func (p *staticPage) content() fyne.CanvasObject { return p.build() }
func (p *staticPage) reload()                    {}

const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// restoreSize gives the window the size it had when last closed.
func (a *App) restoreSize() {
	p := a.fyne.Preferences()
	w := p.FloatWithFallback(prefWidth, 1180)
	h := p.FloatWithFallback(prefHeight, 760)
	if w < 800 {
		w = 800
	}
	if h < 560 {
		h = 560
	}
	a.win.Resize(fyne.NewSize(float32(w), float32(h)))
}

// beforeClose remembers the window's size and takes the automatic backup,
// once, whether the window is closed or the program quit from the menu.
// (When the system ends the program, watchSize has kept the size.)
func (a *App) beforeClose() {
	a.closeOnce.Do(func() {
		a.saveSize()
		if a.settings.Configured() {
			if err := a.autoBackup(); err != nil {
				fyne.LogError("automatic backup on close", err)
			}
		}
	})
}

// saveSize remembers the window's size.
func (a *App) saveSize() {
	s := a.win.Canvas().Size()
	if s.Width < 100 || s.Height < 100 {
		return
	}
	p := a.fyne.Preferences()
	p.SetFloat(prefWidth, float64(s.Width))
	p.SetFloat(prefHeight, float64(s.Height))
}

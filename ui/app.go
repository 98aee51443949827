// Package ui is the shell of Jiayuan's Fyne window: the window itself, the
// navigation between the screens, the menus and shortcuts, the status line,
// the first-start questions and the 概览 screen. The screens live below it, by
// kind: ui/records (社区, 小区, 党组织), ui/rounds (评选), ui/admin (设置, backups,
// recovery, 回收站, 操作记录, 交换文件); each reaches the window only through the
// small shell.Shell interface, which App implements (embedding shell.Base).
// ui/widgets and ui/theme are the shared pieces, ui/documents the printed
// documents (shared with the command line, ui/cli).
//
// There is no SQL and no PDF drawing here: ui imports data, the screen
// packages, ui/shell, ui/widgets and ui/theme, never database/sql, sqlx or
// the SQLite driver. No package under ui imports ui.
package ui

import (
	jtheme "jiayuan/ui/theme"

	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/admin"
	"jiayuan/ui/help"
	"jiayuan/ui/records"
	"jiayuan/ui/reporting"
	"jiayuan/ui/rounds"
	"jiayuan/ui/shell"
)

// App is the running window: the shell's shared part (shell.Base), the
// navigation between the screens, the menus and the status line.
type App struct {
	*shell.Base

	nav     *widget.List
	pages   []*navPage
	current *navPage
	// closeOnce guards beforeClose.
	closeOnce sync.Once
	body      *fyne.Container
	operator  *widget.Label
	unit      *widget.Label // the office's or community's name above the navigation
	first     *firstRun     // the first-start questions, while shown
	exchange  *admin.ExchangeScreen
	pending   string // an exchange file to preview once the first-start questions are answered
	// stopWatch ends the watch of other clients' changes (nil before showMain).
	stopWatch func()
}

type navPage struct {
	title string
	icon  fyne.Resource
	page  shell.Page
	view  fyne.CanvasObject
}

// Create builds the main window on an open store. The caller shows it.
// On first start the window asks who uses this copy before anything else.
func Create(a fyne.App, st *data.Store) fyne.Window {
	return CreateOpening(a, st, "", nil)
}

// watchEvery is how often the window's size is looked at (watchSize).
const watchEvery = time.Second

// watchSize remembers the window's size a moment after it changes, so the size
// is kept even when the program does not end through the close button (the
// system ends it, or a crash).
func (a *App) watchSize(every time.Duration) {
	var last fyne.Size
	for range time.Tick(every) {
		fyne.Do(func() {
			s := a.Window().Canvas().Size()
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
	jtheme.Use(a)
	app := newApp(a, st)
	app.SetWindow(a.NewWindow("家园"))
	app.Window().SetIcon(jtheme.AppIcon)
	app.restoreSize()
	app.Window().SetCloseIntercept(func() {
		app.beforeClose()
		app.Window().Close()
	})
	if app.Settings().Configured() {
		app.showMain()
	} else {
		app.showFirstRun()
	}
	admin.ShowSetAside(app.Window(), st.Dir())
	return app
}

func newApp(a fyne.App, st *data.Store) *App {
	app := &App{Base: shell.New(a, st)}
	app.OnOpen = app.openTitled
	app.OnHistory = func(entity string, id int64, label string) { admin.ShowHistory(app, entity, id, label) }
	app.OnHolidays = func(onClose func()) { admin.EditHolidays(app, onClose) }
	app.OnSettings = func() {
		if app.operator != nil {
			app.operator.SetText(app.operatorLine())
		}
		if app.unit != nil {
			app.unit.SetText(app.unitName())
		}
	}
	app.OnCurrent = func() shell.Page {
		if app.current == nil {
			return nil
		}
		return app.current.page
	}
	app.OnRestore = func() {
		if app.current != nil {
			app.current.page.Reload()
		}
		app.leaveFirstRunAfterRestore()
	}
	return app
}

// Fatal shows an error that keeps the program from opening its data.
func Fatal(a fyne.App, err error) fyne.Window {
	jtheme.Use(a)
	w := a.NewWindow("家园")
	w.SetIcon(jtheme.AppIcon)
	msg := widget.NewLabel("家园无法打开数据：\n\n" + err.Error())
	msg.Wrapping = fyne.TextWrapBreak
	quit := widget.NewButton("退出", func() { a.Quit() })
	w.SetContent(container.NewBorder(nil, container.NewHBox(layoutSpacer(), quit), nil, nil, container.NewPadded(msg)))
	w.Resize(fyne.NewSize(640, 320))
	return w
}

// showMain builds the navigation and the screens and shows 概览.
func (a *App) showMain() {
	a.exchange = admin.NewExchangeScreen(a)
	a.pages = []*navPage{
		{title: "概览", icon: theme.HomeIcon(), page: newOverviewPage(a)},
		{title: "社区", icon: jtheme.CommunityIcon, page: records.NewCommunitiesPage(a)},
		{title: "小区", icon: jtheme.CompoundIcon, page: records.NewCompoundsPage(a)},
		{title: "党组织", icon: jtheme.OrgIcon, page: records.NewOrgsPage(a)},
		{title: "评选", icon: jtheme.AwardIcon, page: rounds.NewPage(a)},
		{title: "统计与快照", icon: theme.DocumentIcon(), page: reporting.NewPage(a)},
		{title: exchangeTitle, icon: theme.MailSendIcon(), page: a.exchange},
		{title: "设置", icon: theme.SettingsIcon(), page: admin.NewSettingsPage(a)},
		{title: "操作记录", icon: theme.HistoryIcon(), page: admin.NewAuditPage(a)},
		{title: "回收站", icon: theme.DeleteIcon(), page: admin.NewRecyclePage(a)},
		{title: helpTitle, icon: theme.HelpIcon(), page: help.NewPage(a)},
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
	a.Status = widget.NewLabel("")
	a.Status.Truncation = fyne.TextTruncateEllipsis

	a.unit = widget.NewLabelWithStyle(a.unitName(), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	a.unit.Truncation = fyne.TextTruncateEllipsis
	left := container.NewBorder(container.NewVBox(a.unit, widget.NewSeparator()), nil, nil, nil, a.nav)
	split := container.NewHSplit(left, a.body)
	split.Offset = 0.14
	a.operator = widget.NewLabel(a.operatorLine())
	footer := container.NewBorder(widget.NewSeparator(), nil, nil, a.operator, a.Status)
	a.Window().SetContent(container.NewBorder(nil, footer, nil, nil, split))
	a.Window().SetMainMenu(a.mainMenu())
	a.addShortcuts()
	a.nav.Select(0)
	a.stopWatch = a.WatchOthers()
	admin.StartAutoBackup(a)
	admin.StartHealthCheck(a)
	reporting.AutoYearly(a)
	a.openPending()
}

// unitName is who uses this copy: the office, or the community of a community's copy.
func (a *App) unitName() string {
	if !a.Settings().IsOffice() {
		if c, err := a.OwnCommunity(); err == nil {
			return c.Name
		}
	}
	return a.Settings().OfficeName
}

func (a *App) operatorLine() string {
	who := a.Store().Operator
	if who == "" {
		who = "未设置"
	}
	s := "操作人：" + who
	if a.Store().IsServer() {
		s = "数据：" + a.Store().Where() + "（账号 " + a.Store().Account() + "）· " + s
	}
	if a.Settings().Demo != "" {
		s = "演示数据 · " + s
	}
	return s
}

// open shows screen i, building it the first time, and reloads it.
func (a *App) open(i int) {
	p := a.pages[i]
	if p.view == nil {
		p.view = p.page.Content()
	}
	if a.current != p {
		a.ClearStatus() // a message belongs to the screen it was given on
	}
	a.current = p
	a.body.Objects = []fyne.CanvasObject{p.view}
	a.body.Refresh()
	p.page.Reload()
	title := "家园 — " + p.title
	if a.Store().IsServer() {
		title += " — " + a.Store().Where() // which office's data, when several may be open
	}
	a.Window().SetTitle(title)
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

const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// restoreSize gives the window the size it had when last closed.
func (a *App) restoreSize() {
	p := a.App().Preferences()
	w := p.FloatWithFallback(prefWidth, 1180)
	h := p.FloatWithFallback(prefHeight, 760)
	if w < 800 {
		w = 800
	}
	if h < 560 {
		h = 560
	}
	a.Window().Resize(fyne.NewSize(float32(w), float32(h)))
}

// beforeClose remembers the window's size and takes the automatic backup,
// once, whether the window is closed or the program quit from the menu.
// (When the system ends the program, watchSize has kept the size.)
func (a *App) beforeClose() {
	a.closeOnce.Do(func() {
		if a.stopWatch != nil {
			a.stopWatch()
		}
		a.saveSize()
		if a.Settings().Configured() {
			if err := admin.AutoBackup(a); err != nil {
				fyne.LogError("automatic backup on close", err)
			}
		}
	})
}

// saveSize remembers the window's size.
func (a *App) saveSize() {
	s := a.Window().Canvas().Size()
	if s.Width < 100 || s.Height < 100 {
		return
	}
	p := a.App().Preferences()
	p.SetFloat(prefWidth, float64(s.Width))
	p.SetFloat(prefHeight, float64(s.Height))
}

// Recover is the window main shows when the data folder's database fails its
// integrity check; see admin.Recover. After a recovery it opens the main window.
// A disk problem (data.IOError) is not damage: there is nothing to recover, so
// it is shown as it is (Fatal) and nothing is moved or replaced.
func Recover(fa fyne.App, dir string, openErr error) fyne.Window {
	if _, ok := data.IsIOError(openErr); ok {
		return Fatal(fa, openErr)
	}
	return admin.Recover(fa, dir, openErr, Create)
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"

	"jiayuan/ui/guide"
	"jiayuan/ui/shell"
)

// Keyboard shortcuts: the table guide.Keys (Ctrl+N new, Ctrl+S save, Ctrl+F
// search, ⌘ on macOS; Delete deletes the selected record; Alt+←/→ and
// Ctrl+1…7 move between a round's stages). They act on the screen shown.
// The menus, the canvas and the guide's 快捷键 page all read that one table.
var (
	shortcutNew    = shortcutFor("new")
	shortcutSearch = shortcutFor("search")
	shortcutSave   = shortcutFor("save")
)

// tableShortcuts are the table's shortcuts with a modifier, by action; the
// Ctrl+1…7 entry is seven shortcuts (stageShortcuts).
var tableShortcuts = func() map[string]*desktop.CustomShortcut {
	m := map[string]*desktop.CustomShortcut{}
	for _, k := range guide.Keys {
		switch {
		case k.Name == guide.StageKeys:
		case k.Ctrl:
			m[k.Action] = &desktop.CustomShortcut{KeyName: fyne.KeyName(k.Name), Modifier: fyne.KeyModifierShortcutDefault}
		case k.Alt:
			m[k.Action] = &desktop.CustomShortcut{KeyName: fyne.KeyName(k.Name), Modifier: fyne.KeyModifierAlt}
		}
	}
	return m
}()

// stageShortcuts are Ctrl+1…7: the stage with that number.
var stageShortcuts = func() []*desktop.CustomShortcut {
	var out []*desktop.CustomShortcut
	for _, k := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7} {
		out = append(out, &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
	}
	return out
}()

// shortcutFor is the shortcut of the table's action, or nil for a plain key.
func shortcutFor(action string) *desktop.CustomShortcut { return tableShortcuts[action] }

// keyAction is what the table's action does.
func (a *App) keyAction(action string) func() {
	return map[string]func(){"new": a.doNew, "save": a.doSave, "search": a.doSearch, "delete": a.doDelete,
		"stage-back": func() { a.moveStage(-1) }, "stage-on": func() { a.moveStage(1) }}[action]
}

// stager is a screen of stages (a round's, on 评选).
type stager interface {
	MoveStage(delta int)
	ShowStage(i int)
}

func (a *App) moveStage(delta int) {
	if p, ok := a.currentPage().(stager); ok {
		p.MoveStage(delta)
	}
}

func (a *App) showStage(i int) {
	if p, ok := a.currentPage().(stager); ok {
		p.ShowStage(i)
	}
}

// The actions behind the shortcuts and the menu.
func (a *App) doNew() {
	if p, ok := a.currentPage().(shell.Creator); ok {
		p.NewRecord()
	}
}

func (a *App) doSave() {
	if p, ok := a.currentPage().(shell.Saver); ok {
		p.Save()
	}
}

func (a *App) doSearch() {
	if p, ok := a.currentPage().(shell.Searcher); ok {
		p.FocusSearch()
	}
}

func (a *App) doDelete() {
	if p, ok := a.currentPage().(shell.Deleter); ok {
		p.DeleteSelected()
	}
}

func (a *App) currentPage() shell.Page {
	if a.current == nil {
		return nil
	}
	return a.current.page
}

// mainMenu carries the shortcuts, so they work whichever field has the focus.
func (a *App) mainMenu() *fyne.MainMenu {
	quit := fyne.NewMenuItem("退出", func() {
		a.beforeClose()
		a.App().Quit()
	})
	quit.IsQuit = true
	menus := map[string]*fyne.Menu{"文件": fyne.NewMenu("文件"), "编辑": fyne.NewMenu("编辑"), "查看": fyne.NewMenu("查看")}
	for _, k := range guide.Keys {
		menu := menus[k.Menu]
		if menu == nil {
			continue
		}
		m := fyne.NewMenuItem(k.Label, a.keyAction(k.Action))
		if sc := shortcutFor(k.Action); sc != nil {
			m.Shortcut = sc
		}
		menu.Items = append(menu.Items, m)
	}
	file, view := menus["文件"], menus["查看"]
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), quit)
	view.Items = append(view.Items, fyne.NewMenuItemSeparator())
	for _, p := range a.pages {
		title := p.title
		view.Items = append(view.Items, fyne.NewMenuItem(title, func() { a.OpenTitled(title) }))
	}
	help := fyne.NewMenu("帮助",
		fyne.NewMenuItem("使用说明", func() { a.showGuide("") }),
		fyne.NewMenuItem(guide.KeysTitle, func() { a.showGuide(guide.KeysTitle) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("关于家园", a.showAbout))
	return fyne.NewMainMenu(file, menus["编辑"], view, help)
}

// showGuide opens the 帮助 screen, at the section titled section when not "".
func (a *App) showGuide(section string) {
	a.openTitled(helpTitle)
	if a.current == nil || a.current.title != helpTitle {
		return
	}
	if p, ok := a.current.page.(interface{ ShowSection(string) }); ok {
		p.ShowSection(section)
	}
}

// addShortcuts registers the table's shortcuts on the canvas too, for when
// no focused widget takes them, and its plain keys (Delete).
func (a *App) addShortcuts() {
	c := a.Window().Canvas()
	plain := map[fyne.KeyName]func(){}
	for _, k := range guide.Keys {
		fn := a.keyAction(k.Action)
		switch sc := shortcutFor(k.Action); {
		case k.Name == guide.StageKeys:
		case sc != nil:
			c.AddShortcut(sc, func(fyne.Shortcut) { fn() })
		default:
			plain[fyne.KeyName(k.Name)] = fn
		}
	}
	for i, sc := range stageShortcuts {
		c.AddShortcut(sc, func(fyne.Shortcut) { a.showStage(i) })
	}
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if fn := plain[e.Name]; fn != nil {
			fn()
		}
	})
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// helpTitle is the navigation title of the 帮助 screen (ui/help).
const helpTitle = "帮助"

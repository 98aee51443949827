package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"jiayuan/ui/shell"
)

// Keyboard shortcuts: Ctrl+N new, Ctrl+F search, Ctrl+S save (⌘ on macOS),
// Delete deletes the selected record. They act on the screen shown.
var (
	shortcutNew    = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSearch = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSave   = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
)

// Alt+←/→ show the stage before or after on a screen of stages (a round's,
// on 评选); Ctrl+1…7 show that stage.
var (
	shortcutStageBack = &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}
	shortcutStageOn   = &desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt}
	stageKeys         = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7}
)

// stager is a screen of stages.
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
	item := func(label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, fn)
		m.Shortcut = sc
		return m
	}
	quit := fyne.NewMenuItem("退出", func() {
		a.beforeClose()
		a.App().Quit()
	})
	quit.IsQuit = true
	file := fyne.NewMenu("文件",
		item("新建记录", shortcutNew, a.doNew),
		item("保存", shortcutSave, a.doSave),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	edit := fyne.NewMenu("编辑",
		item("查找", shortcutSearch, a.doSearch),
		fyne.NewMenuItem("删除所选记录", a.doDelete),
	)
	view := fyne.NewMenu("查看",
		item("上一阶段", shortcutStageBack, func() { a.moveStage(-1) }),
		item("下一阶段", shortcutStageOn, func() { a.moveStage(1) }),
		fyne.NewMenuItemSeparator(),
	)
	for _, p := range a.pages {
		title := p.title
		view.Items = append(view.Items, fyne.NewMenuItem(title, func() { a.OpenTitled(title) }))
	}
	help := fyne.NewMenu("帮助", fyne.NewMenuItem("关于家园", a.showAbout))
	return fyne.NewMainMenu(file, edit, view, help)
}

// addShortcuts registers the shortcuts on the canvas too, for when no
// focused widget takes them, and the Delete key.
func (a *App) addShortcuts() {
	c := a.Window().Canvas()
	c.AddShortcut(shortcutNew, func(fyne.Shortcut) { a.doNew() })
	c.AddShortcut(shortcutSave, func(fyne.Shortcut) { a.doSave() })
	c.AddShortcut(shortcutSearch, func(fyne.Shortcut) { a.doSearch() })
	c.AddShortcut(shortcutStageBack, func(fyne.Shortcut) { a.moveStage(-1) })
	c.AddShortcut(shortcutStageOn, func(fyne.Shortcut) { a.moveStage(1) })
	for i, k := range stageKeys {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { a.showStage(i) })
	}
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyDelete {
			a.doDelete()
		}
	})
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

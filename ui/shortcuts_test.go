package ui

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"jiayuan/ui/shell"
)

// actionPage is a screen with every keyboard action; it counts the calls.
type actionPage struct{ calls map[string]int }

func (p *actionPage) Content() fyne.CanvasObject { return widget.NewLabel("测试") }
func (p *actionPage) Reload()                    {}
func (p *actionPage) NewRecord()                 { p.calls["new"]++ }
func (p *actionPage) Save()                      { p.calls["save"]++ }
func (p *actionPage) FocusSearch()               { p.calls["search"]++ }
func (p *actionPage) DeleteSelected()            { p.calls["delete"]++ }
func (p *actionPage) MoveStage(delta int) {
	if delta < 0 {
		p.calls["stage-back"]++
	} else {
		p.calls["stage-on"]++
	}
}
func (p *actionPage) ShowStage(i int) { p.calls["stage-n"]++; p.calls["stage-"+strconv.Itoa(i+1)]++ }

// addScreen adds a screen to the navigation, as showMain does.
func addScreen(a *App, title string, p shell.Page) {
	a.pages = append(a.pages, &navPage{title: title, page: p})
	a.nav.Refresh()
}

// Ctrl+N, Ctrl+S, Ctrl+F and Delete, and the menu items carrying them, reach
// the screen shown, and only it; a screen without an action ignores its key.
func TestShortcutsReachTheScreenShown(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p, other := &actionPage{calls: map[string]int{}}, &actionPage{calls: map[string]int{}}
	addScreen(a, "测试", p)
	addScreen(a, "另一个", other)
	addScreen(a, "静态", &shell.StaticPage{Build: func() fyne.CanvasObject { return widget.NewLabel("无操作") }})
	openScreen(t, a, "测试")

	pressShortcut(a, shortcutNew)
	pressShortcut(a, shortcutSave)
	pressShortcut(a, shortcutSearch)
	pressDelete(a)
	for _, k := range []string{"new", "save", "search", "delete"} {
		if p.calls[k] != 1 {
			t.Errorf("the %s key reached the screen %d times, want once", k, p.calls[k])
		}
	}

	menu := map[string]*fyne.MenuItem{}
	for _, m := range a.Window().MainMenu().Items {
		for _, it := range m.Items {
			menu[it.Label] = it
		}
	}
	for label, k := range map[string]string{"新建记录": "new", "保存": "save", "查找": "search", "删除所选记录": "delete"} {
		it := menu[label]
		if it == nil {
			t.Errorf("no menu item %s", label)
			continue
		}
		it.Action()
		if p.calls[k] != 2 {
			t.Errorf("menu item %s reached the screen %d times in all, want twice", label, p.calls[k])
		}
	}
	for label, sc := range map[string]fyne.Shortcut{"新建记录": shortcutNew, "保存": shortcutSave, "查找": shortcutSearch} {
		if it := menu[label]; it != nil && it.Shortcut != sc {
			t.Errorf("menu item %s shows shortcut %v", label, it.Shortcut)
		}
	}
	if len(other.calls) != 0 {
		t.Errorf("a screen not shown got %v", other.calls)
	}

	// A screen with no keyboard actions: the keys do nothing, and reach no other screen.
	openScreen(t, a, "静态")
	pressShortcut(a, shortcutNew)
	pressShortcut(a, shortcutSave)
	pressShortcut(a, shortcutSearch)
	pressDelete(a)
	if p.calls["new"] != 2 || p.calls["save"] != 2 || p.calls["search"] != 2 || p.calls["delete"] != 2 || len(other.calls) != 0 {
		t.Errorf("keys on a screen without actions reached %v / %v", p.calls, other.calls)
	}
}

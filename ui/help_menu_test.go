package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"jiayuan/ui/guide"
)

// menuItem is the item labelled label of the menu titled menu.
func menuItem(t *testing.T, a *App, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range a.Window().MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %s → %s", menu, label)
	return nil
}

// guideText is every text the rich texts of the window show, list items included.
func guideText(a *App) string {
	var sb strings.Builder
	var seg func(s widget.RichTextSegment)
	seg = func(s widget.RichTextSegment) {
		switch x := s.(type) {
		case *widget.ListSegment:
			for _, it := range x.Items {
				seg(it)
			}
		case *widget.TextSegment:
			sb.WriteString(x.Text + "\n")
		}
	}
	for _, rt := range find[*widget.RichText](a) {
		for _, s := range rt.Segments {
			seg(s)
		}
	}
	return sb.String()
}

// 帮助 → 使用说明 opens the guide from any screen; 帮助 → 快捷键 opens it
// with every shortcut of the table the window registers, as the key and
// the menu item it carries.
func TestHelpMenuOpensTheGuide(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	openScreen(t, a, "小区")
	menuItem(t, a, "帮助", "使用说明").Action()
	a.Wait()
	if a.current == nil || a.current.title != helpTitle {
		t.Fatalf("使用说明 shows %v", a.current)
	}
	text := guideText(a)
	for _, s := range guide.Sections() {
		if !strings.Contains(text, s.Title) {
			t.Errorf("the guide does not show the section %s", s.Title)
		}
	}
	openScreen(t, a, "社区")
	menuItem(t, a, "帮助", guide.KeysTitle).Action()
	a.Wait()
	if a.current == nil || a.current.title != helpTitle {
		t.Fatalf("快捷键 shows %v", a.current)
	}
	text = guideText(a)
	for _, k := range guide.Keys {
		if !strings.Contains(text, k.Keys()+"："+k.Label) {
			t.Errorf("the shortcuts page lacks %s %s", k.Keys(), k.Label)
		}
		if k.Menu == "" { // Ctrl+1…7: seven keys, no menu item
			continue
		}
		// The window carries the same key under the same label.
		var menu *fyne.MenuItem
		for _, m := range a.Window().MainMenu().Items {
			for _, it := range m.Items {
				if it.Label == k.Label {
					menu = it
				}
			}
		}
		if menu == nil {
			t.Errorf("no menu item %s for %s", k.Label, k.Keys())
		} else if sc := shortcutFor(k.Action); (k.Ctrl || k.Alt) && (menu.Shortcut == nil || menu.Shortcut.ShortcutName() != sc.ShortcutName()) {
			t.Errorf("menu item %s carries %v, the guide says %s", k.Label, menu.Shortcut, k.Keys())
		}
	}
}

// Every key of the table reaches its action on the screen shown: the
// registration reads the same table the guide lists.
func TestEveryTableKeyIsRegistered(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := &actionPage{calls: map[string]int{}}
	addScreen(a, "测试", p)
	openScreen(t, a, "测试")
	for _, k := range guide.Keys {
		want := 1
		switch sc := shortcutFor(k.Action); {
		case k.Name == guide.StageKeys:
			for _, sc := range stageShortcuts {
				pressShortcut(a, sc)
			}
			want = len(stageShortcuts)
		case sc != nil:
			pressShortcut(a, sc)
		default:
			a.Window().Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyName(k.Name)})
		}
		if p.calls[k.Action] != want {
			t.Errorf("%s (%s) reached the screen %d times, want %d", k.Keys(), k.Label, p.calls[k.Action], want)
		}
	}
	for i := 1; i <= 7; i++ {
		if n := p.calls["stage-"+strconv.Itoa(i)]; n != 1 {
			t.Errorf("Ctrl+%d showed stage %d %d times", i, i, n)
		}
	}
}

// Ctrl+F on the 帮助 screen puts the cursor in the guide's search box.
func TestSearchKeyOnHelp(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	openScreen(t, a, helpTitle)
	pressShortcut(a, shortcutSearch)
	e, ok := a.Window().Canvas().Focused().(*widget.Entry)
	if !ok || !strings.Contains(e.PlaceHolder, "搜索使用说明") {
		t.Errorf("Ctrl+F on 帮助 focuses %T", a.Window().Canvas().Focused())
	}
}

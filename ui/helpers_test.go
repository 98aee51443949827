package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/internal/uitest"
	"jiayuan/ui/widgets"
)

// The tests of the shell check the screens through the window, as the clerk
// sees them: the screens' types are their packages' own.

// newTestStore opens a store in a temporary folder, with the demo data when demo is set.
func newTestStore(t testing.TB, demo bool) *data.Store { t.Helper(); return uitest.NewStore(t, demo) }

// newTestApp builds the window on st in Fyne's test driver.
func newTestApp(t testing.TB, st *data.Store) *App {
	t.Helper()
	a := build(test.NewTempApp(t), st)
	// Fyne's test driver runs fyne.Do on the calling goroutine: let the
	// window's first background loads finish before the test reads widgets.
	a.Wait()
	a.Window().Resize(fyne.NewSize(1200, 800))
	t.Cleanup(a.Wait) // before the store closes
	return a
}

// openScreen shows the screen with the navigation title.
func openScreen(t testing.TB, a *App, title string) {
	t.Helper()
	a.openTitled(title)
	a.Wait()
	if a.current == nil || a.current.title != title {
		t.Fatalf("screen %q not shown", title)
	}
}

// find is every visible object of type W in the window's content.
func find[W any](a *App) []W {
	var out []W
	walk(a.Window().Content(), func(o fyne.CanvasObject) {
		if w, ok := o.(W); ok {
			out = append(out, w)
		}
	})
	return out
}

// findOne is the first visible object of type W in the window's content.
func findOne[W any](t testing.TB, a *App) W {
	t.Helper()
	ws := find[W](a)
	if len(ws) == 0 {
		var zero W
		t.Fatalf("the window shows no %T", zero)
	}
	return ws[0]
}

// recordTable is the record list of the screen shown (社区, 小区, 党组织).
func recordTable[T any](t testing.TB, a *App) *widgets.RecordTable[T] {
	t.Helper()
	return findOne[*widgets.RecordTable[T]](t, a)
}

// formField is the widget of the form field labelled label inside root, and
// the line under it where the field's problem shows (see widgets.Form.Add).
func formField[W any](t testing.TB, root fyne.CanvasObject, label string) (W, *widget.Label) {
	t.Helper()
	var w W
	var msg *widget.Label
	found := false
	walk(root, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || found {
			return
		}
		for i := 0; i+1 < len(c.Objects); i += 2 {
			head, ok1 := c.Objects[i].(*fyne.Container)
			cell, ok2 := c.Objects[i+1].(*fyne.Container)
			if !ok1 || !ok2 || len(head.Objects) != 2 || len(cell.Objects) != 2 {
				continue
			}
			if l, ok := head.Objects[1].(*widget.Label); ok && l.Text == label {
				// The widget may sit in its box (focus ring, widgets/form_fields.go);
				// the message line holds the label.
				got := false
				walk(cell.Objects[0], func(o fyne.CanvasObject) {
					if x, isW := o.(W); isW && !got {
						w, got = x, true
					}
				})
				if !got {
					t.Fatalf("field %s is a %T", label, cell.Objects[0])
				}
				walk(cell.Objects[1], func(o fyne.CanvasObject) {
					if l, isL := o.(*widget.Label); isL && msg == nil {
						msg = l
					}
				})
				found = true
				return
			}
		}
	})
	if !found {
		t.Fatalf("no form field %s shown", label)
	}
	return w, msg
}

// selectTab shows the stage or tab whose title starts with title (a title may
// carry its progress, as 评审（已评 3/9）): a round's stage through its
// stepper, else in the first tab bar that has one.
func selectTab(t testing.TB, a *App, title string) *container.AppTabs {
	t.Helper()
	for _, s := range find[*widgets.Stepper](a) {
		for i, st := range s.Steps() {
			if strings.HasPrefix(st.Name, title) {
				s.Select(i)
				return nil
			}
		}
	}
	for _, tabs := range find[*container.AppTabs](a) {
		for _, it := range tabs.Items {
			if strings.HasPrefix(it.Text, title) {
				tabs.Select(it)
				return tabs
			}
		}
	}
	t.Fatalf("no tab %s shown", title)
	return nil
}

// shownTexts is every visible label, button and marked cell text in the window.
func shownTexts(a *App) []string { return uitest.ShownTexts(a.Window()) }

func showsText(a *App, want string) bool { return uitest.ShowsText(a.Window(), want) }

// tapButton taps the visible button labelled text, in the overlays first.
func tapButton(t testing.TB, a *App, text string) { t.Helper(); uitest.TapButton(t, a.Window(), text) }

func pressShortcut(a *App, sc fyne.Shortcut) {
	a.Window().Canvas().(fyne.Shortcutable).TypedShortcut(sc)
}

// pressDelete presses the Delete key with no widget focused.
func pressDelete(a *App) {
	a.Window().Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
}

func dismissDialogs(a *App) { uitest.DismissDialogs(a.Window()) }

// walk visits o and every visible object inside it.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) { uitest.Walk(o, fn) }

// roundStore is a store with one round and nominations submitted by
// 滨江社区 and 龙河社区, in a community's copy (滨江社区) when role says so.
func roundStore(t *testing.T, role string) (*data.Store, []int64) {
	t.Helper()
	return uitest.RoundStore(t, role)
}

func hasSheet(sheets []data.ScoreSheet, nom, rev int64) bool {
	for _, s := range sheets {
		if s.NominationID == nom && s.ReviewerID == rev {
			return true
		}
	}
	return false
}

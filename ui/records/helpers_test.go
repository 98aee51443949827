package records

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// Tests run the window's background work at once: Fyne's test driver runs
// fyne.Do on the calling goroutine, so a real goroutine would race with the
// test reading the widgets.
func init() { widgets.Inline = true }

// App is the window as this package's screens see it, in Fyne's test driver:
// shell.Base with no navigation, and the names the tests read.
type App struct {
	*shell.Base
	win   fyne.Window
	store *data.Store
	busy  *shell.Base
	page  shell.Page // the screen shown (openPage)
}

// The keyboard shortcuts, dispatched to the screen shown the way the
// window's shortcuts (package ui, shortcuts.go) dispatch them.
const (
	shortcutNew = iota
	shortcutSave
	shortcutSearch
)

func pressShortcut(a *App, sc int) {
	switch sc {
	case shortcutNew:
		if p, ok := a.page.(shell.Creator); ok {
			p.NewRecord()
		}
	case shortcutSave:
		if p, ok := a.page.(shell.Saver); ok {
			p.Save()
		}
	case shortcutSearch:
		if p, ok := a.page.(shell.Searcher); ok {
			p.FocusSearch()
		}
	}
}

// newTestStore opens a store in a temporary folder, with the demo data when demo is set.
func newTestStore(t testing.TB, demo bool) *data.Store {
	t.Helper()
	st, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if demo {
		if err := data.LoadDemo(st); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// newTestApp is a window on st in Fyne's test driver, showing nothing yet.
func newTestApp(t testing.TB, st *data.Store) *App {
	t.Helper()
	fa := test.NewTempApp(t)
	b := shell.New(fa, st)
	b.SetWindow(fa.NewWindow("家园"))
	b.Status = widget.NewLabel("")
	b.Window().Resize(fyne.NewSize(1200, 800))
	t.Cleanup(b.Wait) // before the store closes
	return &App{Base: b, win: b.Window(), store: st, busy: b}
}

// field is the widget of the form field name.
func field[W any](t testing.TB, f *widgets.Form, name string) W {
	t.Helper()
	w, ok := f.Widget(name).(W)
	if !ok {
		t.Fatalf("form field %s is a %T", name, f.Widget(name))
	}
	return w
}

// shownTexts is every visible label and button text in the window's content and overlays.
func shownTexts(a *App) []string {
	var out []string
	objs := append([]fyne.CanvasObject{a.win.Content()}, a.win.Canvas().Overlays().List()...)
	for _, o := range objs {
		walk(o, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Label:
				out = append(out, w.Text)
			case *widget.Button:
				out = append(out, w.Text)
			case *widget.RichText: // a list's cell with the search's words marked
				out = append(out, w.String())
			}
		})
	}
	return out
}

func showsText(a *App, want string) bool {
	for _, s := range shownTexts(a) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// tapButton taps the visible button labelled text, in the overlays first.
func tapButton(t testing.TB, a *App, text string) {
	t.Helper()
	var found *widget.Button
	objs := append(a.win.Canvas().Overlays().List(), a.win.Content())
	for _, o := range objs {
		walk(o, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
				found = b
			}
		})
	}
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(found)
}

// walk visits o and every visible object inside it.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, fn)
		}
	}
}

// overlayEntry is the first entry of the topmost dialog.
func overlayEntry(t *testing.T, a *App) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	if top := a.win.Canvas().Overlays().Top(); top != nil {
		walk(top, func(o fyne.CanvasObject) {
			if e, ok := o.(*widget.Entry); ok && found == nil {
				found = e
			}
		})
	}
	if found == nil {
		t.Fatal("no dialog with an entry")
	}
	return found
}

func dismissDialogs(a *App) {
	for _, o := range a.win.Canvas().Overlays().List() {
		a.win.Canvas().Overlays().Remove(o)
	}
}

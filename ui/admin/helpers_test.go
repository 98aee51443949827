package admin

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/internal/uitest"
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
}

// newTestStore opens a store in a temporary folder, with the demo data when demo is set.
func newTestStore(t testing.TB, demo bool) *data.Store { t.Helper(); return uitest.NewStore(t, demo) }

// newTestApp is a window on st in Fyne's test driver, showing nothing yet.
func newTestApp(t testing.TB, st *data.Store) *App {
	t.Helper()
	b := uitest.NewBase(t, st)
	return &App{Base: b, win: b.Window(), store: st, busy: b}
}

// The ways to read and tap the window, shared with the other screens' tests (uitest).
func field[W any](t testing.TB, f *widgets.Form, name string) W {
	t.Helper()
	return uitest.Field[W](t, f, name)
}
func shownTexts(a *App) []string                           { return uitest.ShownTexts(a.win) }
func showsText(a *App, want string) bool                   { return uitest.ShowsText(a.win, want) }
func tapButton(t testing.TB, a *App, text string)          { t.Helper(); uitest.TapButton(t, a.win, text) }
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) { uitest.Walk(o, fn) }
func overlayEntry(t *testing.T, a *App) *widget.Entry {
	t.Helper()
	return uitest.OverlayEntry(t, a.win)
}
func dismissDialogs(a *App) { uitest.DismissDialogs(a.win) }

// showPage shows the screen p alone in the window, read, and returns it.
func showPage[P shell.Page](a *App, p P) P {
	a.win.SetContent(p.Content())
	p.Reload()
	a.Wait()
	return p
}

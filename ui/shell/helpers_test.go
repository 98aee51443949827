package shell

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/widgets"
)

// Tests run the background work at once: Fyne's test driver runs fyne.Do on
// the calling goroutine, so a real goroutine would race with the test.
func init() { widgets.Inline = true }

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

// newTestBase is a Base on st with a window and a status bar, in Fyne's test driver.
func newTestBase(t testing.TB, st *data.Store) *Base {
	t.Helper()
	fa := test.NewTempApp(t)
	b := New(fa, st)
	b.SetWindow(fa.NewWindow("家园"))
	b.Status = widget.NewLabel("")
	b.Window().Resize(fyne.NewSize(1200, 800))
	t.Cleanup(b.Wait) // before the store closes
	return b
}

package nomination

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/shell"
)

// newTestStore opens an empty store in a temporary folder.
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
func newTestApp(t testing.TB, st *data.Store) *shell.Base {
	t.Helper()
	fa := test.NewTempApp(t)
	b := shell.New(fa, st)
	b.SetWindow(fa.NewWindow("家园"))
	b.Status = widget.NewLabel("")
	b.Window().Resize(fyne.NewSize(1200, 800))
	t.Cleanup(b.Wait) // before the store closes
	return b
}

// shownTexts is every visible label and button text inside o.
func shownTexts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		}
	})
	return out
}

func showsText(o fyne.CanvasObject, want string) bool {
	for _, s := range shownTexts(o) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
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

package nomination

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/internal/uitest"
	"jiayuan/ui/shell"
)

// newTestStore opens a store in a temporary folder, with the demo data when demo is set.
func newTestStore(t testing.TB, demo bool) *data.Store { t.Helper(); return uitest.NewStore(t, demo) }

// newTestApp is a window on st in Fyne's test driver, showing nothing yet.
func newTestApp(t testing.TB, st *data.Store) *shell.Base { t.Helper(); return uitest.NewBase(t, st) }

// shownTexts is every visible label and button text inside o.
func shownTexts(o fyne.CanvasObject) []string {
	var out []string
	uitest.Walk(o, func(o fyne.CanvasObject) {
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

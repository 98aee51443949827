package records

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	jtheme "jiayuan/ui/theme"
)

// TestScreenshots writes 社区, a 小区 form with an error and a save conflict at 1366×768 to the
// folder JIAYUAN_SHOTS names, for a person to look at (skipped without it).
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("JIAYUAN_SHOTS")
	if dir == "" {
		t.Skip("JIAYUAN_SHOTS not set")
	}
	a := newTestApp(t, newTestStore(t, true))
	fyne.CurrentApp().Settings().SetTheme(jtheme.New())
	shot := func(name string) {
		a.win.Resize(fyne.NewSize(1366, 768))
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, a.win.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	p := openPage[*recordsPage[data.Community]](t, a, "社区")
	p.search.SetText("")
	p.tbl.SelectID(p.tbl.Row(0).ID)
	p.edit(*p.tbl.Row(0))
	shot("communities.png")
	q := openPage[*recordsPage[data.Compound]](t, a, "小区")
	q.edit(*q.tbl.Row(0))
	field[*widget.Entry](t, q.form, "Name").SetText("")
	field[*widget.Entry](t, q.form, "Households").SetText("很多")
	q.Save()
	shot("compound-error.png")
	a, _, _, _ = conflictSetup(t) // shot draws the window of the conflict
	fyne.CurrentApp().Settings().SetTheme(jtheme.New())
	shot("conflict.png")
}

package widgets

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// findIn walks o, widgets' renderers included, and returns the first object
// match accepts.
func findIn(t *testing.T, o fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	if o == nil {
		return nil
	}
	if match(o) {
		return o
	}
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case *container.Split:
		kids = []fyne.CanvasObject{x.Leading, x.Trailing}
	case *container.Scroll:
		kids = []fyne.CanvasObject{x.Content}
	case *widget.PopUp:
		kids = []fyne.CanvasObject{x.Content}
	case *widget.Button, *widget.Entry, *widget.Label:
	case fyne.Widget:
		kids = test.TempWidgetRenderer(t, x).Objects()
	}
	for _, k := range kids {
		if f := findIn(t, k, match); f != nil {
			return f
		}
	}
	return nil
}

func topButton(t *testing.T, w fyne.Window, texts ...string) *widget.Button {
	t.Helper()
	b, _ := findIn(t, w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) bool {
		b, ok := o.(*widget.Button)
		if !ok {
			return false
		}
		for _, s := range texts {
			if b.Text == s {
				return true
			}
		}
		return false
	}).(*widget.Button)
	if b == nil {
		t.Fatalf("no button %v in the dialog", texts)
	}
	return b
}

// The clerk saving an export picks jiayuan.db in the data folder and confirms
// the overwrite: Fyne's save dialog would have emptied the live database
// before the program could refuse the name. Now the dialog creates and
// empties nothing; the name is refused and the database is byte for byte.
// Cancelling after picking a new name leaves no empty file either.
func TestSaveDialogCannotEmptyTheDatabase(t *testing.T) {
	st, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := data.LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	win := test.NewTempApp(t).NewWindow("家园")
	win.Resize(fyne.NewSize(1200, 800))
	db := filepath.Join(st.Dir(), data.DBFile)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	fyne.CurrentApp().Preferences().SetString(LastFolderKey, storage.NewFileURI(st.Dir()).String())
	called := false
	var refused string
	SaveFileDialogExt(win, st, "名单.xlsx", ".xlsx", func(string) { called = true }, func(title string, err error) { refused = title })
	entry, _ := findIn(t, win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) bool {
		e, ok := o.(*widget.Entry)
		return ok && e.Text == "名单.xlsx"
	}).(*widget.Entry)
	if entry == nil {
		t.Fatal("no file name entry in the save dialog")
	}
	entry.SetText(data.DBFile)
	test.Tap(topButton(t, win, "Save", "保存"))
	test.Tap(topButton(t, win, "Yes", "是"))
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Fatalf("the save dialog changed the live database (%d bytes, were %d)", len(after), len(before))
	}
	if called {
		t.Error("the export ran on the database's name")
	}
	if refused == "" {
		t.Error("the database's name was not refused")
	}
	if err := data.Check(st.Dir()); err != nil {
		t.Fatal(err)
	}

	// the storage layer the dialog uses: a writer closed unused leaves the disk as it was
	lazyFileWrites()
	fresh := filepath.Join(t.TempDir(), "新.xlsx")
	w, err := storage.Writer(storage.NewFileURI(fresh))
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("a writer closed unused created %s (%v)", fresh, err)
	}
	w, _ = storage.Writer(storage.NewFileURI(fresh))
	w.Write([]byte("写入"))
	w.Close()
	if b, _ := os.ReadFile(fresh); string(b) != "写入" {
		t.Errorf("a writer that writes wrote %q", b)
	}
}

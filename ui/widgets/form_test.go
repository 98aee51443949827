package widgets

import (
	"fmt"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	jtheme "jiayuan/ui/theme"
)

// longForm is a form of n one-line fields in a scroller, shown in a window of
// size; the first field must not be empty.
func longForm(t *testing.T, n int, size fyne.Size) (*Form, *container.Scroll, fyne.Window, []string) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(jtheme.New())
	vals := make([]string, n)
	f := NewForm(func() error {
		if vals[0] == "" {
			return &data.ValidationError{Record: "测试", Fields: []data.FieldError{{Field: "F0", Label: "字段0", Msg: "不能为空"}}}
		}
		return nil
	})
	f.Section("基本信息")
	for i := range vals {
		vals[i] = "内容"
		f.Entry(fmt.Sprintf("F%d", i), fmt.Sprintf("字段%d", i), &vals[i], "")
	}
	scroll := container.NewVScroll(f.Content())
	w := test.NewWindow(scroll)
	w.Resize(size)
	return f, scroll, w, vals
}

// A message appearing under a field moves nothing: every field stays where it was.
func TestFormMessageMovesNothing(t *testing.T) {
	f, _, w, _ := longForm(t, 6, fyne.NewSize(600, 900))
	pos := func() []fyne.Position {
		var out []fyne.Position
		d := fyne.CurrentApp().Driver()
		for _, o := range f.Widgets() {
			out = append(out, d.AbsolutePositionForObject(o))
		}
		return out
	}
	before := pos()
	first := f.Widget("F0").(*widget.Entry)
	first.SetText("") // the field is now invalid: its message appears
	if f.Message("F0") == "" {
		t.Fatal("no message under the emptied field")
	}
	w.Content().Refresh()
	after := pos()
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("field %d moved from %v to %v when the message appeared", i, before[i], after[i])
		}
	}
	first.SetText("好")
	if f.Message("F0") != "" {
		t.Fatalf("message %q stays after the field was corrected", f.Message("F0"))
	}
	for i, p := range pos() {
		if p != before[i] {
			t.Errorf("field %d moved to %v when the message went", i, p)
		}
	}
}

// An invalid text field has the error border; its focus ring is the neutral colour.
func TestFormInvalidFieldHasErrorBorder(t *testing.T) {
	f, _, w, _ := longForm(t, 2, fyne.NewSize(600, 400))
	e := f.Widget("F0").(*widget.Entry)
	e.SetText("")
	border := entryBorder(t, e)
	if border != theme.Color(theme.ColorNameError) {
		t.Errorf("invalid field's border %v, want the error colour", border)
	}
	w.Canvas().Focus(f.Widget("F1").(*widget.Entry))
	if b := entryBorder(t, f.Widget("F1").(*widget.Entry)); b != jtheme.FocusRing {
		t.Errorf("focused field's border %v, want the neutral focus ring %v", b, jtheme.FocusRing)
	}
}

// entryBorder is the stroke colour of e's border as drawn.
func entryBorder(t *testing.T, e *widget.Entry) color.Color {
	t.Helper()
	r := test.TempWidgetRenderer(t, e)
	for _, o := range r.Objects() {
		if rect, ok := o.(*canvas.Rectangle); ok && rect.StrokeWidth > 0 {
			return rect.StrokeColor
		}
	}
	t.Fatal("entry has no border")
	return nil
}

// The mouse wheel over a text field scrolls the form.
func TestFormWheelOverEntryScrolls(t *testing.T) {
	f, scroll, w, _ := longForm(t, 30, fyne.NewSize(600, 400))
	e := f.Widget("F2").(*widget.Entry)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).AddXY(20, 10)
	test.Scroll(w.Canvas(), pos, 0, -120)
	if scroll.Offset.Y <= 0 {
		t.Errorf("wheel over a field left the form at offset %v", scroll.Offset)
	}
}

// Numbers are right-aligned in every table, text left-aligned.
func TestCellAlign(t *testing.T) {
	for _, tc := range []struct {
		text string
		num  bool
		want fyne.TextAlign
	}{
		{"1500", false, fyne.TextAlignTrailing},
		{"14万余", false, fyne.TextAlignTrailing},
		{"87.5", false, fyne.TextAlignTrailing},
		{"", true, fyne.TextAlignTrailing},
		{"2021-12-06", false, fyne.TextAlignLeading},
		{"滨江社区", false, fyne.TextAlignLeading},
		{"3号楼", false, fyne.TextAlignLeading},
	} {
		if got := cellAlign(tc.num, tc.text); got != tc.want {
			t.Errorf("cellAlign(%v, %q) = %v, want %v", tc.num, tc.text, got, tc.want)
		}
	}
	// A read-only table right-aligns a figure whatever its column says.
	test.NewTempApp(t)
	rows := []string{"1500"}
	tbl := ReadTable(func() []string { return rows }, []Column[string]{{Title: "户数", Width: 80, Text: func(s *string) string { return *s }}})
	cell := tbl.CreateCell()
	tbl.UpdateCell(widget.TableCellID{Row: 0, Col: 0}, cell)
	if l := cell.(*widget.Label); l.Alignment != fyne.TextAlignTrailing {
		t.Errorf("a figure in a read-only table is aligned %v", l.Alignment)
	}
}

package widgets

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

type place struct {
	ID   int64
	Name string
}

func placeTable(rows []place, width float32) *RecordTable[place] {
	t := NewRecordTable([]Column[place]{{Title: "名称", Width: width, Text: func(p *place) string { return p.Name }}},
		func(p *place) int64 { return p.ID }, nil)
	t.SetRows(rows)
	return t
}

// tableCell is the Cell showing row, col of t, laid out at the column's width.
func tableCell(t *RecordTable[place], row int, width float32) *Cell {
	o := t.CreateCell()
	t.UpdateCell(widget.TableCellID{Row: row, Col: 0}, o)
	o.Resize(fyne.NewSize(width, 36))
	return o.(*fyne.Container).Objects[1].(*Cell)
}

// renderedTexts is every piece of text a widget draws.
func renderedTexts(t *testing.T, w fyne.Widget) []*canvas.Text {
	var out []*canvas.Text
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.TempWidgetRenderer(t, x).Objects() {
				walk(c)
			}
		}
	}
	walk(w)
	return out
}

// The words searched for are drawn bold in the accent colour, whatever
// their case, and nothing else is.
func TestSearchMatchesMarkedInCells(t *testing.T) {
	test.NewTempApp(t)
	tbl := placeTable([]place{{1, "滨江社区ABC"}, {2, "龙河社区"}}, 300)
	if got := tableCell(tbl, 0, 300).Marked(); got != nil {
		t.Errorf("with no search, marked %q", got)
	}
	tbl.SetFilter("江 bc", 0)
	c := tableCell(tbl, 0, 300)
	if got := strings.Join(c.Marked(), "|"); got != "江|BC" {
		t.Errorf("searching 江 bc marks %q, want 江|BC", got)
	}
	var bold, plain []string
	for _, tx := range renderedTexts(t, c) {
		if tx.TextStyle.Bold {
			bold = append(bold, tx.Text)
		} else if tx.Text != "" {
			plain = append(plain, tx.Text)
		}
	}
	if strings.Join(bold, "") != "江BC" || strings.Join(plain, "") != "滨社区A" {
		t.Errorf("drawn bold %q and plain %q", bold, plain)
	}
	tbl.SetFilter("", 0)
	if got := tableCell(tbl, 0, 300).Marked(); got != nil {
		t.Errorf("after clearing the search, marked %q", got)
	}
}

// A marked text too long for its column is still cut with "…".
func TestMarkedCellStillCut(t *testing.T) {
	test.NewTempApp(t)
	long := "滨江社区" + strings.Repeat("红领社企共同体", 4)
	tbl := placeTable([]place{{1, long}}, 120)
	tbl.SetFilter("滨江", 0)
	c := tableCell(tbl, 0, 120)
	var drawn string
	for _, tx := range renderedTexts(t, c) {
		drawn += tx.Text
	}
	if !strings.HasSuffix(drawn, "…") || !strings.HasPrefix(drawn, "滨江") {
		t.Errorf("a long marked cell draws %q", drawn)
	}
}

// A cut text shows whole in a pop-up while the mouse rests on it, and the
// pop-up goes when the mouse leaves; a text that fits shows none.
func TestCutCellShowsWholeOnHover(t *testing.T) {
	test.NewTempApp(t)
	shown := 0
	old := afterHover
	afterHover = func(show func()) func() { shown++; show(); return func() {} }
	t.Cleanup(func() { afterHover = old })

	long := strings.Repeat("红领社企共同体", 5)
	tbl := placeTable([]place{{1, long}, {2, "龙河"}}, 120)
	w := test.NewTempWindow(t, container.NewStack(tbl))
	w.Resize(fyne.NewSize(400, 300))

	cut := tableCell(tbl, 0, 120)
	test.NewTempWindow(t, cut) // the cell needs a canvas to pop up on
	cut.Resize(fyne.NewSize(120, 36))
	if !cut.Cut() {
		t.Fatal("a text of 35 characters in 120 pixels is not cut")
	}
	cut.MouseIn(nil)
	tip := cut.Tip()
	if tip == nil {
		t.Fatal("resting on a cut text shows nothing")
	}
	if l, ok := tip.Content.(*widget.Label); !ok || l.Text != long {
		t.Errorf("the pop-up shows %#v, want the whole text", tip.Content)
	}
	cut.MouseOut()
	if cut.Tip() != nil {
		t.Error("the pop-up stays after the mouse left")
	}

	short := tableCell(tbl, 1, 120)
	test.NewTempWindow(t, short)
	short.Resize(fyne.NewSize(120, 36))
	shown = 0
	short.MouseIn(nil)
	if short.Tip() != nil || shown != 0 {
		t.Error("a text that fits pops up")
	}
}

func TestMatchRanges(t *testing.T) {
	for _, tc := range []struct {
		text  string
		query []string
		want  string
	}{
		{"滨江社区", []string{"社"}, "[[2 3]]"},
		{"滨江社区", []string{"江社", "社区"}, "[[1 4]]"},
		{"abcabc", []string{"b"}, "[[1 2] [4 5]]"},
		{"滨江社区", []string{"龙"}, "[]"},
		{"ǅ", []string{"ǆ"}, "[[0 1]]"},
	} {
		if got := fmt.Sprint(matchRanges(tc.text, tc.query)); got != tc.want {
			t.Errorf("matchRanges(%q, %q) = %s, want %s", tc.text, tc.query, got, tc.want)
		}
	}
}

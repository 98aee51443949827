package rounds

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// nomColumn is one column of a nomination table.
type nomColumn struct {
	title string
	width float32
	text  func(n *data.Nomination) string
}

// nomTable lists nominations with a tick box per row, so several can be
// passed, returned or exported at once; tapping a row makes it current.
type nomTable struct {
	widget.Table
	cols    []nomColumn
	rows    []data.Nomination
	checked map[int64]bool
	current int64
	// OnCurrent is called when a row is tapped.
	OnCurrent func(n *data.Nomination)
	// OnChecked is called when the ticks change.
	OnChecked func()
}

func newNomTable(cols []nomColumn) *nomTable {
	t := &nomTable{cols: cols, checked: map[int64]bool{}}
	t.Length = func() (int, int) { return len(t.rows), len(t.cols) + 1 }
	t.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return container.NewStack(widget.NewCheck("", nil), l)
	}
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		st := o.(*fyne.Container)
		ck, l := st.Objects[0].(*widget.Check), st.Objects[1].(*widget.Label)
		if id.Row >= len(t.rows) {
			return
		}
		n := &t.rows[id.Row]
		if id.Col == 0 {
			l.Hide()
			ck.Show()
			ck.OnChanged = nil
			ck.SetChecked(t.checked[n.ID])
			nid := n.ID
			ck.OnChanged = func(b bool) {
				if b {
					t.checked[nid] = true
				} else {
					delete(t.checked, nid)
				}
				if t.OnChecked != nil {
					t.OnChecked()
				}
			}
			return
		}
		ck.Hide()
		l.Show()
		l.SetText(t.cols[id.Col-1].text(n))
	}
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Col == 0 {
			l.SetText("选")
		} else if id.Col > 0 {
			l.SetText(t.cols[id.Col-1].title)
		}
	}
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row < 0 || id.Row >= len(t.rows) {
			return
		}
		t.current = t.rows[id.Row].ID
		if id.Col > 0 && t.OnCurrent != nil {
			t.OnCurrent(&t.rows[id.Row])
		}
	}
	t.ExtendBaseWidget(t)
	t.SetColumnWidth(0, 40)
	for i, c := range cols {
		t.SetColumnWidth(i+1, c.width)
	}
	return t
}

// setRows shows rows, keeping the ticks of rows still shown.
func (t *nomTable) setRows(rows []data.Nomination) {
	t.rows = rows
	keep := map[int64]bool{}
	for _, n := range rows {
		if t.checked[n.ID] {
			keep[n.ID] = true
		}
	}
	t.checked = keep
	t.Refresh()
}

// checkedIDs are the ticked rows' ids, in table order.
func (t *nomTable) checkedIDs() []int64 {
	var out []int64
	for _, n := range t.rows {
		if t.checked[n.ID] {
			out = append(out, n.ID)
		}
	}
	return out
}

// checkAll ticks every row shown, or none.
func (t *nomTable) checkAll(on bool) {
	t.checked = map[int64]bool{}
	if on {
		for _, n := range t.rows {
			t.checked[n.ID] = true
		}
	}
	t.Refresh()
	if t.OnChecked != nil {
		t.OnChecked()
	}
}

// currentRow is the tapped row, or nil.
func (t *nomTable) currentRow() *data.Nomination {
	for i := range t.rows {
		if t.rows[i].ID == t.current {
			return &t.rows[i]
		}
	}
	return nil
}

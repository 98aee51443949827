package widgets

// Marking several rows of a RecordTable for a batch edit: Ctrl+click marks or
// unmarks a row, Shift+click marks the rows from the last one clicked. The
// marked rows are drawn as selected. Kept apart from table.go's looks.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// multiMarks is the marked rows of a table: ids, and the last row clicked.
type multiMarks struct {
	ids    map[int64]bool
	anchor int // row of the last click, -1 for none
}

// markClick handles a click on row with Ctrl or Shift held; it reports
// whether it did (the click then selects no single record).
func (t *RecordTable[T]) markClick(row int) bool {
	var mods fyne.KeyModifier
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		mods = d.CurrentKeyModifiers()
	}
	switch {
	case mods&fyne.KeyModifierShift != 0 && t.marks.anchor >= 0:
		lo, hi := min(row, t.marks.anchor), max(row, t.marks.anchor)
		for r := lo; r <= hi && r < len(t.shown); r++ {
			t.setMark(t.id(&t.all[t.shown[r]]), true)
		}
	case mods&(fyne.KeyModifierShortcutDefault|fyne.KeyModifierControl) != 0:
		if t.selected != 0 && len(t.marks.ids) == 0 { // the record open in the form joins the marks
			t.setMark(t.selected, true)
		}
		id := t.id(&t.all[t.shown[row]])
		t.setMark(id, !t.marks.ids[id])
	default:
		t.marks.anchor = row
		if len(t.marks.ids) > 0 {
			t.marks.ids = nil
			t.Table.Refresh()
		}
		return false
	}
	t.marks.anchor = row
	t.Table.Refresh()
	return true
}

func (t *RecordTable[T]) setMark(id int64, on bool) {
	if t.marks.ids == nil {
		t.marks.ids = map[int64]bool{}
	}
	if on {
		t.marks.ids[id] = true
	} else {
		delete(t.marks.ids, id)
	}
}

// isMarked reports whether rec is marked.
func (t *RecordTable[T]) isMarked(rec *T) bool { return t.marks.ids[t.id(rec)] }

// ToggleMark marks or unmarks the record with id (Ctrl+click does the same).
func (t *RecordTable[T]) ToggleMark(id int64) {
	t.setMark(id, !t.marks.ids[id])
	t.Table.Refresh()
}

// ClearMarks unmarks every row.
func (t *RecordTable[T]) ClearMarks() {
	t.marks.ids = nil
	t.Table.Refresh()
}

// Marked lists the marked records shown, in display order; with none marked,
// the selected record alone (when it is shown).
func (t *RecordTable[T]) Marked() []T {
	var out []T
	for _, i := range t.shown {
		rec := &t.all[i]
		if t.marks.ids[t.id(rec)] || len(t.marks.ids) == 0 && t.selected != 0 && t.id(rec) == t.selected {
			out = append(out, *rec)
		}
	}
	return out
}

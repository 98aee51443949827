package widgets

import (
	"regexp"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// Column is one column of a RecordTable.
type Column[T any] struct {
	Title string
	Width float32
	Text  func(*T) string
	// Num, when set, sorts the column by number instead of by text.
	Num func(*T) float64
	// Importance, when set, colours the cell (amber warning, red danger).
	Importance func(*T) widget.Importance
}

// RecordTable is a table of records with a header row that sorts on a tap
// (ascending, then descending) and a filter that keeps the sort order.
// It selects whole rows and reports the Delete key.
type RecordTable[T any] struct {
	widget.Table

	cols   []Column[T]
	id     func(*T) int64
	search func(*T) string

	all   []T
	keys  []string         // lower-cased search text per record
	sortK map[int][]string // collation keys per column, built on first sort
	order []int            // indexes into all, in sort order
	shown []int            // order, filtered

	query     []string
	community int64
	// CommunityOf, when set, is the community a record belongs to, for SetFilter.
	CommunityOf func(*T) int64

	sortCol  int // -1: as loaded
	desc     bool
	selected int64 // id of the selected record, 0 for none

	// OnSelect is called with the record a clerk picks (nil when none).
	OnSelect func(*T)
	// OnDelete is called when the Delete key is pressed on the table.
	OnDelete func()

	marks multiMarks // rows marked for a batch edit (table_multi.go)
}

// NewRecordTable is a table of cols; id names a record and search gives its searchable text.
func NewRecordTable[T any](cols []Column[T], id func(*T) int64, search func(*T) string) *RecordTable[T] {
	t := &RecordTable[T]{cols: cols, id: id, search: search, sortCol: -1, marks: multiMarks{anchor: -1}}
	t.Length = func() (int, int) { return len(t.shown), len(t.cols) }
	t.CreateCell = func() fyne.CanvasObject {
		return container.NewStack(canvas.NewRectangle(nil), NewCell())
	}
	t.UpdateCell = t.updateCell
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.UpdateHeader = t.updateHeader
	t.ShowHeaderRow = true
	t.OnSelected = func(c widget.TableCellID) {
		if c.Row < 0 || c.Row >= len(t.shown) || t.markClick(c.Row) {
			return
		}
		// Table.Tapped focuses the embedded *widget.Table, which the canvas
		// does not know; focus the extended widget so it gets the Delete key.
		if cv := fyne.CurrentApp().Driver().CanvasForObject(t); cv != nil && cv.Focused() != t {
			cv.Focus(t)
		}
		rec := &t.all[t.shown[c.Row]]
		changed := t.id(rec) != t.selected
		t.selected = t.id(rec)
		if changed {
			t.Table.Refresh()
			if t.OnSelect != nil {
				t.OnSelect(rec)
			}
		}
	}
	t.ExtendBaseWidget(t)
	for i, c := range cols {
		if c.Width > 0 {
			t.SetColumnWidth(i, c.Width)
		}
	}
	return t
}

func (t *RecordTable[T]) updateCell(c widget.TableCellID, o fyne.CanvasObject) {
	st := o.(*fyne.Container)
	bg, cell := st.Objects[0].(*canvas.Rectangle), st.Objects[1].(*Cell)
	if c.Row >= len(t.shown) {
		cell.Set("", widget.MediumImportance, fyne.TextAlignLeading, nil)
		return
	}
	rec := &t.all[t.shown[c.Row]]
	col := t.cols[c.Col]
	imp := widget.MediumImportance
	if col.Importance != nil {
		imp = col.Importance(rec)
	}
	text := col.Text(rec)
	cell.Set(text, imp, cellAlign(col.Num != nil, text), t.query)
	var fill = theme.Color(theme.ColorNameBackground)
	if t.selected != 0 && t.id(rec) == t.selected || t.isMarked(rec) {
		fill = theme.Color(theme.ColorNameSelection)
	} else if c.Row%2 == 1 {
		fill = theme.Color(theme.ColorNameInputBackground)
	}
	if bg.FillColor != fill {
		bg.FillColor = fill
		bg.Refresh()
	}
}

func (t *RecordTable[T]) updateHeader(c widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if c.Col < 0 || c.Col >= len(t.cols) {
		b.SetText("")
		return
	}
	text := t.cols[c.Col].Title
	if c.Col == t.sortCol {
		if t.desc {
			text += " ▼"
		} else {
			text += " ▲"
		}
	}
	col := c.Col
	b.OnTapped = func() { t.SortBy(col) }
	if b.Text != text {
		b.SetText(text)
	}
}

// SetRows replaces the records, keeping the sort, the filter and, when the
// record is still there, the selection.
func (t *RecordTable[T]) SetRows(rows []T) {
	t.all = rows
	t.keys = make([]string, len(rows))
	for i := range rows {
		t.keys[i] = t.searchKey(&rows[i])
	}
	t.sortK = map[int][]string{}
	t.order = make([]int, len(rows))
	for i := range t.order {
		t.order[i] = i
	}
	if t.sortCol >= 0 {
		t.sortOrder()
	}
	if t.selected != 0 && t.Selected() == nil {
		t.selected = 0
	}
	t.applyFilter()
}

// searchKey is the lower-cased text the search box looks in: every column
// shown, then what search adds (phones, codes and people not shown).
func (t *RecordTable[T]) searchKey(rec *T) string {
	var b strings.Builder
	for _, c := range t.cols {
		b.WriteString(c.Text(rec))
		b.WriteByte(0)
	}
	if t.search != nil {
		b.WriteString(t.search(rec))
	}
	return strings.ToLower(b.String())
}

// SetFilter shows only the records whose name, address or secretary contains
// every word of query, in the community communityID (0 for all).
func (t *RecordTable[T]) SetFilter(query string, communityID int64) {
	t.query = strings.Fields(strings.ToLower(query))
	t.community = communityID
	t.applyFilter()
	t.ScrollToTop()
}

func (t *RecordTable[T]) applyFilter() {
	t.shown = t.shown[:0]
	for _, i := range t.order {
		if t.matches(i) {
			t.shown = append(t.shown, i)
		}
	}
	t.Table.Refresh()
}

func (t *RecordTable[T]) matches(i int) bool {
	if t.community != 0 && t.CommunityOf != nil && t.CommunityOf(&t.all[i]) != t.community {
		return false
	}
	for _, q := range t.query {
		if !strings.Contains(t.keys[i], q) {
			return false
		}
	}
	return true
}

// SortBy sorts by column col: ascending first, descending on a second tap.
func (t *RecordTable[T]) SortBy(col int) {
	if t.sortCol == col {
		t.desc = !t.desc
	} else {
		t.sortCol, t.desc = col, false
	}
	t.sortOrder()
	t.applyFilter()
}

func (t *RecordTable[T]) sortOrder() {
	col := t.cols[t.sortCol]
	var less func(a, b int) bool
	if col.Num != nil {
		nums := make([]float64, len(t.all))
		for i := range t.all {
			nums[i] = col.Num(&t.all[i])
		}
		less = func(a, b int) bool { return nums[a] < nums[b] }
	} else {
		keys, ok := t.sortK[t.sortCol]
		if !ok {
			keys = make([]string, len(t.all))
			for i := range t.all {
				keys[i] = data.PinyinKey(col.Text(&t.all[i])) // the order the rosters print in
			}
			t.sortK[t.sortCol] = keys
		}
		less = func(a, b int) bool { return keys[a] < keys[b] }
	}
	for i := range t.order {
		t.order[i] = i
	}
	sort.SliceStable(t.order, func(i, j int) bool {
		a, b := t.order[i], t.order[j]
		if t.desc {
			return less(b, a)
		}
		return less(a, b)
	})
}

// Total is the number of records loaded, filtered or not.
func (t *RecordTable[T]) Total() int { return len(t.all) }

// Shown is the number of records that pass the filter.
func (t *RecordTable[T]) Shown() int { return len(t.shown) }

// Row is the record shown at row i.
func (t *RecordTable[T]) Row(i int) *T { return &t.all[t.shown[i]] }

// Selected is the selected record, or nil.
func (t *RecordTable[T]) Selected() *T {
	if t.selected == 0 {
		return nil
	}
	for i := range t.all {
		if t.id(&t.all[i]) == t.selected {
			return &t.all[i]
		}
	}
	return nil
}

// SelectID marks the record with id as selected and scrolls to it.
func (t *RecordTable[T]) SelectID(id int64) {
	t.selected = id
	for row, i := range t.shown {
		if t.id(&t.all[i]) == id {
			// OnSelected sees the record already selected and does nothing more.
			t.Table.Select(widget.TableCellID{Row: row, Col: 0})
			t.Table.Refresh()
			return
		}
	}
	t.UnselectAll()
	t.Table.Refresh()
}

// IsShown reports whether the record with id passes the filter.
func (t *RecordTable[T]) IsShown(id int64) bool {
	for _, i := range t.shown {
		if t.id(&t.all[i]) == id {
			return true
		}
	}
	return false
}

// ClearSelection unselects.
func (t *RecordTable[T]) ClearSelection() {
	t.selected = 0
	t.UnselectAll()
	t.Table.Refresh()
}

// VisibleRows is the records passing the filter, in display order (for export).
func (t *RecordTable[T]) VisibleRows() []T {
	out := make([]T, len(t.shown))
	for k, i := range t.shown {
		out[k] = t.all[i]
	}
	return out
}

// TypedKey handles Delete; every other key goes to the table.
func (t *RecordTable[T]) TypedKey(e *fyne.KeyEvent) {
	if (e.Name == fyne.KeyDelete || e.Name == fyne.KeyBackspace) && t.OnDelete != nil {
		t.OnDelete()
		return
	}
	t.Table.TypedKey(e)
}

// ReadTable is a read-only table of the rows that rows returns, with a bold
// header row; each column gives its title, width, text and, optionally, the
// cell's colour. Long texts end in an ellipsis.
func ReadTable[T any](rows func() []T, cols []Column[T]) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(rows()), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(c widget.TableCellID, o fyne.CanvasObject) {
			rs := rows()
			if c.Row < 0 || c.Row >= len(rs) || c.Col < 0 || c.Col >= len(cols) {
				return
			}
			l := o.(*widget.Label)
			l.Importance = widget.MediumImportance
			if imp := cols[c.Col].Importance; imp != nil {
				l.Importance = imp(&rs[c.Row])
			}
			text := cols[c.Col].Text(&rs[c.Row])
			l.Alignment = cellAlign(cols[c.Col].Num != nil, text)
			l.SetText(text)
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(c widget.TableCellID, o fyne.CanvasObject) {
		if c.Col >= 0 && c.Col < len(cols) {
			o.(*widget.Label).SetText(cols[c.Col].Title)
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.Width)
	}
	return t
}

// numberText is a figure as the tables show it: 1500, 1,500, 12.5, 85%,
// 300余, 14万余, -3.
var numberText = regexp.MustCompile(`^[+-]?[0-9][0-9,]*(\.[0-9]+)?(%|余|万|万余|分)?$`)

// cellAlign is a cell's alignment: numbers line up on the right, as in
// Excel, in every table; everything else on the left.
func cellAlign(numeric bool, text string) fyne.TextAlign {
	if numeric || numberText.MatchString(text) {
		return fyne.TextAlignTrailing
	}
	return fyne.TextAlignLeading
}

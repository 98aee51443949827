package review

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// owedRow opens the grid of a reviewer who still owes scores, in a window
// of w×h, and gives that reviewer's first owed line.
func owedRow(t *testing.T, w, h float32) (*App, *testRound, *Tab, *scoreRow) {
	t.Helper()
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	a.win.Resize(fyne.NewSize(w, h))
	v, g := openReview(t, a)
	owed, _ := st.Owed(v.r.ID)
	for _, r := range g.revs {
		if len(owed[r.ID]) == 0 {
			continue
		}
		g.reviewer.SetSelected(r.Name)
		for _, sr := range g.rows {
			if sr.n.ID == owed[r.ID][0].ID {
				return a, v, g, sr
			}
		}
	}
	t.Fatal("no owed line in any reviewer's grid")
	return nil, nil, nil, nil
}

// Two bad boxes in one line (25 over a maximum of 20, 12.3 where only
// whole and half points are allowed) are both marked where they are and
// both listed at once under the grid, and the grid keeps its height.
func TestGridMarksEveryBadBoxAtOnce(t *testing.T) {
	a, v, g, row := owedRow(t, 1024, 600)
	if got := v.r.Criteria[0].Max.String(); got != "20" {
		t.Fatalf("the demo's first criterion has a maximum of %s, the test types 25 against 20", got)
	}
	before := g.gridView.Size()
	if before.Height < 100 {
		t.Fatalf("the grid is %v high at 1024×600", before)
	}
	a.win.Canvas().Focus(row.cells[0])
	test.Type(row.cells[0], "25")
	row.cells[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	a.win.Canvas().Focus(row.cells[1])
	test.Type(row.cells[1], "12.3")
	for i, want := range []string{"超过满分 20", "12.3"} {
		if err := row.bad[row.cells[i]]; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("box %d (%s) is marked %v, want %q", i, v.r.Criteria[i].Name, err, want)
		}
	}
	if err := row.bad[row.cells[2]]; err != nil {
		t.Errorf("the box not typed yet is marked %v", err)
	}
	for _, want := range []string{v.r.Criteria[0].Name + "“25”超过满分 20", v.r.Criteria[1].Name + "“12.3”"} {
		if !strings.Contains(g.problems.Text, want) || !strings.Contains(row.msg.Text, want) {
			t.Errorf("the problems read %q (line: %q), want %q among them", g.problems.Text, row.msg.Text, want)
		}
	}
	if after := g.gridView.Size(); after != before {
		t.Errorf("the grid went from %v to %v when the problems appeared", before, after)
	}
	test.Type(row.cells[1], "") // keep typing: correcting one box leaves the other marked
	row.cells[1].SetText("12.5")
	if row.bad[row.cells[1]] != nil || row.bad[row.cells[0]] == nil {
		t.Errorf("after correcting 12.3: box 1 %v, box 0 %v", row.bad[row.cells[1]], row.bad[row.cells[0]])
	}
}

// At 1024×600 the grid's 否决 and 合计 columns are reached by scrolling
// sideways, the nominee's column staying outside the scroll.
func TestGridScrollsSidewaysWithNomineeFrozen(t *testing.T) {
	// 660: what the 评审 stage gets of a 1024-pixel window, beside the
	// navigation and the list of rounds.
	_, _, g, row := owedRow(t, 660, 600)
	scroll := g.grid.scroll
	inScroll := func(target fyne.CanvasObject) bool {
		found := false
		walk(scroll.Content, func(o fyne.CanvasObject) { found = found || o == target })
		return found
	}
	if !inScroll(row.total) || !inScroll(row.veto) {
		t.Error("合计 or 否决 is not in the sideways scroll")
	}
	var name *widget.Label
	walk(g.grid.first, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == row.n.NomineeName {
			name = l
		}
	})
	if name == nil || inScroll(name) {
		t.Errorf("the nominee %s is not in the frozen column (found %v)", row.n.NomineeName, name != nil)
	}
	if scroll.Size().Width <= 0 || scroll.Content.MinSize().Width <= scroll.Size().Width {
		t.Fatalf("at 660 wide the grid fits without scrolling: %v in %v", scroll.Content.MinSize(), scroll.Size())
	}
	scroll.ScrollToOffset(fyne.NewPos(scroll.Content.Size().Width, 0))
	if end := scroll.Offset.X + scroll.Size().Width; end < row.total.Position().X {
		t.Errorf("scrolled to the end, the view stops at %v before 合计 at %v", end, row.total.Position().X)
	}
}

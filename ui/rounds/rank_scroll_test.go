package rounds

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// At 1024×600 the ranking's per-reviewer columns are in a sideways scroll
// and the nominee's name is not: scrolling to a reviewer keeps the line's
// nominee in sight.
func TestRankingReviewerColumnsScrollWithNomineeFrozen(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	a.win.Resize(fyne.NewSize(1024, 600))
	v := openRounds(t, a).view // 2022, in review
	selectTab(t, v, "排名")
	revs, _ := st.Reviewers(v.r.ID)
	if len(revs) == 0 {
		t.Fatal("the demo round has no panel")
	}
	inside := map[string]bool{} // label text → found inside a sideways scroll
	outside := map[string]bool{}
	var scrolls []*container.Scroll
	var visit func(o fyne.CanvasObject, inScroll bool)
	visit = func(o fyne.CanvasObject, inScroll bool) {
		walkOnce(o, func(c fyne.CanvasObject) bool {
			switch w := c.(type) {
			case *container.Scroll:
				if w.Direction == container.ScrollHorizontalOnly {
					scrolls = append(scrolls, w)
					visit(w.Content, true)
					return false
				}
			case *widget.Label:
				if inScroll {
					inside[w.Text] = true
				} else {
					outside[w.Text] = true
				}
			}
			return true
		})
	}
	visit(v.tab("排名").content, false)
	if len(scrolls) == 0 {
		t.Fatal("the ranking has no sideways scroll")
	}
	if !inside[revs[len(revs)-1].Name] || outside[revs[len(revs)-1].Name] {
		t.Errorf("the last reviewer's column %s is not in the sideways scroll", revs[len(revs)-1].Name)
	}
	if !outside["申报对象"] || inside["申报对象"] {
		t.Error("the nominee column scrolls away with the reviewers")
	}
	wide := false
	for _, s := range scrolls {
		wide = wide || s.Content.MinSize().Width > s.Size().Width
	}
	if !wide {
		t.Error("at 1024 wide every ranking fits: the test does not test the scroll")
	}
}

// walkOnce visits o and what is inside it while fn says to go on.
func walkOnce(o fyne.CanvasObject, fn func(fyne.CanvasObject) bool) {
	if o == nil || !o.Visible() || !fn(o) {
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkOnce(c, fn)
		}
	case *container.Scroll:
		walkOnce(x.Content, fn)
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkOnce(c, fn)
		}
	}
}

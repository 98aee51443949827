package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiayuan/data"
	"jiayuan/reports"
	"jiayuan/ui/widgets"
)

func overviewChartsOf(t *testing.T, a *App) *overviewCharts {
	t.Helper()
	openScreen(t, a, "概览")
	selectTab(t, a, "图表")
	p, ok := a.current.page.(*overviewPage)
	if !ok || p.charts == nil {
		t.Fatal("概览 has no charts")
	}
	return p.charts
}

// tapBar taps the centre of bar (index, series) of a chart widget.
func tapBar(t *testing.T, w *widgets.Chart, index, series int) {
	t.Helper()
	for _, b := range w.Model().Layout(w.Plot(w.Size())) {
		if b.Index == index && b.Series == series {
			test.TapAt(w, fyne.NewPos(float32(b.X+b.W/2), float32(b.Y+b.H/2)))
			return
		}
	}
	t.Fatalf("no bar %d/%d drawn in %q (size %v)", index, series, w.Model().Title, w.Size())
}

// The per-community chart's bars are the counts of the records; tapping one
// opens 小区 filtered on that community, and the election chart's segment
// lists that community's organisations in that state.
func TestOverviewChartBarsCountAndOpenTheirList(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	c := overviewChartsOf(t, a)
	a.Window().Resize(fyne.NewSize(1200, 900))
	m := c.community.Model()
	xs, _ := st.Compounds(0)
	per := map[int64]int{}
	for _, x := range xs {
		per[x.CommunityID]++
	}
	if len(m.Labels) == 0 || len(m.Labels) != len(c.communityIDs) {
		t.Fatalf("chart has %d bars for %d ids", len(m.Labels), len(c.communityIDs))
	}
	for i, id := range c.communityIDs {
		if int(m.Series[0].Values[i]) != per[id] {
			t.Errorf("bar %s = %v, store has %d compounds", m.Labels[i], m.Series[0].Values[i], per[id])
		}
	}
	if os.Getenv("UI_CAPTURE") != "" {
		capture(t, a, filepath.Join(os.Getenv("UI_CAPTURE"), "overview-charts.png"))
	}
	// the election chart: tap the first overdue segment
	em := c.election.Model()
	if len(em.Labels) == 0 {
		t.Fatal("the demo data has no elections due")
	}
	c.election.Resize(fyne.NewSize(900, c.election.MinSize().Height))
	tapBar(t, c.election, 0, 0)
	p := a.current.page.(*overviewPage)
	if want := em.Labels[0] + "：已逾期的党组织（" + reports.ValueText(em.Series[0].Values[0]) + " 个）"; p.lastList != want {
		t.Errorf("the overdue segment opened %q (bar %v)", p.lastList, em.Series[0].Values[0])
	}
	dismissDialogs(a)
	// the community chart: tap the largest bar
	c.community.Resize(fyne.NewSize(900, c.community.MinSize().Height))
	id := c.communityIDs[0]
	tapBar(t, c.community, 0, 0)
	a.Wait()
	if a.current.title != "小区" {
		t.Fatalf("the bar opened %q", a.current.title)
	}
	rt := recordTable[data.Compound](t, a)
	if rt.Shown() != per[id] {
		t.Errorf("小区 shows %d rows, the bar counts %d", rt.Shown(), per[id])
	}
	for i := 0; i < rt.Shown(); i++ {
		if rt.Row(i).CommunityID != id {
			t.Errorf("row %d is of community %d, not %d", i, rt.Row(i).CommunityID, id)
		}
	}
}

// capture writes the window as PNG (UI_CAPTURE=DIR to look at it).
func capture(t *testing.T, a *App, path string) {
	t.Helper()
	img := a.Window().Canvas().Capture()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

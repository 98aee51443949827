package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"

	"jiayuan/data"
	"jiayuan/data/dbtest"
)

// BenchmarkOverviewCity reloads 概览 on a city's records (3,000 communities,
// 30,000 compounds, 40,000 Party organisations, beside the demo data) and
// draws the window with the charts tab shown: read, figures, charts, frame.
func BenchmarkOverviewCity(b *testing.B) {
	a, p, _ := cityOverview(b)
	b.ResetTimer()
	cpu := dbtest.CPUTime()
	defer dbtest.ReportCPU(b, cpu)
	for i := 0; i < b.N; i++ {
		p.Reload()
		a.Wait()
		a.Window().Canvas().Capture()
	}
	b.StopTimer()
	if n := len(p.charts.community.Model().Labels); n != 20 {
		b.Fatalf("community chart has %d bars", n)
	}
}

// BenchmarkOverviewCityAfterWrite is 概览 after a clerk's save: the cached
// records are stale, so all 73,000 rows are read again (the organisations on
// a second connection meanwhile) before the figures and charts are drawn.
func BenchmarkOverviewCityAfterWrite(b *testing.B) {
	a, p, st := cityOverview(b)
	cs, err := st.Communities()
	if err != nil || len(cs) == 0 {
		b.Fatal(err)
	}
	c := cs[0]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c.Notes = fmt.Sprintf("第%d次修改", i)
		if err := st.SaveCommunity(&c); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		p.Reload()
		a.Wait()
		a.Window().Canvas().Capture()
	}
}

// cityOverview is 概览 on its charts tab over a city's records (3,000
// communities, 30,000 compounds, 40,000 organisations).
func cityOverview(b *testing.B) (*App, *overviewPage, *data.Store) {
	st := newTestStore(b, true)
	dbtest.CityScale(b, dbtest.Open(b, st.Dir()), 3000, 30000, 40000)
	a := newTestApp(b, st)
	a.Window().Resize(fyne.NewSize(1280, 900))
	a.openTitled("概览")
	a.Wait()
	p := a.current.page.(*overviewPage)
	p.tabs.SelectIndex(2)
	return a, p, st
}

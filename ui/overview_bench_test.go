package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"jiayuan/data/dbtest"
)

// BenchmarkOverviewCity reloads 概览 on a city's records (3,000 communities,
// 30,000 compounds, 40,000 Party organisations, beside the demo data) and
// draws the window with the charts tab shown: read, figures, charts, frame.
func BenchmarkOverviewCity(b *testing.B) {
	st := newTestStore(b, true)
	dbtest.CityScale(b, dbtest.Open(b, st.Dir()), 3000, 30000, 40000)
	a := newTestApp(b, st)
	a.Window().Resize(fyne.NewSize(1280, 900))
	a.openTitled("概览")
	a.Wait()
	p := a.current.page.(*overviewPage)
	p.tabs.SelectIndex(2)
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

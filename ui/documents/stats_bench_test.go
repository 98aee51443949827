package documents

import (
	"io"
	"testing"
	"time"

	"jiayuan/data"
	"jiayuan/data/dbtest"
)

// cityStore is a store with a city's records: 3,000 communities, 30,000
// compounds, 40,000 Party organisations.
func cityStore(b *testing.B) *data.Store {
	b.Helper()
	dir := b.TempDir()
	st, err := data.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	st.SetClock(func() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, time.Local) })
	dbtest.CityScale(b, dbtest.Open(b, dir), 3000, 30000, 40000)
	return st
}

// BenchmarkStatsExcelCity reads the figures and writes the report as .xlsx.
func BenchmarkStatsExcelCity(b *testing.B) {
	st := cityStore(b)
	b.ResetTimer()
	cpu := dbtest.CPUTime()
	defer dbtest.ReportCPU(b, cpu)
	for i := 0; i < b.N; i++ {
		s, label, err := StatsOf(st, "")
		if err != nil {
			b.Fatal(err)
		}
		if err := StatsTo(st, io.Discard, ".xlsx", s, label); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStatsPDFCity reads the figures and prints the report with its charts.
func BenchmarkStatsPDFCity(b *testing.B) {
	st := cityStore(b)
	b.ResetTimer()
	cpu := dbtest.CPUTime()
	defer dbtest.ReportCPU(b, cpu)
	for i := 0; i < b.N; i++ {
		s, label, err := StatsOf(st, "")
		if err != nil {
			b.Fatal(err)
		}
		if err := StatsTo(st, io.Discard, ".pdf", s, label); err != nil {
			b.Fatal(err)
		}
	}
}

package records

import (
	"testing"

	"jiayuan/data"
	"jiayuan/ui/internal/uitest"
)

const benchCompounds = 20000

// BenchmarkSearchKeystroke is one keystroke in the 小区 search box with
// 20,000 compounds: the filter and the table's refresh in Fyne's test driver.
func BenchmarkSearchKeystroke(b *testing.B) {
	a := newTestApp(b, newTestStore(b, true))
	p := openPage[*recordsPage[data.Compound]](b, a, "小区")
	rows := uitest.BenchCompounds(benchCompounds)
	p.r.load = func() ([]data.Compound, error) { return rows, nil }
	p.Reload()
	if p.tbl.Shown() != benchCompounds {
		b.Fatalf("table shows %d", p.tbl.Shown())
	}
	// What a clerk types, one keystroke at a time, then deletes again.
	typed := []string{"龙", "龙河", "龙河1", "龙河12", "龙河1", "龙河", "龙", ""}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.search.SetText(typed[i%len(typed)])
	}
	b.StopTimer()
	if p.search.Text != typed[(b.N-1)%len(typed)] {
		b.Fatal("search text not applied")
	}
}

// BenchmarkSortHeader is a tap on a header with 20,000 compounds.
func BenchmarkSortHeader(b *testing.B) {
	a := newTestApp(b, newTestStore(b, true))
	p := openPage[*recordsPage[data.Compound]](b, a, "小区")
	rows := uitest.BenchCompounds(benchCompounds)
	p.r.load = func() ([]data.Compound, error) { return rows, nil }
	p.Reload()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.tbl.SortBy(0)
	}
}

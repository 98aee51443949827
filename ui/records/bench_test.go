package records

import (
	"fmt"
	"testing"

	"jiayuan/data"
)

const benchCompounds = 20000

// benchRows makes n compounds spread over 40 communities, as the list holds them.
func benchRows(n int) []data.Compound {
	rows := make([]data.Compound, n)
	kinds := data.CompoundKinds
	for i := range rows {
		comm := i % 40
		rows[i] = data.Compound{
			ID: int64(i + 1), UUID: fmt.Sprintf("u%d", i), CommunityID: int64(comm + 1),
			CommunityName: fmt.Sprintf("第%d社区", comm+1),
			Name:          fmt.Sprintf("%s%d号院", []string{"锦江", "龙河", "滨江", "南湖", "华府", "天府"}[i%6], i),
			Address:       fmt.Sprintf("华阳大道%d段%d号", i%9+1, i%300+1),
			Kind:          kinds[i%len(kinds)], YearBuilt: 1980 + i%40,
			Households:      data.Exact(int64(100 + i%2000)),
			OwnersCommittee: true,
			CommitteeChair:  []string{"张伟", "王芳", "李娜", "刘洋", "陈静"}[i%5],
			PropertyCompany: "物业服务有限公司",
		}
	}
	return rows
}

// BenchmarkSearchKeystroke is one keystroke in the 小区 search box with
// 20,000 compounds: the filter and the table's refresh in Fyne's test driver.
func BenchmarkSearchKeystroke(b *testing.B) {
	a := newTestApp(b, newTestStore(b, true))
	p := openPage[*recordsPage[data.Compound]](b, a, "小区")
	rows := benchRows(benchCompounds)
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
	rows := benchRows(benchCompounds)
	p.r.load = func() ([]data.Compound, error) { return rows, nil }
	p.Reload()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.tbl.SortBy(0)
	}
}

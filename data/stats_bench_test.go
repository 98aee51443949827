package data

import (
	"fmt"
	"testing"
	"time"

	"jiayuan/data/dbtest"
)

// City scale: 3,000 communities, 30,000 compounds, 40,000 Party organisations.
const (
	cityCommunities = 3000
	cityCompounds   = 30000
	cityOrgs        = 40000
)

func cityStore(b *testing.B) *Store {
	b.Helper()
	dir := b.TempDir()
	st, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	st.Operator = "测试员"
	st.SetClock(func() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, time.Local) })
	dbtest.CityScale(b, dbtest.Open(b, dir), cityCommunities, cityCompounds, cityOrgs)
	return st
}

// dbBytes is the database's size in use (pages × page size).
func dbBytes(b *testing.B, st *Store) int64 {
	var pages, size int64
	st.db.Get(&pages, `PRAGMA page_count`)
	st.db.Get(&size, `PRAGMA page_size`)
	return pages * size
}

// changeSome changes the households of every 100th compound (a year's edits).
func changeSome(b *testing.B, st *Store, round int) {
	if _, err := st.db.Exec(`UPDATE compounds SET households = CAST(households AS INTEGER) + ?, updated_at = ? WHERE id % 100 = ?`,
		round+1, fmt.Sprintf("2026-11-%02dT10:00:00+08:00", 1+round%28), round%100); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkStatsCity computes the statistics report from the store.
func BenchmarkStatsCity(b *testing.B) {
	st := cityStore(b)
	b.ResetTimer()
	cpu := dbtest.CPUTime()
	defer dbtest.ReportCPU(b, cpu)
	for i := 0; i < b.N; i++ {
		s, err := st.Stats(st.Now())
		if err != nil || len(s.Rows) != cityCommunities {
			b.Fatal(err, len(s.Rows))
		}
	}
}

// BenchmarkYearlyTakeFirst takes the first snapshot (every record stored).
func BenchmarkYearlyTakeFirst(b *testing.B) {
	st := cityStore(b)
	b.ResetTimer()
	cpu := dbtest.CPUTime()
	defer dbtest.ReportCPU(b, cpu)
	var grown int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st.db.Exec(`DELETE FROM yearly_snapshots`)
		st.db.Exec(`DELETE FROM yearly_records`)
		st.db.Exec(`VACUUM`)
		before := dbBytes(b, st)
		b.StartTimer()
		if _, err := st.TakeYearly(fmt.Sprintf("快照%d", i)); err != nil {
			b.Fatal(err)
		}
		grown += dbBytes(b, st) - before
	}
	b.ReportMetric(float64(grown)/float64(b.N)/1e6, "MB/snapshot")
}

// BenchmarkYearlyTakeNext takes a snapshot after a year's edits (1 % of the
// compounds changed), with earlier snapshots stored.
func BenchmarkYearlyTakeNext(b *testing.B) {
	st := cityStore(b)
	if _, err := st.TakeYearly("第一个"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu := dbtest.CPUTime()
	defer dbtest.ReportCPU(b, cpu)
	var grown int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		changeSome(b, st, i)
		before := dbBytes(b, st)
		b.StartTimer()
		if _, err := st.TakeYearly(fmt.Sprintf("快照%d", i)); err != nil {
			b.Fatal(err)
		}
		grown += dbBytes(b, st) - before
	}
	b.ReportMetric(float64(grown)/float64(b.N)/1e6, "MB/snapshot")
}

// BenchmarkYearlyCompare compares the first and the last of 10 snapshots.
func BenchmarkYearlyCompare(b *testing.B) {
	st := cityStore(b)
	for i := 0; i < 10; i++ {
		changeSome(b, st, i)
		if _, err := st.TakeYearly(fmt.Sprintf("第%d年", i+1)); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	cpu := dbtest.CPUTime()
	defer dbtest.ReportCPU(b, cpu)
	for i := 0; i < b.N; i++ {
		a, _, err := st.YearlyStats("第1年")
		if err != nil {
			b.Fatal(err)
		}
		z, _, err := st.YearlyStats("第10年")
		if err != nil {
			b.Fatal(err)
		}
		if c := CompareStats("第1年", a, "第10年", z); len(c.Rows) != cityCommunities+1 {
			b.Fatal(len(c.Rows))
		}
	}
}

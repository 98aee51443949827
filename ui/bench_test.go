package ui

import (
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"

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

var (
	benchStoreOnce sync.Once
	benchStoreDir  string
	benchStoreErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchStoreDir != "" {
		os.RemoveAll(benchStoreDir)
	}
	os.Exit(code)
}

// benchStore is a data folder with the demo data and 20,000 more compounds,
// made once per test binary.
func benchStore(b *testing.B) string {
	benchStoreOnce.Do(func() {
		var dir string
		if dir, benchStoreErr = os.MkdirTemp("", "jiayuan-bench-"); benchStoreErr == nil {
			benchStoreDir, benchStoreErr = makeBenchStore(dir)
		}
	})
	if benchStoreErr != nil {
		b.Fatal(benchStoreErr)
	}
	return benchStoreDir
}

func makeBenchStore(dir string) (string, error) {
	st, err := data.Open(dir)
	if err != nil {
		return "", err
	}
	defer st.Close()
	if err := data.LoadDemo(st); err != nil {
		return "", err
	}
	cs, err := st.Communities()
	if err != nil {
		return "", err
	}
	rows := benchRows(benchCompounds)
	err = st.Write(func(tx *data.Tx) error {
		for i := range rows {
			c := rows[i]
			c.ID, c.UUID, c.CommunityID = 0, "", cs[i%len(cs)].ID
			if err := tx.SaveCompound(&c); err != nil {
				return err
			}
		}
		return nil
	})
	return dir, err
}

// BenchmarkFirstScreen opens a store holding 20,000 compounds and reads what
// the window shows before its first frame (概览: settings, counts, elections due).
func BenchmarkFirstScreen(b *testing.B) {
	dir := benchStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := data.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		fs, err := loadFirstScreen(st, time.Now())
		if err != nil {
			b.Fatal(err)
		}
		if fs.Overview.Compounds < benchCompounds {
			b.Fatalf("overview counts %d compounds", fs.Overview.Compounds)
		}
		st.Close()
	}
}

// BenchmarkOpenWindow is Create on that store in the test driver: the
// navigation, 概览 and its data, up to the first frame. The per-community
// figures 概览 loads afterwards, off the UI goroutine, are not timed.
func BenchmarkOpenWindow(b *testing.B) {
	dir := benchStore(b)
	st, err := data.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	fa := newBenchApp(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := build(fa, st)
		b.StopTimer()
		a.Wait()
		a.Window().Close()
		b.StartTimer()
	}
}

func newBenchApp(b *testing.B) fyne.App {
	a := newTestApp(b, newTestStore(b, true))
	return a.App()
}

// BenchmarkShowCompounds is switching to 小区 with 20,000 compounds in the
// store: reading them, the search keys and the table's first refresh.
func BenchmarkShowCompounds(b *testing.B) {
	dir := benchStore(b)
	st, err := data.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	a := build(newBenchApp(b), st)
	defer a.Wait()
	a.openTitled("小区")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a.openTitled("概览")
		b.StopTimer()
		a.Wait()
		b.StartTimer()
		a.openTitled("小区")
	}
	b.StopTimer()
	if n := recordTable[data.Compound](b, a).Shown(); n < benchCompounds {
		b.Fatalf("小区 shows %d", n)
	}
}

package ui

import (
	"os"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"jiayuan/data"
	"jiayuan/ui/internal/uitest"
)

const benchCompounds = 20000

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
	rows := uitest.BenchCompounds(benchCompounds)
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

package exchange

import (
	"path/filepath"
	"testing"

	"jiayuan/data"
)

// BenchmarkExchangeImport1500 imports 1500 communities with a compound each
// into an empty store (one transaction, validated and audited).
func BenchmarkExchangeImport1500(b *testing.B) {
	src := bigStore(b, 1500)
	file := filepath.Join(b.TempDir(), "big.jyx")
	if _, err := Export(src, file, Options{}); err != nil {
		b.Fatal(err)
	}
	pkg, err := Read(file)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := data.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := Apply(st, pkg, Decisions{}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}

// BenchmarkExchangeRead1500 reads and checks the same file (zip, checksums, JSON).
func BenchmarkExchangeRead1500(b *testing.B) {
	src := bigStore(b, 1500)
	file := filepath.Join(b.TempDir(), "big.jyx")
	if _, err := Export(src, file, Options{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Read(file); err != nil {
			b.Fatal(err)
		}
	}
}

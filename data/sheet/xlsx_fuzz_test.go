package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiayuan/data"
)

// fuzzLimits are the reader's limits, smaller, so that each run of the fuzz
// target stays quick and small whatever the input unpacks to.
var fuzzLimits = limits{
	fileBytes: 1 << 20, parts: 100, smallBytes: 1 << 20, sstBytes: 4 << 20, sheetBytes: 8 << 20,
	cellBytes: 64 << 10, textBytes: 4 << 20, strings: 50_000, rows: 5_000, cols: 64, cells: 100_000, merges: 1000,
}

// goWords are phrases of Go's own errors that must not reach the clerk.
var goWords = []string{"unexpected EOF", "not a valid zip", "checksum error", "corrupt input", "invalid syntax", "flate", "runtime error"}

// fuzzSeeds are files the program writes itself: its templates and the demo
// data's exports, each also repacked without compression so that mutations
// reach the XML.
func fuzzSeeds(f *testing.F) [][]byte {
	st := newStore(f)
	if err := data.LoadDemo(st); err != nil {
		f.Fatal(err)
	}
	dir := f.TempDir()
	var out [][]byte
	for _, k := range Kinds {
		for _, write := range []func(string) error{
			func(p string) error { return Template(k, p) },
			func(p string) error { return exportAll(st, k, p) },
		} {
			p := filepath.Join(dir, "seed.xlsx")
			if err := write(p); err != nil {
				f.Fatal(err)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			out = append(out, b, repackStored(f, b))
		}
	}
	return out
}

// exportAll exports every live record of kind.
func exportAll(st *data.Store, kind Kind, path string) error {
	switch kind {
	case Communities:
		rows, err := st.Communities()
		if err != nil {
			return err
		}
		return ExportCommunities(path, rows)
	case Compounds:
		rows, err := st.Compounds(0)
		if err != nil {
			return err
		}
		return ExportCompounds(path, rows)
	}
	rows, err := st.Orgs(0)
	if err != nil {
		return err
	}
	return ExportOrgs(path, rows)
}

// repackStored copies a zip with every part stored uncompressed.
func repackStored(f *testing.F, b []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Store})
		if err != nil {
			f.Fatal(err)
		}
		rc, err := zf.Open()
		if err != nil {
			f.Fatal(err)
		}
		if _, err := io.Copy(w, rc); err != nil {
			f.Fatal(err)
		}
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		f.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzReadXLSX feeds the reader mutated packages: it must not panic, must
// hold no more than its limits allow, and must explain a refusal in Chinese
// without Go's own error text.
func FuzzReadXLSX(f *testing.F) {
	for _, b := range fuzzSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if int64(len(b)) > fuzzLimits.fileBytes {
			return
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		wb, err := readBook(zr, "社区", fuzzLimits)
		if err != nil {
			for _, w := range goWords {
				if strings.Contains(err.Error(), w) {
					t.Fatalf("Go's error text reaches the clerk: %v", err)
				}
			}
			return
		}
		if len(wb.rows) > fuzzLimits.rows {
			t.Fatalf("%d rows held", len(wb.rows))
		}
		cells, last := 0, 0
		for _, r := range wb.rows {
			if len(r.cells) > fuzzLimits.cols || len(r.cells) == 0 || r.num < 1 || r.num > maxRowNum {
				t.Fatalf("row %d: %d cells", r.num, len(r.cells))
			}
			cells += len(r.cells)
			for _, c := range r.cells {
				if len(c.text) > fuzzLimits.cellBytes {
					t.Fatalf("row %d: a cell of %d bytes", r.num, len(c.text))
				}
			}
			last = r.num
		}
		if cells > fuzzLimits.cells || len(wb.merges) > fuzzLimits.merges {
			t.Fatalf("%d cells, %d merges held (last row %d)", cells, len(wb.merges), last)
		}
	})
}

package sheet

import (
	"fmt"
	"unicode/utf8"

	"jiayuan/data"
)

// limits bound what a file may make the reader read and hold, so that a
// hostile file (a zip bomb, a cell of gigabytes, a million columns) is
// refused with a message instead of exhausting the memory. Every limit is
// far above what an office's real lists need (the 20,000-row benchmark file
// unpacks to 13 MB and holds 400,000 cells); the cells allow 60 columns in
// each of the rows allowed.
type limits struct {
	fileBytes  int64 // the .xlsx file itself
	parts      int   // parts in the package
	smallBytes int64 // unpacked workbook, relationships or styles part
	sstBytes   int64 // unpacked shared string table
	sheetBytes int64 // unpacked worksheet
	cellBytes  int   // the text of one cell or shared string
	textBytes  int64 // all the text held: shared strings and cells
	strings    int   // shared strings
	rows       int   // rows that hold a value
	cols       int   // the last column that may hold a value
	cells      int   // cells held, the empty ones before a value included
	merges     int   // merged ranges
}

var defaultLimits = limits{
	fileBytes:  100 << 20,
	parts:      10000,
	smallBytes: 16 << 20,
	sstBytes:   128 << 20,
	sheetBytes: 512 << 20,
	cellBytes:  1 << 20,
	textBytes:  96 << 20,
	strings:    2_000_000,
	rows:       50_000,
	cols:       256,
	cells:      3_000_000,
	merges:     100_000,
}

// prefixOf is the start of an over-long text for a message: its first
// characters, control characters shown, then "…".
func prefixOf(b []byte) string {
	const n = 16
	end, count := 0, 0
	for end < len(b) && count < n {
		_, size := utf8.DecodeRune(b[end:])
		end += size
		count++
	}
	return data.Excerpt(string(b[:end])) + "…"
}

// mb shows a byte count in MB.
func mb(n int64) string { return fmt.Sprintf("%d MB", n>>20) }

package sheet

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"
	"unicode/utf16"
)

// biffRec is one BIFF8 record.
func biffRec(typ uint16, data ...[]byte) []byte {
	var body []byte
	for _, d := range data {
		body = append(body, d...)
	}
	out := binary.LittleEndian.AppendUint16(nil, typ)
	out = binary.LittleEndian.AppendUint16(out, uint16(len(body)))
	return append(out, body...)
}

func u16(v int) []byte { return binary.LittleEndian.AppendUint16(nil, uint16(v)) }
func u32(v int) []byte { return binary.LittleEndian.AppendUint32(nil, uint32(v)) }

func wide(s string) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.LittleEndian.AppendUint16(out, u)
	}
	return out
}

// biffBookStream is a workbook stream: a hidden sheet, then 社区, whose
// first cell is a shared string split over two CONTINUE records (the second
// switching to one byte a character), then a NUMBER and an RK.
func biffBookStream(t *testing.T) []byte {
	t.Helper()
	bof := biffRec(recBOF, u16(0x0600), u16(0x0005), make([]byte, 12))
	eof := biffRec(recEOF)
	sheetA := append(append(append([]byte{}, bof...), biffRec(recLabelSST, u16(0), u16(0), u16(0), u32(0))...), eof...)
	sheetB := append([]byte{}, bof...)
	sheetB = append(sheetB, biffRec(recLabelSST, u16(0), u16(0), u16(0), u32(1))...)
	sheetB = append(sheetB, biffRec(recNumber, u16(1), u16(0), u16(0),
		binary.LittleEndian.AppendUint64(nil, math.Float64bits(42.5)))...)
	sheetB = append(sheetB, biffRec(recRK, u16(1), u16(2), u16(0), u32(7<<2|2))...)
	sheetB = append(sheetB, eof...)
	globals := func(posA, posB int) []byte {
		g := append([]byte{}, bof...)
		g = append(g, biffRec(recBoundSheet, u32(posA), []byte{1, 0, 2, 1}, wide("隐藏"))...)
		g = append(g, biffRec(recBoundSheet, u32(posB), []byte{0, 0, 2, 1}, wide("社区"))...)
		g = append(g, biffRec(recSST, u32(2), u32(2), u16(3), []byte{1}, wide("隐藏表"), u16(7), []byte{1}, wide("长字"))...)
		g = append(g, biffRec(recContinue, []byte{1}, wide("符串"))...)
		g = append(g, biffRec(recContinue, []byte{0}, []byte("ABC"))...)
		return append(g, eof...)
	}
	n := len(globals(0, 0))
	out := globals(n, n+len(sheetA))
	return append(append(out, sheetA...), sheetB...)
}

func TestBIFFRecords(t *testing.T) {
	stream := biffBookStream(t)
	wb, err := parseBIFF(stream, "", defaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if wb.sheetName != "社区" {
		t.Errorf("read sheet %q, want the first visible one, 社区", wb.sheetName)
	}
	if len(wb.rows) != 2 || wb.rows[0].cells[0].text != "长字符串ABC" || wb.rows[1].num != 2 {
		t.Fatalf("rows %+v", wb.rows)
	}
	r := wb.rows[1].cells
	if len(r) != 3 || r[0].text != "42.5" || r[0].typ != cellNumber || r[1].typ != cellEmpty || r[2].text != "7" {
		t.Errorf("row 2 = %+v, want 42.5, empty, 7", r)
	}
	wb, err = parseBIFF(stream, "隐藏", defaultLimits)
	if err != nil || wb.sheetName != "隐藏" || wb.rows[0].cells[0].text != "隐藏表" {
		t.Errorf("the sheet asked for by name: %+v %v", wb, err)
	}
}

// FuzzParseBIFF feeds the BIFF8 record reader mutated workbook streams
// (without the compound file around them, so that mutations reach the records).
func FuzzParseBIFF(f *testing.F) {
	f.Add(biffBookStream(&testing.T{}))
	f.Fuzz(func(t *testing.T, b []byte) {
		wb, err := parseBIFF(b, "社区", fuzzLimits)
		if err != nil {
			for _, w := range goWords {
				if strings.Contains(err.Error(), w) {
					t.Fatalf("Go's error text reaches the clerk: %v", err)
				}
			}
			return
		}
		cells := 0
		for _, r := range wb.rows {
			if len(r.cells) > fuzzLimits.cols || r.num < 1 {
				t.Fatalf("row %d: %d cells", r.num, len(r.cells))
			}
			cells += len(r.cells)
		}
		if len(wb.rows) > fuzzLimits.rows || cells > fuzzLimits.cells || len(wb.merges) > fuzzLimits.merges {
			t.Fatalf("%d rows, %d cells, %d merges held", len(wb.rows), cells, len(wb.merges))
		}
	})
}

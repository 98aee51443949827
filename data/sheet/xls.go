package sheet

// Reading legacy .xls files (BIFF8: Excel 97–2003, and what WPS writes when a
// sheet is saved as .xls). The compound file around the workbook stream is
// read by github.com/richardlehane/mscfb (excelize's own reader of such
// files); the BIFF8 records of the workbook stream are read here, within the
// same limits as an .xlsx file: the file and the stream, the shared strings,
// the text held, the rows, columns and cells, the merged ranges.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
)

// errNotXLS is wrapped when the file is not a BIFF8 workbook.
var errNotXLS = errors.New("不是有效的 .xls 文件（Excel 97–2003 工作簿）")

// BIFF8 record types read.
const (
	recFormula    = 0x0006
	recEOF        = 0x000A
	recDateMode   = 0x0022
	recFilePass   = 0x002F
	recContinue   = 0x003C
	recBoundSheet = 0x0085
	recMulRK      = 0x00BD
	recXF         = 0x00E0
	recMergeCells = 0x00E5
	recSST        = 0x00FC
	recLabelSST   = 0x00FD
	recNumber     = 0x0203
	recLabel      = 0x0204
	recBoolErr    = 0x0205
	recString     = 0x0207
	recRK         = 0x027E
	recFormat     = 0x041E
	recBOF        = 0x0809
)

// readXLS reads the worksheet named prefer, or else the first worksheet, of an .xls file.
func readXLS(file, prefer string, lim limits) (*workbook, error) {
	b, err := readBounded(file, lim.fileBytes)
	if err != nil {
		return nil, err
	}
	stream, err := xlsStream(b, lim)
	if err != nil {
		return nil, err
	}
	return parseBIFF(stream, prefer, lim)
}

// xlsStream takes the workbook stream out of the compound file.
func xlsStream(b []byte, lim limits) (stream []byte, err error) {
	defer func() { // the compound file reader is not ours: a hostile file must not stop the program
		if r := recover(); r != nil {
			stream, err = nil, fmt.Errorf("%w：文件结构损坏", errNotXLS)
		}
	}()
	if bytes.HasPrefix(b, []byte("PK")) {
		return nil, fmt.Errorf("文件其实是 .xlsx 格式，扩展名却是 .xls；请把扩展名改为 .xlsx 后再导入")
	}
	r, err := mscfb.New(bytes.NewReader(b))
	if err != nil {
		return nil, errNotXLS
	}
	for f, err := r.Next(); err == nil; f, err = r.Next() {
		if f.Name != "Workbook" && f.Name != "Book" {
			continue
		}
		if f.Name == "Book" {
			return nil, fmt.Errorf("这是 Excel 5.0/95 的旧格式，本程序读不了；%s", saveAsXLSX)
		}
		if f.Size > int64(len(b)) || f.Size > lim.sheetBytes {
			return nil, fmt.Errorf("%w：工作簿的大小不对", errNotXLS)
		}
		out, err := io.ReadAll(io.LimitReader(f, f.Size))
		if err != nil {
			return nil, fmt.Errorf("%w：无法读出工作簿", errNotXLS)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w：文件里没有工作簿（可能是 Word 等其他文档）", errNotXLS)
}

// biffRecord is one record of the stream: its type, its data and where it starts.
type biffRecord struct {
	typ  uint16
	data []byte
	pos  int
}

// biffRecords walks the records from pos; next returns false at the end or on a truncated record.
type biffRecords struct {
	b   []byte
	pos int
}

func (r *biffRecords) next() (biffRecord, bool) {
	if r.pos+4 > len(r.b) {
		return biffRecord{}, false
	}
	typ := binary.LittleEndian.Uint16(r.b[r.pos:])
	n := int(binary.LittleEndian.Uint16(r.b[r.pos+2:]))
	start := r.pos + 4
	if start+n > len(r.b) {
		return biffRecord{}, false
	}
	r.pos = start + n
	return biffRecord{typ: typ, data: r.b[start : start+n], pos: start - 4}, true
}

// peek is the type of the next record, 0 at the end.
func (r *biffRecords) peek() uint16 {
	if r.pos+4 > len(r.b) {
		return 0
	}
	return binary.LittleEndian.Uint16(r.b[r.pos:])
}

// biffBook is what the workbook globals hold.
type biffBook struct {
	lim      limits
	sst      []string
	held     int64
	xfs      []uint16 // number format of each XF
	formats  map[uint16]dateFmt
	date1904 bool
	sheets   []biffSheetRef
}

type biffSheetRef struct {
	name   string
	pos    int
	hidden bool
}

// parseBIFF reads the globals, then the chosen worksheet's records.
func parseBIFF(stream []byte, prefer string, lim limits) (*workbook, error) {
	bk := &biffBook{lim: lim, formats: map[uint16]dateFmt{}}
	if err := bk.globals(stream); err != nil {
		return nil, err
	}
	if len(bk.sheets) == 0 {
		return nil, fmt.Errorf("%w：文件里没有工作表", errNotXLS)
	}
	chosen := bk.sheets[0] // the one named prefer, else the first visible one
	for i := len(bk.sheets) - 1; i >= 0; i-- {
		if !bk.sheets[i].hidden {
			chosen = bk.sheets[i]
		}
	}
	for _, s := range bk.sheets {
		if s.name == prefer {
			chosen = s
		}
	}
	if chosen.pos < 0 || chosen.pos >= len(stream) {
		return nil, fmt.Errorf("%w：找不到工作表“%s”", errNotXLS, chosen.name)
	}
	bs := &biffSheet{bk: bk, name: chosen.name, cells: map[[2]int]cell{}}
	if err := bs.read(&biffRecords{b: stream, pos: chosen.pos}); err != nil {
		return nil, err
	}
	return bs.workbook()
}

// globals reads the workbook globals substream up to its EOF.
func (bk *biffBook) globals(stream []byte) error {
	r := &biffRecords{b: stream}
	first, ok := r.next()
	if !ok || first.typ != recBOF || len(first.data) < 4 || binary.LittleEndian.Uint16(first.data) != 0x0600 {
		return fmt.Errorf("这不是 Excel 97–2003 格式的 .xls 文件（可能是更老的版本）；%s", saveAsXLSX)
	}
	for {
		rec, ok := r.next()
		if !ok {
			return fmt.Errorf("%w：工作簿不完整", errNotXLS)
		}
		var err error
		switch rec.typ {
		case recEOF:
			return nil
		case recFilePass:
			return fmt.Errorf("文件设了打开密码；请在 Excel 或 WPS 中取消密码并另存为 .xlsx 后再导入")
		case recDateMode:
			bk.date1904 = len(rec.data) >= 2 && rec.data[0] == 1
		case recXF:
			if len(rec.data) >= 4 {
				bk.xfs = append(bk.xfs, binary.LittleEndian.Uint16(rec.data[2:]))
			}
		case recFormat:
			err = bk.format(rec.data)
		case recBoundSheet:
			err = bk.boundSheet(rec.data)
		case recSST:
			err = bk.readSST(rec.data, r)
		}
		if err != nil {
			return err
		}
	}
}

func (bk *biffBook) format(d []byte) error {
	if len(d) < 2 {
		return nil
	}
	code, _, err := biffString(&biffCursor{segs: [][]byte{d[2:]}}, 2, bk.lim)
	if err != nil {
		return err
	}
	bk.formats[binary.LittleEndian.Uint16(d)] = classifyFormat(code)
	return nil
}

func (bk *biffBook) boundSheet(d []byte) error {
	if len(d) < 8 {
		return fmt.Errorf("%w：工作表目录有误", errNotXLS)
	}
	if d[5] != 0 { // a chart, macro or VB module sheet
		return nil
	}
	name, _, err := biffString(&biffCursor{segs: [][]byte{d[6:]}}, 1, bk.lim)
	if err != nil {
		return err
	}
	bk.sheets = append(bk.sheets, biffSheetRef{name: name, pos: int(binary.LittleEndian.Uint32(d)), hidden: d[4]&0x03 != 0})
	return nil
}

// readSST reads the shared string table and its CONTINUE records.
func (bk *biffBook) readSST(d []byte, r *biffRecords) error {
	if len(d) < 8 {
		return fmt.Errorf("%w：共享字符串表有误", errNotXLS)
	}
	n := int(binary.LittleEndian.Uint32(d[4:]))
	if n < 0 || n > bk.lim.strings {
		return fmt.Errorf("文件中的字符串超过 %d 个，超出了一次能导入的量", bk.lim.strings)
	}
	c := &biffCursor{segs: [][]byte{d[8:]}}
	for r.peek() == recContinue {
		rec, ok := r.next()
		if !ok { // a truncated record: the strings run short below
			break
		}
		c.segs = append(c.segs, rec.data)
	}
	bk.sst = make([]string, 0, min(n, len(d)))
	for i := 0; i < n; i++ {
		s, size, err := biffString(c, 2, bk.lim)
		if err != nil {
			return err
		}
		if bk.held += int64(size); bk.held > bk.lim.textBytes {
			return fmt.Errorf("文件中的文字超过 %s，超出了一次能导入的量", mb(bk.lim.textBytes))
		}
		bk.sst = append(bk.sst, s)
	}
	return nil
}

// dateOf tells what the number format of XF index ixfe shows of a date.
func (bk *biffBook) dateOf(ixfe uint16) dateFmt {
	if int(ixfe) >= len(bk.xfs) {
		return notDate
	}
	f := bk.xfs[ixfe]
	if d, ok := bk.formats[f]; ok {
		return d
	}
	return builtinDateFmt(int(f))
}

// biffCursor reads across a record and its CONTINUE records.
type biffCursor struct {
	segs [][]byte
	seg  int
	off  int
}

var errShort = fmt.Errorf("%w：记录不完整", errNotXLS)

// bytes takes n bytes, crossing into the next segment when needed.
func (c *biffCursor) bytes(n int) ([]byte, error) {
	if c.seg < len(c.segs) && c.off+n <= len(c.segs[c.seg]) {
		b := c.segs[c.seg][c.off : c.off+n]
		c.off += n
		return b, nil
	}
	var out []byte
	for n > 0 {
		if c.seg >= len(c.segs) {
			return nil, errShort
		}
		rest := c.segs[c.seg][c.off:]
		k := min(n, len(rest))
		out = append(out, rest[:k]...)
		c.off += k
		n -= k
		if c.off == len(c.segs[c.seg]) && n > 0 {
			c.seg, c.off = c.seg+1, 0
		}
	}
	return out, nil
}

// atBoundary moves to the next segment when the current one is used up,
// reporting whether it did.
func (c *biffCursor) atBoundary() bool {
	if c.seg < len(c.segs) && c.off == len(c.segs[c.seg]) && c.seg+1 < len(c.segs) {
		c.seg, c.off = c.seg+1, 0
		return true
	}
	return false
}

// biffString reads an XLUnicodeString (lenSize 2) or ShortXLUnicodeString
// (lenSize 1), with its rich-text runs and phonetic data skipped; the
// characters may continue into the next record, which then starts with a new
// flags byte. size is the bytes of text read.
func biffString(c *biffCursor, lenSize int, lim limits) (s string, size int, err error) {
	c.atBoundary()
	h, err := c.bytes(lenSize + 1)
	if err != nil {
		return "", 0, err
	}
	n := int(h[0])
	if lenSize == 2 {
		n = int(binary.LittleEndian.Uint16(h))
	}
	flags := h[lenSize]
	runs, ext := 0, 0
	if flags&0x08 != 0 {
		b, err := c.bytes(2)
		if err != nil {
			return "", 0, err
		}
		runs = int(binary.LittleEndian.Uint16(b))
	}
	if flags&0x04 != 0 {
		b, err := c.bytes(4)
		if err != nil {
			return "", 0, err
		}
		ext = int(binary.LittleEndian.Uint32(b))
		if ext < 0 || ext > lim.cellBytes {
			return "", 0, errShort
		}
	}
	if 2*n > lim.cellBytes {
		return "", 0, fmt.Errorf("文件中有一段文字太长（超过 %d KB）", lim.cellBytes>>10)
	}
	units := make([]uint16, 0, n)
	high := flags&0x01 != 0
	for len(units) < n {
		if c.atBoundary() {
			f, err := c.bytes(1)
			if err != nil {
				return "", 0, err
			}
			high = f[0]&0x01 != 0
		}
		w := 1
		if high {
			w = 2
		}
		b, err := c.bytes(w)
		if err != nil {
			return "", 0, err
		}
		if high {
			units = append(units, binary.LittleEndian.Uint16(b))
		} else {
			units = append(units, uint16(b[0]))
		}
	}
	if _, err := c.bytes(4*runs + ext); err != nil {
		return "", 0, err
	}
	s = string(utf16.Decode(units))
	return s, len(s), nil
}

// rkNumber decodes an RK value.
func rkNumber(rk uint32) float64 {
	var v float64
	if rk&0x02 != 0 {
		v = float64(int32(rk) >> 2)
	} else {
		v = math.Float64frombits(uint64(rk&0xFFFFFFFC) << 32)
	}
	if rk&0x01 != 0 {
		v /= 100
	}
	return v
}

// biffSheet gathers one worksheet's cells.
type biffSheet struct {
	bk     *biffBook
	name   string
	cells  map[[2]int]cell // by 0-based row and column
	merges []cellRange
	last   [2]int // the FORMULA cell waiting for its STRING record
	held   int64
}

func numberCell(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

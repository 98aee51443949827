package sheet

// A small, fast reader of .xlsx worksheets. excelize's row iterator gives
// formatted text but neither the cell's type nor its number format, and it
// decodes with encoding/xml, which is the slow part of a large import. This
// reader scans the parts with a minimal tokenizer and keeps, for each cell,
// its type and whether its number format shows a date (and whether the day).

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"

	"jiayuan/data"
)

// cellType is the kind of value a cell holds.
type cellType uint8

const (
	cellEmpty  cellType = iota
	cellText            // shared, inline or formula string
	cellNumber          // number (dates are numbers with a date format)
	cellBool
	cellError
	cellFormula // a formula whose result the file does not hold
)

// dateFmt tells what a number format shows of a date.
type dateFmt uint8

const (
	notDate   dateFmt = iota
	dateDay           // year, month and day
	dateMonth         // year and month only (yyyy"年"m"月", mmm-yy)
)

// cell is one read cell: its text (the number as written in the file for a
// number), its type and its number format.
type cell struct {
	text string
	typ  cellType
	date dateFmt
}

// sheetRow is one row of a worksheet with its 1-based number.
type sheetRow struct {
	num   int
	cells []cell
}

// workbook is the first (or the chosen) worksheet of a file.
type workbook struct {
	sheetName string
	rows      []sheetRow
	merges    []cellRange
	date1904  bool
}

// cellRange is a range of cells, 1-based and inclusive: a merged range.
type cellRange struct{ row1, col1, row2, col2 int }

func (r cellRange) String() string {
	return fmt.Sprintf("%s%d:%s%d", colName(r.col1), r.row1, colName(r.col2), r.row2)
}

// readXLSX reads the worksheet named prefer, or else the first worksheet,
// within defaultLimits.
func readXLSX(file, prefer string) (*workbook, error) {
	fi, err := os.Stat(file)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("文件不存在")
		}
		return nil, fmt.Errorf("无法打开文件：%w", err)
	}
	if fi.Size() > defaultLimits.fileBytes {
		return nil, fmt.Errorf("文件有 %d MB，超过了能导入的 %d MB", fi.Size()>>20, defaultLimits.fileBytes>>20)
	}
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, errNotXLSX
	}
	defer zr.Close()
	return readBook(&zr.Reader, prefer, defaultLimits)
}

// book is an opened .xlsx package.
type book struct {
	parts map[string]*zip.File
	lim   limits
}

func (bk *book) part(name string) (*zip.File, error) {
	if f, ok := bk.parts[name]; ok {
		return f, nil
	}
	// Some writers differ in the case of part names.
	for n, f := range bk.parts {
		if strings.EqualFold(n, name) {
			return f, nil
		}
	}
	return nil, fmt.Errorf("%w：缺少 %s", errNotXLSX, data.Excerpt(name))
}

// open opens a part to stream it.
func (bk *book) open(name string) (io.ReadCloser, error) {
	f, err := bk.part(name)
	if err != nil {
		return nil, err
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w：无法读取 %s", errNotXLSX, data.Excerpt(name))
	}
	return rc, nil
}

// readSmall reads a whole part that is small in any real file (the
// workbook, relationships, styles), refusing one larger than lim.smallBytes.
func (bk *book) readSmall(name string) ([]byte, error) {
	rc, err := bk.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, bk.lim.smallBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w：%s 已损坏", errNotXLSX, data.Excerpt(name))
	}
	if int64(len(b)) > bk.lim.smallBytes {
		return nil, fmt.Errorf("文件中的 %s 解压后超过 %d MB，不像是正常的表格文件，没有导入",
			data.Excerpt(name), bk.lim.smallBytes>>20)
	}
	return b, nil
}

type sheetRef struct{ name, rid string }

// readBook reads the worksheet named prefer, or else the first visible one.
// Every part is read within lim: the shared strings and the worksheet are
// streamed, never held whole.
func readBook(zr *zip.Reader, prefer string, lim limits) (*workbook, error) {
	if len(zr.File) > lim.parts {
		return nil, fmt.Errorf("%w：文件中有 %d 个部件，太多", errNotXLSX, len(zr.File))
	}
	bk := &book{parts: map[string]*zip.File{}, lim: lim}
	for _, f := range zr.File {
		bk.parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	wbPath := "xl/workbook.xml"
	if b, err := bk.readSmall("_rels/.rels"); err == nil {
		for _, r := range parseRels(b, "") {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPath = r.target
			}
		}
	}
	wbXML, err := bk.readSmall(wbPath)
	if err != nil {
		return nil, err
	}
	wbDir := path.Dir(wbPath)
	relsXML, err := bk.readSmall(path.Join(wbDir, "_rels", path.Base(wbPath)+".rels"))
	if err != nil {
		return nil, err
	}
	rels := parseRels(relsXML, wbDir)
	wb, chosen, err := parseWorkbook(wbXML, prefer)
	if err != nil {
		return nil, err
	}
	sheetRel, ok := rels[chosen.rid]
	if !ok {
		return nil, fmt.Errorf("%w：找不到工作表“%s”", errNotXLSX, wb.sheetName)
	}
	sp := &sheetParser{lim: lim, sheet: wb.sheetName}
	for _, r := range rels {
		switch {
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			if err := sp.readSharedStrings(bk, r.target); err != nil {
				return nil, err
			}
		case strings.HasSuffix(r.typ, "/styles"):
			b, err := bk.readSmall(r.target)
			if err != nil {
				return nil, err
			}
			sp.styles = parseStyles(b)
		}
	}
	rc, err := bk.open(sheetRel.target)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	if err := sp.parse(newStreamScanner(rc, lim.sheetBytes)); err != nil {
		return nil, err
	}
	wb.rows, wb.merges = sp.rows, sp.merges
	return wb, nil
}

// parseWorkbook reads the workbook part: the date system and the sheet
// chosen (named prefer, else the first visible one).
func parseWorkbook(b []byte, prefer string) (*workbook, sheetRef, error) {
	wb := &workbook{}
	var sheets []sheetRef
	for s := newScanner(b); s.next(); {
		if s.kind != tokStart {
			continue
		}
		switch string(s.name) {
		case "workbookPr":
			v := s.attr("date1904")
			wb.date1904 = v == "1" || v == "true"
		case "sheet":
			if st := s.attr("state"); st == "hidden" || st == "veryHidden" {
				continue
			}
			sheets = append(sheets, sheetRef{s.attr("name"), s.attr("id")})
		}
	}
	if len(sheets) == 0 {
		return nil, sheetRef{}, fmt.Errorf("%w：没有工作表", errNotXLSX)
	}
	chosen := sheets[0]
	for _, sh := range sheets {
		if sh.name == prefer {
			chosen = sh
			break
		}
	}
	wb.sheetName = data.Excerpt(chosen.name)
	return wb, chosen, nil
}

type rel struct{ typ, target string }

// parseRels maps relationship ids to their types and part paths, resolved against dir.
func parseRels(b []byte, dir string) map[string]rel {
	out := map[string]rel{}
	for s := newScanner(b); s.next(); {
		if s.kind != tokStart || string(s.name) != "Relationship" {
			continue
		}
		if s.attr("TargetMode") == "External" {
			continue
		}
		t := s.attr("Target")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		out[s.attr("Id")] = rel{typ: s.attr("Type"), target: t}
	}
	return out
}

// parseStyles tells, for each cell format (the s attribute of a cell), whether it shows a date.
func parseStyles(b []byte) []dateFmt {
	custom := map[int]string{}
	var out []dateFmt
	inXfs := false
	for s := newScanner(b); s.next(); {
		switch s.kind {
		case tokStart:
			switch string(s.name) {
			case "numFmt":
				id, _ := strconv.Atoi(s.attr("numFmtId"))
				custom[id] = s.attr("formatCode")
			case "cellXfs":
				inXfs = !s.selfClose
			case "xf":
				if inXfs {
					id, _ := strconv.Atoi(s.attr("numFmtId"))
					if code, ok := custom[id]; ok {
						out = append(out, classifyFormat(code))
					} else {
						out = append(out, builtinDateFmt(id))
					}
				}
			}
		case tokEnd:
			if string(s.name) == "cellXfs" {
				inXfs = false
			}
		}
	}
	return out
}

// builtinDateFmt classifies the built-in number formats, including those
// that Chinese versions of Excel show as 年/月/日.
func builtinDateFmt(id int) dateFmt {
	switch id {
	case 17, 27, 36, 50, 52, 57: // mmm-yy, yyyy"年"m"月"
		return dateMonth
	case 14, 15, 16, 22, 30, 31, 34, 35, 51, 53, 54, 55, 56, 58:
		return dateDay
	}
	return notDate
}

// classifyFormat tells whether a custom format code shows a date, ignoring
// quoted text, escaped characters and [...] sections.
func classifyFormat(code string) dateFmt {
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i]
	}
	code = strings.ReplaceAll(strings.ToLower(code), "general", "")
	var y, m, d bool
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return notDate
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return notDate
			}
			i += j
		case 'y':
			y = true
		case 'm':
			m = true
		case 'd':
			d = true
		}
	}
	switch {
	case y && m && !d:
		return dateMonth
	case y || d:
		return dateDay
	}
	return notDate
}

// colIndex turns a cell reference (AB12) into its 1-based column number.
func colIndex(ref string) int {
	n := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a') + 1
		default:
			if i == 0 {
				return 0
			}
			return n
		}
		if n > 16384 {
			return 0
		}
	}
	return n
}

// colName turns a 1-based column number into its letters.
func colName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

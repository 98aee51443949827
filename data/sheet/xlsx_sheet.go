package sheet

// Streaming the shared strings and the worksheet within the limits, with
// messages that name the sheet, the row and the column reached.

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"jiayuan/data"
)

// maxRowNum is the last row of a worksheet in Excel.
const maxRowNum = 1 << 20

// sheetParser reads the shared strings and then the rows of one worksheet.
type sheetParser struct {
	lim    limits
	sheet  string // its name, for messages
	sst    []string
	styles []dateFmt
	held   int64 // bytes of text held

	rows        []sheetRow
	merges      []cellRange
	cells       int
	cur         sheetRow
	inRow       bool
	rowNum, col int

	// the cell being read
	inCell, inV, inIS, inT, hasV, hasF bool
	ctype, cstyle                      string
	cval, cis                          []byte
	skip                               int
}

// parseSharedStrings reads a shared string table held in memory (tests).
func parseSharedStrings(b []byte) []string {
	sp := &sheetParser{lim: defaultLimits}
	sp.sharedStrings(newScanner(b), "sharedStrings.xml")
	return sp.sst
}

// parseSheet reads a worksheet held in memory (tests).
func parseSheet(b []byte, sst []string, styles []dateFmt) ([]sheetRow, error) {
	sp := &sheetParser{lim: defaultLimits, sst: sst, styles: styles, sheet: "Sheet1"}
	err := sp.parse(newScanner(b))
	return sp.rows, err
}

func (sp *sheetParser) readSharedStrings(bk *book, name string) error {
	rc, err := bk.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	return sp.sharedStrings(newStreamScanner(rc, sp.lim.sstBytes), data.Excerpt(name))
}

// hold counts n more bytes of text held, refusing more than the limit.
func (sp *sheetParser) hold(n int) error {
	sp.held += int64(n)
	if sp.held > sp.lim.textBytes {
		return fmt.Errorf("文件中的文字超过 %s，超出了一次能导入的量；请分成几个文件导入", mb(sp.lim.textBytes))
	}
	return nil
}

// sharedStrings reads the shared string table, leaving out phonetic runs.
func (sp *sheetParser) sharedStrings(s *scanner, name string) error {
	var buf []byte
	inSI, inT, skip := false, false, 0
	add := func(v string) error {
		if len(sp.sst) >= sp.lim.strings {
			return fmt.Errorf("文件的共享字符串表（%s）超过 %d 项，不像是正常的表格文件，没有导入", name, sp.lim.strings)
		}
		sp.sst = append(sp.sst, v)
		return sp.hold(len(v) + 16)
	}
	for s.next() {
		var err error
		switch s.kind {
		case tokStart:
			switch string(s.name) {
			case "si":
				inSI, buf = !s.selfClose, buf[:0]
				if s.selfClose {
					err = add("")
				}
			case "t":
				inT = !s.selfClose
			case "rPh", "phoneticPr":
				if !s.selfClose {
					skip++
				}
			}
		case tokEnd:
			switch string(s.name) {
			case "si":
				if inSI {
					err = add(string(buf))
				}
				inSI = false
			case "t":
				inT = false
			case "rPh", "phoneticPr":
				skip--
			}
		case tokText:
			if inSI && inT && skip == 0 {
				buf = s.appendText(buf)
				if len(buf) > sp.lim.cellBytes {
					err = fmt.Errorf("文件的共享字符串表（%s）第 %d 项“%s”超过 %s，不像是正常的表格，没有导入",
						name, len(sp.sst)+1, prefixOf(buf), mb(int64(sp.lim.cellBytes)))
				}
			}
		}
		if err != nil {
			return err
		}
	}
	return sp.streamErr(s, fmt.Sprintf("共享字符串表（%s）", name), sp.lim.sstBytes)
}

// streamErr explains why a stream stopped early, or is nil.
func (sp *sheetParser) streamErr(s *scanner, what string, max int64) error {
	switch {
	case s.err == nil:
		return nil
	case errors.Is(s.err, errPartTooLarge):
		return fmt.Errorf("文件中的%s解压后超过 %s，不像是正常的表格文件，没有导入", what, mb(max))
	case errors.Is(s.err, errTokenTooLong):
		return fmt.Errorf("%w：%s中有一段超过 %s 的标记", errNotXLSX, what, mb(maxToken))
	}
	return fmt.Errorf("%w：%s已损坏，无法读完", errNotXLSX, what)
}

// at names the cell reached, for messages.
func (sp *sheetParser) at() string {
	if sp.col < 1 {
		return fmt.Sprintf("工作表“%s”第 %d 行", sp.sheet, sp.rowNum)
	}
	return fmt.Sprintf("工作表“%s”第 %d 行 %s 列（%s%d）", sp.sheet, sp.rowNum, colName(sp.col), colName(sp.col), sp.rowNum)
}

// parse reads the rows of the worksheet, and its merged ranges; rows with no
// value are left out.
func (sp *sheetParser) parse(s *scanner) error {
	for s.next() {
		var err error
		switch s.kind {
		case tokStart:
			err = sp.start(s)
		case tokEnd:
			err = sp.end(s)
		case tokText:
			err = sp.text(s)
		}
		if err != nil {
			return err
		}
	}
	if s.err != nil && errors.Is(s.err, errPartTooLarge) {
		return fmt.Errorf("工作表“%s”解压后超过 %s（读到第 %d 行），不像是正常的表格文件，没有导入",
			sp.sheet, mb(sp.lim.sheetBytes), sp.rowNum)
	}
	if s.err != nil {
		return fmt.Errorf("%s：%w", sp.at(), sp.streamErr(s, "工作表", sp.lim.sheetBytes))
	}
	return nil
}

func (sp *sheetParser) start(s *scanner) error {
	switch string(s.name) {
	case "row":
		return sp.startRow(s)
	case "c":
		if sp.inRow {
			return sp.startCell(s)
		}
	case "v":
		if sp.inCell && !s.selfClose {
			sp.inV, sp.hasV = true, true
		}
	case "f":
		if sp.inCell {
			sp.hasF = true
		}
	case "is":
		if sp.inCell && !s.selfClose {
			sp.inIS, sp.cis = true, []byte{}
		}
	case "t":
		if sp.inIS && !s.selfClose {
			sp.inT = true
		}
	case "rPh":
		if sp.inIS && !s.selfClose {
			sp.skip++
		}
	case "mergeCell":
		return sp.merge(s.attr("ref"))
	}
	return nil
}

func (sp *sheetParser) startRow(s *scanner) error {
	if r := s.attr("r"); r != "" {
		n, err := strconv.Atoi(r)
		if err != nil || n < 1 || n > maxRowNum {
			return fmt.Errorf("%w：工作表“%s”第 %d 行之后的行号“%s”无效", errNotXLSX, sp.sheet, sp.rowNum, data.Excerpt(r))
		}
		sp.rowNum = n
	} else {
		sp.rowNum++
	}
	sp.cur = sheetRow{num: sp.rowNum}
	sp.col = 0
	sp.inRow = !s.selfClose
	return nil
}

func (sp *sheetParser) startCell(s *scanner) error {
	prev := sp.col
	if r := s.attr("r"); r != "" {
		n := colIndex(r)
		if n < 1 {
			return fmt.Errorf("%w：工作表“%s”第 %d 行的单元格名“%s”无效", errNotXLSX, sp.sheet, sp.rowNum, data.Excerpt(r))
		}
		sp.col = n
	} else {
		sp.col++
	}
	if sp.col <= prev {
		return fmt.Errorf("%w：%s的单元格出现了两次或顺序颠倒", errNotXLSX, sp.at())
	}
	sp.ctype, sp.cstyle = s.attr("t"), s.attr("s")
	sp.cval, sp.cis, sp.hasV, sp.hasF = sp.cval[:0], nil, false, false
	sp.inV, sp.inIS, sp.inT, sp.skip = false, false, false, 0
	sp.inCell = !s.selfClose
	return nil
}

func (sp *sheetParser) end(s *scanner) error {
	switch string(s.name) {
	case "row":
		if sp.inRow && len(sp.cur.cells) > 0 {
			if len(sp.rows) >= sp.lim.rows {
				return fmt.Errorf("工作表“%s”有内容的行超过 %d 行（读到第 %d 行），超出了一次能导入的行数；请分成几个文件导入",
					sp.sheet, sp.lim.rows, sp.rowNum)
			}
			sp.rows = append(sp.rows, sp.cur)
		}
		sp.inRow = false
	case "c":
		if sp.inCell {
			sp.inCell = false
			return sp.finish()
		}
	case "v":
		sp.inV = false
	case "is":
		sp.inIS = false
	case "t":
		sp.inT = false
	case "rPh":
		sp.skip--
	}
	return nil
}

func (sp *sheetParser) text(s *scanner) error {
	var b []byte
	switch {
	case sp.inV:
		sp.cval = s.appendText(sp.cval)
		b = sp.cval
	case sp.inIS && sp.inT && sp.skip == 0:
		sp.cis = s.appendText(sp.cis)
		b = sp.cis
	default:
		return nil
	}
	if len(b) > sp.lim.cellBytes {
		return fmt.Errorf("%s的单元格“%s”超过 %s，不像是正常的表格，没有导入", sp.at(), prefixOf(b), mb(int64(sp.lim.cellBytes)))
	}
	return nil
}

// value is the cell just read.
func (sp *sheetParser) value() (cell, error) {
	c := cell{}
	switch sp.ctype {
	case "s":
		if !sp.hasV {
			break
		}
		i, err := strconv.Atoi(string(bytes.TrimSpace(sp.cval)))
		if err != nil || i < 0 || i >= len(sp.sst) {
			return c, fmt.Errorf("%w：%s的共享字符串编号“%s”无效", errNotXLSX, sp.at(), prefixOf(sp.cval))
		}
		c = cell{text: sp.sst[i], typ: cellText}
	case "inlineStr":
		if sp.cis != nil {
			c = cell{text: string(sp.cis), typ: cellText}
		} else if sp.hasV {
			c = cell{text: string(sp.cval), typ: cellText}
		}
	case "str":
		c = cell{text: string(sp.cval), typ: cellText}
	case "b":
		if sp.hasV {
			c = cell{text: string(bytes.TrimSpace(sp.cval)), typ: cellBool}
		}
	case "e":
		c = cell{text: string(sp.cval), typ: cellError}
	default: // "n", "d" or none
		if sp.hasV {
			v := string(bytes.TrimSpace(sp.cval))
			if sp.ctype == "d" {
				c = cell{text: v, typ: cellText}
				break
			}
			c = cell{text: v, typ: cellNumber}
			if i, err := strconv.Atoi(sp.cstyle); err == nil && i >= 0 && i < len(sp.styles) {
				c.date = sp.styles[i]
			}
		}
	}
	if sp.hasF && !sp.hasV && sp.cis == nil {
		c = cell{typ: cellFormula}
	}
	if c.typ == cellText && c.text == "" {
		c.typ = cellEmpty
	}
	return c, nil
}

// finish keeps the cell just read, when it holds something.
func (sp *sheetParser) finish() error {
	c, err := sp.value()
	if err != nil || c.typ == cellEmpty {
		return err
	}
	if sp.col > sp.lim.cols {
		return fmt.Errorf("%s有内容，超出了能读取的 %d 列（%s 列以内）；请删去多余的列", sp.at(), sp.lim.cols, colName(sp.lim.cols))
	}
	sp.cells += sp.col - len(sp.cur.cells)
	if sp.cells > sp.lim.cells {
		return fmt.Errorf("工作表“%s”的单元格超过 %d 个（读到第 %d 行），超出了一次能导入的量；请分成几个文件导入",
			sp.sheet, sp.lim.cells, sp.rowNum)
	}
	if c.typ != cellText || sp.ctype != "s" {
		if err := sp.hold(len(c.text)); err != nil {
			return err
		}
	}
	for len(sp.cur.cells) < sp.col-1 {
		sp.cur.cells = append(sp.cur.cells, cell{})
	}
	sp.cur.cells = append(sp.cur.cells, c)
	return nil
}

// merge records a merged range (A2:C3).
func (sp *sheetParser) merge(ref string) error {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return nil // one cell: nothing merged
	}
	r1, c1 := cellRef(a)
	r2, c2 := cellRef(b)
	if r1 < 1 || c1 < 1 || r2 < r1 || c2 < c1 {
		return fmt.Errorf("%w：工作表“%s”的合并单元格“%s”无效", errNotXLSX, sp.sheet, data.Excerpt(ref))
	}
	if len(sp.merges) >= sp.lim.merges {
		return fmt.Errorf("工作表“%s”的合并单元格超过 %d 处，不像是正常的表格，没有导入", sp.sheet, sp.lim.merges)
	}
	sp.merges = append(sp.merges, cellRange{r1, c1, r2, c2})
	return nil
}

// cellRef reads a cell name (AB12) into its row and column, or zeros.
func cellRef(ref string) (row, col int) {
	col = colIndex(ref)
	i := strings.IndexAny(ref, "0123456789")
	if col < 1 || i < 0 {
		return 0, 0
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil || row < 1 || row > maxRowNum {
		return 0, 0
	}
	return row, col
}

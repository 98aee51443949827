package sheet

// The records of one BIFF8 worksheet: its cells and merged ranges.

import (
	"encoding/binary"
	"fmt"
	"math"
	"sort"
)

// read walks the worksheet's records from its BOF to its EOF.
func (bs *biffSheet) read(r *biffRecords) error {
	first, ok := r.next()
	if !ok || first.typ != recBOF {
		return fmt.Errorf("%w：找不到工作表“%s”的开头", errNotXLS, bs.name)
	}
	for {
		rec, ok := r.next()
		if !ok || rec.typ == recBOF {
			return fmt.Errorf("%w：工作表“%s”不完整", errNotXLS, bs.name)
		}
		if rec.typ == recEOF {
			return nil
		}
		if err := bs.record(rec, r); err != nil {
			return err
		}
	}
}

// record reads one cell or merge record.
func (bs *biffSheet) record(rec biffRecord, r *biffRecords) error {
	d := rec.data
	if len(d) < 6 && rec.typ != recMergeCells && rec.typ != recString {
		return nil
	}
	var row, col, ixfe int
	if len(d) >= 6 {
		row, col = int(binary.LittleEndian.Uint16(d)), int(binary.LittleEndian.Uint16(d[2:]))
		ixfe = int(binary.LittleEndian.Uint16(d[4:]))
	}
	switch rec.typ {
	case recLabelSST:
		if len(d) < 10 {
			return errShort
		}
		i := int(binary.LittleEndian.Uint32(d[6:]))
		if i < 0 || i >= len(bs.bk.sst) {
			return fmt.Errorf("%w：工作表“%s”%s%d 的共享字符串编号无效", errNotXLS, bs.name, colName(col+1), row+1)
		}
		return bs.put(row, col, cell{text: bs.bk.sst[i], typ: cellText}, false)
	case recLabel:
		s, _, err := biffString(&biffCursor{segs: [][]byte{d[6:]}}, 2, bs.bk.lim)
		if err != nil {
			return err
		}
		return bs.put(row, col, cell{text: s, typ: cellText}, true)
	case recNumber:
		if len(d) < 14 {
			return errShort
		}
		return bs.number(row, col, ixfe, math.Float64frombits(binary.LittleEndian.Uint64(d[6:])))
	case recRK:
		if len(d) < 10 {
			return errShort
		}
		return bs.number(row, col, ixfe, rkNumber(binary.LittleEndian.Uint32(d[6:])))
	case recMulRK:
		for p := 4; p+6 <= len(d)-2; p += 6 {
			x := int(binary.LittleEndian.Uint16(d[p:]))
			if err := bs.number(row, col, x, rkNumber(binary.LittleEndian.Uint32(d[p+2:]))); err != nil {
				return err
			}
			col++
		}
	case recBoolErr:
		if len(d) < 8 {
			return errShort
		}
		return bs.boolErr(row, col, d[6], d[7])
	case recFormula:
		return bs.formula(row, col, ixfe, d, r)
	case recMergeCells:
		return bs.mergeCells(d)
	}
	return nil
}

func (bs *biffSheet) number(row, col, ixfe int, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return bs.put(row, col, cell{text: "#NUM!", typ: cellError}, false)
	}
	return bs.put(row, col, cell{text: numberCell(v), typ: cellNumber, date: bs.bk.dateOf(uint16(ixfe))}, false)
}

func (bs *biffSheet) boolErr(row, col int, v, isErr byte) error {
	if isErr != 0 {
		return bs.put(row, col, cell{text: "#错误", typ: cellError}, false)
	}
	t := "0"
	if v != 0 {
		t = "1"
	}
	return bs.put(row, col, cell{text: t, typ: cellBool}, false)
}

// formula keeps a formula's saved result; a string result is in the STRING record after it.
func (bs *biffSheet) formula(row, col, ixfe int, d []byte, r *biffRecords) error {
	if len(d) < 14 {
		return errShort
	}
	res := d[6:14]
	if res[6] != 0xFF || res[7] != 0xFF {
		return bs.number(row, col, ixfe, math.Float64frombits(binary.LittleEndian.Uint64(res)))
	}
	switch res[0] {
	case 0: // a string, in the next STRING record
		for r.peek() != recString && r.peek() != 0 && r.peek() != recEOF {
			if _, ok := r.next(); !ok {
				break
			}
		}
		if r.peek() != recString {
			return bs.put(row, col, cell{typ: cellFormula}, false)
		}
		rec, _ := r.next()
		c := &biffCursor{segs: [][]byte{rec.data}}
		for r.peek() == recContinue {
			cont, ok := r.next()
			if !ok {
				break
			}
			c.segs = append(c.segs, cont.data)
		}
		s, _, err := biffString(c, 2, bs.bk.lim)
		if err != nil {
			return err
		}
		return bs.put(row, col, cell{text: s, typ: cellText}, true)
	case 1:
		return bs.boolErr(row, col, res[2], 0)
	case 2:
		return bs.boolErr(row, col, 0, 1)
	}
	return nil // an empty string
}

func (bs *biffSheet) mergeCells(d []byte) error {
	if len(d) < 2 {
		return nil
	}
	n := int(binary.LittleEndian.Uint16(d))
	for i := 0; i < n && 2+8*i+8 <= len(d); i++ {
		p := d[2+8*i:]
		r1, r2 := int(binary.LittleEndian.Uint16(p))+1, int(binary.LittleEndian.Uint16(p[2:]))+1
		c1, c2 := int(binary.LittleEndian.Uint16(p[4:]))+1, int(binary.LittleEndian.Uint16(p[6:]))+1
		if r2 < r1 || c2 < c1 || (r1 == r2 && c1 == c2) {
			continue
		}
		if len(bs.merges) >= bs.bk.lim.merges {
			return fmt.Errorf("工作表“%s”的合并单元格超过 %d 处，不像是正常的表格，没有导入", bs.name, bs.bk.lim.merges)
		}
		bs.merges = append(bs.merges, cellRange{r1, c1, r2, c2})
	}
	return nil
}

// put keeps a cell that holds something, within the limits; own tells that
// the text is not a shared string already counted.
func (bs *biffSheet) put(row, col int, c cell, own bool) error {
	if c.typ == cellText && c.text == "" {
		return nil
	}
	if col+1 > bs.bk.lim.cols {
		return fmt.Errorf("工作表“%s”第 %d 行 %s 列有内容，超出了能读取的 %d 列；请删去多余的列",
			bs.name, row+1, colName(col+1), bs.bk.lim.cols)
	}
	if len(c.text) > bs.bk.lim.cellBytes {
		return fmt.Errorf("工作表“%s”%s%d 的内容“%s”太长", bs.name, colName(col+1), row+1, prefixOf([]byte(c.text)))
	}
	if own {
		if bs.held += int64(len(c.text)); bs.held+bs.bk.held > bs.bk.lim.textBytes {
			return fmt.Errorf("文件中的文字超过 %s，超出了一次能导入的量", mb(bs.bk.lim.textBytes))
		}
	}
	k := [2]int{row, col}
	if _, dup := bs.cells[k]; !dup && len(bs.cells) >= bs.bk.lim.cells {
		return fmt.Errorf("工作表“%s”的单元格超过 %d 个，超出了一次能导入的量；请分成几个文件导入", bs.name, bs.bk.lim.cells)
	}
	bs.cells[k] = c
	return nil
}

// workbook lays the cells out in rows, as the .xlsx reader does.
func (bs *biffSheet) workbook() (*workbook, error) {
	keys := make([][2]int, 0, len(bs.cells))
	for k := range bs.cells {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	wb := &workbook{sheetName: bs.name, merges: bs.merges, date1904: bs.bk.date1904}
	for _, k := range keys {
		if n := len(wb.rows); n == 0 || wb.rows[n-1].num != k[0]+1 {
			if n >= bs.bk.lim.rows {
				return nil, fmt.Errorf("工作表“%s”超过 %d 行（读到第 %d 行），超出了一次能导入的量；请分成几个文件导入",
					bs.name, bs.bk.lim.rows, k[0]+1)
			}
			wb.rows = append(wb.rows, sheetRow{num: k[0] + 1})
		}
		r := &wb.rows[len(wb.rows)-1]
		for len(r.cells) < k[1] {
			r.cells = append(r.cells, cell{})
		}
		r.cells = append(r.cells, bs.cells[k])
	}
	return wb, nil
}

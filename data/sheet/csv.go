package sheet

// Reading .csv files as clerks have them: UTF-8 with or without a byte order
// mark, GBK/GB18030 (what Excel and WPS write on a Chinese Windows), or
// UTF-16 with a byte order mark (Excel's “Unicode 文本”); comma, semicolon or
// tab separated. Every value is text; the importer's rules read dates and
// counts out of text as it does for typed cells.

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// readCSV reads a .csv file within lim.
func readCSV(file string, lim limits) (*workbook, error) {
	b, err := readBounded(file, lim.fileBytes)
	if err != nil {
		return nil, err
	}
	text, err := decodeCSV(b)
	if err != nil {
		return nil, err
	}
	return parseCSV(text, lim)
}

// readBounded reads a whole file that is at most max bytes.
func readBounded(file string, max int64) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("文件不存在")
		}
		return nil, fmt.Errorf("无法打开文件：%w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("无法读取文件：%w", err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("文件超过了能导入的 %s", mb(max))
	}
	return b, nil
}

// decodeCSV turns the file's bytes into UTF-8: a UTF-8 or UTF-16 byte order
// mark decides; otherwise valid UTF-8 is UTF-8 and anything else is read as
// GB18030 (a superset of GBK and GB2312).
func decodeCSV(b []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(b)
		if err != nil {
			return nil, fmt.Errorf("文件的 UTF-16 编码有误，无法读取")
		}
		return out, nil
	case utf8.Valid(b):
	default:
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		if err != nil {
			return nil, fmt.Errorf("看不出文件的文字编码（不是 UTF-8，也不是 GBK）；%s", saveAsXLSX)
		}
		b = out
	}
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("文件的文字编码有误，无法读取")
	}
	return b, nil
}

// separator guesses the field separator from the first line: a comma unless
// the line has more tabs or semicolons than commas.
func separator(b []byte) rune {
	line := b
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		line = b[:i]
	}
	sep, n := ',', bytes.Count(line, []byte{','})
	for _, c := range []rune{'\t', ';'} {
		if k := bytes.Count(line, []byte(string(c))); k > n {
			sep, n = c, k
		}
	}
	return sep
}

// parseCSV reads decoded text into a workbook within lim.
func parseCSV(b []byte, lim limits) (*workbook, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = separator(b)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	wb := &workbook{sheetName: "CSV"}
	cells, held := 0, int64(0)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("第 %d 行的引号不成对（“\"”要成对出现），无法读取", pe.StartLine)
			}
			return nil, fmt.Errorf("无法读取：%w", err)
		}
		line, _ := r.FieldPos(0)
		row, err := csvRow(rec, line, lim, &held)
		if err != nil {
			return nil, err
		}
		if row.cells == nil {
			continue
		}
		if len(wb.rows) >= lim.rows {
			return nil, fmt.Errorf("文件超过 %d 行（读到第 %d 行），超出了一次能导入的量；请分成几个文件导入", lim.rows, row.num)
		}
		if cells += len(row.cells); cells > lim.cells {
			return nil, fmt.Errorf("文件的单元格超过 %d 个（读到第 %d 行），超出了一次能导入的量；请分成几个文件导入", lim.cells, row.num)
		}
		wb.rows = append(wb.rows, row)
	}
	return wb, nil
}

// csvRow turns one record into a row of text cells (nil cells when all are
// empty), checking the limits of a cell, the columns and the text held.
func csvRow(rec []string, line int, lim limits, held *int64) (sheetRow, error) {
	last := len(rec) - 1
	for last >= 0 && rec[last] == "" {
		last--
	}
	row := sheetRow{num: line}
	if last < 0 {
		return row, nil
	}
	if last+1 > lim.cols {
		return row, fmt.Errorf("第 %d 行有内容，超出了能读取的 %d 列；请删去多余的列", line, lim.cols)
	}
	row.cells = make([]cell, last+1)
	for j := 0; j <= last; j++ {
		s := rec[j]
		if s == "" {
			continue
		}
		if len(s) > lim.cellBytes {
			return row, fmt.Errorf("第 %d 行 %s 列的内容“%s”太长（超过 %d KB）", line, colName(j+1), prefixOf([]byte(s)), lim.cellBytes>>10)
		}
		if *held += int64(len(s)); *held > lim.textBytes {
			return row, fmt.Errorf("文件的文字超过 %s（读到第 %d 行），超出了一次能导入的量", mb(lim.textBytes), line)
		}
		row.cells[j] = cell{text: s, typ: cellText}
	}
	return row, nil
}

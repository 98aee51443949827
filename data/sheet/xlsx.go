package sheet

// A small, fast reader of .xlsx worksheets. excelize's row iterator gives
// formatted text but neither the cell's type nor its number format, and it
// decodes with encoding/xml, which is the slow part of a large import. This
// reader scans the parts with a minimal tokenizer and keeps, for each cell,
// its type and whether its number format shows a date (and whether the day).

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// cellType is the kind of value a cell holds.
type cellType uint8

const (
	cellEmpty  cellType = iota
	cellText            // shared, inline or formula string
	cellNumber          // number (dates are numbers with a date format)
	cellBool
	cellError
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
	date1904  bool
}

// readXLSX reads the worksheet named prefer, or else the first worksheet.
func readXLSX(file, prefer string) (*workbook, error) {
	if _, err := os.Stat(file); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("文件不存在")
		}
		return nil, fmt.Errorf("无法打开文件：%w", err)
	}
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, errNotXLSX
	}
	defer zr.Close()
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	read := func(name string) ([]byte, error) {
		f, ok := parts[name]
		if !ok {
			// Some writers differ in the case of part names.
			for n, g := range parts {
				if strings.EqualFold(n, name) {
					f, ok = g, true
					break
				}
			}
		}
		if !ok {
			return nil, fmt.Errorf("%w: 缺少 %s", errNotXLSX, name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errNotXLSX, err)
		}
		defer rc.Close()
		buf := bytes.NewBuffer(make([]byte, 0, f.UncompressedSize64+1))
		if _, err := io.Copy(buf, rc); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", errNotXLSX, name, err)
		}
		return buf.Bytes(), nil
	}

	wbPath := "xl/workbook.xml"
	if b, err := read("_rels/.rels"); err == nil {
		for id, r := range parseRels(b, "") {
			_ = id
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPath = r.target
			}
		}
	}
	wbXML, err := read(wbPath)
	if err != nil {
		return nil, err
	}
	wbDir := path.Dir(wbPath)
	relsPath := path.Join(wbDir, "_rels", path.Base(wbPath)+".rels")
	relsXML, err := read(relsPath)
	if err != nil {
		return nil, err
	}
	rels := parseRels(relsXML, wbDir)

	wb := &workbook{}
	type sheetRef struct{ name, rid string }
	var sheets []sheetRef
	for s := newScanner(wbXML); s.next(); {
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
		return nil, fmt.Errorf("%w: 没有工作表", errNotXLSX)
	}
	chosen := sheets[0]
	for _, sh := range sheets {
		if sh.name == prefer {
			chosen = sh
			break
		}
	}
	wb.sheetName = chosen.name
	sheetRel, ok := rels[chosen.rid]
	if !ok {
		return nil, fmt.Errorf("%w: 找不到工作表“%s”", errNotXLSX, chosen.name)
	}

	var sst []string
	var styles []dateFmt
	for _, r := range rels {
		switch {
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			b, err := read(r.target)
			if err != nil {
				return nil, err
			}
			sst = parseSharedStrings(b)
		case strings.HasSuffix(r.typ, "/styles"):
			b, err := read(r.target)
			if err != nil {
				return nil, err
			}
			styles = parseStyles(b)
		}
	}
	sheetXML, err := read(sheetRel.target)
	if err != nil {
		return nil, err
	}
	rows, err := parseSheet(sheetXML, sst, styles)
	if err != nil {
		return nil, err
	}
	wb.rows = rows
	return wb, nil
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

// parseSharedStrings reads the shared string table, leaving out phonetic runs.
func parseSharedStrings(b []byte) []string {
	var out []string
	var buf []byte
	inSI, inT, skip := false, false, 0
	for s := newScanner(b); s.next(); {
		switch s.kind {
		case tokStart:
			switch string(s.name) {
			case "si":
				inSI, buf = true, buf[:0]
				if s.selfClose {
					out = append(out, "")
					inSI = false
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
					out = append(out, string(buf))
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
			}
		}
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

// parseSheet reads the rows of a worksheet; rows with no value are left out.
func parseSheet(b []byte, sst []string, styles []dateFmt) ([]sheetRow, error) {
	var rows []sheetRow
	var cur sheetRow
	inRow := false
	rowNum, col := 0, 0
	// the cell being read
	var (
		inCell         bool
		ctype, cstyle  string
		cval, cis      []byte
		inV, inIS, inT bool
		skip           int
		hasV           bool
	)
	finish := func() error {
		c := cell{}
		switch ctype {
		case "s":
			if !hasV {
				break
			}
			i, err := strconv.Atoi(string(bytes.TrimSpace(cval)))
			if err != nil || i < 0 || i >= len(sst) {
				return fmt.Errorf("%w: 第 %d 行的共享字符串编号 %q 无效", errNotXLSX, rowNum, cval)
			}
			c = cell{text: sst[i], typ: cellText}
		case "inlineStr":
			if cis != nil {
				c = cell{text: string(cis), typ: cellText}
			} else if hasV {
				c = cell{text: string(cval), typ: cellText}
			}
		case "str":
			c = cell{text: string(cval), typ: cellText}
		case "b":
			if hasV {
				c = cell{text: string(bytes.TrimSpace(cval)), typ: cellBool}
			}
		case "e":
			c = cell{text: string(cval), typ: cellError}
		default: // "n", "d" or none
			if hasV {
				v := string(bytes.TrimSpace(cval))
				if ctype == "d" {
					c = cell{text: v, typ: cellText}
					break
				}
				c = cell{text: v, typ: cellNumber}
				if i, err := strconv.Atoi(cstyle); err == nil && i >= 0 && i < len(styles) {
					c.date = styles[i]
				}
			}
		}
		if c.typ == cellText && c.text == "" {
			c.typ = cellEmpty
		}
		if c.typ != cellEmpty {
			for len(cur.cells) < col-1 {
				cur.cells = append(cur.cells, cell{})
			}
			cur.cells = append(cur.cells[:col-1], c)
		}
		return nil
	}
	for s := newScanner(b); s.next(); {
		switch s.kind {
		case tokStart:
			switch string(s.name) {
			case "row":
				if r := s.attr("r"); r != "" {
					n, err := strconv.Atoi(r)
					if err != nil || n < 1 {
						return nil, fmt.Errorf("%w: 行号 %q 无效", errNotXLSX, r)
					}
					rowNum = n
				} else {
					rowNum++
				}
				cur = sheetRow{num: rowNum}
				col = 0
				inRow = !s.selfClose
			case "c":
				if !inRow {
					continue
				}
				if r := s.attr("r"); r != "" {
					n := colIndex(r)
					if n < 1 {
						return nil, fmt.Errorf("%w: 单元格名 %q 无效", errNotXLSX, r)
					}
					col = n
				} else {
					col++
				}
				ctype, cstyle = s.attr("t"), s.attr("s")
				cval, cis, hasV = cval[:0], nil, false
				inV, inIS, inT, skip = false, false, false, 0
				inCell = true
				if s.selfClose {
					inCell = false
				}
			case "v":
				if inCell && !s.selfClose {
					inV, hasV = true, true
				}
			case "is":
				if inCell && !s.selfClose {
					inIS = true
					cis = []byte{}
				}
			case "t":
				if inIS && !s.selfClose {
					inT = true
				}
			case "rPh":
				if inIS && !s.selfClose {
					skip++
				}
			}
		case tokEnd:
			switch string(s.name) {
			case "row":
				if inRow && len(cur.cells) > 0 {
					rows = append(rows, cur)
				}
				inRow = false
			case "c":
				if inCell {
					if err := finish(); err != nil {
						return nil, err
					}
				}
				inCell = false
			case "v":
				inV = false
			case "is":
				inIS = false
			case "t":
				inT = false
			case "rPh":
				skip--
			}
		case tokText:
			switch {
			case inV:
				cval = s.appendText(cval)
			case inIS && inT && skip == 0:
				cis = s.appendText(cis)
			}
		}
	}
	return rows, nil
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

// The tokenizer: enough XML for the parts of an .xlsx file. Element names are
// given without their namespace prefix.

type tokKind uint8

const (
	tokNone tokKind = iota
	tokStart
	tokEnd
	tokText
)

type scanner struct {
	b         []byte
	i         int
	kind      tokKind
	name      []byte
	attrs     []byte // the raw attributes of a start tag
	selfClose bool
	text      []byte // raw text (entities not decoded)
	cdata     bool
}

func newScanner(b []byte) *scanner { return &scanner{b: b} }

func (s *scanner) next() bool {
	for s.i < len(s.b) {
		if s.b[s.i] != '<' {
			j := bytes.IndexByte(s.b[s.i:], '<')
			if j < 0 {
				j = len(s.b) - s.i
			}
			s.kind, s.text, s.cdata = tokText, s.b[s.i:s.i+j], false
			s.i += j
			return true
		}
		rest := s.b[s.i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			s.skipPast("?>")
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			s.skipPast("-->")
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			j := bytes.Index(rest, []byte("]]>"))
			if j < 0 {
				s.i = len(s.b)
				return false
			}
			s.kind, s.text, s.cdata = tokText, rest[9:j], true
			s.i += j + 3
			return true
		case bytes.HasPrefix(rest, []byte("<!")):
			s.skipPast(">")
			continue
		}
		j := tagEnd(rest)
		if j < 0 {
			s.i = len(s.b)
			return false
		}
		tag := rest[1:j]
		s.i += j + 1
		if len(tag) > 0 && tag[0] == '/' {
			s.kind, s.name = tokEnd, localName(bytes.TrimSpace(tag[1:]))
			return true
		}
		s.selfClose = len(tag) > 0 && tag[len(tag)-1] == '/'
		if s.selfClose {
			tag = tag[:len(tag)-1]
		}
		k := 0
		for k < len(tag) && !isSpace(tag[k]) {
			k++
		}
		s.kind, s.name, s.attrs = tokStart, localName(tag[:k]), tag[k:]
		return true
	}
	return false
}

// tagEnd finds the '>' closing the tag at the start of b, skipping quoted values.
func tagEnd(b []byte) int {
	var q byte
	for i := 1; i < len(b); i++ {
		c := b[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '>':
			return i
		}
	}
	return -1
}

func (s *scanner) skipPast(end string) {
	j := bytes.Index(s.b[s.i:], []byte(end))
	if j < 0 {
		s.i = len(s.b)
		return
	}
	s.i += j + len(end)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func localName(b []byte) []byte {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// attr returns the decoded value of the attribute with that local name, or "".
func (s *scanner) attr(name string) string {
	a := s.attrs
	for len(a) > 0 {
		for len(a) > 0 && isSpace(a[0]) {
			a = a[1:]
		}
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return ""
		}
		key := localName(bytes.TrimSpace(a[:eq]))
		a = bytes.TrimLeft(a[eq+1:], " \t\r\n")
		if len(a) == 0 || (a[0] != '"' && a[0] != '\'') {
			return ""
		}
		q := a[0]
		end := bytes.IndexByte(a[1:], q)
		if end < 0 {
			return ""
		}
		val := a[1 : end+1]
		a = a[end+2:]
		if string(key) == name {
			if bytes.IndexByte(val, '&') >= 0 {
				return string(appendDecoded(nil, val))
			}
			return string(val)
		}
	}
	return ""
}

// appendText appends the current text token, with entities decoded.
func (s *scanner) appendText(dst []byte) []byte {
	if s.cdata || bytes.IndexByte(s.text, '&') < 0 {
		return append(dst, s.text...)
	}
	return appendDecoded(dst, s.text)
}

// appendDecoded decodes the five XML entities and character references.
func appendDecoded(dst, b []byte) []byte {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		b = b[i:]
		j := bytes.IndexByte(b, ';')
		if j < 0 || j > 12 {
			dst = append(dst, '&')
			b = b[1:]
			continue
		}
		ent := string(b[1:j])
		b = b[j+1:]
		switch ent {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			var n uint64
			var err error
			switch {
			case strings.HasPrefix(ent, "#x") || strings.HasPrefix(ent, "#X"):
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			case strings.HasPrefix(ent, "#"):
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			default:
				err = errors.New("unknown entity")
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				dst = append(dst, '&')
				dst = append(dst, ent...)
				dst = append(dst, ';')
				continue
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
	return dst
}

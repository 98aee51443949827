package sheet

// Hand-built hostile .xlsx files: a zip bomb in one cell, a huge shared
// string table, too many rows, columns or cells, formulas without their
// result, merged cells, an over-long cell and control characters. Each is
// refused with a message that names the sheet, row, column or field and
// quotes only a short prefix of the value, and nothing is written.

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
	"jiayuan/data/exchange"
	"jiayuan/data/storetest"
)

// The parts of a minimal package with one worksheet named 社区, and
// optionally a shared string table.
const (
	rawContentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/></Types>`
	rawRootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	rawWorkbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="社区" sheetId="1" r:id="rId1"/></sheets></workbook>`
	rawWorkbookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
	emptySST  = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></sst>`
)

// rawBook writes a package whose worksheet and shared strings are streamed
// by the functions given, so that a test never holds a large part itself.
func rawBook(t *testing.T, sheet, sst func(w io.Writer) error) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hostile.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	put := func(name string, write func(w io.Writer) error) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := write(w); err != nil {
			t.Fatal(err)
		}
	}
	str := func(s string) func(w io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	put("[Content_Types].xml", str(rawContentTypes))
	put("_rels/.rels", str(rawRootRels))
	put("xl/workbook.xml", str(rawWorkbook))
	put("xl/_rels/workbook.xml.rels", str(rawWorkbookRels))
	if sst == nil {
		sst = str(emptySST)
	}
	put("xl/sharedStrings.xml", sst)
	put("xl/worksheets/sheet1.xml", sheet)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// inlineRows is a worksheet of rows of inline strings, the first being the header.
func inlineRows(rows ...[]string) func(w io.Writer) error {
	return func(w io.Writer) error {
		var b strings.Builder
		b.WriteString(sheetHead)
		for i, r := range rows {
			fmt.Fprintf(&b, `<row r="%d">`, i+1)
			for j, v := range r {
				if v == "" {
					continue
				}
				fmt.Fprintf(&b, `<c r="%s%d" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, colName(j+1), i+1, v)
			}
			b.WriteString(`</row>`)
		}
		b.WriteString(sheetTail)
		_, err := io.WriteString(w, b.String())
		return err
	}
}

// writeBomb adds to zw a part of prefix, n×1 MiB of 'A' and suffix, written
// as raw deflate by repeating one compressed MiB: the part unpacks to n MiB
// while the test holds only a few KB. Its CRC and sizes are true.
func writeBomb(t *testing.T, zw *zip.Writer, name, prefix, suffix string, n int) {
	t.Helper()
	const mib = 1 << 20
	chunk := bytes.Repeat([]byte{'A'}, mib)
	deflate := func(b []byte, final bool) []byte {
		var out bytes.Buffer
		fw, _ := flate.NewWriter(&out, flate.BestCompression)
		fw.Write(b)
		if final {
			fw.Close()
		} else {
			fw.Flush() // byte-aligned, not final: blocks may follow
		}
		return out.Bytes()
	}
	head, body, tail := deflate([]byte(prefix), false), deflate(chunk, false), deflate([]byte(suffix), true)
	crc := crc32.ChecksumIEEE([]byte(prefix))
	for i := 0; i < n; i++ {
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	crc = crc32.Update(crc, crc32.IEEETable, []byte(suffix))
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64:   uint64(len(head) + n*len(body) + len(tail)),
		UncompressedSize64: uint64(len(prefix) + n*mib + len(suffix))})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(head)
	for i := 0; i < n; i++ {
		w.Write(body)
	}
	w.Write(tail)
}

// bombBook is a package whose worksheet (inSST false) or shared string
// table holds one cell of 2 GiB.
func bombBook(t *testing.T, inSST bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bomb.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for name, s := range map[string]string{"[Content_Types].xml": rawContentTypes, "_rels/.rels": rawRootRels,
		"xl/workbook.xml": rawWorkbook, "xl/_rels/workbook.xml.rels": rawWorkbookRels} {
		w, _ := zw.Create(name)
		io.WriteString(w, s)
	}
	head := sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>社区名称</t></is></c><c r="B1" t="inlineStr"><is><t>地址</t></is></c></row>`
	if inSST {
		writeBomb(t, zw, "xl/sharedStrings.xml", `<sst><si><t>`, `</t></si></sst>`, 2048)
		w, _ := zw.Create("xl/worksheets/sheet1.xml")
		io.WriteString(w, head+`<row r="2"><c r="A2" t="inlineStr"><is><t>滨江社区</t></is></c><c r="B2" t="s"><v>0</v></c></row>`+sheetTail)
	} else {
		w, _ := zw.Create("xl/sharedStrings.xml")
		io.WriteString(w, emptySST)
		writeBomb(t, zw, "xl/worksheets/sheet1.xml",
			head+`<row r="2"><c r="A2" t="inlineStr"><is><t>滨江社区</t></is></c><c r="B2" t="inlineStr"><is><t>`,
			`</t></is></c></row>`+sheetTail, 2048)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, _ := f.Stat(); fi.Size() > 8<<20 {
		t.Fatalf("the bomb is %d bytes", fi.Size())
	}
	return path
}

// refusedQuietly imports path as communities into a fresh store and
// requires a refusal whose message has every want, is short, and left the
// store untouched; it returns the message. The import may allocate at most
// maxAlloc bytes.
func refusedQuietly(t *testing.T, kind Kind, path string, maxAlloc uint64, want ...string) string {
	t.Helper()
	st := newStore(t)
	before := auditCount(t, st)
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	_, err := Import(st, kind, path, nil)
	runtime.ReadMemStats(&m1)
	if err == nil {
		t.Fatal("the file was imported")
	}
	msg := err.Error()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("the message lacks %q:\n%s", w, excerptForLog(msg))
		}
	}
	if len(msg) > 1000 {
		t.Errorf("the message has %d bytes: %s", len(msg), excerptForLog(msg))
	}
	if alloc := m1.TotalAlloc - m0.TotalAlloc; alloc > maxAlloc {
		t.Errorf("the import allocated %d MB", alloc>>20)
	}
	if auditCount(t, st) != before {
		t.Error("the refused import wrote to the store")
	}
	t.Logf("%s (allocated %d MB)", msg, (m1.TotalAlloc-m0.TotalAlloc)>>20)
	return msg
}

func excerptForLog(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

func TestZipBombCellIsRefusedWithinBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 2 GiB cell (compressed to a few MB)")
	}
	t.Run("worksheet", func(t *testing.T) {
		refusedQuietly(t, Communities, bombBook(t, false), 64<<20,
			"工作表“社区”第 2 行 B 列（B2）", "“AAAAAAAAAAAAAAAA…”", "超过 1 MB")
	})
	t.Run("shared strings", func(t *testing.T) {
		refusedQuietly(t, Communities, bombBook(t, true), 64<<20,
			"共享字符串表", "第 1 项", "“AAAAAAAAAAAAAAAA…”", "超过 1 MB")
	})
}

func TestHugeSharedStringTableIsRefused(t *testing.T) {
	n := defaultLimits.strings + 1
	path := rawBook(t, inlineRows([]string{"社区名称"}, []string{"滨江社区"}), func(w io.Writer) error {
		io.WriteString(w, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		for i := 0; i < n; i++ {
			if _, err := io.WriteString(w, `<si><t>x</t></si>`); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, `</sst>`)
		return err
	})
	refusedQuietly(t, Communities, path, 256<<20, "共享字符串表", fmt.Sprintf("超过 %d 项", defaultLimits.strings))
}

func TestTooManyRowsColumnsOrCellsAreRefused(t *testing.T) {
	stream := func(rows int, cell func(w io.Writer, r int)) func(w io.Writer) error {
		return func(w io.Writer) error {
			io.WriteString(w, sheetHead+`<row r="1"><c r="A1" t="inlineStr"><is><t>社区名称</t></is></c></row>`)
			for r := 2; r <= rows+1; r++ {
				fmt.Fprintf(w, `<row r="%d">`, r)
				cell(w, r)
				io.WriteString(w, `</row>`)
			}
			_, err := io.WriteString(w, sheetTail)
			return err
		}
	}
	t.Run("rows", func(t *testing.T) {
		path := rawBook(t, stream(defaultLimits.rows, func(w io.Writer, r int) {
			fmt.Fprintf(w, `<c r="A%d" t="inlineStr"><is><t>社区%d</t></is></c>`, r, r)
		}), nil)
		refusedQuietly(t, Communities, path, 512<<20, "工作表“社区”", fmt.Sprintf("超过 %d 行", defaultLimits.rows),
			fmt.Sprintf("第 %d 行", defaultLimits.rows+1))
	})
	t.Run("columns", func(t *testing.T) {
		// A value in column 300 (KN) of row 3.
		path := rawBook(t, stream(2, func(w io.Writer, r int) {
			fmt.Fprintf(w, `<c r="A%d" t="inlineStr"><is><t>社区%d</t></is></c>`, r, r)
			if r == 3 {
				io.WriteString(w, `<c r="KN3"><v>1</v></c>`)
			}
		}), nil)
		refusedQuietly(t, Communities, path, 64<<20, "工作表“社区”第 3 行 KN 列（KN3）", "256 列")
	})
	t.Run("cells", func(t *testing.T) {
		// 20,000 rows with a value in column 200: 4 million cells held.
		path := rawBook(t, stream(20000, func(w io.Writer, r int) {
			fmt.Fprintf(w, `<c r="A%d" t="inlineStr"><is><t>社区%d</t></is></c><c r="GR%d"><v>1</v></c>`, r, r, r)
		}), nil)
		refusedQuietly(t, Communities, path, 512<<20, "工作表“社区”", fmt.Sprintf("单元格超过 %d 个", defaultLimits.cells))
	})
}

// editExport exports the demo store's communities and lets edit change the
// file with excelize before it is imported; it returns the store, the path
// and the column letter of 地址.
func editExport(t *testing.T, edit func(f *excelize.File, addr string)) (*data.Store, string, string) {
	t.Helper()
	st := demoStore(t)
	path := filepath.Join(t.TempDir(), "communities.xlsx")
	exportKind(t, st, Communities, path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	addr := ""
	for j, h := range Headers(Communities) {
		if h == "地址" {
			addr = colName(j + 1)
		}
	}
	edit(f, addr)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return st, path, addr
}

// refusedKeepingAddresses imports path and requires one problem with every
// want, and every community's address as it was.
func refusedKeepingAddresses(t *testing.T, st *data.Store, path string, want Problem, reason ...string) {
	t.Helper()
	before, _ := st.Communities()
	_, err := Import(st, Communities, path, nil)
	ie := importErr(t, err)
	if len(ie.Problems) != 1 {
		t.Fatalf("problems: %v", ie)
	}
	p := ie.Problems[0]
	if p.Sheet != "社区" || p.Row != want.Row || p.Column != want.Column {
		t.Errorf("problem %+v, want %+v", p, want)
	}
	for _, r := range reason {
		if !strings.Contains(p.String(), r) {
			t.Errorf("%q lacks %q", p.String(), r)
		}
	}
	after, _ := st.Communities()
	for i := range before {
		if after[i].Address != before[i].Address {
			t.Errorf("%s: address %q → %q", before[i].Name, before[i].Address, after[i].Address)
		}
	}
}

func TestFormulaWithoutItsResultIsRefused(t *testing.T) {
	st, path, addr := editExport(t, func(f *excelize.File, addr string) {
		// excelize, like other generators, writes a formula without its result.
		if err := f.SetCellFormula("社区", addr+"3", `CONCATENATE("华阳","街道")`); err != nil {
			t.Fatal(err)
		}
	})
	refusedKeepingAddresses(t, st, path, Problem{Row: 3, Column: "地址"}, "工作表“社区”第 3 行“地址”列",
		"单元格 "+addr+"3 是公式", "没有保存它的计算结果")
}

func TestMergedCellsAreRefused(t *testing.T) {
	st, path, addr := editExport(t, func(f *excelize.File, addr string) {
		if err := f.MergeCell("社区", addr+"2", addr+"3"); err != nil {
			t.Fatal(err)
		}
	})
	refusedKeepingAddresses(t, st, path, Problem{Row: 2, Column: "地址"}, "工作表“社区”第 2 行“地址”列",
		addr+"2:"+addr+"3 是合并单元格")

	// A title merged above the header is no problem.
	path = filepath.Join(t.TempDir(), "title.xlsx")
	writeBook(t, path, [][]any{{"华阳街道社区名单"}, {"社区名称", "地址"}, {"新社区", "华阳大道"}})
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.MergeCell("Sheet1", "A1", "B1"); err != nil {
		t.Fatal(err)
	}
	f.Save()
	f.Close()
	if res, err := Import(st, Communities, path, nil); err != nil || res.Added != 1 {
		t.Fatalf("a merged title: %+v %v", res, err)
	}
}

func TestOverlongCellIsRefusedNotCut(t *testing.T) {
	long := strings.Repeat("华阳大道", 25000) // 100,000 characters
	path := rawBook(t, inlineRows([]string{"社区名称", "地址"}, []string{"新社区", long}), nil)
	st := newStore(t)
	_, err := Import(st, Communities, path, nil)
	ie := importErr(t, err)
	if len(ie.Problems) != 1 {
		t.Fatalf("problems: %v", ie)
	}
	p := ie.Problems[0]
	want := fmt.Sprintf("最多 %d 个字，现在 100000 个", data.LimitAddress)
	if p.Row != 2 || p.Column != "地址" || p.Reason != want || p.Value != "华阳大道华阳大道华阳大道华阳大道…共 100000 字" {
		t.Errorf("problem %+v", p)
	}
	if msg := ie.Error(); len(msg) > 400 || !strings.Contains(msg, "工作表“社区”第 2 行“地址”列“华阳大道") {
		t.Errorf("message (%d bytes): %s", len(msg), excerptForLog(msg))
	}
	if n, _ := st.Communities(); len(n) != 0 {
		t.Errorf("%d communities written", len(n))
	}
}

// The same bad values are refused with the same message by a single save
// (as from the window), the Excel import and the exchange import.
func TestControlCharactersRefusedAlikeEverywhere(t *testing.T) {
	for _, tc := range []struct {
		name, field, value, want string
	}{
		{"bidi override", "Name", "滨江\u202e区社", "第 3 个字是文字方向控制符（U+202E）"},
		{"bidi isolate", "Name", "滨江\u2066社区", "第 3 个字是文字方向控制符（U+2066）"},
		{"left-to-right mark", "Name", "滨\u200e江社区", "第 2 个字是文字方向控制符（U+200E）"},
		{"NUL", "Name", "滨江\x00社区", "第 3 个字是空字符（U+0000）"},
		{"C1", "Name", "滨江\u0085社区", "第 3 个字是换行"},
		{"escape", "Name", "滨江\x1b社区", "第 3 个字是控制字符（U+001B）"},
		{"tab", "Name", "滨江\t社区", "第 3 个字是制表符（Tab）"},
		{"newline", "Name", "滨江\n社区", "第 3 个字是换行，这一项只能写一行"},
		{"newline in address", "Address", "华阳大道\n一段", "第 5 个字是换行，这一项只能写一行"},
		{"NUL in notes", "Notes", "第一行\n第二\x00行", "第 7 个字是空字符（U+0000）"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t)
			rec := data.Community{Name: "滨江社区"}
			header := map[string]string{"Name": "社区名称", "Address": "地址", "Notes": "备注"}[tc.field]
			switch tc.field {
			case "Name":
				rec.Name = tc.value
			case "Address":
				rec.Address = tc.value
			case "Notes":
				rec.Notes = tc.value
			}
			// The window's save.
			saveMsg := fieldMsg(t, st.SaveCommunity(&data.Community{Name: rec.Name, Address: rec.Address, Notes: rec.Notes}), tc.field)
			if !strings.HasPrefix(saveMsg, tc.want) {
				t.Errorf("save: %q, want %q", saveMsg, tc.want)
			}
			// The Excel import.
			xml := strings.NewReplacer("&", "&amp;", "<", "&lt;", "\x00", "&#0;", "\x1b", "&#27;").Replace(tc.value)
			row := []string{"滨江社区", "", ""}
			row[map[string]int{"Name": 0, "Address": 1, "Notes": 2}[tc.field]] = xml
			path := rawBook(t, inlineRows([]string{"社区名称", "地址", "备注"}, row), nil)
			_, err := Import(st, Communities, path, nil)
			ie := importErr(t, err)
			if len(ie.Problems) != 1 || ie.Problems[0].Column != header || ie.Problems[0].Reason != saveMsg {
				t.Errorf("import: %v, want “%s”列：%s", ie, header, saveMsg)
			}
			if v := ie.Problems[0].Value; strings.ContainsAny(v, "\x00\t\n\u202e\u2066\u200e\u0085\x1b") {
				t.Errorf("the message quotes the control character itself: %q", v)
			}
			// The exchange import, from a copy where the value got in by other means.
			exchangeMsg := exchangeRefusal(t, rec)
			if !strings.Contains(exchangeMsg, saveMsg) {
				t.Errorf("exchange: %q, want %q", exchangeMsg, saveMsg)
			}
			if n, _ := st.Communities(); len(n) != 0 {
				t.Errorf("%d communities written", len(n))
			}
		})
	}
}

// fieldMsg is the message of a *data.ValidationError for field.
func fieldMsg(t *testing.T, err error, field string) string {
	t.Helper()
	ve, ok := err.(*data.ValidationError)
	if !ok {
		t.Fatalf("want a validation error, got %v", err)
	}
	return ve.For(field)
}

func TestMultiLineNotesAreNormalisedAlike(t *testing.T) {
	st := newStore(t)
	c := data.Community{Name: "滨江社区", Notes: "第一行\r\n第二行\r第三行\t（附注）"}
	if err := st.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	want := "第一行\n第二行\n第三行\t（附注）"
	path := rawBook(t, inlineRows([]string{"社区名称", "备注"}, []string{"龙河社区", "第一行&#13;\n第二行&#13;第三行\t（附注）"}), nil)
	if _, err := Import(st, Communities, path, nil); err != nil {
		t.Fatal(err)
	}
	all, _ := st.Communities()
	for _, c := range all {
		if c.Notes != want {
			t.Errorf("%s: notes %q, want %q", c.Name, c.Notes, want)
		}
	}
	if len(all) != 2 {
		t.Errorf("%d communities", len(all))
	}
}

// exchangeRefusal puts rec into a copy's database directly (as an older
// version or another tool might have), sends it in an exchange file to a new
// store, and returns why that store refused it.
func exchangeRefusal(t *testing.T, rec data.Community) string {
	t.Helper()
	src, err := data.Open(t.TempDir()) // a data folder: a server never holds a NUL at all
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	c := data.Community{Name: "占位社区"}
	if err := src.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	if _, err := storetest.Raw(t, src).Exec(`UPDATE communities SET name = ?, address = ?, notes = ? WHERE id = ?`,
		rec.Name, rec.Address, rec.Notes, c.ID); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "交换.jyx")
	if _, err := exchange.Export(src, path, exchange.Options{}); err != nil {
		t.Fatal(err)
	}
	pkg, err := exchange.Read(path)
	if err != nil {
		return err.Error()
	}
	dst := newStore(t)
	if _, err := exchange.Apply(dst, pkg, exchange.Decisions{}); err != nil {
		if n, _ := dst.Communities(); len(n) != 0 {
			t.Errorf("the refused exchange file wrote %d communities", len(n))
		}
		return err.Error()
	}
	t.Error("the exchange import took the record")
	return ""
}

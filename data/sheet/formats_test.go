package sheet

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jiayuan/data"
)

// csvOf writes the rows of an .xlsx file (as a clerk sees them) to CSV text.
func csvOf(t testing.TB, xlsx string) []byte {
	t.Helper()
	wb, err := readXLSX(xlsx, "")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	for _, r := range wb.rows {
		rec := make([]string, len(r.cells))
		for j, c := range r.cells {
			rec[j] = c.shown(wb.date1904)
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return buf.Bytes()
}

func gbk(t testing.TB, b []byte) []byte {
	t.Helper()
	out, err := simplifiedchinese.GBK.NewEncoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// recordsOf lists the importable fields of every record of kind, in order.
func recordsOf(t *testing.T, st *data.Store, kind Kind) [][]any {
	t.Helper()
	var vals []reflect.Value
	switch kind {
	case Communities:
		rows, err := st.Communities()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			vals = append(vals, reflect.ValueOf(r))
		}
	case Compounds:
		rows, err := st.Compounds(0)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			vals = append(vals, reflect.ValueOf(r))
		}
	}
	var out [][]any
	for _, v := range vals {
		var rec []any
		for _, c := range kindColumns[kind] {
			rec = append(rec, v.Field(c.index).Interface())
		}
		rec = append(rec, v.FieldByName("UUID").Interface())
		out = append(out, rec)
	}
	return out
}

// importInto imports files in order into a new store and lists the records of the last kind.
func importInto(t *testing.T, steps ...struct {
	kind Kind
	path string
}) [][]any {
	t.Helper()
	st := newStore(t)
	for _, s := range steps {
		if _, err := Import(st, s.kind, s.path, nil); err != nil {
			t.Fatalf("%s: %v", filepath.Base(s.path), err)
		}
	}
	return recordsOf(t, st, steps[len(steps)-1].kind)
}

type step = struct {
	kind Kind
	path string
}

func TestCSVImportsLikeXLSX(t *testing.T) {
	st := demoStore(t)
	dir := t.TempDir()
	comms, xlsx := filepath.Join(dir, "communities.xlsx"), filepath.Join(dir, "compounds.xlsx")
	exportKind(t, st, Communities, comms)
	exportKind(t, st, Compounds, xlsx)
	text := csvOf(t, xlsx)
	files := map[string][]byte{
		"utf8.csv":     text,
		"utf8-bom.csv": append([]byte{0xEF, 0xBB, 0xBF}, text...),
		"gbk.csv":      gbk(t, text),
	}
	want := importInto(t, step{Communities, comms}, step{Compounds, xlsx})
	if len(want) == 0 {
		t.Fatal("no compounds in the demo")
	}
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		got := importInto(t, step{Communities, comms}, step{Compounds, p})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s imports other records than the .xlsx:\n got %v\nwant %v", name, got, want)
		}
	}
}

func TestCSVEncodingsAndSeparators(t *testing.T) {
	for _, c := range []struct {
		name string
		b    []byte
	}{
		{"gbk", gbk(t, []byte("社区名称,户数\r\n锦华社区,1200\r\n"))},
		{"bom", []byte("\xEF\xBB\xBF社区名称,户数\n锦华社区,1200\n")},
		{"tab", []byte("社区名称\t户数\n锦华社区\t1200\n")},
		{"utf16", append([]byte{0xFF, 0xFE}, utf16le("社区名称\t户数\r\n锦华社区\t1200\r\n")...)},
	} {
		p := filepath.Join(t.TempDir(), c.name+".csv")
		if err := os.WriteFile(p, c.b, 0o644); err != nil {
			t.Fatal(err)
		}
		wb, err := readSheetFile(p, "")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(wb.rows) != 2 || len(wb.rows[1].cells) != 2 || wb.rows[0].cells[0].text != "社区名称" ||
			wb.rows[1].cells[0].text != "锦华社区" || wb.rows[1].cells[1].text != "1200" || wb.rows[1].num != 2 {
			t.Errorf("%s: read %+v", c.name, wb.rows)
		}
	}
}

func utf16le(s string) []byte {
	var out []byte
	for _, r := range s { // the test's text is all in the basic plane
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

func TestCSVLimitsAndQuotes(t *testing.T) {
	dir := t.TempDir()
	lim := defaultLimits
	lim.rows, lim.cols, lim.cellBytes = 3, 4, 10
	for _, c := range []struct{ text, want string }{
		{"a,b\n1,2\n3,4\n5,6\n", "超过 3 行"},
		{"a,b,c,d,e\n", "超出了能读取的 4 列"},
		{"a,0123456789ABCDEF\n", "太长"},
		{"a,\"b\n1,2\n", "引号不成对"},
	} {
		wb, err := parseCSV([]byte(c.text), lim)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v %v, want an error with %q", c.text, wb, err, c.want)
		}
	}
	big := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(big, bytes.Repeat([]byte("a,b\n"), 100), 0o644); err != nil {
		t.Fatal(err)
	}
	lim.fileBytes = 100
	if _, err := readCSV(big, lim); err == nil || !strings.Contains(err.Error(), "超过了能导入") {
		t.Errorf("an over-large file: %v", err)
	}
}

func TestOtherFormatsSayHowToSaveAsXLSX(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"名单.et", "名单.ods", "名单.numbers", "名单"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("whatever"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Import(newStore(t), Communities, p, nil)
		if err == nil || !strings.Contains(err.Error(), "WPS") || !strings.Contains(err.Error(), "Excel") ||
			!strings.Contains(err.Error(), "另存为") || !strings.Contains(err.Error(), ".xlsx") {
			t.Errorf("%s: %v", name, err)
		}
	}
	p := filepath.Join(dir, "x.et")
	_ = os.WriteFile(p, nil, 0o644)
	if _, err := Import(newStore(t), Communities, p, nil); err == nil || !strings.Contains(err.Error(), ".et") {
		t.Errorf(".et: %v does not name the WPS format", err)
	}
}

// The committed fixture: testdata/communities.xls is testdata/communities.xlsx
// saved as .xls by LibreOffice (soffice --convert-to xls), once.
func TestXLSFixtureImportsLikeXLSX(t *testing.T) {
	want := importInto(t, step{Communities, "testdata/communities.xlsx"})
	got := importInto(t, step{Communities, "testdata/communities.xls"})
	for _, rs := range [][][]any{want, got} { // the files have no UUID: each import makes new ones
		for i := range rs {
			rs[i] = rs[i][:len(rs[i])-1]
		}
	}
	if len(want) < 3 || !reflect.DeepEqual(got, want) {
		t.Errorf("the .xls imports other records than the .xlsx:\n got %v\nwant %v", got, want)
	}
}

// TestXLSFromLibreOffice converts the demo's lists to .xls with LibreOffice
// when it is installed and imports them.
func TestXLSFromLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice is not installed (apt-get install -y libreoffice-calc-nogui)")
	}
	st := demoStore(t)
	dir := t.TempDir()
	comms, xlsx := filepath.Join(dir, "communities.xlsx"), filepath.Join(dir, "compounds.xlsx")
	exportKind(t, st, Communities, comms)
	exportKind(t, st, Compounds, xlsx)
	out := t.TempDir()
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(t.TempDir(), "profile"),
		"--headless", "--convert-to", "xls", "--outdir", out, comms, xlsx)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v %s", err, b)
	}
	want := importInto(t, step{Communities, comms}, step{Compounds, xlsx})
	got := importInto(t, step{Communities, filepath.Join(out, "communities.xls")}, step{Compounds, filepath.Join(out, "compounds.xls")})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the .xls imports other records than the .xlsx:\n got %v\nwant %v", got, want)
	}
}

func TestXLSLimits(t *testing.T) {
	b, err := os.ReadFile("testdata/communities.xls")
	if err != nil {
		t.Fatal(err)
	}
	stream, err := xlsStream(b, defaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		set  func(*limits)
		want string
	}{
		{func(l *limits) { l.rows = 2 }, "超过 2 行"},
		{func(l *limits) { l.cols = 3 }, "超出了能读取的 3 列"},
		{func(l *limits) { l.cells = 10 }, "单元格超过 10 个"},
		{func(l *limits) { l.strings = 5 }, "字符串超过 5 个"},
	} {
		lim := defaultLimits
		c.set(&lim)
		if _, err := parseBIFF(stream, "", lim); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("want %q, got %v", c.want, err)
		}
	}
	for i := 0; i < len(stream); i += 7 { // cut anywhere: refused in Chinese, never a panic
		if _, err := parseBIFF(stream[:i], "", defaultLimits); err == nil {
			t.Fatalf("a workbook cut at %d bytes was read", i)
		}
	}
	if _, err := xlsStream([]byte("PK\x03\x04 not really"), defaultLimits); err == nil || !strings.Contains(err.Error(), ".xlsx") {
		t.Errorf("an .xlsx named .xls: %v", err)
	}
}

// FuzzReadXLS feeds the .xls reader mutated workbooks: no panic, nothing held
// beyond the limits, no Go error text in a refusal.
func FuzzReadXLS(f *testing.F) {
	b, err := os.ReadFile("testdata/communities.xls")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		if int64(len(b)) > fuzzLimits.fileBytes {
			return
		}
		stream, err := xlsStream(b, fuzzLimits)
		if err == nil {
			var wb *workbook
			wb, err = parseBIFF(stream, "社区", fuzzLimits)
			if err == nil {
				cells := 0
				for _, r := range wb.rows {
					if len(r.cells) > fuzzLimits.cols || r.num < 1 {
						t.Fatalf("row %d: %d cells", r.num, len(r.cells))
					}
					cells += len(r.cells)
				}
				if len(wb.rows) > fuzzLimits.rows || cells > fuzzLimits.cells {
					t.Fatalf("%d rows, %d cells held", len(wb.rows), cells)
				}
				return
			}
		}
		for _, w := range goWords {
			if strings.Contains(err.Error(), w) {
				t.Fatalf("Go's error text reaches the clerk: %v", err)
			}
		}
	})
}

// FuzzReadCSV feeds the .csv reader any bytes.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("社区名称,户数\r\n锦华社区,\"1,200\"\r\n"))
	f.Add(gbk(f, []byte("社区名称\t户数\n锦华社区\t约500\n")))
	f.Fuzz(func(t *testing.T, b []byte) {
		text, err := decodeCSV(b)
		if err != nil {
			return
		}
		wb, err := parseCSV(text, fuzzLimits)
		if err != nil {
			for _, w := range goWords {
				if strings.Contains(err.Error(), w) {
					t.Fatalf("Go's error text reaches the clerk: %v", err)
				}
			}
			return
		}
		if len(wb.rows) > fuzzLimits.rows {
			t.Fatalf("%d rows", len(wb.rows))
		}
	})
}

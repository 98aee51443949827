package records

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"jiayuan/data"
	"jiayuan/data/sheet"
)

func TestExportWritesTheFilteredList(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Compound]](t, a, "小区")
	test.Type(p.search, "龙河")
	want := p.tbl.Shown()
	if want == 0 || want == p.tbl.Total() {
		t.Fatalf("search shows %d of %d", want, p.tbl.Total())
	}
	path := filepath.Join(t.TempDir(), "小区.xlsx")
	p.exportTo(path)
	a.busy.Wait()

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	// The header, the records, then the 合计 line that closes every list.
	if len(rows)-2 != want || len(rows[len(rows)-1]) == 0 || rows[len(rows)-1][0] != sheet.TotalLabel {
		t.Fatalf("file has %d rows after the header, want the filtered list's %d and a 合计 line", len(rows)-1, want)
	}
	for _, r := range rows[1 : len(rows)-1] {
		if !strings.Contains(strings.Join(r, " "), "龙河") {
			t.Errorf("exported row does not match the filter: %v", r)
		}
	}
	if !showsText(a, "导出完成") {
		t.Error("no message after the export")
	}
}

// writeCompoundSheet writes a compounds sheet with the given rows (name, community).
func writeCompoundSheet(t *testing.T, rows [][2]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "导入.xlsx")
	if err := sheet.Template(sheet.Compounds, path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	name := f.GetSheetName(0)
	col := map[string]int{}
	for i, h := range sheet.Headers(sheet.Compounds) {
		col[h] = i + 1
	}
	for i, r := range rows {
		for _, cell := range []struct {
			header, value string
		}{{"小区名称", r[0]}, {"所属社区", r[1]}} {
			c, ok := col[cell.header]
			if !ok {
				t.Fatalf("template has no column %s: %v", cell.header, sheet.Headers(sheet.Compounds))
			}
			ref, _ := excelize.CoordinatesToCellName(c, i+2)
			f.SetCellValue(name, ref, cell.value)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func TestImportShowsEveryProblemAndWritesNothing(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Compound]](t, a, "小区")
	before := p.tbl.Total()
	path := writeCompoundSheet(t, [][2]string{
		{"新建一号院", "滨江社区"},
		{"新建二号院", "没有这个社区"},
		{"", "龙河社区"},
	})
	importSheet(a, sheet.Compounds, "小区", path, p.Reload)
	a.busy.Wait()
	if !showsText(a, "导入未完成") {
		t.Fatalf("no problem list shown; shown: %q", shownTexts(a))
	}
	exact := map[string]bool{}
	for _, s := range shownTexts(a) {
		exact[s] = true
	}
	if !exact["没有这个社区"] {
		t.Error("the bad community's value is not a cell of the problem list")
	}
	if !exact["3"] || !exact["4"] {
		t.Error("the row numbers (3 and 4, as Excel numbers them) are not shown")
	}
	xs, _ := a.store.Compounds(0)
	if len(xs) != before {
		t.Errorf("a refused import wrote %d compounds", len(xs)-before)
	}
}

func TestImportAddsRows(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Compound]](t, a, "小区")
	before := p.tbl.Total()
	path := writeCompoundSheet(t, [][2]string{{"新建一号院", "滨江社区"}, {"新建二号院", "龙河社区"}})
	importSheet(a, sheet.Compounds, "小区", path, p.Reload)
	a.busy.Wait()
	if !showsText(a, "导入完成") {
		t.Fatalf("no success message; shown: %q", shownTexts(a))
	}
	if p.tbl.Total() != before+2 {
		t.Errorf("table has %d rows after importing 2, had %d", p.tbl.Total(), before)
	}
}

// A refused import names the worksheet the problems are on: in the header
// line when they are all on one sheet.
func TestImportProblemsNameTheWorksheet(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Compound]](t, a, "小区")
	path := writeCompoundSheet(t, [][2]string{{"新建二号院", "没有这个社区"}})
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	name := f.GetSheetName(0)
	f.Close()
	importSheet(a, sheet.Compounds, "小区", path, p.Reload)
	a.busy.Wait()
	if !showsText(a, "导入.xlsx 的工作表“"+name+"”有 1 处问题") {
		t.Errorf("the header does not name the worksheet %q: %q", name, shownTexts(a))
	}
}

// Problems on different worksheets get a 工作表 column with each one's sheet.
func TestImportProblemsOnSeveralSheetsShowASheetColumn(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	showImportProblems(a, "导入.xlsx", []sheet.Problem{
		{Sheet: "甲表", Row: 2, Column: "小区名称", Reason: "不能为空"},
		{Sheet: "乙表", Row: 5, Column: "所属社区", Value: "没有这个社区", Reason: "本机没有这个社区"},
	})
	exact := map[string]bool{}
	for _, s := range shownTexts(a) {
		exact[s] = true
	}
	for _, want := range []string{"工作表", "甲表", "乙表"} {
		if !exact[want] {
			t.Errorf("%q is not a cell of the problem list: %q", want, shownTexts(a))
		}
	}
}

// An import with a name no print font can draw saves the record and warns at
// once, naming the record and the character.
func TestImportWarnsUnprintable(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	p := openPage[*recordsPage[data.Compound]](t, a, "小区")
	before := p.tbl.Total()
	path := writeCompoundSheet(t, [][2]string{{"新建一号院", "滨江社区"}, {"南湖𠀀院", "龙河社区"}})
	importSheet(a, sheet.Compounds, "小区", path, p.Reload)
	a.busy.Wait()
	if p.tbl.Total() != before+2 {
		t.Errorf("table has %d rows after importing 2, had %d", p.tbl.Total(), before)
	}
	for _, want := range []string{"有字印不出", "南湖𠀀院", "“𠀀”(U+20000)", "设置—打印"} {
		if !showsText(a, want) {
			t.Errorf("the warning lacks %q; shown: %q", want, shownTexts(a))
		}
	}
	for _, s := range shownTexts(a) {
		if strings.Contains(s, "印不出") && strings.Contains(s, "新建一号院") {
			t.Errorf("the warning names a printable record: %q", s)
		}
	}
}

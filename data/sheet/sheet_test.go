package sheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
	"jiayuan/data/storetest"
)

func newStore(t testing.TB) *data.Store {
	t.Helper()
	st := storetest.Open(t)
	st.Operator = "测试"
	return st
}

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

func demoStore(t *testing.T) *data.Store {
	t.Helper()
	st := newStore(t)
	if err := data.LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	return st
}

func auditCount(t testing.TB, st *data.Store) int {
	t.Helper()
	var n int
	if err := storetest.Raw(t, st).Get(&n, `SELECT COUNT(*) FROM audit`); err != nil {
		t.Fatal(err)
	}
	return n
}

// exportKind exports every live record of kind and returns the number of rows.
func exportKind(t *testing.T, st *data.Store, kind Kind, path string) int {
	t.Helper()
	var err error
	var n int
	switch kind {
	case Communities:
		var rows []data.Community
		rows, err = st.Communities()
		n = len(rows)
		if err == nil {
			err = ExportCommunities(path, rows)
		}
	case Compounds:
		var rows []data.Compound
		rows, err = st.Compounds(0)
		n = len(rows)
		if err == nil {
			err = ExportCompounds(path, rows)
		}
	case Orgs:
		var rows []data.Org
		rows, err = st.Orgs(0)
		n = len(rows)
		if err == nil {
			err = ExportOrgs(path, rows)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// xlsxFile builds a workbook the way Excel saves one (shared strings); a cell
// value may be a string, a number, a bool, nil or a styled value.
type styled struct {
	v      any
	numFmt string
}

func writeBook(t testing.TB, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	styles := map[string]int{}
	for i, row := range rows {
		for j, v := range row {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if s, ok := v.(styled); ok {
				id, ok := styles[s.numFmt]
				if !ok {
					var err error
					fmtCode := s.numFmt
					id, err = f.NewStyle(&excelize.Style{CustomNumFmt: &fmtCode})
					if err != nil {
						t.Fatal(err)
					}
					styles[s.numFmt] = id
				}
				if err := f.SetCellStyle("Sheet1", ref, ref, id); err != nil {
					t.Fatal(err)
				}
				v = s.v
			}
			if v == nil {
				continue
			}
			if err := f.SetCellValue("Sheet1", ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func importErr(t *testing.T, err error) *ImportError {
	t.Helper()
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("want *ImportError, got %v", err)
	}
	return ie
}

func TestParseKind(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Kind
		ok   bool
	}{
		{"communities", Communities, true}, {"Compounds", Compounds, true}, {"党组织", Orgs, true},
		{"小区", Compounds, true}, {"people", "", false}, {"", "", false},
	} {
		k, err := ParseKind(tc.in)
		if (err == nil) != tc.ok || k != tc.want {
			t.Errorf("ParseKind(%q) = %q, %v", tc.in, k, err)
		}
	}
	if Orgs.Label() != "党组织" || Communities.Label() != "社区" {
		t.Error("labels")
	}
}

func TestExportLayout(t *testing.T) {
	st := demoStore(t)
	path := filepath.Join(t.TempDir(), "orgs.xlsx")
	exportKind(t, st, Orgs, path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("党组织")
	if err != nil {
		t.Fatal(err)
	}
	hdr := rows[0]
	if !reflect.DeepEqual(hdr, Headers(Orgs)) || hdr[len(hdr)-1] != "UUID" {
		t.Fatalf("headers %v", hdr)
	}
	for _, want := range []string{"所属社区", "所在小区", "上级组织", "成立时间"} {
		found := false
		for _, h := range hdr {
			found = found || h == want
		}
		if !found {
			t.Errorf("no column %s", want)
		}
	}
	panes, err := f.GetPanes("党组织")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", panes, err)
	}
	sid, _ := f.GetCellStyle("党组织", "A1")
	style, _ := f.GetStyle(sid)
	if style == nil || style.Font == nil || !style.Font.Bold {
		t.Error("header not bold")
	}
	w, _ := f.GetColWidth("党组织", "A")
	if w < 8 || w > 50 {
		t.Errorf("width %v", w)
	}
	assertColsAscending(t, path)
}

// assertColsAscending fails when a sheet's <col> elements are out of order:
// Excel asks to repair such a file.
func assertColsAscending(t *testing.T, path string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		last := 0
		for _, m := range regexp.MustCompile(`<col min="(\d+)"`).FindAllStringSubmatch(string(b), -1) {
			n, _ := strconv.Atoi(m[1])
			if n <= last {
				t.Errorf("%s: <col min=%d> after min=%d", zf.Name, n, last)
			}
			last = n
		}
	}
}

func TestRoundTripUnchanged(t *testing.T) {
	st := demoStore(t)
	dir := t.TempDir()
	fresh := newStore(t)
	for _, kind := range Kinds {
		path := filepath.Join(dir, string(kind)+".xlsx")
		n := exportKind(t, st, kind, path)
		if n == 0 {
			t.Fatalf("demo has no %s", kind)
		}
		before := auditCount(t, st)
		res, err := Import(st, kind, path, nil)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if res.Added != 0 || res.Updated != 0 || res.Unchanged != n {
			t.Errorf("%s: re-import of the export gave %+v, want %d unchanged", kind, res, n)
		}
		if after := auditCount(t, st); after != before {
			t.Errorf("%s: audit rows %d → %d", kind, before, after)
		}
		// Into an empty store: the same records, with the same UUIDs.
		res, err = Import(fresh, kind, path, nil)
		if err != nil {
			t.Fatalf("%s into a fresh store: %v", kind, err)
		}
		if res.Added != n {
			t.Errorf("%s into a fresh store: %+v, want %d added", kind, res, n)
		}
		again := filepath.Join(dir, string(kind)+"-again.xlsx")
		exportKind(t, fresh, kind, again)
		a, b := sheetText(t, path), sheetText(t, again)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: the copy exports differently:\n%v\n%v", kind, a, b)
		}
	}
}

// sheetText reads every cell of the first sheet as text.
func sheetText(t *testing.T, path string) [][]string {
	t.Helper()
	wb, err := readXLSX(path, "")
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, r := range wb.rows {
		var row []string
		for _, c := range r.cells {
			row = append(row, c.text)
		}
		out = append(out, row)
	}
	return out
}

func TestReimportIsNoop(t *testing.T) {
	st := demoStore(t)
	path := filepath.Join(t.TempDir(), "c.xlsx")
	writeBook(t, path, [][]any{
		{"小区名称", "所属社区", "户数", "业委会"},
		{"新苑小区", "滨江社区", 300, "是"},
		{"老街院落", "龙河社区", "约200", "否"},
	})
	var last [2]int
	calls := 0
	res, err := Import(st, Compounds, path, func(done, total int) { last = [2]int{done, total}; calls++ })
	if err != nil || res.Added != 2 {
		t.Fatalf("first import: %+v %v", res, err)
	}
	if calls < 2 || last != [2]int{4, 4} {
		t.Errorf("progress: %d calls, last %v", calls, last)
	}
	before := auditCount(t, st)
	res, err = Import(st, Compounds, path, nil)
	if err != nil || res.Added != 0 || res.Updated != 0 || res.Unchanged != 2 {
		t.Fatalf("second import: %+v %v", res, err)
	}
	if auditCount(t, st) != before {
		t.Error("re-import wrote audit rows")
	}
}

func TestAllOrNothing(t *testing.T) {
	st := demoStore(t)
	rows := [][]any{{"所属社区", "小区名称", "建成年份", "物业电话", "业委会成立时间", "业委会"}}
	for i := 0; i < 60; i++ {
		rows = append(rows, []any{"滨江社区", fmt.Sprintf("测试小区%02d", i), 2005, "028-85551234", "2019-03", "是"})
	}
	// Excel rows: header 1, data 2..61.
	rows[4][4] = "2015.13"       // row 5
	rows[19][0] = "不存在社区"        // row 20
	rows[30][1] = "测试小区05"       // row 31: same name as row 7
	rows[40][3] = "12"           // row 41
	rows[50][2] = "一九九八"         // row 51
	rows[55] = []any{"滨江社区", ""} // row 56: no name
	path := filepath.Join(t.TempDir(), "bad.xlsx")
	writeBook(t, path, rows)
	before := auditCount(t, st)
	nBefore, _ := st.Compounds(0)
	_, err := Import(st, Compounds, path, nil)
	ie := importErr(t, err)
	want := []Problem{
		{Row: 5, Column: "业委会成立时间", Value: "2015.13", Reason: "月份 13 不存在"},
		{Row: 20, Column: "所属社区", Value: "不存在社区"},
		{Row: 31, Column: "小区名称", Value: "测试小区05", Reason: "与第 7 行重名"},
		{Row: 41, Column: "物业电话", Value: "12"},
		{Row: 51, Column: "建成年份", Value: "一九九八"},
		{Row: 56, Column: "小区名称", Reason: "不能为空"},
	}
	if len(ie.Problems) != len(want) {
		t.Fatalf("problems:\n%v", ie)
	}
	for i, w := range want {
		p := ie.Problems[i]
		if p.Row != w.Row || p.Column != w.Column || p.Value != w.Value || p.Reason == "" ||
			(w.Reason != "" && p.Reason != w.Reason) {
			t.Errorf("problem %d = %+v, want %+v", i, p, w)
		}
	}
	if !strings.Contains(ie.Error(), "第 5 行“业委会成立时间”列“2015.13”：月份 13 不存在") {
		t.Errorf("message: %s", ie.Error())
	}
	if auditCount(t, st) != before {
		t.Error("audit rows written")
	}
	if after, _ := st.Compounds(0); len(after) != len(nBefore) {
		t.Errorf("compounds %d → %d", len(nBefore), len(after))
	}
}

func TestMessyDates(t *testing.T) {
	for _, tc := range []struct {
		name string
		cell any
		want string // "" with bad set: a problem
		bad  string // part of the reason
	}{
		{"text month", "2015-08", "2015-08", ""},
		{"dotted text", "2015.8", "2015-08", ""},
		{"chinese", " 2015年8月 ", "2015-08", ""},
		{"full-width", "２０１５－０８－０１", "2015-08-01", ""},
		{"slashes", "2015/8/1", "2015-08-01", ""},
		{"serial number", 42217, "2015-08-01", ""},
		{"serial as text", "42217", "2015-08-01", ""},
		{"date format", styled{42217, "yyyy-mm-dd"}, "2015-08-01", ""},
		{"month format", styled{42217, `yyyy"年"m"月"`}, "2015-08", ""},
		{"number 2015.8", 2015.8, "2015-08", ""},
		{"number 2015.12", 2015.12, "2015-12", ""},
		{"compact", 201508, "2015-08", ""},
		{"with time", "2015-08-01 00:00:00", "2015-08-01", ""},
		{"ambiguous 2015.1", 2015.1, "", "1 月还是 10 月"},
		{"month 13", "2015.13", "", "月份 13 不存在"},
		{"year only", 2015, "", "只有年份"},
		{"no day 31", "2015-02-31", "", "不存在"},
		{"words", "去年", "", "不是日期"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := newStore(t)
			path := filepath.Join(t.TempDir(), "c.xlsx")
			writeBook(t, path, [][]any{{"社区名称", "成立时间"}, {"龙河社区", tc.cell}})
			_, err := Import(st, Communities, path, nil)
			if tc.bad != "" {
				ie := importErr(t, err)
				if len(ie.Problems) != 1 || ie.Problems[0].Row != 2 || ie.Problems[0].Column != "成立时间" ||
					!strings.Contains(ie.Problems[0].Reason, tc.bad) {
					t.Fatalf("problems %v", ie)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			cs, _ := st.Communities()
			if len(cs) != 1 || cs[0].Founded.String() != tc.want {
				t.Fatalf("founded %v, want %s", cs, tc.want)
			}
		})
	}
}

func TestMessyLayout(t *testing.T) {
	st := newStore(t)
	path := filepath.Join(t.TempDir(), "c.xlsx")
	writeBook(t, path, [][]any{
		{"华阳街道社区名单（2021年）"},
		{"序号", " 服务人口 ", "社 区 名 称", "书记电话", "区划代码", "面积", "辖区企业", "联系人备注", "社区书记"},
		{1, "14万余", "龙河社区", "１３８１２３４５６７８", "５１０１１６００００００", "2.35平方公里", 1500, "x", "演示书记"},
		{},
		{nil, nil, nil},
		{2, "", "　滨江社区　", 13912345678, 510116000001, 3, "１，５００", ""},
	})
	res, err := Import(st, Communities, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 2 || !reflect.DeepEqual(res.Ignored, []string{"序号", "联系人备注"}) {
		t.Fatalf("%+v", res)
	}
	cs, _ := st.Communities()
	got := map[string]data.Community{}
	for _, c := range cs {
		got[c.Name] = c
	}
	lh, bj := got["龙河社区"], got["滨江社区"]
	if lh.Population != data.About(140000) || lh.SecretaryPhone != "13812345678" || lh.DivisionCode != "510116000000" ||
		lh.Area != "2.35" || lh.Enterprises != data.Exact(1500) || lh.Secretary != "演示书记" {
		t.Errorf("龙河社区 %+v", lh)
	}
	if bj.SecretaryPhone != "13912345678" || bj.DivisionCode != "510116000001" || bj.Enterprises != data.Exact(1500) || bj.Area != "3" {
		t.Errorf("滨江社区 %+v", bj)
	}
}

func TestMissingAndDuplicateColumns(t *testing.T) {
	st := demoStore(t)
	path := filepath.Join(t.TempDir(), "c.xlsx")
	writeBook(t, path, [][]any{{"小区名称", "地址"}, {"甲小区", "某路 1 号"}})
	ie := importErr(t, func() error { _, err := Import(st, Compounds, path, nil); return err }())
	if len(ie.Problems) != 1 || ie.Problems[0].Column != "所属社区" || !strings.Contains(ie.Problems[0].Reason, "缺少") {
		t.Errorf("%v", ie)
	}
	// A list of another kind is named as such.
	orgs := filepath.Join(t.TempDir(), "orgs.xlsx")
	exportKind(t, st, Orgs, orgs)
	ie = importErr(t, func() error { _, err := Import(st, Compounds, orgs, nil); return err }())
	if len(ie.Problems) != 1 || !strings.Contains(ie.Problems[0].Reason, "看起来是党组织名单") {
		t.Errorf("%v", ie)
	}
	writeBook(t, path, [][]any{{"小区名称", "所属社区", "户数", "户 数"}, {"甲小区", "滨江社区", 1, 2}})
	ie = importErr(t, func() error { _, err := Import(st, Compounds, path, nil); return err }())
	if len(ie.Problems) != 1 || ie.Problems[0].Column != "户 数" {
		t.Errorf("%v", ie)
	}
}

func TestFormulaInjection(t *testing.T) {
	st := newStore(t)
	c := &data.Community{Name: "龙河社区", Notes: "=HYPERLINK(\"http://x\",\"点我\")", WorkMethod: "+SUM(A1:A9)",
		Address: "-2+3", Secretary: "@张三"}
	if err := st.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "c.xlsx")
	exportKind(t, st, Communities, path)
	raw := sheetXML(t, path)
	if strings.Contains(raw, "<f>") || strings.Contains(raw, "<f ") {
		t.Fatalf("the export has a formula: %s", raw)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("社区")
	hdr := rows[0]
	for j, h := range hdr {
		want := map[string]string{"备注": c.Notes, "工作法": c.WorkMethod, "地址": c.Address, "党组织书记": c.Secretary}[h]
		if want == "" {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(j+1, 2)
		if formula, _ := f.GetCellFormula("社区", ref); formula != "" {
			t.Errorf("%s is a formula %q", h, formula)
		}
		if typ, _ := f.GetCellType("社区", ref); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s has type %v", h, typ)
		}
		if rows[1][j] != want {
			t.Errorf("%s = %q, want %q", h, rows[1][j], want)
		}
	}
	res, err := Import(st, Communities, path, nil)
	if err != nil || res.Unchanged != 1 {
		t.Fatalf("%+v %v", res, err)
	}
}

func sheetXML(t *testing.T, path string) string {
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatal("no sheet")
	return ""
}

func TestMatchByUUIDAndByName(t *testing.T) {
	st := demoStore(t)
	comps, _ := st.Compounds(0)
	a, b := comps[0], comps[1]
	other := "3f2b8c1e-1111-4222-8333-944455556666"
	path := filepath.Join(t.TempDir(), "c.xlsx")
	writeBook(t, path, [][]any{
		{"所属社区", "小区名称", "户数", "UUID"},
		{a.CommunityName, a.Name + "（新名）", 999, a.UUID}, // by UUID: renamed
		{b.CommunityName, b.Name, 777, nil},             // by name: updated
		{a.CommunityName, "全新小区", 5, other},             // unknown UUID: added with it
		{a.CommunityName, "另一个新小区", 6, nil},             // added
	})
	res, err := Import(st, Compounds, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Updated != 2 || res.Added != 2 {
		t.Fatalf("%+v", res)
	}
	ga, _ := st.Compound(a.ID)
	gb, _ := st.Compound(b.ID)
	if ga.Name != data.Normalize(a.Name+"（新名）") || ga.Households != data.Exact(999) || ga.UUID != a.UUID {
		t.Errorf("by UUID: %+v", ga)
	}
	if gb.Households != data.Exact(777) || gb.Address != b.Address {
		t.Errorf("by name (and columns not in the file kept): %+v", gb)
	}
	var id int64
	if err := storetest.Raw(t, st).Get(&id, `SELECT id FROM compounds WHERE uuid = ? AND name = '全新小区'`, other); err != nil {
		t.Errorf("new record did not keep its UUID: %v", err)
	}
	// A new UUID with the name of an existing compound is a conflict, not a match.
	writeBook(t, path, [][]any{
		{"所属社区", "小区名称", "UUID"},
		{b.CommunityName, b.Name, "9f2b8c1e-1111-4222-8333-944455556666"},
		{b.CommunityName, b.Name, nil},
		{b.CommunityName, "错编号", "not-a-uuid"},
	})
	_, err = Import(st, Compounds, path, nil)
	ie := importErr(t, err)
	if len(ie.Problems) != 2 || !strings.Contains(ie.Problems[0].Reason, "已经存在") || ie.Problems[1].Column != "UUID" {
		t.Errorf("%v", ie)
	}
}

func TestOrgParentsInFile(t *testing.T) {
	st := demoStore(t)
	path := filepath.Join(t.TempDir(), "o.xlsx")
	writeBook(t, path, [][]any{
		{"组织名称", "类型", "所属社区", "上级组织", "所在小区", "成立时间"},
		{"测试党总支", "社区党总支", "龙河社区", nil, nil, "2016-05"},
		{"测试支部", "社区党支部", "龙河社区", "测试党总支", nil, nil},
		{"测试小组", "党小组", "龙河社区", "测试支部", nil, nil},
	})
	res, err := Import(st, Orgs, path, nil)
	if err != nil || res.Added != 3 {
		t.Fatalf("%+v %v", res, err)
	}
	orgs, _ := st.Orgs(0)
	parent := map[string]string{}
	for _, o := range orgs {
		parent[o.Name] = o.ParentName
	}
	if parent["测试支部"] != "测试党总支" || parent["测试小组"] != "测试支部" {
		t.Errorf("parents %v", parent)
	}
	// Re-import: unchanged.
	if res, err := Import(st, Orgs, path, nil); err != nil || res.Unchanged != 3 {
		t.Fatalf("re-import %+v %v", res, err)
	}
	// A child before its parent is fine (the parent is written first).
	writeBook(t, path, [][]any{
		{"组织名称", "类型", "所属社区", "上级组织"},
		{"小组甲", "党小组", "龙河社区", "后来支部"},
		{"后来支部", "社区党支部", "龙河社区", "更后来的总支"},
		{"更后来的总支", "社区党总支", "龙河社区", nil},
	})
	if res, err := Import(st, Orgs, path, nil); err != nil || res.Added != 3 {
		t.Fatalf("child before parent: %+v %v", res, err)
	}
	// A parent nowhere, a group under a group, a branch of a compound without a compound, a cycle.
	writeBook(t, path, [][]any{
		{"组织名称", "类型", "所属社区", "上级组织", "所在小区"},
		{"孤儿小组", "党小组", "龙河社区", "没有的支部", nil},
		{"好支部", "社区党支部", "龙河社区", "测试党总支", nil},
		{"小组下的小组", "党小组", "龙河社区", "测试小组", nil},
		{"无小区支部", "小区党支部", "龙河社区", nil, nil},
		{"循环甲", "社区党支部", "龙河社区", "循环乙", nil},
		{"循环乙", "社区党支部", "龙河社区", "循环甲", nil},
	})
	_, err = Import(st, Orgs, path, nil)
	ie := importErr(t, err)
	rows := map[int]string{}
	for _, p := range ie.Problems {
		rows[p.Row] += p.Column + ":" + p.Reason + ";"
	}
	if !strings.Contains(rows[2], "上级组织:没有这个组织") || !strings.Contains(rows[4], "党小组下不能再设组织") ||
		!strings.Contains(rows[5], "所在小区") || rows[3] != "" ||
		!strings.Contains(rows[6], "第 7 行") || !strings.Contains(rows[6], "循环") || !strings.Contains(rows[7], "第 6 行") {
		t.Errorf("%v", ie)
	}
	for i := 1; i < len(ie.Problems); i++ {
		if ie.Problems[i].Row < ie.Problems[i-1].Row {
			t.Errorf("problems out of order: %v", ie)
		}
	}
}

func TestTemplate(t *testing.T) {
	for _, kind := range Kinds {
		path := filepath.Join(t.TempDir(), "t.xlsx")
		if err := Template(kind, path); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if list := f.GetSheetList(); len(list) != 2 || list[0] != kind.Label() {
			t.Errorf("sheets %v", list)
		}
		rows, _ := f.GetRows(kind.Label())
		f.Close()
		if len(rows) != 1 || !reflect.DeepEqual(rows[0], Headers(kind)) {
			t.Errorf("%s template rows %v", kind, rows)
		}
		// An empty template imports as nothing.
		res, err := Import(newStore(t), kind, path, nil)
		if err != nil || res.Added+res.Updated+res.Unchanged != 0 {
			t.Errorf("%s: %+v %v", kind, res, err)
		}
	}
}

func TestNotAnXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.xlsx")
	writeBook(t, path, nil)
	if err := os.WriteFile(path, []byte("PK? not really"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Import(newStore(t), Communities, path, nil)
	if err == nil || !strings.Contains(err.Error(), ".xlsx") {
		t.Errorf("%v", err)
	}
}

func TestRecycledRecordByUUID(t *testing.T) {
	st := demoStore(t)
	path := filepath.Join(t.TempDir(), "c.xlsx")
	exportKind(t, st, Compounds, path)
	comps, _ := st.Compounds(0)
	var victim data.Compound
	for _, c := range comps {
		if deps, _ := st.Dependents(data.EntityCompound, c.ID); len(deps) == 0 {
			victim = c
			break
		}
	}
	if err := st.Delete(data.EntityCompound, victim.ID); err != nil {
		t.Fatal(err)
	}
	_, err := Import(st, Compounds, path, nil)
	ie := importErr(t, err)
	if len(ie.Problems) != 1 || ie.Problems[0].Column != "UUID" || ie.Problems[0].Value != victim.UUID ||
		!strings.Contains(ie.Problems[0].Reason, "回收站") {
		t.Errorf("%v", ie)
	}
}

// TestLibreOfficeResave opens each export in LibreOffice, saves it again as
// .xlsx (as a clerk's office suite would, with its own styles and shared
// strings) and imports it: nothing changes.
func TestLibreOfficeResave(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil || testing.Short() {
		t.Skip("soffice not installed, or -short")
	}
	st := demoStore(t)
	dir, out := t.TempDir(), t.TempDir()
	var files []string
	counts := map[Kind]int{}
	for _, kind := range Kinds {
		path := filepath.Join(dir, string(kind)+".xlsx")
		counts[kind] = exportKind(t, st, kind, path)
		files = append(files, path)
	}
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(t.TempDir(), "profile"),
		"--headless", "--convert-to", "xlsx", "--outdir", out}, files...)
	if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, kind := range Kinds {
		res, err := Import(st, kind, filepath.Join(out, string(kind)+".xlsx"), nil)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if res.Unchanged != counts[kind] || res.Added+res.Updated != 0 {
			t.Errorf("%s resaved by LibreOffice: %+v", kind, res)
		}
	}
}

package sheet

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

// The report read back has the same numbers as the figures: numeric cells, the
// 合计 row as values (no formula), approximate ones shown with 余, and the
// 说明 sheet defines every column.
func TestStatsWorkbookReadsBack(t *testing.T) {
	st := demoStore(t)
	c, _ := st.Communities()
	c[0].Households = data.About(36000)
	if err := st.SaveCommunity(&c[0]); err != nil {
		t.Fatal(err)
	}
	s, err := st.Stats(st.Now())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteStats(&buf, "华阳街道统计报表", s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := append(append([]data.StatsRow{}, s.Rows...), s.Total)
	for i, r := range rows {
		name, _ := f.GetCellValue(StatsSheet, "A"+strconv.Itoa(i+3))
		if name != r.Community {
			t.Fatalf("row %d names %q, want %q", i+3, name, r.Community)
		}
		for j, fig := range r.Values {
			cell, _ := excelize.CoordinatesToCellName(j+2, i+3)
			raw, _ := f.GetCellValue(StatsSheet, cell, excelize.Options{RawCellValue: true})
			if raw != strconv.FormatInt(fig.N, 10) {
				t.Errorf("%s %s = %q, want %d", r.Community, s.Keys[j], raw, fig.N)
			}
			if typ, _ := f.GetCellType(StatsSheet, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
				t.Errorf("%s is text", cell)
			}
			if formula, _ := f.GetCellFormula(StatsSheet, cell); formula != "" {
				t.Errorf("%s is a formula: %s", cell, formula)
			}
			shown, _ := f.GetCellValue(StatsSheet, cell)
			if fig.Approx && shown != fig.String() {
				t.Errorf("%s shows %q, want %q", cell, shown, fig.String())
			}
		}
	}
	hh, _ := f.GetCellValue(StatsSheet, "B"+strconv.Itoa(len(rows)+2))
	if hh == "" || hh[len(hh)-len("余"):] != "余" {
		t.Errorf("合计 households shows %q, not marked approximate", hh)
	}
	defs, _ := f.GetRows(NotesSheet)
	if len(defs) < len(s.Keys)+1 {
		t.Fatalf("说明 has %d rows for %d columns", len(defs), len(s.Keys))
	}
	for i, c := range data.StatsColumns() {
		if defs[i+1][0] != c.Title || len(defs[i+1]) < 2 || defs[i+1][1] == "" {
			t.Errorf("说明 row %d = %v, want %s with its definition", i+2, defs[i+1], c.Title)
		}
	}
}

// A comparison's workbook has, per community and figure, both values and the change.
func TestComparisonWorkbookShowsChanges(t *testing.T) {
	st := demoStore(t)
	before, _ := st.Stats(st.Now())
	cs, _ := st.Communities()
	if err := st.SaveCompound(&data.Compound{CommunityID: cs[0].ID, Name: "新建小区"}); err != nil {
		t.Fatal(err)
	}
	after, _ := st.Stats(st.Now())
	cmp := data.CompareStats("去年", before, "今天", after)
	var buf bytes.Buffer
	if err := WriteComparison(&buf, "对比", cmp); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(CompareSheet, excelize.Options{RawCellValue: true})
	var found bool
	for _, r := range rows[2:] {
		if len(r) == 5 && r[0] == cs[0].Name && r[1] == "小区数" {
			a, _ := strconv.Atoi(r[2])
			b, _ := strconv.Atoi(r[3])
			found = b == a+1 && r[4] == "1"
		}
	}
	if !found {
		t.Errorf("the new compound is not in the comparison: %v", rows[:5])
	}
}

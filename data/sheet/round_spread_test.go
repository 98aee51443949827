package sheet

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

// export round's summary has each nomination's 分差, 标准差 and flags, the
// same as the ranking view's; a low threshold flags the spread.
func TestExportRoundSpreadColumns(t *testing.T) {
	st := demoStore(t)
	r := demoRound(t, st, 2021)
	if err := st.SavePanelSettings(data.PanelSettings{RoundID: r.ID, Threshold: "0.5"}); err != nil {
		t.Fatal(err)
	}
	dis, err := st.Disagreements(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if _, err := ExportRound(st, r.ID, nil, path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sum, _ := f.GetRows(RoundSummarySheet)
	col := map[string]int{}
	for i, h := range sum[0] {
		col[h] = i
	}
	noms, _ := st.Nominations(r.ID, data.NominationFilter{})
	byName := map[string]data.Disagreement{}
	for _, n := range noms {
		byName[n.NomineeName] = dis[n.ID]
	}
	flagged := 0
	for _, row := range sum[1:] {
		cell := func(h string) string {
			if i, ok := col[h]; ok && i < len(row) {
				return row[i]
			}
			return ""
		}
		d := byName[cell("申报对象")]
		if d.Spread.N < 2 {
			continue
		}
		if cell("分差") != d.Spread.Range.String() || cell("标准差") != d.Spread.SDDisplay {
			t.Errorf("%s: 分差 %q 标准差 %q, want %s and %s", cell("申报对象"), cell("分差"), cell("标准差"), d.Spread.Range, d.Spread.SDDisplay)
		}
		if d.Flagged() {
			flagged++
			if !strings.Contains(cell("评分分歧"), "超过 0.5") {
				t.Errorf("%s: 评分分歧 %q", cell("申报对象"), cell("评分分歧"))
			}
		}
	}
	if flagged == 0 {
		t.Error("no nomination flagged with a threshold of 0.5")
	}
}

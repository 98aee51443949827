package ui

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestOverviewSummaryExport: 各社区概况 has 导出 Excel…, which asks where to
// save, and the export holds one line per community with the store's
// figures, then the 合计 line.
func TestOverviewSummaryExport(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	openScreen(t, a, "概览")
	p := a.current.page.(*overviewPage)
	a.Wait()
	p.tabs.SelectIndex(1)
	overlays := len(a.Window().Canvas().Overlays().List())
	tapButton(t, a, "导出 Excel…")
	if len(a.Window().Canvas().Overlays().List()) <= overlays {
		t.Fatal("导出 Excel… showed no save dialog")
	}
	dismissDialogs(a)

	want, err := st.CommunityOverview(a.Today())
	if err != nil || len(want) == 0 {
		t.Fatalf("%d communities (%v)", len(want), err)
	}
	path := filepath.Join(t.TempDir(), "overview.xlsx")
	p.exportSummaryTo(path)
	a.Wait()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("各社区概况")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want)+2 {
		t.Fatalf("%d lines exported, want %d communities, a header and 合计", len(rows), len(want))
	}
	xs := 0
	for i, c := range want {
		r := rows[i+1]
		if len(r) < 7 || r[0] != c.Community.Name || r[4] != fmt.Sprint(c.Compounds) || r[5] != fmt.Sprint(c.Orgs) {
			t.Errorf("line %d = %v, want %s with %d compounds, %d organisations", i+2, r, c.Community.Name, c.Compounds, c.Orgs)
		}
		xs += c.Compounds
	}
	if total := rows[len(rows)-1]; total[4] != fmt.Sprint(xs) {
		t.Errorf("合计 line %v, want %d compounds", total, xs)
	}
}

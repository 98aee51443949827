package sheet

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

// readBack reads every row of the first sheet of path with excelize.
func readBack(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetName(0); got != sheet {
		t.Errorf("%s: first sheet %q, want %q", filepath.Base(path), got, sheet)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func rowCell(row []string, j int) string {
	if j < len(row) {
		return row[j]
	}
	return ""
}

func TestExportOverviewWithTotal(t *testing.T) {
	st := demoStore(t)
	// One community's households approximate, so the total must say 约.
	cs, err := st.Communities()
	if err != nil {
		t.Fatal(err)
	}
	c := cs[0]
	c.Households = data.About(1000)
	if err := st.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	figs, err := st.CommunityOverview(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "overview.xlsx")
	if err := ExportOverview(path, figs); err != nil {
		t.Fatal(err)
	}
	rows := readBack(t, path, "各社区概况")
	if len(rows) != len(figs)+2 || strings.Join(rows[0], ",") != strings.Join(OverviewHeaders, ",") {
		t.Fatalf("rows %d (want %d), header %v", len(rows), len(figs)+2, rows[0])
	}
	var sumHH, sumPop int64
	var sumX, sumO int
	for i, f := range figs {
		r := rows[i+1]
		if r[0] != f.Community.Name || rowCell(r, 2) != f.Community.Households.String() ||
			rowCell(r, 4) != strconv.Itoa(f.Compounds) || rowCell(r, 5) != strconv.Itoa(f.Orgs) {
			t.Errorf("row %d = %v, want %s %s %d %d", i+2, r, f.Community.Name, f.Community.Households, f.Compounds, f.Orgs)
		}
		sumHH += f.Community.Households.N
		sumPop += f.Community.Population.N
		sumX += f.Compounds
		sumO += f.Orgs
	}
	total := rows[len(rows)-1]
	if total[0] != TotalLabel {
		t.Fatalf("last row %v is not the 合计 line", total)
	}
	if got, want := rowCell(total, 2), fmt.Sprintf("约%d", sumHH); got != want {
		t.Errorf("households total %q, want %q (one community approximate)", got, want)
	}
	if got, want := rowCell(total, 3), fmt.Sprintf("约%d", sumPop); got != want {
		t.Errorf("population total %q, want %q", got, want)
	}
	if rowCell(total, 4) != strconv.Itoa(sumX) || rowCell(total, 5) != strconv.Itoa(sumO) {
		t.Errorf("counted totals %v, want %d compounds, %d orgs", total, sumX, sumO)
	}
	if !strings.Contains(rowCell(total, 7), "约") {
		t.Errorf("the 合计 line does not explain its approximate sums: %v", total)
	}
}

func TestSumCountsExactStaysNumber(t *testing.T) {
	got := data.SumCounts(data.Exact(3), data.Count{}, data.Exact(4))
	if got != data.Exact(7) || totalCell(got) != int64(7) {
		t.Errorf("3 + unknown + 4 = %+v (%v), want exact 7", got, totalCell(got))
	}
	if got := data.SumCounts(data.Exact(3), data.About(10)); !got.Approx || data.TotalText(got) != "约13" {
		t.Errorf("3 + 10余 = %+v %q, want approximate 约13", got, data.TotalText(got))
	}
}

func TestExportAuditFiltered(t *testing.T) {
	st := demoStore(t)
	cs, err := st.Communities()
	if err != nil {
		t.Fatal(err)
	}
	st.Operator = "王五"
	c := cs[1]
	c.Notes = "导出测试"
	if err := st.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	rows, err := st.AuditLog(data.AuditFilter{Operator: "王五"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("%d audit rows by 王五, want 1", len(rows))
	}
	path := filepath.Join(t.TempDir(), "audit.xlsx")
	if err := ExportAudit(path, rows); err != nil {
		t.Fatal(err)
	}
	got := readBack(t, path, "操作记录")
	if len(got) != 2 {
		t.Fatalf("%d rows, want header + 1", len(got))
	}
	r := got[1]
	if r[0] != rows[0].At || r[1] != "王五" || r[2] != "社区" || r[3] != c.Name || r[4] != "修改" ||
		!strings.Contains(r[5], "导出测试") {
		t.Errorf("audit row %v does not match %+v", r, rows[0])
	}
}

func TestExportObjectionsAndRecycle(t *testing.T) {
	st := demoStore(t)
	rounds, err := st.Rounds()
	if err != nil {
		t.Fatal(err)
	}
	var objs []data.Objection
	for _, r := range rounds {
		if objs, err = st.Objections(r.ID); err != nil {
			t.Fatal(err)
		} else if len(objs) > 0 {
			break
		}
	}
	if len(objs) == 0 {
		t.Fatal("the demo has no objection")
	}
	path := filepath.Join(t.TempDir(), "objections.xlsx")
	if err := ExportObjections(path, objs); err != nil {
		t.Fatal(err)
	}
	got := readBack(t, path, "异议登记")
	if len(got) != len(objs)+1 {
		t.Fatalf("%d rows, want %d", len(got), len(objs)+1)
	}
	for i, o := range objs {
		r := got[i+1]
		if r[1] != o.NomineeName || r[2] != o.Received.String() || r[3] != o.Channel ||
			rowCell(r, 8) != data.OutcomeLabel(o.Outcome) || rowCell(r, 6) != o.Content {
			t.Errorf("objection row %v does not match %+v", r, o)
		}
	}

	xs, err := st.Compounds(0)
	if err != nil {
		t.Fatal(err)
	}
	var gone data.Compound
	for _, x := range xs {
		if err := st.Delete(data.EntityCompound, x.ID); err == nil {
			gone = x
			break
		}
	}
	if gone.ID == 0 {
		t.Fatal("no compound could be deleted")
	}
	bin, err := st.RecycleBin()
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "recycle.xlsx")
	if err := ExportRecycle(path, bin); err != nil {
		t.Fatal(err)
	}
	got = readBack(t, path, "回收站")
	if len(got) != len(bin)+1 || len(bin) == 0 {
		t.Fatalf("%d rows for %d deleted", len(got), len(bin))
	}
	if r := got[1]; r[0] != "小区" || r[1] != gone.Name || r[2] != gone.CommunityName || r[3] != bin[0].DeletedAt {
		t.Errorf("recycle row %v, want 小区 %s %s %s", r, gone.Name, gone.CommunityName, bin[0].DeletedAt)
	}
}

// An exported list of compounds ends with a 合计 line summing each counting
// column (an approximate count makes the sum 约N), and importing the file again
// changes nothing: the 合计 line is not taken for a record.
func TestListExportEndsWithTotalAndReimports(t *testing.T) {
	st := newStore(t)
	if err := data.LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	xs, err := st.Compounds(0)
	if err != nil {
		t.Fatal(err)
	}
	var households data.Count
	for _, x := range xs {
		households = data.SumCounts(households, x.Households)
	}
	path := filepath.Join(t.TempDir(), "小区.xlsx")
	if err := ExportCompounds(path, xs); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	f.Close()
	last := rows[len(rows)-1]
	col := -1
	for j, h := range rows[0] {
		if h == "户数" {
			col = j
		}
	}
	if len(rows)-2 != len(xs) || last[0] != TotalLabel || col < 0 || rowCell(last, col) != data.TotalText(households) {
		t.Fatalf("last row %v (户数 column %d), want 合计 with %s after %d records", last, col, data.TotalText(households), len(xs))
	}
	res, err := Import(st, Compounds, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 0 || res.Updated != 0 {
		t.Errorf("re-importing the export added %d and updated %d records", res.Added, res.Updated)
	}
}

package sheet

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

// demoRound finds the demo round of year.
func demoRound(t *testing.T, st *data.Store, year int) data.Round {
	t.Helper()
	rs, err := st.Rounds()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Year == year {
			return r
		}
	}
	t.Fatalf("no %d round", year)
	return data.Round{}
}

// findRow is the row number (1-based) of the score sheet row for nominee and reviewer.
func findRow(t *testing.T, f *excelize.File, nominee, reviewer string) int {
	t.Helper()
	rows, err := f.GetRows(RoundScoreSheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 4 && r[2] == nominee && r[4] == reviewer {
			return i + 1
		}
	}
	t.Fatalf("no row for %s / %s", nominee, reviewer)
	return 0
}

func TestExportRoundLayout(t *testing.T) {
	st := demoStore(t)
	r := demoRound(t, st, 2021)
	path := filepath.Join(t.TempDir(), "r.xlsx")
	n, err := ExportRound(st, r.ID, nil, path)
	if err != nil {
		t.Fatal(err)
	}
	noms, _ := st.Nominations(r.ID, data.NominationFilter{})
	if n != len(noms) {
		t.Fatalf("exported %d, want %d", n, len(noms))
	}
	assertColsAscending(t, path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sum, _ := f.GetRows(RoundSummarySheet)
	head := strings.Join(sum[0], "|")
	for _, h := range []string{"申报对象", "最终得分", "名次", "证书编号", "UUID"} {
		if !strings.Contains(head, h) {
			t.Errorf("summary header lacks %s: %s", h, head)
		}
	}
	rk, _ := st.Ranking(r.ID)
	want := map[string]string{}
	for _, c := range rk {
		for _, row := range c.Rows {
			want[row.NomineeName] = fmt.Sprintf("%s|%d", row.Result.Display, row.Rank)
		}
	}
	col := map[string]int{}
	for i, h := range sum[0] {
		col[h] = i
	}
	for _, row := range sum[1:] {
		name := row[col["申报对象"]]
		got := row[col["最终得分"]] + "|" + row[col["名次"]]
		if got != want[name] {
			t.Errorf("%s: %q, want %q", name, got, want[name])
		}
		if name == "滨江社区" && row[col["证书编号"]] != "2021-SQ-001" {
			t.Errorf("滨江社区 certificate %q", row[col["证书编号"]])
		}
	}
	scores, _ := f.GetRows(RoundScoreSheet)
	revs, _ := st.Reviewers(r.ID)
	if len(scores)-1 != len(noms)*len(revs) {
		t.Errorf("%d score rows, want %d", len(scores)-1, len(noms)*len(revs))
	}
	// Only the ticked ones.
	n, err = ExportRound(st, r.ID, []int64{noms[0].ID}, path)
	if err != nil || n != 1 {
		t.Fatalf("export of one: %d, %v", n, err)
	}
}

func TestImportRoundScores(t *testing.T) {
	st := demoStore(t)
	r := demoRound(t, st, 2022)
	dir := t.TempDir()
	path := filepath.Join(dir, "scores.xlsx")
	if _, err := ExportRound(st, r.ID, nil, path); err != nil {
		t.Fatal(err)
	}
	// Re-import as exported: nothing changes.
	res, err := ImportRoundScores(st, r.ID, path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 0 || res.Updated != 0 || res.Unchanged == 0 || res.Skipped == 0 {
		t.Fatalf("re-import: %+v", res)
	}
	owedBefore, _ := st.Owed(r.ID)
	revs, _ := st.Reviewers(r.ID)
	var rev data.Reviewer
	var owedNom data.Nomination
	for _, v := range revs {
		if len(owedBefore[v.ID]) > 0 {
			rev, owedNom = v, owedBefore[v.ID][0]
			break
		}
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	row := findRow(t, f, owedNom.NomineeName, rev.Name)
	// Fill the owed sheet, with one score above its maximum and a bad veto.
	for i, c := range r.Criteria {
		cell, _ := excelize.CoordinatesToCellName(6+i, row)
		v := c.Max.String()
		if i == 0 {
			v = "99"
		}
		f.SetCellValue(RoundScoreSheet, cell, v)
	}
	vetoCell, _ := excelize.CoordinatesToCellName(6+len(r.Criteria)+1, row)
	f.SetCellValue(RoundScoreSheet, vetoCell, "也许")
	bad := filepath.Join(dir, "bad.xlsx")
	if err := f.SaveAs(bad); err != nil {
		t.Fatal(err)
	}
	before, _ := st.ScoreSheets(r.ID)
	_, err = ImportRoundScores(st, r.ID, bad)
	var ie *ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 2 {
		t.Fatalf("bad file: %v", err)
	}
	for _, p := range ie.Problems {
		if p.Row != row {
			t.Errorf("problem on row %d, want %d: %s", p.Row, row, p)
		}
	}
	if !strings.Contains(ie.Problems[0].Column, r.Criteria[0].Name) || !strings.Contains(ie.Problems[0].Reason, "超过满分") {
		t.Errorf("first problem: %s", ie.Problems[0])
	}
	after, _ := st.ScoreSheets(r.ID)
	if len(after) != len(before) {
		t.Fatal("a refused import wrote sheets")
	}
	// Corrected: the sheet is added.
	first, _ := excelize.CoordinatesToCellName(6, row)
	f.SetCellValue(RoundScoreSheet, first, r.Criteria[0].Max.String())
	f.SetCellValue(RoundScoreSheet, vetoCell, "否")
	good := filepath.Join(dir, "good.xlsx")
	if err := f.SaveAs(good); err != nil {
		t.Fatal(err)
	}
	res, err = ImportRoundScores(st, r.ID, good)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || res.Updated != 0 {
		t.Fatalf("good file: %+v", res)
	}
	owedAfter, _ := st.Owed(r.ID)
	if len(owedAfter[rev.ID]) != len(owedBefore[rev.ID])-1 {
		t.Fatalf("owed %d → %d", len(owedBefore[rev.ID]), len(owedAfter[rev.ID]))
	}
}

func TestImportScoresRecusedRefused(t *testing.T) {
	st := demoStore(t)
	r := demoRound(t, st, 2022)
	path := filepath.Join(t.TempDir(), "s.xlsx")
	if _, err := ExportRound(st, r.ID, nil, path); err != nil {
		t.Fatal(err)
	}
	cs, _ := st.Conflicts(r.ID)
	if len(cs) == 0 {
		t.Fatal("demo 2022 round has no conflict")
	}
	f, _ := excelize.OpenFile(path)
	// A compound of 滨江社区, scored by the recused reviewer.
	row := findRow(t, f, "滨河安置小区", cs[0].ReviewerName)
	for i, c := range r.Criteria {
		cell, _ := excelize.CoordinatesToCellName(6+i, row)
		f.SetCellValue(RoundScoreSheet, cell, c.Max.String())
	}
	f.SaveAs(path)
	_, err := ImportRoundScores(st, r.ID, path)
	if err == nil || !strings.Contains(err.Error(), "回避") {
		t.Fatalf("recused score imported: %v", err)
	}
}

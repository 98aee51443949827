package sheet

// Export of a selection round (a summary sheet and the per-reviewer score
// sheets) and import of score sheets typed elsewhere.

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
	"jiayuan/data/score"
)

// Sheet names and fixed headers of a round's workbook.
const (
	RoundSummarySheet = "汇总"
	RoundScoreSheet   = "评分"

	ScoreHeaderID       = "申报编号"
	ScoreHeaderCategory = "类别"
	ScoreHeaderNominee  = "申报对象"
	ScoreHeaderCommune  = "所属社区"
	ScoreHeaderReviewer = "评审"
	ScoreHeaderBonus    = "加分"
	ScoreHeaderVeto     = "一票否决"
	ScoreHeaderTotal    = "合计"
	ScoreHeaderNote     = "备注"
)

// scoreCriterionHeader is a criterion's column header: 党建引领（20）.
func scoreCriterionHeader(c data.Criterion) string { return fmt.Sprintf("%s（%s）", c.Name, c.Max) }

// ExportRound writes a round to an .xlsx file: the summary (every
// nomination with each reviewer's total, the final score, rank, quota line,
// state and certificate number) and the score sheets (one row per
// nomination and reviewer, per-criterion scores). With ids, only those
// nominations. It returns the number of nominations written.
func ExportRound(st *data.Store, roundID int64, ids []int64, path string) (n int, err error) {
	r, err := st.Round(roundID)
	if err != nil {
		return 0, err
	}
	revs, err := st.Reviewers(roundID)
	if err != nil {
		return 0, err
	}
	rk, err := st.Ranking(roundID)
	if err != nil {
		return 0, err
	}
	dis, err := st.Disagreements(roundID)
	if err != nil {
		return 0, err
	}
	all, err := st.Nominations(roundID, data.NominationFilter{})
	if err != nil {
		return 0, err
	}
	certs, err := st.Certificates(roundID)
	if err != nil {
		return 0, err
	}
	want := map[int64]bool{}
	for _, id := range ids {
		want[id] = true
	}
	cert := map[int64]string{}
	for _, c := range certs {
		if c.RevokedAt == "" {
			cert[c.NominationID] = c.Number
		} else if cert[c.NominationID] == "" {
			cert[c.NominationID] = c.Number + "（已撤销）"
		}
	}
	rows := map[int64]data.RankRow{}
	for _, c := range rk {
		for _, row := range c.Rows {
			rows[row.ID] = row
		}
	}
	all = rankOrder(rk, all)
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	if err := f.SetSheetName("Sheet1", RoundSummarySheet); err != nil {
		return 0, fmt.Errorf("无法建立工作表：%w", err)
	}
	if _, err := f.NewSheet(RoundScoreSheet); err != nil {
		return 0, fmt.Errorf("无法建立工作表：%w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return 0, fmt.Errorf("无法建立样式：%w", err)
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return 0, fmt.Errorf("无法建立样式：%w", err)
	}
	two, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	if err != nil {
		return 0, fmt.Errorf("无法建立样式：%w", err)
	}
	str := func(s string) any {
		if s == "" {
			return nil
		}
		return excelize.Cell{StyleID: text, Value: s}
	}
	num := func(d score.Decimal) any {
		v, _ := strconv.ParseFloat(d.String(), 64)
		return v
	}
	// Summary.
	hs := []string{ScoreHeaderID, ScoreHeaderCategory, ScoreHeaderNominee, ScoreHeaderCommune, "状态"}
	for _, v := range revs {
		hs = append(hs, v.Name)
	}
	hs = append(hs, "计入均分的评分数", "最终得分", "名次", "名额线", "分差", "标准差", "评分分歧", "证书编号", "UUID")
	summaryHead := hs
	var summary [][]any
	for _, nm := range all {
		if len(want) > 0 && !want[nm.ID] {
			continue
		}
		n++
		row := rows[nm.ID]
		vals := []any{nm.ID, str(nm.CategoryName), str(nm.NomineeName), str(nm.CommunityName), str(nm.State.Label())}
		for i := range revs {
			var cell any
			if i < len(row.Reviewers) {
				rt := row.Reviewers[i]
				switch {
				case rt.Recused:
					cell = str("回避")
				case rt.Scored && rt.Sheet.Veto:
					cell = str(rt.Total.String() + "（否决）")
				case rt.Scored:
					cell = num(rt.Total)
				}
			}
			vals = append(vals, cell)
		}
		var final, rank, quota any
		if row.Result.Exact != nil {
			v, _ := strconv.ParseFloat(row.Result.Display, 64)
			final = excelize.Cell{StyleID: two, Value: v}
		}
		if row.Rank > 0 {
			rank = row.Rank
		}
		switch {
		case row.Vetoed():
			quota = str("一票否决")
		case row.TieAtLine:
			quota = str("名额线上并列")
		case row.WithinQuota:
			quota = str("名额内")
		}
		var count any
		if row.Result.Count > 0 {
			count = row.Result.Count
		}
		vals = append(vals, count, final, rank, quota)
		vals = append(vals, spreadCells(dis[nm.ID], num, str, two)...)
		vals = append(vals, str(cert[nm.ID]), str(nm.UUID))
		summary = append(summary, vals)
	}
	if err := writeRoundSheet(f, RoundSummarySheet, summaryHead, summary, bold); err != nil {
		return 0, err
	}

	// Score sheets: one row per nomination and reviewer.
	hs = []string{ScoreHeaderID, ScoreHeaderCategory, ScoreHeaderNominee, ScoreHeaderCommune, ScoreHeaderReviewer}
	for _, c := range r.Criteria {
		hs = append(hs, scoreCriterionHeader(c))
	}
	hs = append(hs, ScoreHeaderBonus, ScoreHeaderVeto, ScoreHeaderTotal, ScoreHeaderNote)
	var scores [][]any
	for _, nm := range all {
		if len(want) > 0 && !want[nm.ID] {
			continue
		}
		row, ranked := rows[nm.ID]
		if !ranked {
			continue // not in review yet
		}
		for _, rt := range row.Reviewers {
			vals := []any{nm.ID, str(nm.CategoryName), str(nm.NomineeName), str(nm.CommunityName), str(rt.Reviewer.Name)}
			switch {
			case rt.Recused:
				for range r.Criteria {
					vals = append(vals, nil)
				}
				vals = append(vals, nil, nil, nil, str("回避"))
			case rt.Scored:
				for _, c := range r.Criteria {
					vals = append(vals, num(rt.Sheet.Scores[c.ID]))
				}
				veto := "否"
				if rt.Sheet.Veto {
					veto = "是"
				}
				vals = append(vals, num(rt.Sheet.Bonus), str(veto), num(rt.Total), str(rt.Sheet.Note))
			default:
				for range r.Criteria {
					vals = append(vals, nil)
				}
				vals = append(vals, nil, nil, nil, str("未评分"))
			}
			scores = append(scores, vals)
		}
	}
	if err := writeRoundSheet(f, RoundScoreSheet, hs, scores, bold); err != nil {
		return 0, err
	}
	if _, err := st.WriteOutput(path, func(w io.Writer) error { return f.Write(w) }); err != nil {
		return 0, err
	}
	return n, nil
}

// writeRoundSheet streams a sheet: bold frozen headers, then the rows.
func writeRoundSheet(f *excelize.File, name string, headers []string, rows [][]any, bold int) error {
	widths := make([]int, len(headers))
	for j, h := range headers {
		w := displayWidth(h) + 2
		for _, r := range rows {
			if c, ok := r[j].(excelize.Cell); ok {
				if x := displayWidth(fmt.Sprint(c.Value)) + 2; x > w {
					w = x
				}
			}
		}
		widths[j] = max(10, min(w, 40))
	}
	return writeTable(f, name, headers, rows, widths, bold)
}

// ScoreImportResult counts an import of score sheets.
type ScoreImportResult struct {
	Sheet                     string
	Added, Updated, Unchanged int
	Skipped                   int // rows left blank (未评分) or marked 回避
}

// ImportRoundScores reads score sheets typed elsewhere (the 评分 sheet of
// ExportRound's layout, or any sheet with its headers) into the round.
// Rows are matched to a nomination by 申报编号, else by 申报对象 (and 类别
// when a name is in two categories), and to a reviewer by name. A row with
// every score blank is skipped. Every row is checked first; on any problem
// nothing is written and the error is an *ImportError listing them all.
func ImportRoundScores(st *data.Store, roundID int64, path string) (*ScoreImportResult, error) {
	r, err := st.Round(roundID)
	if err != nil {
		return nil, err
	}
	wb, err := readXLSX(path, RoundScoreSheet)
	if err != nil {
		return nil, err
	}
	res := &ScoreImportResult{Sheet: wb.sheetName}
	revs, err := st.Reviewers(roundID)
	if err != nil {
		return nil, err
	}
	noms, err := st.Nominations(roundID, data.NominationFilter{})
	if err != nil {
		return nil, err
	}
	existing, err := st.ScoreSheets(roundID)
	if err != nil {
		return nil, err
	}
	old := map[[2]int64]data.ScoreSheet{}
	for _, sh := range existing {
		old[[2]int64{sh.NominationID, sh.ReviewerID}] = sh
	}

	// Header row: the first with 评审 and 申报对象 or 申报编号.
	hi := -1
	col := map[string]int{}
	for i, row := range wb.rows {
		m := map[string]int{}
		for j, c := range row.cells {
			h := normHeader(c.text)
			if h != "" {
				if _, dup := m[h]; !dup {
					m[h] = j
				}
			}
		}
		_, hasRev := m[normHeader(ScoreHeaderReviewer)]
		_, hasName := m[normHeader(ScoreHeaderNominee)]
		_, hasID := m[normHeader(ScoreHeaderID)]
		if hasRev && (hasName || hasID) {
			hi, col = i, m
			break
		}
		if i > 20 {
			break
		}
	}
	if hi < 0 {
		return res, newImportError(wb.sheetName, []Problem{{Reason: fmt.Sprintf("找不到表头：须有“%s”列和“%s”（或“%s”）列", ScoreHeaderReviewer, ScoreHeaderNominee, ScoreHeaderID)}})
	}
	var problems []Problem
	critCol := make([]int, len(r.Criteria))
	for i, c := range r.Criteria {
		critCol[i] = -1
		for _, h := range []string{scoreCriterionHeader(c), c.Name} {
			if j, ok := col[normHeader(h)]; ok {
				critCol[i] = j
				break
			}
		}
		if critCol[i] < 0 {
			// A header with another maximum or none: 党建引领(满分20).
			for h, j := range col {
				if baseHeader(h) == normHeader(c.Name) {
					critCol[i] = j
				}
			}
		}
		if critCol[i] < 0 {
			problems = append(problems, Problem{Row: wb.rows[hi].num, Column: scoreCriterionHeader(c), Reason: "缺少这一评分标准的列"})
		}
	}
	get := func(row sheetRow, header string) string {
		j, ok := col[normHeader(header)]
		if !ok || j >= len(row.cells) {
			return ""
		}
		return strings.TrimSpace(row.cells[j].text)
	}
	cellAt := func(row sheetRow, j int) string {
		if j < 0 || j >= len(row.cells) {
			return ""
		}
		return strings.TrimSpace(row.cells[j].text)
	}
	problems = append(problems, unreadCells(wb, hi, col)...)
	seen := map[[2]int64]int{}
	var sheets []*data.ScoreSheet
	for _, row := range wb.rows[hi+1:] {
		add := func(column, value, reason string) {
			problems = append(problems, Problem{Row: row.num, Column: column, Value: value, Reason: reason})
		}
		if hasFormula(row, col) {
			continue // reported by unreadCells
		}
		blank := true
		for _, j := range critCol {
			if cellAt(row, j) != "" {
				blank = false
			}
		}
		if get(row, ScoreHeaderBonus) != "" || get(row, ScoreHeaderVeto) == "是" {
			blank = false
		}
		if blank {
			if get(row, ScoreHeaderNominee) != "" || get(row, ScoreHeaderReviewer) != "" {
				res.Skipped++
			}
			continue
		}
		// The nomination.
		var nom *data.Nomination
		if s := get(row, ScoreHeaderID); s != "" {
			id, err := strconv.ParseInt(strings.TrimSuffix(s, ".0"), 10, 64)
			for i := range noms {
				if err == nil && noms[i].ID == id {
					nom = &noms[i]
				}
			}
			if nom == nil {
				add(ScoreHeaderID, s, "这次评选活动中没有这个申报编号")
				continue
			}
		} else {
			name, cat := get(row, ScoreHeaderNominee), get(row, ScoreHeaderCategory)
			var found []*data.Nomination
			for i := range noms {
				if noms[i].NomineeName == name && noms[i].State != data.StateWithdrawn && (cat == "" || noms[i].CategoryName == cat) {
					found = append(found, &noms[i])
				}
			}
			switch len(found) {
			case 0:
				add(ScoreHeaderNominee, name, "这次评选活动中没有这个申报对象")
				continue
			case 1:
				nom = found[0]
			default:
				add(ScoreHeaderNominee, name, "同名的申报不止一份，请填写“申报编号”或“类别”")
				continue
			}
		}
		// The reviewer.
		rname := get(row, ScoreHeaderReviewer)
		var rev *data.Reviewer
		for i := range revs {
			if revs[i].Name == rname {
				rev = &revs[i]
			}
		}
		if rev == nil {
			add(ScoreHeaderReviewer, rname, "不在这次评选活动的评审组中")
			continue
		}
		key := [2]int64{nom.ID, rev.ID}
		if first, dup := seen[key]; dup {
			add(ScoreHeaderReviewer, rname, fmt.Sprintf("与第 %d 行重复：同一评审对“%s”的评分只能有一行", first, nom.NomineeName))
			continue
		}
		seen[key] = row.num
		sh := &data.ScoreSheet{NominationID: nom.ID, ReviewerID: rev.ID, Scores: data.CriterionScores{}}
		ok := true
		for i, c := range r.Criteria {
			s := cellAt(row, critCol[i])
			if critCol[i] < 0 {
				ok = false
				continue
			}
			d, err := score.ParseScore(s, c.Max)
			if err != nil {
				add(scoreCriterionHeader(c), s, err.Error())
				ok = false
				continue
			}
			sh.Scores[c.ID] = d
		}
		if s := get(row, ScoreHeaderBonus); s != "" {
			d, err := score.ParseBonus(s, r.BonusCap)
			if err != nil {
				add(ScoreHeaderBonus, s, err.Error())
				ok = false
			}
			sh.Bonus = d
		}
		switch v := get(row, ScoreHeaderVeto); v {
		case "", "否", "无":
		case "是", "有":
			sh.Veto = true
		default:
			add(ScoreHeaderVeto, v, "应填“是”或“否”")
			ok = false
		}
		sh.Note = get(row, ScoreHeaderNote)
		if sh.Note == "未评分" || sh.Note == "回避" {
			sh.Note = ""
		}
		if !ok {
			continue
		}
		if o, had := old[key]; had && sameSheet(o, *sh, r) {
			res.Unchanged++
			continue
		}
		if _, had := old[key]; had {
			res.Updated++
		} else {
			res.Added++
		}
		sheets = append(sheets, sh)
	}
	if len(problems) > 0 {
		return res, newImportError(wb.sheetName, problems)
	}
	if err := st.SaveScoreSheets(sheets); err != nil {
		var be *data.BatchError
		if errors.As(err, &be) {
			for _, m := range be.Msgs {
				problems = append(problems, Problem{Reason: m})
			}
			return res, newImportError(wb.sheetName, problems)
		}
		return res, err
	}
	return res, nil
}

// unreadCells reports, in the columns of a score sheet's header (row hi),
// the formula cells whose result the file does not hold and the merged
// ranges below the header: read as empty, they would lose scores.
func unreadCells(wb *workbook, hi int, col map[string]int) []Problem {
	head := wb.rows[hi]
	known := map[int]string{}
	for _, j := range col {
		known[j] = strings.TrimSpace(head.cells[j].text)
	}
	var out []Problem
	for _, g := range wb.merges {
		if g.row2 <= head.num {
			continue
		}
		for j := g.col1 - 1; j < g.col2; j++ {
			if h, ok := known[j]; ok {
				out = append(out, Problem{Row: max(g.row1, head.num+1), Column: h,
					Reason: fmt.Sprintf("%s 是合并单元格：合并后只有第一格有内容，其余各格会当作空白；请取消合并，并在每一格填上内容", g)})
				break
			}
		}
	}
	for _, row := range wb.rows[hi+1:] {
		for j, c := range row.cells {
			if h, ok := known[j]; ok && c.typ == cellFormula {
				out = append(out, Problem{Row: row.num, Column: h, Reason: formulaReason(j, row.num)})
			}
		}
	}
	return out
}

// hasFormula reports whether a row has, in a known column, a formula cell without its result.
func hasFormula(row sheetRow, col map[string]int) bool {
	for _, j := range col {
		if j < len(row.cells) && row.cells[j].typ == cellFormula {
			return true
		}
	}
	return false
}

func sameSheet(a, b data.ScoreSheet, r data.Round) bool {
	if a.Bonus != b.Bonus || a.Veto != b.Veto || a.Note != b.Note {
		return false
	}
	for _, c := range r.Criteria {
		if a.Scores[c.ID] != b.Scores[c.ID] {
			return false
		}
	}
	return true
}

// rankOrder puts the nominations in the order of the ranking (per category,
// best first, as the office reads it), any not ranked after them.
func rankOrder(rk []data.CategoryRanking, all []data.Nomination) []data.Nomination {
	byID := map[int64]data.Nomination{}
	for _, n := range all {
		byID[n.ID] = n
	}
	out := make([]data.Nomination, 0, len(all))
	seen := map[int64]bool{}
	for _, c := range rk {
		for _, row := range c.Rows {
			if n, ok := byID[row.ID]; ok && !seen[row.ID] {
				out = append(out, n)
				seen[row.ID] = true
			}
		}
	}
	for _, n := range all {
		if !seen[n.ID] {
			out = append(out, n)
		}
	}
	return out
}

// spreadCells are a nomination's 分差, 标准差 and 评分分歧 cells (empty when
// fewer than two reviewers scored it).
func spreadCells(d data.Disagreement, num func(score.Decimal) any, str func(string) any, two int) []any {
	if d.Spread.N < 2 {
		return []any{nil, nil, nil}
	}
	sd, _ := strconv.ParseFloat(d.Spread.SDDisplay, 64)
	return []any{num(d.Spread.Range), excelize.Cell{StyleID: two, Value: sd}, str(d.Text())}
}

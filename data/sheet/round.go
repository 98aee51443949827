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
	x, err := loadRoundExport(st, roundID, ids)
	if err != nil {
		return 0, err
	}
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
	s, err := newRoundStyles(f)
	if err != nil {
		return 0, err
	}
	if err := writeRoundSheet(f, RoundSummarySheet, x.summaryHeaders(), x.summaryRows(s), s.bold); err != nil {
		return 0, err
	}
	if err := writeRoundSheet(f, RoundScoreSheet, x.scoreHeaders(), x.scoreRows(s), s.bold); err != nil {
		return 0, err
	}
	if _, err := st.WriteOutput(path, func(w io.Writer) error { return f.Write(w) }); err != nil {
		return 0, err
	}
	return len(x.noms), nil
}

// roundExport is what a round's workbook is written from.
type roundExport struct {
	round data.Round
	revs  []data.Reviewer
	noms  []data.Nomination // the nominations written, in ranking order
	rows  map[int64]data.RankRow
	dis   map[int64]data.Disagreement
	cert  map[int64]string // certificate number per nomination
}

// loadRoundExport reads the round, its panel, ranking, disagreements,
// nominations (only ids, when given) and certificates.
func loadRoundExport(st *data.Store, roundID int64, ids []int64) (*roundExport, error) {
	x := &roundExport{}
	var err error
	if x.round, err = st.Round(roundID); err != nil {
		return nil, err
	}
	if x.revs, err = st.Reviewers(roundID); err != nil {
		return nil, err
	}
	rk, err := st.Ranking(roundID)
	if err != nil {
		return nil, err
	}
	if x.dis, err = st.Disagreements(roundID); err != nil {
		return nil, err
	}
	all, err := st.Nominations(roundID, data.NominationFilter{})
	if err != nil {
		return nil, err
	}
	certs, err := st.Certificates(roundID)
	if err != nil {
		return nil, err
	}
	x.cert = certificateNumbers(certs)
	x.rows = map[int64]data.RankRow{}
	for _, c := range rk {
		for _, row := range c.Rows {
			x.rows[row.ID] = row
		}
	}
	x.noms = onlyIDs(rankOrder(rk, all), ids)
	return x, nil
}

// certificateNumbers maps each nomination to its certificate's number; a
// revoked one shows as such only when the nomination has no live one.
func certificateNumbers(certs []data.Certificate) map[int64]string {
	cert := map[int64]string{}
	for _, c := range certs {
		if c.RevokedAt == "" {
			cert[c.NominationID] = c.Number
		} else if cert[c.NominationID] == "" {
			cert[c.NominationID] = c.Number + "（已撤销）"
		}
	}
	return cert
}

// onlyIDs keeps the nominations whose id is in ids, in their order; all of
// them when ids is empty.
func onlyIDs(noms []data.Nomination, ids []int64) []data.Nomination {
	if len(ids) == 0 {
		return noms
	}
	want := map[int64]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var out []data.Nomination
	for _, nm := range noms {
		if want[nm.ID] {
			out = append(out, nm)
		}
	}
	return out
}

// roundStyles are the cell styles of a round's workbook: bold shaded
// headers, text cells and two-decimal numbers.
type roundStyles struct{ bold, text, two int }

func newRoundStyles(f *excelize.File) (roundStyles, error) {
	var s roundStyles
	var err error
	s.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return s, fmt.Errorf("无法建立样式：%w", err)
	}
	if s.text, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil {
		return s, fmt.Errorf("无法建立样式：%w", err)
	}
	if s.two, err = f.NewStyle(&excelize.Style{NumFmt: 2}); err != nil { // 0.00
		return s, fmt.Errorf("无法建立样式：%w", err)
	}
	return s, nil
}

// str is a text cell, or an empty one for "".
func (s roundStyles) str(v string) any {
	if v == "" {
		return nil
	}
	return excelize.Cell{StyleID: s.text, Value: v}
}

// scoreNumber is a score as a number cell.
func scoreNumber(d score.Decimal) any {
	v, _ := strconv.ParseFloat(d.String(), 64)
	return v
}

// summaryHeaders are the summary sheet's headers: one column per reviewer.
func (x *roundExport) summaryHeaders() []string {
	hs := []string{ScoreHeaderID, ScoreHeaderCategory, ScoreHeaderNominee, ScoreHeaderCommune, "状态"}
	for _, v := range x.revs {
		hs = append(hs, v.Name)
	}
	return append(hs, "计入均分的评分数", "最终得分", "名次", "名额线", "分差", "标准差", "评分分歧", "证书编号", "UUID")
}

// summaryRows are the summary sheet's rows, one per nomination.
func (x *roundExport) summaryRows(s roundStyles) [][]any {
	var out [][]any
	for _, nm := range x.noms {
		row := x.rows[nm.ID]
		vals := []any{nm.ID, s.str(nm.CategoryName), s.str(nm.NomineeName), s.str(nm.CommunityName), s.str(nm.State.Label())}
		for i := range x.revs {
			var cell any
			if i < len(row.Reviewers) {
				cell = reviewerTotalCell(row.Reviewers[i], s)
			}
			vals = append(vals, cell)
		}
		var final, rank, count any
		if row.Result.Exact != nil {
			v, _ := strconv.ParseFloat(row.Result.Display, 64)
			final = excelize.Cell{StyleID: s.two, Value: v}
		}
		if row.Rank > 0 {
			rank = row.Rank
		}
		if row.Result.Count > 0 {
			count = row.Result.Count
		}
		vals = append(vals, count, final, rank, quotaCell(row, s))
		vals = append(vals, spreadCells(x.dis[nm.ID], scoreNumber, s.str, s.two)...)
		vals = append(vals, s.str(x.cert[nm.ID]), s.str(nm.UUID))
		out = append(out, vals)
	}
	return out
}

// reviewerTotalCell is one reviewer's total in the summary: 回避, the total
// with （否决）, the total, or empty when not scored.
func reviewerTotalCell(rt data.ReviewerTotal, s roundStyles) any {
	switch {
	case rt.Recused:
		return s.str("回避")
	case rt.Scored && rt.Sheet.Veto:
		return s.str(rt.Total.String() + "（否决）")
	case rt.Scored:
		return scoreNumber(rt.Total)
	}
	return nil
}

// quotaCell is where a nomination stands against the quota line.
func quotaCell(row data.RankRow, s roundStyles) any {
	switch {
	case row.Vetoed():
		return s.str("一票否决")
	case row.TieAtLine:
		return s.str("名额线上并列")
	case row.WithinQuota:
		return s.str("名额内")
	}
	return nil
}

// scoreHeaders are the score sheet's headers: one column per criterion.
func (x *roundExport) scoreHeaders() []string {
	hs := []string{ScoreHeaderID, ScoreHeaderCategory, ScoreHeaderNominee, ScoreHeaderCommune, ScoreHeaderReviewer}
	for _, c := range x.round.Criteria {
		hs = append(hs, scoreCriterionHeader(c))
	}
	return append(hs, ScoreHeaderBonus, ScoreHeaderVeto, ScoreHeaderTotal, ScoreHeaderNote)
}

// scoreRows are the score sheet's rows: one per nomination in review and
// panel member.
func (x *roundExport) scoreRows(s roundStyles) [][]any {
	var out [][]any
	for _, nm := range x.noms {
		row, ranked := x.rows[nm.ID]
		if !ranked {
			continue // not in review yet
		}
		for _, rt := range row.Reviewers {
			vals := []any{nm.ID, s.str(nm.CategoryName), s.str(nm.NomineeName), s.str(nm.CommunityName), s.str(rt.Reviewer.Name)}
			out = append(out, append(vals, x.scoreCells(rt, s)...))
		}
	}
	return out
}

// scoreCells are one reviewer's per-criterion scores, bonus, veto, total and
// note; blank with 回避 or 未评分 in the note when there is no sheet.
func (x *roundExport) scoreCells(rt data.ReviewerTotal, s roundStyles) []any {
	var vals []any
	if !rt.Scored || rt.Recused {
		for range x.round.Criteria {
			vals = append(vals, nil)
		}
		note := "未评分"
		if rt.Recused {
			note = "回避"
		}
		return append(vals, nil, nil, nil, s.str(note))
	}
	for _, c := range x.round.Criteria {
		vals = append(vals, scoreNumber(rt.Sheet.Scores[c.ID]))
	}
	veto := "否"
	if rt.Sheet.Veto {
		veto = "是"
	}
	return append(vals, scoreNumber(rt.Sheet.Bonus), s.str(veto), scoreNumber(rt.Total), s.str(rt.Sheet.Note))
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
	in, err := loadScoreImport(st, roundID, r, res)
	if err != nil {
		return nil, err
	}
	hi, col := findScoreHeader(wb)
	if hi < 0 {
		return res, newImportError(wb.sheetName, []Problem{{Reason: fmt.Sprintf("找不到表头：须有“%s”列和“%s”（或“%s”）列", ScoreHeaderReviewer, ScoreHeaderNominee, ScoreHeaderID)}})
	}
	in.col = col
	in.critCol, in.problems = criterionColumns(r, col, wb.rows[hi].num)
	in.problems = append(in.problems, unreadCells(wb, hi, col)...)
	sheets := in.readRows(wb.rows[hi+1:])
	if len(in.problems) > 0 {
		return res, newImportError(wb.sheetName, in.problems)
	}
	return res, saveImportedScores(st, wb.sheetName, sheets)
}

// scoreImport is an import of score sheets under way: what the round holds,
// the sheet's columns, and the problems found so far.
type scoreImport struct {
	round    data.Round
	revs     []data.Reviewer
	noms     []data.Nomination
	old      map[[2]int64]data.ScoreSheet // by nomination and reviewer
	col      map[string]int               // column per normalised header
	critCol  []int                        // column per criterion, -1 when missing
	seen     map[[2]int64]int             // sheet row per nomination and reviewer read
	problems []Problem
	res      *ScoreImportResult
}

// loadScoreImport reads the round's panel, nominations and score sheets.
func loadScoreImport(st *data.Store, roundID int64, r data.Round, res *ScoreImportResult) (*scoreImport, error) {
	in := &scoreImport{round: r, res: res, seen: map[[2]int64]int{}, old: map[[2]int64]data.ScoreSheet{}}
	var err error
	if in.revs, err = st.Reviewers(roundID); err != nil {
		return nil, err
	}
	if in.noms, err = st.Nominations(roundID, data.NominationFilter{}); err != nil {
		return nil, err
	}
	existing, err := st.ScoreSheets(roundID)
	if err != nil {
		return nil, err
	}
	for _, sh := range existing {
		in.old[[2]int64{sh.NominationID, sh.ReviewerID}] = sh
	}
	return in, nil
}

// findScoreHeader finds the header row, the first (within the first rows)
// with 评审 and 申报对象 or 申报编号, and its column per normalised header;
// -1 when there is none.
func findScoreHeader(wb *workbook) (int, map[string]int) {
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
			return i, m
		}
		if i > 20 {
			break
		}
	}
	return -1, nil
}

// criterionColumns finds each criterion's column: 党建引领（20）, 党建引领,
// or 党建引领 with another maximum or none; a problem on the header row
// (headRow) for each criterion without one.
func criterionColumns(r data.Round, col map[string]int, headRow int) ([]int, []Problem) {
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
			problems = append(problems, Problem{Row: headRow, Column: scoreCriterionHeader(c), Reason: "缺少这一评分标准的列"})
		}
	}
	return critCol, problems
}

// cellAt is the trimmed text of a row's cell j ("" when out of the row).
func cellAt(row sheetRow, j int) string {
	if j < 0 || j >= len(row.cells) {
		return ""
	}
	return strings.TrimSpace(row.cells[j].text)
}

// get is the trimmed text of a row's cell under header ("" without one).
func (in *scoreImport) get(row sheetRow, header string) string {
	j, ok := in.col[normHeader(header)]
	if !ok {
		return ""
	}
	return cellAt(row, j)
}

// add records a problem with a row's cell.
func (in *scoreImport) add(row sheetRow, column, value, reason string) {
	in.problems = append(in.problems, Problem{Row: row.num, Column: column, Value: value, Reason: reason})
}

// readRows checks every row below the header and returns the sheets to
// save (new or changed), counting the rest in the result.
func (in *scoreImport) readRows(rows []sheetRow) []*data.ScoreSheet {
	var sheets []*data.ScoreSheet
	for _, row := range rows {
		if hasFormula(row, in.col) {
			continue // reported by unreadCells
		}
		if in.blank(row) {
			if in.get(row, ScoreHeaderNominee) != "" || in.get(row, ScoreHeaderReviewer) != "" {
				in.res.Skipped++
			}
			continue
		}
		sh := in.readRow(row)
		if sh == nil {
			continue
		}
		o, had := in.old[[2]int64{sh.NominationID, sh.ReviewerID}]
		switch {
		case had && sameSheet(o, *sh, in.round):
			in.res.Unchanged++
			continue
		case had:
			in.res.Updated++
		default:
			in.res.Added++
		}
		sheets = append(sheets, sh)
	}
	return sheets
}

// blank reports whether a row has no score, no bonus and no veto.
func (in *scoreImport) blank(row sheetRow) bool {
	for _, j := range in.critCol {
		if cellAt(row, j) != "" {
			return false
		}
	}
	return in.get(row, ScoreHeaderBonus) == "" && in.get(row, ScoreHeaderVeto) != "是"
}

// readRow is a row's score sheet, nil (with the problems recorded) when its
// nomination or reviewer is not found, it repeats an earlier row, or a
// value does not read.
func (in *scoreImport) readRow(row sheetRow) *data.ScoreSheet {
	nom := in.nomination(row)
	if nom == nil {
		return nil
	}
	rev := in.reviewer(row)
	if rev == nil {
		return nil
	}
	key := [2]int64{nom.ID, rev.ID}
	if first, dup := in.seen[key]; dup {
		in.add(row, ScoreHeaderReviewer, rev.Name, fmt.Sprintf("与第 %d 行重复：同一评审对“%s”的评分只能有一行", first, nom.NomineeName))
		return nil
	}
	in.seen[key] = row.num
	sh := &data.ScoreSheet{NominationID: nom.ID, ReviewerID: rev.ID, Scores: data.CriterionScores{}}
	if !in.readValues(row, sh) {
		return nil
	}
	return sh
}

// nomination is the row's nomination: by 申报编号, else by 申报对象 (and
// 类别), among those not withdrawn.
func (in *scoreImport) nomination(row sheetRow) *data.Nomination {
	if s := in.get(row, ScoreHeaderID); s != "" {
		id, err := strconv.ParseInt(strings.TrimSuffix(s, ".0"), 10, 64)
		var nom *data.Nomination
		for i := range in.noms {
			if err == nil && in.noms[i].ID == id {
				nom = &in.noms[i]
			}
		}
		if nom == nil {
			in.add(row, ScoreHeaderID, s, "这次评选活动中没有这个申报编号")
		}
		return nom
	}
	name, cat := in.get(row, ScoreHeaderNominee), in.get(row, ScoreHeaderCategory)
	var found []*data.Nomination
	for i := range in.noms {
		n := &in.noms[i]
		if n.NomineeName == name && n.State != data.StateWithdrawn && (cat == "" || n.CategoryName == cat) {
			found = append(found, n)
		}
	}
	switch len(found) {
	case 0:
		in.add(row, ScoreHeaderNominee, name, "这次评选活动中没有这个申报对象")
	case 1:
		return found[0]
	default:
		in.add(row, ScoreHeaderNominee, name, "同名的申报不止一份，请填写“申报编号”或“类别”")
	}
	return nil
}

// reviewer is the panel member named in the row's 评审 cell.
func (in *scoreImport) reviewer(row sheetRow) *data.Reviewer {
	rname := in.get(row, ScoreHeaderReviewer)
	var rev *data.Reviewer
	for i := range in.revs {
		if in.revs[i].Name == rname {
			rev = &in.revs[i]
		}
	}
	if rev == nil {
		in.add(row, ScoreHeaderReviewer, rname, "不在这次评选活动的评审组中")
	}
	return rev
}

// readValues reads a row's per-criterion scores, bonus, veto and note into
// sh, recording a problem for each value that does not read; false when any
// did not (or a criterion has no column).
func (in *scoreImport) readValues(row sheetRow, sh *data.ScoreSheet) bool {
	ok := true
	for i, c := range in.round.Criteria {
		s := cellAt(row, in.critCol[i])
		if in.critCol[i] < 0 {
			ok = false
			continue
		}
		d, err := score.ParseScore(s, c.Max)
		if err != nil {
			in.add(row, scoreCriterionHeader(c), s, err.Error())
			ok = false
			continue
		}
		sh.Scores[c.ID] = d
	}
	if s := in.get(row, ScoreHeaderBonus); s != "" {
		d, err := score.ParseBonus(s, in.round.BonusCap)
		if err != nil {
			in.add(row, ScoreHeaderBonus, s, err.Error())
			ok = false
		}
		sh.Bonus = d
	}
	switch v := in.get(row, ScoreHeaderVeto); v {
	case "", "否", "无":
	case "是", "有":
		sh.Veto = true
	default:
		in.add(row, ScoreHeaderVeto, v, "应填“是”或“否”")
		ok = false
	}
	sh.Note = in.get(row, ScoreHeaderNote)
	if sh.Note == "未评分" || sh.Note == "回避" {
		sh.Note = ""
	}
	return ok
}

// saveImportedScores saves the sheets in one transaction; the store's
// refusals come back as an *ImportError on the sheet.
func saveImportedScores(st *data.Store, sheet string, sheets []*data.ScoreSheet) error {
	err := st.SaveScoreSheets(sheets)
	if err == nil {
		return nil
	}
	var be *data.BatchError
	if !errors.As(err, &be) {
		return err
	}
	var problems []Problem
	for _, m := range be.Msgs {
		problems = append(problems, Problem{Reason: m})
	}
	return newImportError(sheet, problems)
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

package data

import (
	"database/sql"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"jiayuan/data/score"
)

// Reviewer is a member of a round's review panel (评审组).
type Reviewer struct {
	ID        int64  `db:"id"`
	UUID      string `db:"uuid"`
	RoundID   int64  `db:"round_id"`
	Position  int    `db:"position"`
	Name      string `db:"name" zh:"姓名"`
	Unit      string `db:"unit" zh:"单位"`
	Phone     string `db:"phone" zh:"电话"`
	CreatedAt string `db:"created_at"`
	UpdatedAt string `db:"updated_at"`

	// AbsentReason marks the reviewer absent for the round (set by MarkAbsent only).
	AbsentReason string `db:"absent_reason" zh:"缺席原因"`
}

// Label names the reviewer in messages.
func (v Reviewer) Label() string { return fmt.Sprintf("评审“%s”", v.Name) }

// Reviewers lists a round's panel in order.
func (s *Store) Reviewers(roundID int64) ([]Reviewer, error) { return listReviewers(s.db, roundID) }

func listReviewers(q queryer, roundID int64) ([]Reviewer, error) {
	var out []Reviewer
	if err := q.Select(&out, `SELECT * FROM reviewers WHERE round_id = ? ORDER BY position, id`, roundID); err != nil {
		return nil, fmt.Errorf("无法读取评审名单：%w", err)
	}
	return out, nil
}

func getReviewer(q queryer, id int64) (Reviewer, error) {
	var v Reviewer
	err := q.Get(&v, `SELECT * FROM reviewers WHERE id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return v, errNoID("评审", id)
	}
	if err != nil {
		return v, fmt.Errorf("无法读取评审 #%d：%w", id, err)
	}
	return v, nil
}

// SaveReviewer validates and saves a panel member (office only).
func (s *Store) SaveReviewer(v *Reviewer) error {
	return s.Write(func(tx *Tx) error { return tx.SaveReviewer(v) })
}

// SaveReviewer is SaveReviewer inside a transaction.
func (tx *Tx) SaveReviewer(v *Reviewer) error {
	a, err := tx.actor()
	if err != nil {
		return err
	}
	return tx.saveReviewer(v, a)
}

func (tx *Tx) saveReviewer(v *Reviewer, a actor) error {
	v.Name, v.Unit, v.Phone = Normalize(v.Name), Normalize(v.Unit), NormalizeCode(v.Phone)
	v.AbsentReason = "" // absence is marked by MarkAbsent only
	ck := &checker{record: v.Label()}
	ck.required("Name", "姓名", v.Name)
	ck.maxLen("Name", "姓名", v.Name, 20)
	ck.phone("Phone", "电话", v.Phone)
	ck.uniqueName(tx.q, "Name", "姓名", v.Name, `SELECT COUNT(*) FROM reviewers WHERE round_id = ? AND name = ? AND id != ?`, v.RoundID, v.Name, v.ID)
	if err := ck.err(); err != nil {
		return err
	}
	r, err := getRound(tx.q, v.RoundID)
	if err != nil {
		return err
	}
	if !a.office {
		return fmt.Errorf("%s：只有街道办事处的家园可以设评审组，%s", r.Label(), a.why())
	}
	if v.ID == 0 {
		if v.UUID == "" {
			v.UUID = NewUUID()
		}
		if v.Position == 0 {
			_ = tx.q.Get(&v.Position, `SELECT COALESCE(MAX(position), 0) + 1 FROM reviewers WHERE round_id = ?`, v.RoundID)
		}
		v.CreatedAt, v.UpdatedAt = tx.at, tx.at
		res, err := tx.q.NamedExec(`INSERT INTO reviewers (uuid, round_id, position, name, unit, phone, created_at, updated_at)
			VALUES (:uuid, :round_id, :position, :name, :unit, :phone, :created_at, :updated_at)`, v)
		if err != nil {
			return fmt.Errorf("无法保存%s：%w", v.Label(), err)
		}
		v.ID, _ = res.LastInsertId()
		return tx.Audit(EntityReviewer, v.ID, v.UUID, v.Name, ActionCreate, r.Title, Diff(Reviewer{}, v))
	}
	old, err := getReviewer(tx.q, v.ID)
	if err != nil {
		return err
	}
	v.RoundID, v.UUID, v.AbsentReason = old.RoundID, old.UUID, old.AbsentReason
	changes := Diff(old, v)
	if len(changes) == 0 && old.Position == v.Position {
		return nil
	}
	v.UpdatedAt = tx.at
	if _, err := tx.q.NamedExec(`UPDATE reviewers SET position=:position, name=:name, unit=:unit, phone=:phone, updated_at=:updated_at WHERE id=:id`, v); err != nil {
		return fmt.Errorf("无法保存%s：%w", v.Label(), err)
	}
	return tx.Audit(EntityReviewer, v.ID, v.UUID, v.Name, ActionUpdate, "", changes)
}

// officeReviewer reads the panel member id for a change only the office's copy
// may make (what: 改评审组, 登记评审缺席…), refusing it in a community's copy.
func (tx *Tx) officeReviewer(id int64, what string) (Reviewer, error) {
	a, err := tx.actor()
	if err != nil {
		return Reviewer{}, err
	}
	v, err := getReviewer(tx.q, id)
	if err != nil {
		return Reviewer{}, err
	}
	if !a.office {
		return Reviewer{}, fmt.Errorf("%s：只有街道办事处的家园可以%s，%s", v.Label(), what, a.why())
	}
	return v, nil
}

// DeleteReviewer removes a panel member who has not scored anything.
func (s *Store) DeleteReviewer(id int64) error {
	return s.Write(func(tx *Tx) error {
		v, err := tx.officeReviewer(id, "改评审组")
		if err != nil {
			return err
		}
		var n int
		if err := tx.q.Get(&n, `SELECT COUNT(*) FROM score_sheets WHERE reviewer_id = ?`, id); err != nil {
			return fmt.Errorf("无法检查%s的评分：%w", v.Label(), err)
		}
		if n > 0 {
			return fmt.Errorf("%s已交 %d 份评分表，不能删除", v.Label(), n)
		}
		for _, q := range []string{`DELETE FROM conflicts WHERE reviewer_id = ?`,
			`DELETE FROM reviewer_relations WHERE reviewer_id = ?`, `DELETE FROM conflict_decisions WHERE reviewer_id = ?`} {
			if _, err := tx.q.Exec(q, id); err != nil {
				return fmt.Errorf("无法删除%s：%w", v.Label(), err)
			}
		}
		if _, err := tx.q.Exec(`DELETE FROM reviewers WHERE id = ?`, id); err != nil {
			return fmt.Errorf("无法删除%s：%w", v.Label(), err)
		}
		return tx.Audit(EntityReviewer, id, v.UUID, v.Name, ActionDelete, "", nil)
	})
}

// Conflict is a declared conflict of interest between a reviewer and a
// community or a compound. A conflict with a community covers its compounds
// too (a reviewer who works in the community is recused from both).
type Conflict struct {
	ID          int64  `db:"id"`
	ReviewerID  int64  `db:"reviewer_id"`
	CommunityID *int64 `db:"community_id"`
	CompoundID  *int64 `db:"compound_id"`
	Reason      string `db:"reason"`
	CreatedAt   string `db:"created_at"`
	// Read only: the reviewer's and the record's names.
	ReviewerName string `db:"reviewer_name"`
	RecordName   string `db:"record_name"`
}

// Conflicts lists a round's declared conflicts.
func (s *Store) Conflicts(roundID int64) ([]Conflict, error) {
	var out []Conflict
	err := s.db.Select(&out, `SELECT x.*, v.name AS reviewer_name,
		COALESCE(p.name || '（' || pc.name || '）', c.name, '') AS record_name
		FROM conflicts x JOIN reviewers v ON v.id = x.reviewer_id
		LEFT JOIN communities c ON c.id = x.community_id
		LEFT JOIN compounds p ON p.id = x.compound_id LEFT JOIN communities pc ON pc.id = p.community_id
		WHERE v.round_id = ? ORDER BY v.position, x.id`, roundID)
	if err != nil {
		return nil, fmt.Errorf("无法读取回避登记：%w", err)
	}
	return out, nil
}

// AddConflict declares a conflict (office only). It is refused when the
// reviewer already scored a nomination the conflict covers: delete that
// sheet first.
func (s *Store) AddConflict(c *Conflict) error {
	return s.Write(func(tx *Tx) error { return tx.addConflict(c, nil) })
}

func (tx *Tx) addConflict(c *Conflict, as *actor) error {
	a := asOffice
	if as == nil {
		var err error
		if a, err = tx.actor(); err != nil {
			return err
		}
	}
	v, err := getReviewer(tx.q, c.ReviewerID)
	if err != nil {
		return err
	}
	if !a.office {
		return fmt.Errorf("%s：只有街道办事处的家园可以登记回避，%s", v.Label(), a.why())
	}
	c.Reason = strings.TrimSpace(c.Reason)
	var record string
	switch {
	case c.CompoundID != nil && *c.CompoundID != 0:
		x, err := getCompound(tx.q, *c.CompoundID)
		if err != nil {
			return err
		}
		c.CommunityID = nil
		record = x.Label()
	case c.CommunityID != nil && *c.CommunityID != 0:
		x, err := getCommunity(tx.q, *c.CommunityID)
		if err != nil {
			return err
		}
		c.CompoundID = nil
		record = x.Label()
	default:
		return fmt.Errorf("%s：回避登记须选择社区或小区", v.Label())
	}
	noms, err := listNominations(tx.q, v.RoundID, NominationFilter{})
	if err != nil {
		return err
	}
	for _, n := range noms {
		if !c.covers(n) {
			continue
		}
		var k int
		if err := tx.q.Get(&k, `SELECT COUNT(*) FROM score_sheets WHERE nomination_id = ? AND reviewer_id = ?`, n.ID, v.ID); err != nil {
			return fmt.Errorf("无法检查评分：%w", err)
		}
		if k > 0 {
			return fmt.Errorf("%s已为%s评分；须先删除这份评分表，才能登记与%s的回避", v.Label(), n.Label(), record)
		}
	}
	c.CreatedAt = tx.at
	res, err := tx.q.NamedExec(`INSERT INTO conflicts (reviewer_id, community_id, compound_id, reason, created_at)
		VALUES (:reviewer_id, :community_id, :compound_id, :reason, :created_at)`, c)
	if err != nil {
		return fmt.Errorf("无法保存回避登记：%w", err)
	}
	c.ID, _ = res.LastInsertId()
	return tx.Audit(EntityReviewer, v.ID, v.UUID, v.Name, ActionUpdate, c.Reason,
		[]Change{{Field: "Conflict", Label: "回避", New: record}})
}

// DeleteConflict removes a declared conflict (office only).
func (s *Store) DeleteConflict(id int64) error {
	return s.Write(func(tx *Tx) error {
		a, err := tx.actor()
		if err != nil {
			return err
		}
		var c Conflict
		if err := tx.q.Get(&c, `SELECT x.*, '' AS reviewer_name, '' AS record_name FROM conflicts x WHERE id = ?`, id); err != nil {
			return errNoID("回避登记", id)
		}
		v, err := getReviewer(tx.q, c.ReviewerID)
		if err != nil {
			return err
		}
		if !a.office {
			return fmt.Errorf("%s：只有街道办事处的家园可以撤销回避，%s", v.Label(), a.why())
		}
		if _, err := tx.q.Exec(`DELETE FROM conflicts WHERE id = ?`, id); err != nil {
			return fmt.Errorf("无法删除回避登记：%w", err)
		}
		return tx.Audit(EntityReviewer, v.ID, v.UUID, v.Name, ActionUpdate, "",
			[]Change{{Field: "Conflict", Label: "回避", Old: fmt.Sprintf("#%d", id)}})
	})
}

func (c Conflict) covers(n Nomination) bool {
	if c.CompoundID != nil && n.CompoundID != nil && *c.CompoundID == *n.CompoundID {
		return true
	}
	return c.CommunityID != nil && *c.CommunityID == n.CommunityID
}

func reviewerConflicts(q queryer, reviewerID int64) ([]Conflict, error) {
	var out []Conflict
	if err := q.Select(&out, `SELECT x.*, '' AS reviewer_name, '' AS record_name FROM conflicts x WHERE reviewer_id = ?`, reviewerID); err != nil {
		return nil, fmt.Errorf("无法读取回避登记：%w", err)
	}
	return out, nil
}

// Recused reports whether the reviewer is recused from the nomination.
func (s *Store) Recused(reviewerID int64, n Nomination) (bool, error) {
	cs, err := reviewerConflicts(s.db, reviewerID)
	if err != nil {
		return false, err
	}
	for _, c := range cs {
		if c.covers(n) {
			return true, nil
		}
	}
	return false, nil
}

// ScoreSheet is one reviewer's scores for one nomination.
type ScoreSheet struct {
	ID           int64           `db:"id"`
	NominationID int64           `db:"nomination_id"`
	ReviewerID   int64           `db:"reviewer_id"`
	Scores       CriterionScores `db:"scores"`
	Bonus        score.Decimal   `db:"bonus"`
	Veto         bool            `db:"veto"`
	Note         string          `db:"note"`
	CreatedAt    string          `db:"created_at"`
	UpdatedAt    string          `db:"updated_at"`
}

// Sheet is the arithmetic form, criteria in the round's order.
func (sh ScoreSheet) Sheet(r Round) score.Sheet {
	out := score.Sheet{Bonus: sh.Bonus, Veto: sh.Veto}
	for _, c := range r.Criteria {
		out.Scores = append(out.Scores, sh.Scores[c.ID])
	}
	return out
}

// ScoreSheets lists every sheet of a round.
func (s *Store) ScoreSheets(roundID int64) ([]ScoreSheet, error) { return roundSheets(s.db, roundID) }

func roundSheets(q queryer, roundID int64) ([]ScoreSheet, error) {
	var out []ScoreSheet
	if err := q.Select(&out, `SELECT s.* FROM score_sheets s JOIN nominations n ON n.id = s.nomination_id WHERE n.round_id = ? ORDER BY s.id`, roundID); err != nil {
		return nil, fmt.Errorf("无法读取评分表：%w", err)
	}
	return out, nil
}

// SaveScoreSheet validates and saves (or replaces) a reviewer's sheet for a
// nomination: office only, nomination 评审中, the reviewer on the round's
// panel and not recused, every criterion scored within 0..max in whole or
// half points, the bonus within 0..cap.
func (s *Store) SaveScoreSheet(sh *ScoreSheet) error {
	return s.Write(func(tx *Tx) error { return tx.SaveScoreSheet(sh) })
}

// SaveScoreSheet is SaveScoreSheet inside a transaction (imports use it).
func (tx *Tx) SaveScoreSheet(sh *ScoreSheet) error {
	a, err := tx.actor()
	if err != nil {
		return err
	}
	return tx.saveScoreSheet(sh, a)
}

func (tx *Tx) saveScoreSheet(sh *ScoreSheet, a actor) error {
	n, err := getNomination(tx.q, sh.NominationID)
	if err != nil {
		return err
	}
	v, err := getReviewer(tx.q, sh.ReviewerID)
	if err != nil {
		return err
	}
	rec := fmt.Sprintf("%s对%s的评分", v.Label(), n.Label())
	if err := tx.mayScore(rec, v, n, a); err != nil {
		return err
	}
	r, err := getRound(tx.q, n.RoundID)
	if err != nil {
		return err
	}
	if err := checkSheetScores(rec, r, sh); err != nil {
		return err
	}
	sh.Note = strings.TrimSpace(sh.Note)
	var old ScoreSheet
	err = tx.q.Get(&old, `SELECT * FROM score_sheets WHERE nomination_id = ? AND reviewer_id = ?`, n.ID, v.ID)
	exists := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("无法读取%s：%w", rec, err)
	}
	changes := sheetChanges(r, old, *sh, exists)
	if exists && len(changes) == 0 {
		*sh = old
		return nil
	}
	sh.UpdatedAt = tx.at
	if exists {
		sh.ID, sh.CreatedAt = old.ID, old.CreatedAt
		if _, err := tx.q.NamedExec(`UPDATE score_sheets SET scores=:scores, bonus=:bonus, veto=:veto, note=:note, updated_at=:updated_at WHERE id=:id`, sh); err != nil {
			return fmt.Errorf("无法保存%s：%w", rec, err)
		}
	} else {
		sh.CreatedAt = tx.at
		res, err := tx.q.NamedExec(`INSERT INTO score_sheets (nomination_id, reviewer_id, scores, bonus, veto, note, created_at, updated_at)
			VALUES (:nomination_id, :reviewer_id, :scores, :bonus, :veto, :note, :created_at, :updated_at)`, sh)
		if err != nil {
			return fmt.Errorf("无法保存%s：%w", rec, err)
		}
		sh.ID, _ = res.LastInsertId()
	}
	return tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName+" · "+v.Name, ActionScore, "", changes)
}

// mayScore checks that reviewer v may score n here: on the office's copy, v on
// the panel of n's round, n under review, and no conflict of v's covering n.
func (tx *Tx) mayScore(rec string, v Reviewer, n Nomination, a actor) error {
	if !a.office {
		return fmt.Errorf("%s：只有街道办事处的家园可以录入评分，%s", rec, a.why())
	}
	if v.RoundID != n.RoundID {
		return fmt.Errorf("%s：该评审不在这次评选活动的评审组中", rec)
	}
	if !n.State.Scorable() {
		return fmt.Errorf("%s：申报现为“%s”，只有“评审中”的申报可以评分", rec, n.State.Label())
	}
	if v.AbsentReason != "" {
		return fmt.Errorf("%s：该评审已登记缺席（%s），不能录入评分；如已到场，请先撤销缺席", rec, v.AbsentReason)
	}
	cs, err := reviewerConflicts(tx.q, v.ID)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c.covers(n) {
			why := ""
			if c.Reason != "" {
				why = "（" + c.Reason + "）"
			}
			return fmt.Errorf("%s：该评审已登记回避%s，不能为此申报评分", rec, why)
		}
	}
	return nil
}

// checkSheetScores checks a sheet against its round's criteria: every criterion
// scored within its maximum, no score for a criterion of another round, the
// bonus within the cap.
func checkSheetScores(rec string, r Round, sh *ScoreSheet) error {
	ck := &checker{record: rec}
	known := map[int64]bool{}
	for _, c := range r.Criteria {
		known[c.ID] = true
		d, ok := sh.Scores[c.ID]
		if !ok {
			ck.add("Scores", c.Name, "未填写")
			continue
		}
		if err := score.CheckScore(d, c.Max); err != nil {
			ck.add("Scores", c.Name, "“%s”%s", d, err.Error())
		}
	}
	for id := range sh.Scores {
		if !known[id] {
			ck.add("Scores", "评分", "评分标准 #%d 不属于%s", id, r.Label())
		}
	}
	if err := score.CheckBonus(sh.Bonus, r.BonusCap); err != nil {
		ck.add("Bonus", "加分", "“%s”%s", sh.Bonus, err.Error())
	}
	return ck.err()
}

func sheetChanges(r Round, old, sh ScoreSheet, exists bool) []Change {
	var out []Change
	str := func(m CriterionScores, id int64, ok bool) string {
		if !ok {
			return ""
		}
		if d, has := m[id]; has {
			return d.String()
		}
		return ""
	}
	for _, c := range r.Criteria {
		a, b := str(old.Scores, c.ID, exists), str(sh.Scores, c.ID, true)
		if a != b {
			out = append(out, Change{Field: "Scores", Label: c.Name, Old: a, New: b})
		}
	}
	ob := ""
	if exists {
		ob = old.Bonus.String()
	}
	if ob != sh.Bonus.String() {
		out = append(out, Change{Field: "Bonus", Label: "加分", Old: ob, New: sh.Bonus.String()})
	}
	if old.Veto != sh.Veto {
		out = append(out, Change{Field: "Veto", Label: "一票否决", Old: display(old.Veto), New: display(sh.Veto)})
	}
	if old.Note != sh.Note {
		out = append(out, Change{Field: "Note", Label: "备注", Old: old.Note, New: sh.Note})
	}
	return out
}

// DeleteScoreSheet removes a sheet (a wrong entry, or before declaring a
// conflict), with a reason, while the nomination is 评审中.
func (s *Store) DeleteScoreSheet(nominationID, reviewerID int64, reason string) error {
	return s.Write(func(tx *Tx) error {
		a, err := tx.actor()
		if err != nil {
			return err
		}
		n, err := getNomination(tx.q, nominationID)
		if err != nil {
			return err
		}
		v, err := getReviewer(tx.q, reviewerID)
		if err != nil {
			return err
		}
		rec := fmt.Sprintf("%s对%s的评分", v.Label(), n.Label())
		if !a.office {
			return fmt.Errorf("%s：只有街道办事处的家园可以删除评分，%s", rec, a.why())
		}
		if !n.State.Scorable() {
			return fmt.Errorf("%s：申报现为“%s”，评分已不能删除", rec, n.State.Label())
		}
		if strings.TrimSpace(reason) == "" {
			return fmt.Errorf("%s：删除评分须写明原因", rec)
		}
		res, err := tx.q.Exec(`DELETE FROM score_sheets WHERE nomination_id = ? AND reviewer_id = ?`, nominationID, reviewerID)
		if err != nil {
			return fmt.Errorf("无法删除%s：%w", rec, err)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return fmt.Errorf("%s不存在", rec)
		}
		return tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName+" · "+v.Name, ActionUnscore, strings.TrimSpace(reason), nil)
	})
}

// ReviewerTotal is one reviewer's standing on one nomination.
type ReviewerTotal struct {
	Reviewer Reviewer
	Recused  bool
	Absent   bool // marked absent for the round: expected to score nothing
	Scored   bool
	Sheet    ScoreSheet
	Total    score.Decimal // when Scored
	Dropped  bool          // the trimmed mean left this total out (one highest or one lowest)
}

// RankRow is one nomination in its category's ranking.
type RankRow struct {
	Nomination
	Reviewers   []ReviewerTotal // every panel member, in panel order
	Result      score.Result    // over the sheets of the reviewers who scored
	Owed        int             // panel members not recused nor absent who have not scored yet
	Rank        int             // 1, 2, 2, 4; 0 when vetoed or unscored
	WithinQuota bool
	TieAtLine   bool // tied across the quota line: the office decides
}

// Vetoed reports whether a reviewer found a veto item.
func (r RankRow) Vetoed() bool { return r.Result.Vetoed }

// Final is the exact final score (nil when unscored).
func (r RankRow) Final() *big.Rat { return r.Result.Exact }

// CategoryRanking is one category's ranked nominations with its quota line.
type CategoryRanking struct {
	Category    Category
	Rows        []RankRow
	SeatsAtLine int // seats left for the tie group at the line (0 when no tie)
	Scored      int // sheets entered
	Expected    int // sheets expected (panel members not recused nor absent, per nomination)
}

// rankedStates are the states of nominations that went through review.
var rankedStates = []State{StateReviewing, StateProposed, StateNotSelected, StateOnNotice, StateNamed, StateRemoved, StateRevoked}

// Ranking computes each category's ranking of a round from the score
// sheets: per reviewer totals, the (trimmed) mean on exact values, the
// competition rank, the quota line and ties across it.
func (s *Store) Ranking(roundID int64) ([]CategoryRanking, error) {
	r, err := getRound(s.db, roundID)
	if err != nil {
		return nil, err
	}
	return ranking(s.db, r)
}

func ranking(q queryer, r Round) ([]CategoryRanking, error) {
	noms, err := listNominations(q, r.ID, NominationFilter{States: rankedStates})
	if err != nil {
		return nil, err
	}
	revs, err := listReviewers(q, r.ID)
	if err != nil {
		return nil, err
	}
	conflicts := map[int64][]Conflict{}
	for _, v := range revs {
		if conflicts[v.ID], err = reviewerConflicts(q, v.ID); err != nil {
			return nil, err
		}
	}
	sheets, err := roundSheets(q, r.ID)
	if err != nil {
		return nil, err
	}
	bySheet := map[[2]int64]ScoreSheet{}
	for _, sh := range sheets {
		bySheet[[2]int64{sh.NominationID, sh.ReviewerID}] = sh
	}
	var out []CategoryRanking
	for _, cat := range r.Categories {
		cr := CategoryRanking{Category: cat}
		var entries []score.Entry
		rows := map[int64]RankRow{}
		for _, n := range noms {
			if n.CategoryID != cat.ID {
				continue
			}
			row := RankRow{Nomination: n}
			var list []score.Sheet
			var idx []int
			for _, v := range revs {
				t := ReviewerTotal{Reviewer: v, Absent: v.AbsentReason != ""}
				for _, c := range conflicts[v.ID] {
					t.Recused = t.Recused || c.covers(n)
				}
				if sh, ok := bySheet[[2]int64{n.ID, v.ID}]; ok && !t.Recused {
					t.Scored, t.Sheet = true, sh
					t.Total = sh.Sheet(r).Total(r.BonusCap)
					list = append(list, sh.Sheet(r))
					idx = append(idx, len(row.Reviewers))
					cr.Scored++
				}
				if !t.Recused && !t.Absent {
					cr.Expected++
					if !t.Scored {
						row.Owed++
					}
				}
				row.Reviewers = append(row.Reviewers, t)
			}
			row.Result = score.Evaluate(list, r.BonusCap)
			if row.Result.Trimmed {
				row.Reviewers[idx[row.Result.High]].Dropped = true
				row.Reviewers[idx[row.Result.Low]].Dropped = true
			}
			rows[n.ID] = row
			entries = append(entries, score.Entry{ID: n.ID, Score: row.Result.Exact, Vetoed: row.Result.Vetoed})
		}
		ranked := score.Rank(entries, cat.Quota)
		for _, rk := range ranked {
			row := rows[rk.ID]
			row.Rank, row.WithinQuota, row.TieAtLine = rk.Rank, rk.WithinQuota, rk.TieAtLine
			cr.Rows = append(cr.Rows, row)
		}
		cr.SeatsAtLine = score.SeatsAtLine(ranked, cat.Quota)
		out = append(out, cr)
	}
	return out, nil
}

// Owed lists, per reviewer, the nominations (评审中) still waiting for their
// score: what the window shows as "who still owes which score".
func (s *Store) Owed(roundID int64) (map[int64][]Nomination, error) {
	rk, err := s.Ranking(roundID)
	if err != nil {
		return nil, err
	}
	out := map[int64][]Nomination{}
	for _, c := range rk {
		for _, row := range c.Rows {
			if row.State != StateReviewing {
				continue
			}
			for _, t := range row.Reviewers {
				if !t.Recused && !t.Absent && !t.Scored {
					out[t.Reviewer.ID] = append(out[t.Reviewer.ID], row.Nomination)
				}
			}
		}
	}
	return out, nil
}

// SaveScoreSheets saves several sheets in one transaction, all or none; a
// refusal lists every sheet's problems (a paper batch, an imported file).
func (s *Store) SaveScoreSheets(sheets []*ScoreSheet) error {
	return s.Write(func(tx *Tx) error {
		a, err := tx.actor()
		if err != nil {
			return err
		}
		var msgs []string
		for _, sh := range sheets {
			if err := tx.saveScoreSheet(sh, a); err != nil {
				msgs = append(msgs, err.Error())
			}
		}
		if len(msgs) > 0 {
			return &BatchError{Msgs: msgs}
		}
		return nil
	})
}

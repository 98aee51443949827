package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"jiayuan/data/score"
)

// Feedback is the 评审结果反馈 for one nomination, named or not: its final
// score and place, the quota line, each criterion's average beside the
// category's, and the panel's comments when the round shares them (without
// the reviewers' names). The same numbers as the ranking and the 评审汇总表.
// It travels in the office's exchange file to the nominee's community.
type Feedback struct {
	Nomination string              `json:"nomination"` // the nomination's UUID
	Round      string              `json:"round"`
	Category   string              `json:"category"`
	Nominee    string              `json:"nominee"`
	Community  string              `json:"community,omitempty"` // a compound's community
	State      string              `json:"state"`               // the outcome, as shown: 已命名, 未入选…
	Final      string              `json:"final"`               // two decimals; "" when unscored
	Vetoed     bool                `json:"vetoed,omitempty"`
	Rank       int                 `json:"rank"`   // competition rank in the category; 0 when not ranked
	Ranked     int                 `json:"ranked"` // nominations ranked in the category
	Quota      int                 `json:"quota"`
	LineScore  string              `json:"line_score,omitempty"` // the final score of the last place within the quota
	Criteria   []FeedbackCriterion `json:"criteria"`
	// Bonus is the bonus points' average (capped as in the totals), when the
	// round allows a bonus: with the criteria it adds up to the mean of all
	// the sheets' totals.
	Bonus *FeedbackCriterion `json:"bonus,omitempty"`
	// Sheets are the sheets the averages use (every reviewer who scored);
	// Counted those the final score uses (Sheets − 2 when the highest and
	// the lowest total are dropped: score.TrimFrom or more sheets).
	Sheets   int      `json:"sheets,omitempty"`
	Counted  int      `json:"counted,omitempty"`
	Trimmed  bool     `json:"trimmed,omitempty"`
	Shared   bool     `json:"shared,omitempty"` // the round shares the panel's comments
	Comments []string `json:"comments,omitempty"`
}

// FeedbackCriterion is one criterion's average: the nominee's (over the
// sheets of the reviewers who scored it, none left out) and the category's
// (over every sheet of the category's nominations), both shown with two
// decimals rounded half up.
type FeedbackCriterion struct {
	Name     string `json:"name"`
	Max      string `json:"max"`
	Own      string `json:"own"`
	Category string `json:"category"`
}

// Label names the feedback in messages.
func (f Feedback) Label() string { return fmt.Sprintf("“%s”的评审结果反馈", f.Nominee) }

// ErrNotNamed is returned when feedback is asked of a round not yet named.
var ErrNotNamed = errors.New("尚未命名")

// Feedback computes the 评审结果反馈 of every nomination of a round that
// went through review, in the order of the ranking, once the round is named.
func (s *Store) Feedback(roundID int64) ([]Feedback, error) { return roundFeedback(s.db, roundID) }

func roundFeedback(q queryer, roundID int64) ([]Feedback, error) {
	r, err := getRound(q, roundID)
	if err != nil {
		return nil, err
	}
	if r.NamedOn.IsZero() {
		return nil, fmt.Errorf("%s%w，命名后才有评审结果反馈", r.Label(), ErrNotNamed)
	}
	rk, err := ranking(q, r)
	if err != nil {
		return nil, err
	}
	p, err := panelSettings(q, roundID)
	if err != nil {
		return nil, err
	}
	var out []Feedback
	for _, c := range rk {
		catAvg := criterionAverages(r, c.Rows...)
		line, ranked := "", 0
		for _, row := range c.Rows {
			if row.WithinQuota {
				line = row.Result.Display
			}
			if row.Rank > 0 {
				ranked++
			}
		}
		for _, row := range c.Rows {
			f := Feedback{Nomination: row.UUID, Round: r.Title, Category: c.Category.Name, Nominee: row.NomineeName,
				State: row.State.Label(), Final: row.Result.Display, Vetoed: row.Vetoed(), Rank: row.Rank,
				Ranked: ranked, Quota: c.Category.Quota, LineScore: line, Shared: p.ShareComments}
			if row.NomineeKind == NomineeCompound {
				f.Community = row.CommunityName
			}
			own := criterionAverages(r, row)
			for i, cr := range r.Criteria {
				f.Criteria = append(f.Criteria, FeedbackCriterion{Name: cr.Name, Max: cr.Max.String(), Own: own[i], Category: catAvg[i]})
			}
			if r.BonusCap.Hundredths() > 0 {
				f.Bonus = &FeedbackCriterion{Name: "加分", Max: r.BonusCap.String(), Own: bonusAverage(r, row), Category: bonusAverage(r, c.Rows...)}
			}
			f.Sheets, f.Counted, f.Trimmed = len(row.Result.Totals), row.Result.Count, row.Result.Trimmed
			if p.ShareComments {
				f.Comments = comments(row)
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// criterionAverages is each criterion's mean over the counted sheets of rows.
func criterionAverages(r Round, rows ...RankRow) []string {
	out := make([]string, len(r.Criteria))
	for i, cr := range r.Criteria {
		var sum int64
		n := int64(0)
		for _, row := range rows {
			for _, t := range row.Reviewers {
				if t.Scored && !t.Recused {
					sum += t.Sheet.Scores[cr.ID].Hundredths()
					n++
				}
			}
		}
		if n > 0 {
			out[i] = score.Format2(big.NewRat(sum, n*100))
		}
	}
	return out
}

// bonusAverage is the mean of the counted sheets' bonus, capped at the
// round's bonus cap as the totals are.
func bonusAverage(r Round, rows ...RankRow) string {
	var sum, n int64
	for _, row := range rows {
		for _, t := range row.Reviewers {
			if t.Scored && !t.Recused {
				b := t.Sheet.Bonus
				if b.Cmp(r.BonusCap) > 0 {
					b = r.BonusCap
				}
				sum += b.Hundredths()
				n++
			}
		}
	}
	if n == 0 {
		return ""
	}
	return score.Format2(big.NewRat(sum, n*100))
}

// comments are the notes of the sheets, without names, in a sorted order
// (the panel's order would tell who wrote what).
func comments(row RankRow) []string {
	var out []string
	for _, t := range row.Reviewers {
		if c := strings.TrimSpace(t.Sheet.Note); t.Scored && !t.Recused && c != "" {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// NominationFeedback is one nomination's feedback. On the office's copy it
// is computed (ErrNotNamed before naming); on a community's copy it is the
// one the office sent (ok false when none came yet).
func (s *Store) NominationFeedback(id int64) (Feedback, bool, error) {
	n, err := getNomination(s.db, id)
	if err != nil {
		return Feedback{}, false, err
	}
	var body string
	err = s.db.Get(&body, `SELECT body FROM received_feedback WHERE nomination_id = ?`, id)
	switch {
	case err == nil:
		var f Feedback
		if err := json.Unmarshal([]byte(body), &f); err != nil {
			return f, false, fmt.Errorf("%s的评审结果反馈无法读取：%w", n.Label(), err)
		}
		return f, true, nil
	case !errors.Is(err, sql.ErrNoRows):
		return Feedback{}, false, fmt.Errorf("无法读取%s的评审结果反馈：%w", n.Label(), err)
	}
	var role string
	_ = s.db.Get(&role, `SELECT value FROM settings WHERE key = 'role'`)
	if role != RoleOffice {
		return Feedback{}, false, nil
	}
	all, err := roundFeedback(s.db, n.RoundID)
	if err != nil {
		return Feedback{}, false, err
	}
	for _, f := range all {
		if f.Nomination == n.UUID {
			return f, true, nil
		}
	}
	return Feedback{}, false, nil
}

// ActionReceiveFeedback is the audit action of feedback taken in from the office.
const ActionReceiveFeedback = "receive_feedback"

func init() { extraActionLabels[ActionReceiveFeedback] = "接收评审结果反馈" }

// ReceiveFeedback keeps the feedback the office's exchange file carries for
// one of this community's nominations (a community's copy only; the
// nomination must be the community's own). It reports whether it changed.
func (tx *Tx) ReceiveFeedback(id int64, f Feedback, sender string) (bool, error) {
	n, err := tx.communityReceives(id, "评审结果反馈")
	if err != nil {
		return false, err
	}
	if f.Nomination != n.UUID {
		return false, fmt.Errorf("%s：评审结果反馈不属于这份申报", n.Label())
	}
	body, err := json.Marshal(f)
	if err != nil {
		return false, fmt.Errorf("%s：评审结果反馈无法保存：%w", n.Label(), err)
	}
	var old string
	_ = tx.q.Get(&old, `SELECT body FROM received_feedback WHERE nomination_id = ?`, id)
	if old == string(body) {
		return false, nil
	}
	if _, err := tx.q.Exec(`INSERT INTO received_feedback (nomination_id, body, sender, received_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(nomination_id) DO UPDATE SET body = excluded.body, sender = excluded.sender, received_at = excluded.received_at`,
		id, string(body), sender, tx.at); err != nil {
		return false, fmt.Errorf("无法保存%s的评审结果反馈：%w", n.Label(), err)
	}
	return true, tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName, ActionReceiveFeedback, sender,
		[]Change{{Field: "Feedback", Label: "评审结果反馈", New: FeedbackLine(f)}})
}

// FeedbackLine is the feedback in one line: 最终得分85.50，第2名（共5个，名额2个）.
func FeedbackLine(f Feedback) string {
	s := "最终得分" + f.Final
	if f.Final == "" {
		s = "未评分"
	}
	if f.Rank > 0 {
		s += fmt.Sprintf("，第%d名（共%d个，名额%d个）", f.Rank, f.Ranked, f.Quota)
	}
	return s + "，" + f.State
}

// FeedbackChanged reports whether f differs from the feedback this copy
// keeps for the nomination (true when it keeps none).
func (tx *Tx) FeedbackChanged(id int64, f Feedback) (bool, error) {
	body, err := json.Marshal(f)
	if err != nil {
		return true, nil
	}
	var old string
	err = tx.q.Get(&old, `SELECT body FROM received_feedback WHERE nomination_id = ?`, id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("无法读取评审结果反馈：%w", err)
	}
	return old != string(body), nil
}

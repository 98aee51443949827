package data

import (
	"fmt"
	"strings"
)

// MarkAbsent marks a panel member absent for the round with a reason, or,
// with an empty reason, present again (office only). An absent reviewer is
// expected to score nothing: the ranking neither waits for nor counts them.
// A reviewer who has already handed in score sheets cannot be marked absent.
func (s *Store) MarkAbsent(reviewerID int64, reason string) error {
	return s.Write(func(tx *Tx) error {
		v, err := tx.officeReviewer(reviewerID, "登记评审缺席")
		if err != nil {
			return err
		}
		reason = strings.TrimSpace(reason)
		if reason == v.AbsentReason {
			return nil
		}
		if reason != "" {
			var n int
			if err := tx.q.Get(&n, `SELECT COUNT(*) FROM score_sheets WHERE reviewer_id = ?`, v.ID); err != nil {
				return fmt.Errorf("无法检查%s的评分：%w", v.Label(), err)
			}
			if n > 0 {
				return fmt.Errorf("%s已交 %d 份评分表，不能登记缺席", v.Label(), n)
			}
			if len([]rune(reason)) > 200 {
				return fmt.Errorf("%s：缺席原因不能超过 200 个字", v.Label())
			}
		}
		if _, err := tx.q.Exec(`UPDATE reviewers SET absent_reason = ?, updated_at = ? WHERE id = ?`, reason, tx.at, v.ID); err != nil {
			return fmt.Errorf("无法保存%s：%w", v.Label(), err)
		}
		return tx.Audit(EntityReviewer, v.ID, v.UUID, v.Name, ActionUpdate, reason,
			[]Change{{Field: "AbsentReason", Label: "缺席原因", Old: v.AbsentReason, New: reason}})
	})
}

// ReviewerStatus is where one panel member stands in a round, in every state
// of it: the sheets entered of those expected, the nominations recused from,
// absence with its reason, the sheets still owed (nomination 评审中) and
// those that will never come (the nomination was decided without them: its
// score is the mean of the sheets handed in).
type ReviewerStatus struct {
	Reviewer Reviewer
	Entered  int          // sheets entered
	Expected int          // nominations that went through review, not recused (0 when absent)
	Recused  int          // nominations recused from
	Owed     []Nomination // expected, still 评审中, no sheet yet
	Missing  []Nomination // expected, decided without this reviewer's sheet
}

// Absent reports whether the reviewer is marked absent for the round.
func (st ReviewerStatus) Absent() bool { return st.Reviewer.AbsentReason != "" }

// Text is the reviewer's line as the 评审 tab shows it, without the name:
// 已评 8/10，还欠 2 份：…；缺 2 份，已按已交评分计：…；回避 1 份；缺席（…）.
func (st ReviewerStatus) Text() string {
	if st.Absent() {
		s := "缺席（" + st.Reviewer.AbsentReason + "），不参与评分"
		if st.Recused > 0 {
			s += fmt.Sprintf("；回避 %d 份", st.Recused)
		}
		return s
	}
	var parts []string
	switch {
	case st.Expected == 0:
		parts = append(parts, "暂无须评分的申报")
	case len(st.Owed) == 0 && len(st.Missing) == 0:
		parts = append(parts, fmt.Sprintf("已评完 %d/%d", st.Entered, st.Expected))
	default:
		parts = append(parts, fmt.Sprintf("已评 %d/%d", st.Entered, st.Expected))
	}
	if len(st.Owed) > 0 {
		parts = append(parts, fmt.Sprintf("还欠 %d 份：%s", len(st.Owed), nomineeNames(st.Owed)))
	}
	if len(st.Missing) > 0 {
		parts = append(parts, fmt.Sprintf("缺 %d 份，已按已交评分计：%s", len(st.Missing), nomineeNames(st.Missing)))
	}
	if st.Recused > 0 {
		parts = append(parts, fmt.Sprintf("回避 %d 份", st.Recused))
	}
	return strings.Join(parts, "；")
}

func nomineeNames(ns []Nomination) string {
	names := make([]string, len(ns))
	for i, n := range ns {
		names[i] = n.NomineeName
	}
	return strings.Join(names, "、")
}

// PanelStatus is every panel member's status in the round, in panel order.
func (s *Store) PanelStatus(roundID int64) ([]ReviewerStatus, error) {
	r, err := getRound(s.db, roundID)
	if err != nil {
		return nil, err
	}
	rk, err := ranking(s.db, r)
	if err != nil {
		return nil, err
	}
	revs, err := listReviewers(s.db, roundID)
	if err != nil {
		return nil, err
	}
	out := make([]ReviewerStatus, len(revs))
	at := map[int64]int{}
	for i, v := range revs {
		out[i].Reviewer = v
		at[v.ID] = i
	}
	for _, c := range rk {
		for _, row := range c.Rows {
			if row.State == StateWithdrawn {
				continue
			}
			for _, t := range row.Reviewers {
				i, ok := at[t.Reviewer.ID]
				if !ok {
					continue
				}
				out[i].add(row, t)
			}
		}
	}
	return out, nil
}

// add counts one nomination of the ranking in the reviewer's status.
func (st *ReviewerStatus) add(row RankRow, t ReviewerTotal) {
	switch {
	case t.Recused:
		st.Recused++
	case t.Absent:
	case t.Scored:
		st.Expected++
		st.Entered++
	case row.State == StateReviewing:
		st.Expected++
		st.Owed = append(st.Owed, row.Nomination)
	default:
		st.Expected++
		st.Missing = append(st.Missing, row.Nomination)
	}
}

package data

import (
	"fmt"
	"strings"
)

// DecidePreview is what 确定拟命名名单 will do.
type DecidePreview struct {
	Round       Round
	Proposed    []Nomination // chosen: 评审中 → 拟命名
	NotSelected []Nomination // the others in review: 评审中 → 未入选
	Missing     int          // sheets still owed on them, left out for good
}

// DecidePreview works out what deciding the round's list with ids chosen would
// do: who is proposed, who is not selected, and how many sheets are still owed.
func (s *Store) DecidePreview(roundID int64, ids []int64) (DecidePreview, error) {
	r, err := getRound(s.db, roundID)
	p := DecidePreview{Round: r}
	if err != nil {
		return p, err
	}
	rk, err := ranking(s.db, r)
	if err != nil {
		return p, err
	}
	chosen := map[int64]bool{}
	for _, id := range ids {
		chosen[id] = true
	}
	for _, c := range rk {
		for _, row := range c.Rows {
			if row.State != StateReviewing {
				continue
			}
			p.Missing += row.Owed
			if chosen[row.ID] {
				p.Proposed = append(p.Proposed, row.Nomination)
			} else {
				p.NotSelected = append(p.NotSelected, row.Nomination)
			}
		}
	}
	if len(p.Proposed)+len(p.NotSelected) == 0 {
		return p, fmt.Errorf("%s没有评审中的申报", r.Label())
	}
	return p, nil
}

// What says what deciding does.
func (p DecidePreview) What() string {
	var b strings.Builder
	fmt.Fprintf(&b, "确定%s的拟命名名单。\n拟命名 %d 个：%s。", p.Round.Label(), len(p.Proposed), orNone(nomineesByCategory(p.Proposed)))
	fmt.Fprintf(&b, "\n未入选 %d 个：%s。", len(p.NotSelected), orNone(nomineesByCategory(p.NotSelected)))
	if p.Missing > 0 {
		fmt.Fprintf(&b, "\n尚有 %d 份评分未交，按已交评分计。", p.Missing)
	}
	return b.String()
}

// Irreversible says what cannot be undone once decided.
func (p DecidePreview) Irreversible() string {
	return "确定后，这些申报的评分不能再录入、修改或删除；改变结果须逐个“重新评审”并写明理由。"
}

func orNone(s string) string {
	if s == "" {
		return "无"
	}
	return s
}

// DeleteRoundPreview is what deleting a round will remove.
type DeleteRoundPreview struct {
	Round                                              Round
	Categories, Criteria, Vetoes, Reviewers, Conflicts int
}

// DeleteRoundPreview counts what deleting the round would remove, or says why
// it cannot be deleted (it has nominations).
func (s *Store) DeleteRoundPreview(roundID int64) (DeleteRoundPreview, error) {
	r, err := getRound(s.db, roundID)
	p := DeleteRoundPreview{Round: r, Categories: len(r.Categories), Criteria: len(r.Criteria), Vetoes: len(r.Vetoes)}
	if err != nil {
		return p, err
	}
	var noms int
	for _, c := range []struct {
		n *int
		q string
	}{
		{&noms, `SELECT COUNT(*) FROM nominations WHERE round_id = ?`},
		{&p.Reviewers, `SELECT COUNT(*) FROM reviewers WHERE round_id = ?`},
		{&p.Conflicts, `SELECT COUNT(*) FROM conflicts WHERE reviewer_id IN (SELECT id FROM reviewers WHERE round_id = ?)`},
	} {
		if err := s.db.Get(c.n, c.q, roundID); err != nil {
			return p, fmt.Errorf("无法检查%s：%w", r.Label(), err)
		}
	}
	if noms > 0 {
		return p, fmt.Errorf("%s已有 %d 份申报，不能删除", r.Label(), noms)
	}
	return p, nil
}

// What says what deleting removes.
func (p DeleteRoundPreview) What() string {
	return fmt.Sprintf("删除%s（%d 年度），连同 %d 个类别、%d 条评分标准、%d 项一票否决事项、%d 位评审和 %d 条回避登记。",
		p.Round.Label(), p.Round.Year, p.Categories, p.Criteria, p.Vetoes, p.Reviewers, p.Conflicts)
}

// Irreversible says what cannot be undone once deleted.
func (p DeleteRoundPreview) Irreversible() string {
	return "评选活动删除后不进回收站，不能恢复。"
}

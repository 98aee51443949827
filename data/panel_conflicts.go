package data

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// ReviewerRelations lists the communities a reviewer declared as related
// (where they live, used to work, have family…), by id.
func (s *Store) ReviewerRelations(reviewerID int64) ([]int64, error) {
	var out []int64
	if err := s.db.Select(&out, `SELECT community_id FROM reviewer_relations WHERE reviewer_id = ? ORDER BY community_id`, reviewerID); err != nil {
		return nil, fmt.Errorf("无法读取评审的相关社区：%w", err)
	}
	return out, nil
}

// SetReviewerRelations replaces a reviewer's related communities (office only).
func (s *Store) SetReviewerRelations(reviewerID int64, communityIDs []int64) error {
	return s.Write(func(tx *Tx) error {
		v, err := tx.officeReviewer(reviewerID, "登记评审的相关社区")
		if err != nil {
			return err
		}
		oldNames, err := relationNames(tx.q, reviewerID)
		if err != nil {
			return err
		}
		if _, err := tx.q.Exec(`DELETE FROM reviewer_relations WHERE reviewer_id = ?`, reviewerID); err != nil {
			return fmt.Errorf("无法保存%s的相关社区：%w", v.Label(), err)
		}
		for _, id := range communityIDs {
			if _, err := getCommunity(tx.q, id); err != nil {
				return err
			}
			if _, err := tx.q.Exec(`INSERT OR IGNORE INTO reviewer_relations (reviewer_id, community_id) VALUES (?, ?)`, reviewerID, id); err != nil {
				return fmt.Errorf("无法保存%s的相关社区：%w", v.Label(), err)
			}
		}
		newNames, err := relationNames(tx.q, reviewerID)
		if err != nil || oldNames == newNames {
			return err
		}
		return tx.Audit(EntityReviewer, v.ID, v.UUID, v.Name, ActionUpdate, "",
			[]Change{{Field: "Relations", Label: "相关社区", Old: oldNames, New: newNames}})
	})
}

func relationNames(q queryer, reviewerID int64) (string, error) {
	var names []string
	if err := q.Select(&names, `SELECT c.name FROM reviewer_relations x JOIN communities c ON c.id = x.community_id
		WHERE x.reviewer_id = ? ORDER BY c.name`, reviewerID); err != nil {
		return "", fmt.Errorf("无法读取评审的相关社区：%w", err)
	}
	return strings.Join(names, "、"), nil
}

// ConflictSuggestion is a suggested recusal: the reviewer's 单位 or related
// communities match the nomination. The clerk accepts it (a conflict is
// declared) or dismisses it, with a reason either way.
type ConflictSuggestion struct {
	Reviewer   Reviewer
	Nomination Nomination
	Basis      string // why: 单位“…”是申报社区, 单位“…”是小区的物业服务企业…
	Decided    bool
	Accepted   bool
	Reason     string // the clerk's reason, once decided
}

// Label names the suggestion in messages.
func (c ConflictSuggestion) Label() string {
	return fmt.Sprintf("%s与%s的回避建议", c.Reviewer.Label(), c.Nomination.Label())
}

// ConflictSuggestions lists a round's suggested recusals, panel order then
// nomination: those decided (with the decision) and those open. A pair a
// declared conflict already covers is not suggested again.
func (s *Store) ConflictSuggestions(roundID int64) ([]ConflictSuggestion, error) {
	return conflictSuggestions(s.db, roundID)
}

func conflictSuggestions(q queryer, roundID int64) ([]ConflictSuggestion, error) {
	revs, err := listReviewers(q, roundID)
	if err != nil {
		return nil, err
	}
	noms, err := listNominations(q, roundID, NominationFilter{})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(noms, func(i, j int) bool { return noms[i].ID < noms[j].ID })
	var out []ConflictSuggestion
	for _, v := range revs {
		m, err := reviewerMatcher(q, v)
		if err != nil {
			return nil, err
		}
		for _, n := range noms {
			if n.State == StateDraft || n.State == StateWithdrawn {
				continue
			}
			basis, err := m.basis(q, n)
			if err != nil {
				return nil, err
			}
			if basis == "" {
				continue
			}
			sg := ConflictSuggestion{Reviewer: v, Nomination: n, Basis: basis}
			var dec []struct {
				Accepted bool   `db:"accepted"`
				Reason   string `db:"reason"`
			}
			if err := q.Select(&dec, `SELECT accepted, reason FROM conflict_decisions WHERE reviewer_id = ? AND nomination_id = ?`, v.ID, n.ID); err != nil {
				return nil, fmt.Errorf("无法读取回避建议的处理：%w", err)
			}
			if len(dec) > 0 {
				sg.Decided, sg.Accepted, sg.Reason = true, dec[0].Accepted, dec[0].Reason
			} else if m.covered(n) {
				continue
			}
			out = append(out, sg)
		}
	}
	return out, nil
}

// matcher holds what a reviewer's suggestions are matched on.
type matcher struct {
	unit      string
	related   map[int64]bool
	conflicts []Conflict
}

func reviewerMatcher(q queryer, v Reviewer) (matcher, error) {
	m := matcher{unit: matchKey(v.Unit), related: map[int64]bool{}}
	var ids []int64
	if err := q.Select(&ids, `SELECT community_id FROM reviewer_relations WHERE reviewer_id = ?`, v.ID); err != nil {
		return m, fmt.Errorf("无法读取评审的相关社区：%w", err)
	}
	for _, id := range ids {
		m.related[id] = true
	}
	var err error
	m.conflicts, err = reviewerConflicts(q, v.ID)
	return m, err
}

func (m matcher) covered(n Nomination) bool {
	for _, c := range m.conflicts {
		if c.covers(n) {
			return true
		}
	}
	return false
}

// matchKey is a name as compared: normalized, without spaces.
func matchKey(s string) string { return strings.ReplaceAll(NormalizeCode(s), " ", "") }

// names reports whether the reviewer's 单位 names name: the same, or
// containing it (单位“滨江社区居委会” names 滨江社区). Names of one
// character are never matched.
func (m matcher) names(name string) bool {
	name = matchKey(name)
	return m.unit != "" && utf8.RuneCountInString(name) >= 2 && strings.Contains(m.unit, name)
}

// basis tells why the reviewer should perhaps not score n ("" when no match).
func (m matcher) basis(q queryer, n Nomination) (string, error) {
	var why []string
	unit := "单位“" + m.unit + "”"
	if n.NomineeKind == NomineeCompound {
		if m.names(n.CommunityName) {
			why = append(why, fmt.Sprintf("%s属小区所在的%s", unit, n.CommunityName))
		}
		if m.names(n.NomineeName) {
			why = append(why, unit+"与申报小区同名")
		}
		if n.CompoundID != nil {
			var prop string
			_ = q.Get(&prop, `SELECT property_company FROM compounds WHERE id = ?`, *n.CompoundID)
			if m.names(prop) {
				why = append(why, fmt.Sprintf("%s是小区的物业服务企业（%s）", unit, prop))
			}
		}
	} else if m.names(n.CommunityName) {
		why = append(why, unit+"属申报社区")
	}
	if m.related[n.CommunityID] {
		why = append(why, fmt.Sprintf("登记的相关社区含%s", n.CommunityName))
	}
	var orgs []string
	args := []any{n.CommunityID}
	where := `community_id = ? AND deleted_at IS NULL AND compound_id IS NULL`
	if n.CompoundID != nil {
		where = `community_id = ? AND deleted_at IS NULL AND (compound_id IS NULL OR compound_id = ?)`
		args = append(args, *n.CompoundID)
	}
	if err := q.Select(&orgs, `SELECT name FROM orgs WHERE `+where+` ORDER BY name`, args...); err != nil {
		return "", fmt.Errorf("无法读取党组织：%w", err)
	}
	for _, o := range orgs {
		if m.names(o) {
			why = append(why, fmt.Sprintf("%s是申报对象的党组织（%s）", unit, o))
		}
	}
	return strings.Join(why, "；"), nil
}

// DecideSuggestion accepts (declares the conflict: the community for a
// community's nomination, the compound for a compound's) or dismisses a
// suggested recusal, with a reason either way, recorded in the audit trail.
func (s *Store) DecideSuggestion(reviewerID, nominationID int64, accept bool, reason string) error {
	return s.Write(func(tx *Tx) error {
		a, err := tx.actor()
		if err != nil {
			return err
		}
		n, err := getNomination(tx.q, nominationID)
		if err != nil {
			return err
		}
		sgs, err := conflictSuggestions(tx.q, n.RoundID)
		if err != nil {
			return err
		}
		var sg *ConflictSuggestion
		for i := range sgs {
			if sgs[i].Reviewer.ID == reviewerID && sgs[i].Nomination.ID == nominationID {
				sg = &sgs[i]
			}
		}
		if sg == nil {
			v, err := getReviewer(tx.q, reviewerID)
			if err != nil {
				return err
			}
			return fmt.Errorf("%s与%s没有回避建议", v.Label(), n.Label())
		}
		if !a.office {
			return fmt.Errorf("%s：只有街道办事处的家园可以处理，%s", sg.Label(), a.why())
		}
		if sg.Decided {
			return fmt.Errorf("%s已处理（%s：%s）", sg.Label(), acceptText(sg.Accepted), sg.Reason)
		}
		reason = strings.TrimSpace(reason)
		if reason == "" {
			return fmt.Errorf("%s：%s须写明理由", sg.Label(), acceptText(accept))
		}
		if accept {
			c := Conflict{ReviewerID: reviewerID, Reason: "回避建议：" + sg.Basis + "；" + reason}
			if n.CompoundID != nil {
				c.CompoundID = n.CompoundID
			} else {
				c.CommunityID = &n.CommunityID
			}
			if err := tx.addConflict(&c, &a); err != nil {
				return err
			}
		}
		if _, err := tx.q.Exec(`INSERT INTO conflict_decisions (reviewer_id, nomination_id, basis, accepted, reason, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, reviewerID, nominationID, sg.Basis, accept, reason, tx.at); err != nil {
			return fmt.Errorf("无法保存%s的处理：%w", sg.Label(), err)
		}
		v := sg.Reviewer
		return tx.Audit(EntityReviewer, v.ID, v.UUID, v.Name, ActionUpdate, reason, []Change{{Field: "Suggestion",
			Label: "回避建议", New: fmt.Sprintf("%s：%s（%s）", acceptText(accept), n.Label(), sg.Basis)}})
	})
}

func acceptText(accept bool) string {
	if accept {
		return "采纳"
	}
	return "不采纳"
}

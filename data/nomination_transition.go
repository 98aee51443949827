package data

import (
	"errors"
	"fmt"
	"strings"
)

// Transition moves one nomination by act, checking the state table, the
// role of this copy, the reason where one is required and the rules of the
// step (see transition). reason is recorded in the audit trail.
func (s *Store) Transition(id int64, act Action, reason string) error {
	return s.Write(func(tx *Tx) error { return tx.Transition(id, act, reason) })
}

// TransitionMany moves several nominations by the same act, all or none;
// a refusal lists every nomination that cannot move and why.
func (s *Store) TransitionMany(ids []int64, act Action, reason string) error {
	return s.Write(func(tx *Tx) error {
		a, err := tx.actor()
		if err != nil {
			return err
		}
		var msgs []string
		for _, id := range ids {
			if _, err := tx.transition(id, act, reason, a, tOpts{}); err != nil {
				msgs = append(msgs, err.Error())
			}
		}
		if len(msgs) > 0 {
			return &BatchError{Msgs: msgs}
		}
		return nil
	})
}

// BatchError lists every refusal of a batch; nothing of the batch was saved.
type BatchError struct{ Msgs []string }

func (e *BatchError) Error() string {
	return fmt.Sprintf("%d 项不能办理，全部未保存：\n%s", len(e.Msgs), strings.Join(e.Msgs, "\n"))
}

// Transition is Transition inside a transaction.
func (tx *Tx) Transition(id int64, act Action, reason string) error {
	a, err := tx.actor()
	if err != nil {
		return err
	}
	_, err = tx.transition(id, act, reason, a, tOpts{})
	return err
}

// NameEarly names a nomination before its notice period has ended: an
// explicit override that needs a reason, recorded as such.
func (s *Store) NameEarly(id int64, reason string) error {
	return s.Write(func(tx *Tx) error {
		a, err := tx.actor()
		if err != nil {
			return err
		}
		_, err = tx.transition(id, ActName, reason, a, tOpts{override: true})
		return err
	})
}

// tOpts are transition's options: override names before the notice period
// ends; ranking, when set, is the round's ranking already computed in this
// transaction (scores do not change while states do).
type tOpts struct {
	override bool
	ranking  []CategoryRanking
}

// transition is the one function every change of a nomination's state goes
// through. It checks, in order: the state table (act allowed from the
// current state), the role (the office's copy owns the states; a
// community's copy only submits its own), the reason, then the rules of the
// step:
//   - submit: the content complete; after the deadline only the office may submit;
//   - propose: no veto, quota not full, and a reason when sheets are still
//     missing (a reviewer absent: the mean counts those who scored) or when
//     the ranking does not put it within the quota (tie at the line included);
//   - reject: a reason when the ranking puts it within the quota, or when
//     sheets are missing and it is not vetoed;
//   - publish: the round's notice has started;
//   - name: the notice period is over (or override with a reason), no
//     objection pending; a certificate number is issued;
//   - remove: an upheld objection is on record;
//   - revoke: the certificate is marked revoked (its number stays retired).
func (tx *Tx) transition(id int64, act Action, reason string, a actor, o tOpts) (Nomination, error) {
	n, err := getNomination(tx.q, id)
	if err != nil {
		return n, err
	}
	t, ok := TransitionFor(act)
	if !ok {
		return n, fmt.Errorf("%s：没有“%s”这个操作", n.Label(), act)
	}
	reason = strings.TrimSpace(reason)
	if err := tx.mayTransition(n, t, reason, a, o.override); err != nil {
		return n, err
	}
	r, err := getRound(tx.q, n.RoundID)
	if err != nil {
		return n, err
	}
	if err := tx.checkStep(&n, act, r, reason, a, o); err != nil {
		return n, err
	}
	if err := tx.applyTransition(&n, t, r, reason, o.override); err != nil {
		return n, err
	}
	return n, nil
}

// refuse is the StateError of a step n may not take.
func refuse(n *Nomination, act Action, format string, args ...any) error {
	return &StateError{Record: n.Label(), Action: act, From: n.State, Rule: fmt.Sprintf(format, args...)}
}

// mayTransition checks what every step asks: the state table allows t from n's
// state, this copy's role may take it, and a reason is given where one is needed
// (always for an override).
func (tx *Tx) mayTransition(n Nomination, t Transition, reason string, a actor, override bool) error {
	if !t.Allows(n.State) {
		var from []string
		for _, f := range t.From {
			from = append(from, f.Label())
		}
		return refuse(&n, t.Action, "只有“%s”的申报可以%s", strings.Join(from, "”“"), t.Label)
	}
	if err := tx.mayActOn(n, a, t.OfficeOnly); err != nil {
		if t.OfficeOnly || a.role == "" {
			return refuse(&n, t.Action, "街道办事处负责初审、评审、公示和命名，社区的家园只能起草和提交本社区的申报（%s）", a.why())
		}
		return refuse(&n, t.Action, "本机是其他社区使用的家园，只能提交本社区的申报")
	}
	if (t.NeedReason || override) && reason == "" {
		if override {
			return refuse(&n, t.Action, "公示期未满提前命名，须写明理由")
		}
		return refuse(&n, t.Action, "须写明原因")
	}
	return nil
}

// checkStep checks the rules of the step itself (see transition).
func (tx *Tx) checkStep(n *Nomination, act Action, r Round, reason string, a actor, o tOpts) error {
	today := DateOf(tx.s.now())
	switch act {
	case ActSubmit:
		ck := &checker{record: n.Label()}
		n.checkContent(r, ck, true)
		if err := ck.err(); err != nil {
			return fmt.Errorf("提交前请补全：%w", err)
		}
		if !r.Deadline.IsZero() && r.Deadline.Before(today) && !a.office {
			return refuse(n, act, "%s的申报已于 %s 截止", r.Label(), r.Deadline)
		}
	case ActPropose, ActReject:
		row, cat, err := tx.rankRow(r, *n, o.ranking)
		if err != nil {
			return err
		}
		if act == ActPropose {
			return tx.checkPropose(n, row, cat, reason)
		}
		return checkReject(n, row, cat, reason)
	case ActPublish:
		if r.NoticeStart.IsZero() {
			return refuse(n, act, "%s还没有发布公示（请在“公示”中填写公示开始日期）", r.Label())
		}
	case ActName:
		return tx.checkNaming(n, r, today, o.override)
	case ActRemove:
		var upheld int
		if err := tx.q.Get(&upheld, `SELECT COUNT(*) FROM objections WHERE nomination_id = ? AND outcome = ?`, n.ID, OutcomeUpheld); err != nil {
			return fmt.Errorf("无法检查异议：%w", err)
		}
		if upheld == 0 {
			return refuse(n, act, "只有异议经核查成立时才能撤销；请先在异议登记中记下核查结果")
		}
	}
	return nil
}

// checkPropose checks a proposal against the ranking: all sheets in (or a
// reason), no veto, a score, the quota not yet full, and a reason when tied at
// the quota line or outside the quota.
func (tx *Tx) checkPropose(n *Nomination, row RankRow, cat Category, reason string) error {
	switch {
	case row.Owed > 0 && reason == "":
		return refuse(n, ActPropose, "还有 %d 位评审未评分；如评审缺席、须按已交的评分拟命名，请写明理由", row.Owed)
	case row.Vetoed():
		return refuse(n, ActPropose, "有评审认定了一票否决事项，不能拟命名")
	case row.Result.Exact == nil:
		return refuse(n, ActPropose, "还没有评分")
	}
	var taken int
	if err := tx.q.Get(&taken, `SELECT COUNT(*) FROM nominations WHERE category_id = ? AND state IN (?, ?, ?)`,
		n.CategoryID, string(StateProposed), string(StateOnNotice), string(StateNamed)); err != nil {
		return fmt.Errorf("无法统计名额：%w", err)
	}
	if taken >= cat.Quota {
		return refuse(n, ActPropose, "“%s”名额为 %d 个，已经全部确定", cat.Name, cat.Quota)
	}
	if row.TieAtLine && reason == "" {
		return refuse(n, ActPropose, "排名第 %d，与其他申报同分并列在名额线上，须由街道决定并写明理由", row.Rank)
	}
	if !row.WithinQuota && reason == "" {
		return refuse(n, ActPropose, "排名第 %d，不在“%s”的 %d 个名额内，拟命名须写明理由", row.Rank, cat.Name, cat.Quota)
	}
	return nil
}

// checkReject asks a reason for leaving out a nomination within the quota, or
// one not vetoed whose sheets are not all in.
func checkReject(n *Nomination, row RankRow, cat Category, reason string) error {
	if row.WithinQuota && reason == "" {
		return refuse(n, ActReject, "排名第 %d，在“%s”的 %d 个名额内，不入选须写明理由", row.Rank, cat.Name, cat.Quota)
	}
	if row.Owed > 0 && !row.Vetoed() && reason == "" {
		return refuse(n, ActReject, "还有 %d 位评审未评分，不入选须写明理由", row.Owed)
	}
	return nil
}

// checkNaming checks that the notice period is over (or overridden) and no
// objection to the nomination is pending.
func (tx *Tx) checkNaming(n *Nomination, r Round, today Date, override bool) error {
	if r.NoticeEnd.IsZero() {
		return refuse(n, ActName, "%s的公示期还没有确定", r.Label())
	}
	if !r.NoticeEnd.Before(today) && !override {
		return refuse(n, ActName, "公示期到 %s 才结束；如须提前命名，请选择“提前命名”并写明理由", r.NoticeEnd)
	}
	var pending int
	if err := tx.q.Get(&pending, `SELECT COUNT(*) FROM objections WHERE nomination_id = ? AND outcome = ''`, n.ID); err != nil {
		return fmt.Errorf("无法检查异议：%w", err)
	}
	if pending > 0 {
		return refuse(n, ActName, "还有 %d 件异议未办结", pending)
	}
	return nil
}

// applyTransition saves the new state and what goes with the step (a submitted
// version's snapshot, a certificate issued or revoked), then audits it.
func (tx *Tx) applyTransition(n *Nomination, t Transition, r Round, reason string, override bool) error {
	act := t.Action
	old := n.State
	n.State, n.StateReason, n.StateAt, n.UpdatedAt = t.To, reason, tx.at, tx.at
	if act == ActSubmit {
		n.Version++
		n.SubmittedAt = tx.at
	}
	if _, err := tx.q.Exec(`UPDATE nominations SET state = ?, state_reason = ?, state_at = ?, updated_at = ?, version = ?, submitted_at = ? WHERE id = ?`,
		string(n.State), n.StateReason, n.StateAt, n.UpdatedAt, n.Version, n.SubmittedAt, n.ID); err != nil {
		return fmt.Errorf("无法保存%s：%w", n.Label(), err)
	}
	changes := []Change{{Field: "State", Label: "状态", Old: old.Label(), New: n.State.Label()}}
	switch act {
	case ActSubmit:
		if err := tx.snapshot(n, "提交"); err != nil {
			return err
		}
		changes = append(changes, Change{Field: "Version", Label: "版本", New: fmt.Sprint(n.Version)})
	case ActName:
		no, err := tx.issueCertificate(r, *n)
		if err != nil {
			return err
		}
		changes = append(changes, Change{Field: "Certificate", Label: "证书编号", New: no})
	case ActRevoke:
		if _, err := tx.q.Exec(`UPDATE certificates SET revoked_at = ? WHERE nomination_id = ? AND revoked_at = ''`, tx.at, n.ID); err != nil {
			return fmt.Errorf("无法注销%s的证书：%w", n.Label(), err)
		}
	}
	action := string(act)
	if override {
		action = ActionOverride
	}
	return tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName, action, reason, changes)
}

// rankRow finds the nomination's row in its category's ranking.
func (tx *Tx) rankRow(r Round, n Nomination, rk []CategoryRanking) (RankRow, Category, error) {
	if rk == nil {
		var err error
		if rk, err = ranking(tx.q, r); err != nil {
			return RankRow{}, Category{}, err
		}
	}
	for _, c := range rk {
		for _, row := range c.Rows {
			if row.ID == n.ID {
				return row, c.Category, nil
			}
		}
	}
	return RankRow{}, Category{}, errors.New(n.Label() + "不在排名中")
}

// Decide fixes the proposed list (拟命名) of a round in one go: every
// nomination 评审中 in ids becomes 拟命名, every other one 评审中 becomes
// 未入选. reasons holds the recorded reason for each choice that goes
// against the ranking (keyed by nomination id); the rules are transition's.
// With disagreement flags open it is refused: see DecideNote.
func (s *Store) Decide(roundID int64, ids []int64, reasons map[int64]string) error {
	return s.DecideNote(roundID, ids, reasons, "")
}

func (tx *Tx) decide(roundID int64, ids []int64, reasons map[int64]string) error {
	{
		a, err := tx.actor()
		if err != nil {
			return err
		}
		noms, err := listNominations(tx.q, roundID, NominationFilter{States: []State{StateReviewing}})
		if err != nil {
			return err
		}
		r, err := getRound(tx.q, roundID)
		if err != nil {
			return err
		}
		rk, err := ranking(tx.q, r)
		if err != nil {
			return err
		}
		chosen := map[int64]bool{}
		for _, id := range ids {
			chosen[id] = true
		}
		var msgs []string
		// Rejections first, so that quota counts only the chosen.
		for _, pass := range []bool{false, true} {
			for _, n := range noms {
				if chosen[n.ID] != pass {
					continue
				}
				act := ActReject
				if pass {
					act = ActPropose
				}
				if _, err := tx.transition(n.ID, act, reasons[n.ID], a, tOpts{ranking: rk}); err != nil {
					msgs = append(msgs, err.Error())
				}
			}
		}
		for _, id := range ids {
			found := false
			for _, n := range noms {
				found = found || n.ID == id
			}
			if !found {
				msgs = append(msgs, fmt.Sprintf("申报 #%d 不是“评审中”，不能列入拟命名名单", id))
			}
		}
		if len(msgs) > 0 {
			return &BatchError{Msgs: msgs}
		}
		return nil
	}
}

package exchange

import (
	"fmt"
	"path/filepath"

	"jiayuan/data"
)

// statesName is the entry of the office's states of one community's nominations.
const statesName = "states.json"

// stateEntity keys the last state taken in from the office's file, per
// nomination, in the exchange bookkeeping (exchange_base).
const stateEntity = "nomination_state"

// StateRec is where the office has one of a community's nominations, as its
// file to that community carries it.
type StateRec struct {
	UUID        string `json:"uuid"` // the nomination
	Round       string `json:"round"`
	Category    string `json:"category"`
	NomineeName string `json:"nominee_name"`
	State       string `json:"state"`
	Reason      string `json:"reason,omitempty"` // the office's reason (none for 已提交)
	At          string `json:"at"`               // when the office set the state
	Version     int    `json:"version"`          // the version the office holds
	Certificate string `json:"certificate,omitempty"`
	CertSeq     int    `json:"cert_seq,omitempty"`
	// Feedback is the 评审结果反馈 once the round is named (minor 2).
	Feedback *data.Feedback `json:"feedback,omitempty"`
}

func (r StateRec) received(pkg *Package) data.ReceivedState {
	return data.ReceivedState{State: data.State(r.State), Reason: r.Reason, Certificate: r.Certificate, CertSeq: r.CertSeq,
		Sender: pkg.Manifest.Sender.Label(), File: filepath.Base(pkg.Path)}
}

// exportStates lists the states of a community's nominations (all but the
// office's own drafts) for the office's file to that community.
func exportStates(st *data.Store, loc *localSet, community string) ([]StateRec, error) {
	c := loc.byUUID[data.EntityCommunity][community]
	if c == nil {
		return nil, nil
	}
	rs, err := st.Rounds()
	if err != nil {
		return nil, err
	}
	out := []StateRec{}
	for _, r := range rs {
		ns, err := st.Nominations(r.ID, data.NominationFilter{CommunityID: c.id})
		if err != nil {
			return nil, err
		}
		if len(ns) == 0 {
			continue
		}
		certs, err := st.Certificates(r.ID)
		if err != nil {
			return nil, err
		}
		feedback, err := roundFeedback(st, r)
		if err != nil {
			return nil, err
		}
		certOf := map[int64]data.Certificate{}
		for _, ct := range certs {
			if old, ok := certOf[ct.NominationID]; !ok || ct.ID > old.ID {
				certOf[ct.NominationID] = ct
			}
		}
		for _, n := range ns {
			if n.State == data.StateDraft {
				continue
			}
			rec := StateRec{UUID: n.UUID, Round: r.UUID, Category: n.CategoryName, NomineeName: n.NomineeName,
				State: string(n.State), Reason: n.StateReason, At: n.StateAt, Version: n.Version}
			if n.State == data.StateSubmitted {
				rec.Reason = "" // the office's note of how it came in, not a decision
			}
			if fb, ok := feedback[n.UUID]; ok {
				rec.Feedback = &fb
			}
			if ct, ok := certOf[n.ID]; ok && (n.State == data.StateNamed || n.State == data.StateRevoked) {
				rec.Certificate, rec.CertSeq = ct.Number, ct.Seq
			}
			out = append(out, rec)
		}
	}
	return out, nil
}

// checkStates refuses malformed states.
func (p *Package) checkStates() error {
	var errs []string
	seen := map[string]bool{}
	for i, s := range p.States {
		id := fmt.Sprintf("办理结果第 %d 条（%s）", i+1, s.NomineeName)
		if !reUUID.MatchString(s.UUID) || seen[s.UUID] {
			errs = append(errs, id+"：UUID 无效或重复")
		}
		seen[s.UUID] = true
		if st, ok := data.ParseState(s.State); !ok || string(st) != s.State || st == data.StateDraft {
			errs = append(errs, fmt.Sprintf("%s：状态“%s”无效", id, s.State))
		}
		if s.Feedback != nil && s.Feedback.Nomination != s.UUID {
			errs = append(errs, id+"：评审结果反馈不属于这份申报")
		}
	}
	if len(errs) > 0 {
		return refused("申报办理结果格式有误：%s", joinSome(errs))
	}
	if len(p.States) > 0 && p.Manifest.Sender.Role != data.RoleOffice {
		return refused("只有街道办事处发出的文件可以带申报的办理结果")
	}
	return nil
}

// planStates adds the office's states to the plan of a community's copy.
// The office's own copy keeps its states (it decides them), and a
// nomination this copy does not hold is left out.
func planStates(tx *data.Tx, pkg *Package, p *Plan) error {
	if len(pkg.States) == 0 {
		return nil
	}
	if tx.Setting("role") != data.RoleCommunity {
		return nil
	}
	for i := range pkg.States {
		sr := &pkg.States[i]
		ln, ok, err := localNomination(tx, sr.UUID)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		n := ln.n
		it := &Item{Entity: data.EntityNomination, UUID: sr.UUID, Name: n.NomineeName, Where: n.CategoryName,
			LocalID: n.ID, state: sr, digest: sr.At}
		rs := sr.received(pkg)
		same := n.State == rs.State && n.StateReason == rs.Text()
		if same && rs.Certificate != "" {
			ct, ok, err := tx.CertificateOf(n.ID)
			if err != nil {
				return err
			}
			same = ok && ct.Number == rs.Certificate && (ct.RevokedAt != "") == (rs.State == data.StateRevoked)
		}
		fbNew := false
		if sr.Feedback != nil {
			if fbNew, err = tx.FeedbackChanged(n.ID, *sr.Feedback); err != nil {
				return err
			}
			same = same && !fbNew
		}
		last, _ := tx.ExchangeBase(stateEntity, sr.UUID)
		switch {
		case same:
			it.Status = Same
		case n.Version > sr.Version:
			it.Status = OursNewer
			it.Note = fmt.Sprintf("本机已重新提交或补正（第 %d 版），街道办事处还没有收到，办理结果待街道下次发来", n.Version)
		case last != "" && sr.At < last:
			it.Status = OursNewer
			it.Note = "文件中的办理结果比本机已收到的旧，不再采用"
		default:
			it.Status = Changed
			it.Note = "街道办事处的办理结果：" + rs.State.Label()
			if rs.State == data.StateReturned {
				it.Note += "，可修改后重新提交"
			}
			if fbNew {
				it.Note += "，附评审结果反馈"
			}
		}
		if it.Status != Same {
			add := func(label, a, b string) {
				if a != b {
					it.Diffs = append(it.Diffs, Diff{Field: label, Label: label, Ours: a, Theirs: b})
				}
			}
			add("状态", n.State.Label(), rs.State.Label())
			add("说明", n.StateReason, rs.Text())
			if fbNew {
				add("评审结果反馈", "", data.FeedbackLine(*sr.Feedback))
			}
		}
		p.Items = append(p.Items, it)
	}
	return nil
}

// applyState takes in the office's state of a nomination and remembers the
// time of the state taken in. It reports whether it changed the nomination.
func applyState(tx *data.Tx, pkg *Package, it *Item) (bool, error) {
	if it.Status != Changed && it.Status != Same {
		return false, nil
	}
	wrote := false
	if it.Status == Changed {
		var err error
		// a refusal names the nomination and the rule; it is listed and
		// the whole file refused
		if wrote, err = tx.ReceiveState(it.LocalID, it.state.received(pkg)); err != nil {
			return false, &itemError{err}
		}
		if fb := it.state.Feedback; fb != nil {
			got, err := tx.ReceiveFeedback(it.LocalID, *fb, it.state.received(pkg).Sender+"，"+filepath.Base(pkg.Path))
			if err != nil {
				return false, &itemError{err}
			}
			wrote = wrote || got
		}
	}
	last, _ := tx.ExchangeBase(stateEntity, it.UUID)
	if it.digest == "" || last >= it.digest {
		return wrote, nil
	}
	return wrote, tx.SetExchangeBase(stateEntity, it.UUID, it.digest)
}

// roundFeedback is a round's 评审结果反馈 by nomination UUID, once it is named.
func roundFeedback(st *data.Store, r data.Round) (map[string]data.Feedback, error) {
	out := map[string]data.Feedback{}
	if r.NamedOn.IsZero() {
		return out, nil
	}
	fbs, err := st.Feedback(r.ID)
	if err != nil {
		return nil, err
	}
	for _, f := range fbs {
		out[f.Nomination] = f
	}
	return out, nil
}

package data

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// The functions here let data/exchange bring rounds and nominations from an
// exchange file in through the same rules as the window: validation, the
// state table and the audit trail.

// RoundByUUID reads the round with that UUID and its parts; ErrNotFound when none.
func (tx *Tx) RoundByUUID(uuid string) (Round, error) {
	var id int64
	err := tx.q.Get(&id, `SELECT id FROM rounds WHERE uuid = ?`, uuid)
	if errors.Is(err, sql.ErrNoRows) {
		return Round{}, fmt.Errorf("评选活动 %s %w", uuid, ErrNotFound)
	}
	if err != nil {
		return Round{}, fmt.Errorf("无法读取评选活动：%w", err)
	}
	return getRound(tx.q, id)
}

// ImportRound saves a round received from the office's exchange file. It runs
// with the office's authority on any copy (a community's copy receives the
// office's open rounds so it can prepare nominations; it cannot create rounds
// itself). r.UUID identifies the round; categories and criteria whose names
// match the local ones keep their local ids, so nominations and self-scores
// stay attached to them.
func (tx *Tx) ImportRound(r *Round) error {
	if r.UUID == "" {
		return fmt.Errorf("%s：缺少编号", r.Label())
	}
	r.ID = 0
	if old, err := tx.RoundByUUID(r.UUID); err == nil {
		r.ID = old.ID
		cats := map[string]int64{}
		for _, c := range old.Categories {
			cats[c.Name] = c.ID
		}
		for i := range r.Categories {
			r.Categories[i].ID = cats[r.Categories[i].Name]
		}
		crits := map[string]int64{}
		for _, c := range old.Criteria {
			crits[c.Name] = c.ID
		}
		for i := range r.Criteria {
			r.Criteria[i].ID = crits[r.Criteria[i].Name]
		}
	} else if !errors.Is(err, ErrNotFound) {
		return err
	} else if err := checkUUIDFree(tx.q, EntityRound, 0, r.Label(), r.UUID); err != nil {
		return err
	}
	return tx.saveRound(r, asOffice)
}

// NominationByUUID reads the nomination with that UUID; ErrNotFound when none.
func (tx *Tx) NominationByUUID(uuid string) (Nomination, error) {
	var id int64
	err := tx.q.Get(&id, `SELECT id FROM nominations WHERE uuid = ?`, uuid)
	if errors.Is(err, sql.ErrNoRows) {
		return Nomination{}, fmt.Errorf("申报 %s %w", uuid, ErrNotFound)
	}
	if err != nil {
		return Nomination{}, fmt.Errorf("无法读取申报：%w", err)
	}
	return getNomination(tx.q, id)
}

// Amend is Store.Amend inside a transaction (a nomination sent again after
// it was submitted becomes an amendment, a new version).
func (tx *Tx) Amend(n *Nomination, reason string) error {
	a, err := tx.actor()
	if err != nil {
		return err
	}
	return tx.amend(n, reason, a)
}

// NominationAttachments lists a nomination's current attachments inside the transaction.
func (tx *Tx) NominationAttachments(nominationID int64) ([]Attachment, error) {
	var out []Attachment
	if err := tx.q.Select(&out, `SELECT * FROM attachments WHERE nomination_id = ? AND removed_at IS NULL ORDER BY id`, nominationID); err != nil {
		return nil, fmt.Errorf("无法读取附件：%w", err)
	}
	return out, nil
}

// SyncAttachments makes a nomination's current attachments the listed ones
// (matched by SHA-256 and name): missing ones are added, others marked
// removed, under the same rules as adding one in the window (reason
// recorded). The files must already be in the attachments folder. It
// reports whether anything changed.
func (tx *Tx) SyncAttachments(nominationID int64, want []Attachment, reason string) (bool, error) {
	act, err := tx.actor()
	if err != nil {
		return false, err
	}
	n, err := getNomination(tx.q, nominationID)
	if err != nil {
		return false, err
	}
	have, err := tx.NominationAttachments(nominationID)
	if err != nil {
		return false, err
	}
	key := func(a Attachment) string { return a.SHA256 + "\x00" + a.Name }
	haveKeys, wantKeys := map[string]Attachment{}, map[string]bool{}
	for _, a := range have {
		haveKeys[key(a)] = a
	}
	var add []Attachment
	for _, a := range want {
		wantKeys[key(a)] = true
		if _, ok := haveKeys[key(a)]; !ok {
			add = append(add, a)
		}
	}
	var drop []Attachment
	for _, a := range have {
		if !wantKeys[key(a)] {
			drop = append(drop, a)
		}
	}
	if len(add)+len(drop) == 0 {
		return false, nil
	}
	if err := tx.attachmentAllowed(n, act, reason); err != nil {
		return false, err
	}
	for _, a := range add {
		ext := strings.ToLower(a.Ext)
		if _, ok := AttachmentTypes[ext]; !ok {
			return false, fmt.Errorf("%s：附件“%s”的类型不在可接受之列", n.Label(), a.Name)
		}
		if a.Size > AttachmentMaxSize {
			return false, fmt.Errorf("%s：附件“%s”超过 %d MB 的上限", n.Label(), a.Name, AttachmentMaxSize>>20)
		}
		a.NominationID, a.Ext, a.AddedAt, a.RemovedAt = nominationID, ext, tx.at, nil
		if _, err := tx.q.NamedExec(`INSERT INTO attachments (nomination_id, name, sha256, ext, size, added_at)
			VALUES (:nomination_id, :name, :sha256, :ext, :size, :added_at)`, &a); err != nil {
			return false, fmt.Errorf("无法保存附件“%s”：%w", a.Name, err)
		}
		if err := tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName, ActionAttach, reason,
			[]Change{{Field: "Attachment", Label: "附件", New: fmt.Sprintf("%s（%s）", a.Name, HumanSize(a.Size))}}); err != nil {
			return false, err
		}
	}
	for _, a := range drop {
		if _, err := tx.q.Exec(`UPDATE attachments SET removed_at = ? WHERE id = ?`, tx.at, a.ID); err != nil {
			return false, fmt.Errorf("无法移除附件“%s”：%w", a.Name, err)
		}
		if err := tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName, ActionDetach, reason,
			[]Change{{Field: "Attachment", Label: "附件", Old: a.Name}}); err != nil {
			return false, err
		}
	}
	return true, nil
}

// ActionReceiveState is the audit action of a nomination's state received
// from the office's exchange file.
const ActionReceiveState = "receive_state"

func init() { extraActionLabels[ActionReceiveState] = "接收街道办理结果" }

// ReceivedState is where the office has one of a community's nominations,
// as the office's exchange file to that community carries it.
type ReceivedState struct {
	State       State
	Reason      string // the office's reason (退回修改, 未入选, 撤销…), as the office recorded it
	Certificate string // the certificate number (已命名; 撤销命名 keeps it, retired)
	CertSeq     int    // its sequence within the category at the office
	Sender      string // who sent the file: 华阳街道（街道办事处）
	File        string // the exchange file's name
}

// Text is the state's explanation as the community's copy keeps it: the
// office's reason, with the certificate number when named or revoked.
func (r ReceivedState) Text() string {
	reason := strings.TrimSpace(r.Reason)
	switch {
	case r.Certificate == "":
		return reason
	case r.State == StateNamed && reason == "":
		return "证书编号 " + r.Certificate
	case r.State == StateNamed:
		return "证书编号 " + r.Certificate + "；" + reason
	case r.State == StateRevoked && reason == "":
		return "证书编号 " + r.Certificate + " 已注销"
	case r.State == StateRevoked:
		return reason + "（证书编号 " + r.Certificate + " 已注销）"
	}
	return reason
}

// ReceiveState sets a nomination on a community's copy to the state the
// office's exchange file carries for it. It is the one way a community's
// copy comes to hold a state the office decides (退回修改, 初审通过, 拟命名,
// 未入选, 公示中, 已命名, 撤销…): the community's own clerk still only drafts
// and submits (Transition refuses the office's steps there), and this path
// takes only what the office decided, recorded in the audit trail with the
// office's reason and the sender. It is refused on the office's copy (the
// office owns the states), on a copy without a role, for a nomination of
// another community, for 草稿 and without the sender named. A 退回修改
// makes the nomination editable again, so the community can fix it and
// submit it anew. A certificate number is kept as the office issued it.
// It reports whether anything changed.
func (tx *Tx) ReceiveState(id int64, rs ReceivedState) (bool, error) {
	n, err := tx.communityReceives(id, "街道办事处的办理结果")
	if err != nil {
		return false, err
	}
	if strings.TrimSpace(rs.Sender) == "" || strings.TrimSpace(rs.File) == "" {
		return false, fmt.Errorf("%s：接收办理结果须注明来自哪个交换文件", n.Label())
	}
	if st, ok := ParseState(string(rs.State)); !ok || st != rs.State || st == StateDraft {
		return false, fmt.Errorf("%s：街道办事处的办理结果“%s”无效", n.Label(), rs.State)
	}
	text := rs.Text()
	changes := []Change{}
	if n.State != rs.State {
		changes = append(changes, Change{Field: "State", Label: "状态", Old: n.State.Label(), New: rs.State.Label()})
	}
	if n.StateReason != text {
		changes = append(changes, Change{Field: "StateReason", Label: "说明", Old: n.StateReason, New: text})
	}
	certChanged, err := tx.receiveCertificate(n, rs)
	if err != nil {
		return false, err
	}
	if certChanged {
		c := Change{Field: "Certificate", Label: "证书编号", New: rs.Certificate}
		if rs.State == StateRevoked {
			c.New += "（已注销）"
		}
		changes = append(changes, c)
	}
	if len(changes) == 0 {
		return false, nil
	}
	if _, err := tx.q.Exec(`UPDATE nominations SET state = ?, state_reason = ?, state_at = ?, updated_at = ? WHERE id = ?`,
		string(rs.State), text, tx.at, tx.at, n.ID); err != nil {
		return false, fmt.Errorf("无法保存%s：%w", n.Label(), err)
	}
	reason := fmt.Sprintf("街道办事处的办理结果（来自 %s，交换文件 %s）", rs.Sender, rs.File)
	if r := strings.TrimSpace(rs.Reason); r != "" {
		reason += "：" + r
	}
	return true, tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName, ActionReceiveState, reason, changes)
}

// communityReceives is the nomination id when this copy may take in what
// the office sends for it (what, e.g. 评审结果反馈): a community's copy, and
// the community's own nomination.
func (tx *Tx) communityReceives(id int64, what string) (Nomination, error) {
	a, err := tx.actor()
	if err != nil {
		return Nomination{}, err
	}
	n, err := getNomination(tx.q, id)
	if err != nil {
		return n, err
	}
	if a.office || a.role != RoleCommunity {
		return n, fmt.Errorf("%s：只有社区的家园接收%s（本机%s）", n.Label(), what, roleText(a))
	}
	return n, tx.mayActOn(n, a, false)
}

func roleText(a actor) string {
	if a.office {
		return "是街道办事处的家园"
	}
	return "尚未在“设置”中选择使用单位"
}

// receiveCertificate keeps the office's certificate number for a named (or
// revoked) nomination, marking it revoked when the title was. It reports
// whether anything changed.
func (tx *Tx) receiveCertificate(n Nomination, rs ReceivedState) (bool, error) {
	if rs.Certificate == "" || (rs.State != StateNamed && rs.State != StateRevoked) {
		return false, nil
	}
	var have []Certificate
	if err := tx.q.Select(&have, `SELECT * FROM certificates WHERE number = ?`, rs.Certificate); err != nil {
		return false, fmt.Errorf("无法读取证书编号：%w", err)
	}
	revoked := ""
	if rs.State == StateRevoked {
		revoked = tx.at
	}
	if len(have) > 0 {
		c := have[0]
		if c.NominationID != n.ID {
			return false, fmt.Errorf("%s：证书编号 %s 在本机已属于另一份申报", n.Label(), rs.Certificate)
		}
		if revoked != "" && c.RevokedAt == "" {
			if _, err := tx.q.Exec(`UPDATE certificates SET revoked_at = ? WHERE id = ?`, revoked, c.ID); err != nil {
				return false, fmt.Errorf("无法注销%s的证书：%w", n.Label(), err)
			}
			return true, nil
		}
		return false, nil
	}
	seq := rs.CertSeq
	var taken int
	if err := tx.q.Get(&taken, `SELECT COUNT(*) FROM certificates WHERE category_id = ? AND seq = ?`, n.CategoryID, seq); err != nil {
		return false, fmt.Errorf("无法读取证书编号：%w", err)
	}
	if seq <= 0 || taken > 0 {
		if err := tx.q.Get(&seq, `SELECT COALESCE(MAX(seq), 0) + 1 FROM certificates WHERE category_id = ?`, n.CategoryID); err != nil {
			return false, fmt.Errorf("无法读取证书编号：%w", err)
		}
	}
	if _, err := tx.q.Exec(`INSERT INTO certificates (round_id, category_id, seq, number, nomination_id, issued_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		n.RoundID, n.CategoryID, seq, rs.Certificate, n.ID, tx.at, revoked); err != nil {
		return false, fmt.Errorf("无法保存%s的证书编号：%w", n.Label(), err)
	}
	return true, nil
}

// CertificateOf is the certificate issued to a nomination (the newest), if any.
func (tx *Tx) CertificateOf(nominationID int64) (Certificate, bool, error) {
	var cs []Certificate
	if err := tx.q.Select(&cs, `SELECT * FROM certificates WHERE nomination_id = ? ORDER BY id DESC LIMIT 1`, nominationID); err != nil {
		return Certificate{}, false, fmt.Errorf("无法读取证书编号：%w", err)
	}
	if len(cs) == 0 {
		return Certificate{}, false, nil
	}
	return cs[0], true, nil
}

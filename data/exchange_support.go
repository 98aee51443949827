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
	err := tx.Get(&id, `SELECT id FROM rounds WHERE uuid = ?`, uuid)
	if errors.Is(err, sql.ErrNoRows) {
		return Round{}, fmt.Errorf("评选活动 %s %w", uuid, ErrNotFound)
	}
	if err != nil {
		return Round{}, fmt.Errorf("无法读取评选活动：%w", err)
	}
	return getRound(tx, id)
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
	}
	return tx.saveRound(r, asOffice)
}

// NominationByUUID reads the nomination with that UUID; ErrNotFound when none.
func (tx *Tx) NominationByUUID(uuid string) (Nomination, error) {
	var id int64
	err := tx.Get(&id, `SELECT id FROM nominations WHERE uuid = ?`, uuid)
	if errors.Is(err, sql.ErrNoRows) {
		return Nomination{}, fmt.Errorf("申报 %s %w", uuid, ErrNotFound)
	}
	if err != nil {
		return Nomination{}, fmt.Errorf("无法读取申报：%w", err)
	}
	return getNomination(tx, id)
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
	if err := tx.Select(&out, `SELECT * FROM attachments WHERE nomination_id = ? AND removed_at IS NULL ORDER BY id`, nominationID); err != nil {
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
	n, err := getNomination(tx, nominationID)
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
		if _, err := tx.NamedExec(`INSERT INTO attachments (nomination_id, name, sha256, ext, size, added_at)
			VALUES (:nomination_id, :name, :sha256, :ext, :size, :added_at)`, &a); err != nil {
			return false, fmt.Errorf("无法保存附件“%s”：%w", a.Name, err)
		}
		if err := tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName, ActionAttach, reason,
			[]Change{{Field: "Attachment", Label: "附件", New: fmt.Sprintf("%s（%s）", a.Name, sizeLabel(a.Size))}}); err != nil {
			return false, err
		}
	}
	for _, a := range drop {
		if _, err := tx.Exec(`UPDATE attachments SET removed_at = ? WHERE id = ?`, tx.at, a.ID); err != nil {
			return false, fmt.Errorf("无法移除附件“%s”：%w", a.Name, err)
		}
		if err := tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName, ActionDetach, reason,
			[]Change{{Field: "Attachment", Label: "附件", Old: a.Name}}); err != nil {
			return false, err
		}
	}
	return true, nil
}

package data

// Drafts and round settings edited in the window on a shared store: a save
// made from what was opened before another clerk saved is refused, as for
// the records (save.go), by the time of the last change the clerk opened
// (UpdatedAt). Only the window's saves (Store.SaveNomination, SaveRound) are
// checked; the exchange and the demo write through the transaction's own.

// staleNomination refuses n when the stored draft changed since n was read.
func (tx *Tx) staleNomination(n *Nomination) error {
	if n.ID == 0 || n.UpdatedAt == "" {
		return nil
	}
	old, err := getNomination(tx.q, n.ID)
	if err != nil || old.UpdatedAt == n.UpdatedAt {
		return err
	}
	who, at := tx.lastChange(EntityNomination, n.ID)
	return &ConflictError{Record: old.Label(), Who: who, At: at, Theirs: &old, Mine: n, Changes: Diff(old, n)}
}

// staleRound refuses r when the stored round changed since r was read.
func (tx *Tx) staleRound(r *Round) error {
	if r.ID == 0 || r.UpdatedAt == "" {
		return nil
	}
	old, err := getRound(tx.q, r.ID)
	if err != nil || old.UpdatedAt == r.UpdatedAt {
		return err
	}
	who, at := tx.lastChange(EntityRound, r.ID)
	return &ConflictError{Record: old.Label(), Who: who, At: at, Theirs: &old, Mine: r, Changes: Diff(old, r)}
}

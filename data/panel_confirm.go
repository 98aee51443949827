package data

import (
	"fmt"
	"strings"
)

// RankingNote is the note the office recorded when it confirmed a round's
// proposed list with disagreement flags still open.
type RankingNote struct {
	ID        int64  `db:"id"`
	RoundID   int64  `db:"round_id"`
	Note      string `db:"note"`
	Flags     string `db:"flags"` // the open flags, one a line
	CreatedAt string `db:"created_at"`
}

// RankingNotes lists a round's confirmation notes, oldest first.
func (s *Store) RankingNotes(roundID int64) ([]RankingNote, error) {
	var out []RankingNote
	if err := s.db.Select(&out, `SELECT * FROM ranking_notes WHERE round_id = ? ORDER BY id`, roundID); err != nil {
		return nil, fmt.Errorf("无法读取排名说明：%w", err)
	}
	return out, nil
}

// OpenFlagsError refuses a confirmation with open disagreement flags and no note.
type OpenFlagsError struct{ Flags []string }

func (e *OpenFlagsError) Error() string {
	return "以下申报的评分分歧较大，确定拟命名名单须写明说明（如已请评审组长核查）：" + strings.Join(e.Flags, "；")
}

// DecideNote is Decide with a note: when some nomination still 评审中 is
// flagged for disagreement (see Disagreement), the list is only fixed with a
// note, recorded with the ranking (RankingNotes) and in the audit trail
// with the open flags. Without flags the note is optional (recorded when given).
func (s *Store) DecideNote(roundID int64, ids []int64, reasons map[int64]string, note string) error {
	return s.Write(func(tx *Tx) error {
		r, err := getRound(tx.q, roundID)
		if err != nil {
			return err
		}
		rk, err := ranking(tx.q, r)
		if err != nil {
			return err
		}
		p, err := panelSettings(tx.q, roundID)
		if err != nil {
			return err
		}
		flags := openFlags(rk, disagreements(rk, p.Limit(r)))
		note = strings.TrimSpace(note)
		if len(flags) > 0 && note == "" {
			return &OpenFlagsError{Flags: flags}
		}
		if err := tx.decide(roundID, ids, reasons); err != nil {
			return err
		}
		if note == "" {
			return nil
		}
		if _, err := tx.q.Exec(`INSERT INTO ranking_notes (round_id, note, flags, created_at) VALUES (?, ?, ?, ?)`,
			roundID, note, strings.Join(flags, "\n"), tx.at); err != nil {
			return fmt.Errorf("无法保存%s的排名说明：%w", r.Label(), err)
		}
		var ch []Change
		for _, f := range flags {
			ch = append(ch, Change{Field: "Flag", Label: "评分分歧", New: f})
		}
		return tx.Audit(EntityRound, r.ID, r.UUID, r.Title, ActionDecide, note, ch)
	})
}

package data

import (
	"fmt"
	"strings"
)

// Certificate is a certificate number issued to a named nominee. Numbers
// are never deleted nor reused: a revoked title keeps its number retired.
type Certificate struct {
	ID           int64  `db:"id"`
	RoundID      int64  `db:"round_id"`
	CategoryID   int64  `db:"category_id"`
	Seq          int    `db:"seq"`
	Number       string `db:"number"`
	NominationID int64  `db:"nomination_id"`
	IssuedAt     string `db:"issued_at"`
	RevokedAt    string `db:"revoked_at"`
}

// issueCertificate gives a nomination being named the next number of its
// category: one past the highest sequence ever issued in the category, and
// past any number already taken anywhere (a changed pattern cannot collide).
func (tx *Tx) issueCertificate(r Round, n Nomination) (string, error) {
	var existing string
	if err := tx.q.Get(&existing, `SELECT COALESCE(MAX(number), '') FROM certificates WHERE nomination_id = ? AND revoked_at = ''`, n.ID); err != nil {
		return "", fmt.Errorf("无法读取证书编号：%w", err)
	}
	if existing != "" {
		return existing, nil
	}
	cat, ok := r.Category(n.CategoryID)
	if !ok {
		return "", fmt.Errorf("%s的类别不存在", n.Label())
	}
	var seq int
	if err := tx.q.Get(&seq, `SELECT COALESCE(MAX(seq), 0) FROM certificates WHERE category_id = ?`, cat.ID); err != nil {
		return "", fmt.Errorf("无法读取证书编号：%w", err)
	}
	for {
		seq++
		no := CertNumber(cat.CertPattern, r.Year, seq)
		var taken int
		if err := tx.q.Get(&taken, `SELECT COUNT(*) FROM certificates WHERE number = ?`, no); err != nil {
			return "", fmt.Errorf("无法读取证书编号：%w", err)
		}
		if taken > 0 {
			continue
		}
		if _, err := tx.q.Exec(`INSERT INTO certificates (round_id, category_id, seq, number, nomination_id, issued_at) VALUES (?, ?, ?, ?, ?, ?)`,
			r.ID, cat.ID, seq, no, n.ID, tx.at); err != nil {
			return "", fmt.Errorf("无法编发%s的证书：%w", n.Label(), err)
		}
		return no, nil
	}
}

// NameAll names every nomination 公示中 of a round once the notice period
// is over, issuing certificate numbers in the order of the ranking. Before
// the period ends it needs overrideReason (an explicit override, recorded);
// with no override it is refused. Nominations with pending objections are
// refused (all or nothing). The round's naming date is set to today.
func (s *Store) NameAll(roundID int64, overrideReason string) error {
	return s.Write(func(tx *Tx) error {
		a, err := tx.actor()
		if err != nil {
			return err
		}
		return tx.nameAll(roundID, overrideReason, a)
	})
}

func (tx *Tx) nameAll(roundID int64, overrideReason string, a actor) error {
	r, err := getRound(tx.q, roundID)
	if err != nil {
		return err
	}
	rk, err := ranking(tx.q, r)
	if err != nil {
		return err
	}
	override := strings.TrimSpace(overrideReason) != "" && !r.NoticeEnd.IsZero() && !r.NoticeEnd.Before(DateOf(tx.s.now()))
	var msgs []string
	named := 0
	for _, c := range rk {
		for _, row := range c.Rows {
			if row.State != StateOnNotice {
				continue
			}
			if _, err := tx.transition(row.ID, ActName, overrideReason, a, tOpts{override: override}); err != nil {
				msgs = append(msgs, err.Error())
				continue
			}
			named++
		}
	}
	if len(msgs) > 0 {
		return &BatchError{Msgs: msgs}
	}
	if named == 0 {
		return fmt.Errorf("%s没有公示中的对象可以命名", r.Label())
	}
	today := DateOf(tx.s.now())
	if _, err := tx.q.Exec(`UPDATE rounds SET named_on = ?, updated_at = ? WHERE id = ?`, today.String(), tx.at, r.ID); err != nil {
		return fmt.Errorf("无法保存%s：%w", r.Label(), err)
	}
	return tx.Audit(EntityRound, r.ID, r.UUID, r.Title, string(ActName), strings.TrimSpace(overrideReason),
		[]Change{{Field: "NamedOn", Label: "命名日期", Old: r.NamedOn.String(), New: today.String()}})
}

// NamedEntry is a named nominee with its certificate, for the naming
// decision and the certificates.
type NamedEntry struct {
	Nomination
	Category    Category
	Certificate string
	Rank        int
	Final       string // the final score, two decimals
}

// Named lists a round's named nominees (已命名), per category in the order
// of their certificate numbers.
func (s *Store) Named(roundID int64) ([]NamedEntry, error) {
	r, err := getRound(s.db, roundID)
	if err != nil {
		return nil, err
	}
	rk, err := ranking(s.db, r)
	if err != nil {
		return nil, err
	}
	certs, err := s.Certificates(roundID)
	if err != nil {
		return nil, err
	}
	live := map[int64]string{}
	for _, c := range certs {
		if c.RevokedAt == "" {
			live[c.NominationID] = c.Number
		}
	}
	var out []NamedEntry
	for _, c := range rk {
		var group []NamedEntry
		for _, row := range c.Rows {
			if row.State == StateNamed {
				group = append(group, NamedEntry{Nomination: row.Nomination, Category: c.Category,
					Certificate: live[row.ID], Rank: row.Rank, Final: row.Result.Display})
			}
		}
		for i := 1; i < len(group); i++ {
			for j := i; j > 0 && group[j].Certificate < group[j-1].Certificate; j-- {
				group[j], group[j-1] = group[j-1], group[j]
			}
		}
		out = append(out, group...)
	}
	return out, nil
}

// Certificates lists every certificate number issued in a round, revoked ones included.
func (s *Store) Certificates(roundID int64) ([]Certificate, error) {
	var out []Certificate
	if err := s.db.Select(&out, `SELECT * FROM certificates WHERE round_id = ? ORDER BY category_id, seq`, roundID); err != nil {
		return nil, fmt.Errorf("无法读取证书编号：%w", err)
	}
	return out, nil
}

// CertificateText fills the round's certificate wording for a named
// nominee: {name}, {year}, {category} and {title}.
func (r Round) CertificateText(e NamedEntry) string {
	t := r.CertTemplate
	if strings.TrimSpace(t) == "" {
		t = DefaultCertTemplate
	}
	return strings.NewReplacer("{name}", e.NomineeName, "{year}", fmt.Sprint(r.Year),
		"{category}", e.Category.Name, "{title}", r.Title).Replace(t)
}

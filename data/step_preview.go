package data

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// The previews of a round's decisive steps: what the step will do, worked out
// here so that the window's confirmation says exactly that (how many nominees,
// which certificate numbers, which dates) and what cannot be undone. Where the
// step's own code can be run, the preview runs it in a transaction that is
// then rolled back (dryRun): what it shows is what the step does, and a step
// that would be refused is refused already by its preview.

// errDryRun rolls back a preview's transaction; it never leaves this file.
var errDryRun = errors.New("dry run")

// dryRun runs fn in a write transaction that is always rolled back.
func (s *Store) dryRun(fn func(tx *Tx, a actor) error) error {
	err := s.Write(func(tx *Tx) error {
		a, err := tx.actor()
		if err != nil {
			return err
		}
		if err := fn(tx, a); err != nil {
			return err
		}
		return errDryRun
	})
	if errors.Is(err, errDryRun) {
		return nil
	}
	return err
}

// NoticeFarDays is how far ahead a notice may start without a second confirmation.
const NoticeFarDays = 30

// NoticePreview is what 发布公示 will do.
type NoticePreview struct {
	Round      Round
	Start, End Date
	Today      Date
	Nominees   []Nomination // 拟命名: they go on notice
	AheadDays  int          // calendar days from today to the start; negative when in the past
}

// NoticePreview works out what publishing the round's notice from start would do,
// or why it would be refused.
func (s *Store) NoticePreview(roundID int64, start Date) (NoticePreview, error) {
	p := NoticePreview{Today: DateOf(s.now())}
	err := s.dryRun(func(tx *Tx, a actor) error {
		var err error
		if p.Nominees, err = listNominations(tx.q, roundID, NominationFilter{States: []State{StateProposed}}); err != nil {
			return err
		}
		p.Round, err = tx.startNotice(roundID, start, a)
		return err
	})
	if err != nil {
		return p, err
	}
	p.Start, p.End = p.Round.NoticeStart, p.Round.NoticeEnd
	p.AheadDays = int(math.Round(p.Start.Time().Sub(p.Today.Time()).Hours() / 24))
	return p, nil
}

// NeedsSecondConfirm reports whether the start date is in the past or more
// than NoticeFarDays ahead: publishing then needs a second, explicit confirmation.
func (p NoticePreview) NeedsSecondConfirm() bool {
	return p.AheadDays < 0 || p.AheadDays > NoticeFarDays
}

// What says what publishing does: the period and the nominees put on notice.
func (p NoticePreview) What() string {
	return fmt.Sprintf("发布%s的公示。\n公示期：%s 至 %s（%d 个工作日）。\n%d 个拟命名对象转为“公示中”：%s。",
		p.Round.Label(), p.Start, p.End, p.Round.NoticeDays, len(p.Nominees), nomineesByCategory(p.Nominees))
}

// Irreversible says what cannot be undone once the notice is published.
func (p NoticePreview) Irreversible() string {
	return "公示发布后，开始和结束日期不能再改，也不能重新发布；公示对象只能经异议核查撤销。"
}

// DateWarning says why the start date needs a second confirmation ("" when it does not).
func (p NoticePreview) DateWarning() string {
	switch {
	case p.AheadDays < 0:
		return fmt.Sprintf("公示开始日期 %s 比今天（%s）早 %d 天：公示期从过去算起，至 %s 结束。", p.Start, p.Today, -p.AheadDays, p.End)
	case p.AheadDays > NoticeFarDays:
		return fmt.Sprintf("公示开始日期 %s 比今天（%s）晚 %d 天，超过 %d 天。", p.Start, p.Today, p.AheadDays, NoticeFarDays)
	}
	return ""
}

// nomineesByCategory is 滨江社区、龙河社区（社区类）；南湖尚景小区（小区类）.
func nomineesByCategory(ns []Nomination) string {
	var order []string
	by := map[string][]string{}
	for _, n := range ns {
		if _, ok := by[n.CategoryName]; !ok {
			order = append(order, n.CategoryName)
		}
		by[n.CategoryName] = append(by[n.CategoryName], n.NomineeName)
	}
	parts := make([]string, len(order))
	for i, c := range order {
		parts[i] = strings.Join(by[c], "、") + "（" + c + "）"
	}
	return strings.Join(parts, "；")
}

// PlannedCertificate is a nominee to be named with the certificate number it will get.
type PlannedCertificate struct {
	Nomination Nomination
	Number     string
}

// NamingPreview is what 命名 will do.
type NamingPreview struct {
	Round        Round
	Date         Date   // the naming date: today
	Early        bool   // before the notice period is over (needs the override's reason)
	Reason       string // the override's reason
	Certificates []PlannedCertificate
}

// NamingPreview works out what naming the round (with overrideReason before
// the period is over) would do: the nominees and the certificate numbers they
// would get, or why it would be refused.
func (s *Store) NamingPreview(roundID int64, overrideReason string) (NamingPreview, error) {
	p := NamingPreview{Date: DateOf(s.now()), Reason: strings.TrimSpace(overrideReason)}
	err := s.dryRun(func(tx *Tx, a actor) error {
		if err := tx.nameAll(roundID, overrideReason, a); err != nil {
			return err
		}
		var err error
		if p.Round, err = getRound(tx.q, roundID); err != nil {
			return err
		}
		var rows []struct {
			ID     int64  `db:"id"`
			Number string `db:"number"`
		}
		if err := tx.q.Select(&rows, `SELECT n.id, c.number FROM nominations n
			JOIN certificates c ON c.nomination_id = n.id AND c.revoked_at = ''
			JOIN round_categories k ON k.id = c.category_id
			WHERE n.round_id = ? AND n.state = ? AND n.state_at = ? ORDER BY k.position, k.id, c.seq`,
			roundID, string(StateNamed), tx.at); err != nil {
			return fmt.Errorf("无法读取证书编号：%w", err)
		}
		for _, row := range rows {
			n, err := getNomination(tx.q, row.ID)
			if err != nil {
				return err
			}
			p.Certificates = append(p.Certificates, PlannedCertificate{Nomination: n, Number: row.Number})
		}
		return nil
	})
	p.Early = !p.Round.NoticeEnd.IsZero() && !p.Round.NoticeEnd.Before(p.Date)
	return p, err
}

// What says what naming does: the naming date and each nominee's certificate number.
func (p NamingPreview) What() string {
	var b strings.Builder
	fmt.Fprintf(&b, "命名%s的 %d 个对象，命名日期 %s", p.Round.Label(), len(p.Certificates), p.Date)
	if p.Early {
		fmt.Fprintf(&b, "（公示期至 %s 才结束，提前命名，理由：%s）", p.Round.NoticeEnd, p.Reason)
	}
	b.WriteString("。\n编发证书编号：")
	for _, c := range p.Certificates {
		fmt.Fprintf(&b, "\n%s　%s（%s）", c.Number, c.Nomination.NomineeName, c.Nomination.CategoryName)
	}
	return b.String()
}

// Irreversible says what cannot be undone once named.
func (p NamingPreview) Irreversible() string {
	return "证书编号一经编发，不再收回或重用；撤销命名只能停用编号，不能恢复命名。"
}

// RevokePreview is what 撤销命名 will do to one named nominee.
type RevokePreview struct {
	Nomination  Nomination
	Certificate string // the number retired
}

// RevokePreview says what revoking a named nominee would retire, or why it cannot be revoked.
func (s *Store) RevokePreview(nominationID int64) (RevokePreview, error) {
	n, err := getNomination(s.db, nominationID)
	p := RevokePreview{Nomination: n}
	if err != nil {
		return p, err
	}
	if n.State != StateNamed {
		return p, fmt.Errorf("%s现为“%s”，只有已命名的对象可以撤销命名", n.Label(), n.State.Label())
	}
	if err := s.db.Get(&p.Certificate, `SELECT COALESCE(MAX(number), '') FROM certificates WHERE nomination_id = ? AND revoked_at = ''`, n.ID); err != nil {
		return p, fmt.Errorf("无法读取证书编号：%w", err)
	}
	return p, nil
}

// What says what revoking does.
func (p RevokePreview) What() string {
	no := "（无编号）"
	if p.Certificate != "" {
		no = p.Certificate
	}
	return fmt.Sprintf("撤销“%s”（%s）的命名，证书编号 %s 停用。", p.Nomination.NomineeName, p.Nomination.CategoryName, no)
}

// Irreversible says what cannot be undone once revoked.
func (p RevokePreview) Irreversible() string {
	return "撤销后不能恢复命名；停用的编号永不再编发。"
}

package data

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// StartNotice publishes a round's notice (公示): the period starts on start
// and ends after the round's NoticeDays working days by the office calendar
// (st.Calendar). Every 拟命名 nomination becomes 公示中. Office only.
func (s *Store) StartNotice(roundID int64, start Date) (Round, error) {
	var r Round
	err := s.Write(func(tx *Tx) error {
		a, err := tx.actor()
		if err != nil {
			return err
		}
		r, err = tx.startNotice(roundID, start, a)
		return err
	})
	return r, err
}

func (tx *Tx) startNotice(roundID int64, start Date, a actor) (Round, error) {
	r, err := getRound(tx.q, roundID)
	if err != nil {
		return r, err
	}
	if !a.office {
		return r, fmt.Errorf("%s：只有街道办事处的家园可以发布公示，%s", r.Label(), a.why())
	}
	if start.IsZero() || start.MonthOnly() {
		return r, fmt.Errorf("%s：公示开始日期须精确到日", r.Label())
	}
	if !r.NoticeStart.IsZero() {
		return r, fmt.Errorf("%s的公示已于 %s 开始，不能重新发布", r.Label(), r.NoticeStart)
	}
	noms, err := listNominations(tx.q, roundID, NominationFilter{States: []State{StateProposed}})
	if err != nil {
		return r, err
	}
	if len(noms) == 0 {
		return r, fmt.Errorf("%s还没有拟命名对象，不能发布公示", r.Label())
	}
	var reviewing int
	if err := tx.q.Get(&reviewing, `SELECT COUNT(*) FROM nominations WHERE round_id = ? AND state = ?`, roundID, string(StateReviewing)); err != nil {
		return r, fmt.Errorf("无法检查%s：%w", r.Label(), err)
	}
	if reviewing > 0 {
		return r, fmt.Errorf("%s还有 %d 份申报在评审中，请先确定拟命名名单", r.Label(), reviewing)
	}
	cal, err := calendarOf(tx.q)
	if err != nil {
		return r, err
	}
	end, err := cal.PeriodEnd(start.Time(), r.NoticeDays)
	if err != nil {
		return r, fmt.Errorf("%s：无法计算公示结束日期：%w", r.Label(), err)
	}
	old := r
	r.NoticeStart, r.NoticeEnd = start, DateOf(end)
	if _, err := tx.q.Exec(`UPDATE rounds SET notice_start = ?, notice_end = ?, updated_at = ? WHERE id = ?`,
		r.NoticeStart.String(), r.NoticeEnd.String(), tx.at, r.ID); err != nil {
		return r, fmt.Errorf("无法保存%s：%w", r.Label(), err)
	}
	if err := tx.Audit(EntityRound, r.ID, r.UUID, r.Title, ActionNotice, "", Diff(old, r)); err != nil {
		return r, err
	}
	for _, n := range noms {
		if _, err := tx.transition(n.ID, ActPublish, "", a, tOpts{}); err != nil {
			return r, err
		}
	}
	return r, nil
}

// Objection channels, sender kinds and outcomes.
const (
	ChannelLetter = "信函"
	ChannelPhone  = "电话"
	ChannelVisit  = "来访"

	FromUnit      = "单位"
	FromPerson    = "个人"
	FromAnonymous = "匿名"

	OutcomePending  = ""
	OutcomeUpheld   = "upheld"
	OutcomeRejected = "rejected"
)

// Channels and FromKinds are the choices a form offers.
var (
	Channels  = []string{ChannelLetter, ChannelPhone, ChannelVisit}
	FromKinds = []string{FromUnit, FromPerson, FromAnonymous}
)

// OutcomeLabel is the Chinese name of an objection's outcome.
func OutcomeLabel(o string) string {
	switch o {
	case OutcomeUpheld:
		return "异议成立"
	case OutcomeRejected:
		return "异议不成立"
	}
	return "待核查"
}

// Objection is one entry of the objection register (异议登记).
type Objection struct {
	ID           int64  `db:"id"`
	UUID         string `db:"uuid"`
	RoundID      int64  `db:"round_id"`
	NominationID int64  `db:"nomination_id"`
	NomineeName  string `db:"nominee_name" zh:"异议对象"`
	Received     Date   `db:"received" zh:"收到日期"`
	Channel      string `db:"channel" zh:"方式"`
	FromKind     string `db:"from_kind" zh:"来源"`
	FromName     string `db:"from_name" zh:"署名"` // the unit (with its seal) or the person's real name; empty when anonymous
	Content      string `db:"content" zh:"异议内容"`
	CheckNotes   string `db:"check_notes" zh:"核查情况"`
	Outcome      string `db:"outcome" zh:"核查结论"`
	OutcomeDate  Date   `db:"outcome_date" zh:"办结日期"`
	Late         bool   `db:"late" zh:"逾期受理"`          // received before the notice started or after it ended, taken all the same
	LateReason   string `db:"late_reason" zh:"逾期受理理由"` // why it was taken; required with Late
	Demo         bool   `db:"demo"`
	CreatedAt    string `db:"created_at"`
	UpdatedAt    string `db:"updated_at"`
}

// Anonymous reports whether the objection is anonymous (marked as such in the register).
func (o Objection) Anonymous() bool { return o.FromKind == FromAnonymous }

// Label names the objection in messages.
func (o Objection) Label() string {
	return fmt.Sprintf("对“%s”的异议（%s收到）", o.NomineeName, o.Received)
}

const objectionSelect = `SELECT o.*, n.nominee_name FROM objections o JOIN nominations n ON n.id = o.nomination_id`

// Objections lists a round's objections by date received.
func (s *Store) Objections(roundID int64) ([]Objection, error) {
	var out []Objection
	if err := s.db.Select(&out, objectionSelect+` WHERE o.round_id = ? ORDER BY o.received, o.id`, roundID); err != nil {
		return nil, fmt.Errorf("无法读取异议登记：%w", err)
	}
	return out, nil
}

func getObjection(q queryer, id int64) (Objection, error) {
	var o Objection
	err := q.Get(&o, objectionSelect+` WHERE o.id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return o, errNoID("异议", id)
	}
	if err != nil {
		return o, fmt.Errorf("无法读取异议 #%d：%w", id, err)
	}
	return o, nil
}

// SaveObjection logs a new objection or edits one (office only). A new
// objection must be against a nomination 公示中, received on or after the
// notice start. Setting Outcome to OutcomeUpheld takes the nominee off the
// list (撤销) in the same transaction; an outcome once recorded is final.
func (s *Store) SaveObjection(o *Objection) error {
	return s.Write(func(tx *Tx) error {
		a, err := tx.actor()
		if err != nil {
			return err
		}
		return tx.saveObjection(o, a)
	})
}

func (tx *Tx) saveObjection(o *Objection, a actor) error {
	n, err := getNomination(tx.q, o.NominationID)
	if err != nil {
		return err
	}
	o.NomineeName, o.RoundID = n.NomineeName, n.RoundID
	if err := tx.checkObjection(o, a); err != nil {
		return err
	}
	r, err := getRound(tx.q, n.RoundID)
	if err != nil {
		return err
	}
	var old Objection
	if o.ID == 0 {
		if err := tx.insertObjection(o, n, r); err != nil {
			return err
		}
	} else {
		var changed bool
		if old, changed, err = tx.updateObjection(o); err != nil || !changed {
			return err
		}
	}
	if o.Outcome == OutcomeUpheld && old.Outcome != OutcomeUpheld {
		if _, err := tx.transition(n.ID, ActRemove, "异议成立："+o.CheckNotes, a, tOpts{}); err != nil {
			return err
		}
	}
	return nil
}

// checkObjection tidies an objection's texts and checks it: the office's copy
// only, the date received to the day, a known channel and source, the signature
// a named source needs, the content, and a valid outcome.
func (tx *Tx) checkObjection(o *Objection, a actor) error {
	o.Channel, o.FromKind, o.FromName = Normalize(o.Channel), Normalize(o.FromKind), Normalize(o.FromName)
	o.Content, o.CheckNotes = strings.TrimSpace(o.Content), strings.TrimSpace(o.CheckNotes)
	o.LateReason = strings.TrimSpace(o.LateReason)
	ck := &checker{record: o.Label()}
	if !a.office {
		return fmt.Errorf("%s：只有街道办事处的家园可以登记异议，%s", o.Label(), a.why())
	}
	if o.Received.IsZero() || o.Received.MonthOnly() {
		ck.add("Received", "收到日期", "须精确到日")
	}
	if !contains(Channels, o.Channel) {
		ck.add("Channel", "方式", "请选择%v之一", Channels)
	}
	switch o.FromKind {
	case FromUnit:
		if o.FromName == "" {
			ck.add("FromName", "署名", "单位提出的异议须写明单位名称（加盖公章）")
		}
	case FromPerson:
		if o.FromName == "" {
			ck.add("FromName", "署名", "个人提出的异议须写明真实姓名")
		}
	case FromAnonymous:
		o.FromName = ""
	default:
		ck.add("FromKind", "来源", "请选择%v之一", FromKinds)
	}
	ck.required("Content", "异议内容", o.Content)
	tx.checkOutcome(o, ck)
	return ck.err()
}

// checkOutcome checks an objection's outcome: a closed one needs the check's
// findings and a closing date (today unless given), not before it was received.
func (tx *Tx) checkOutcome(o *Objection, ck *checker) {
	switch o.Outcome {
	case OutcomePending:
	case OutcomeUpheld, OutcomeRejected:
		ck.required("CheckNotes", "核查情况", o.CheckNotes)
		if o.OutcomeDate.IsZero() {
			o.OutcomeDate = DateOf(tx.s.now())
		}
		if o.OutcomeDate.Before(o.Received) {
			ck.add("OutcomeDate", "办结日期", "%s 早于收到日期 %s", o.OutcomeDate, o.Received)
		}
	default:
		ck.add("Outcome", "核查结论", "“%s”无效", o.Outcome)
	}
}

// insertObjection logs a new objection against n, which must be on notice, received
// within the notice period of its round r or taken as 逾期受理 with a reason.
func (tx *Tx) insertObjection(o *Objection, n Nomination, r Round) error {
	if n.State != StateOnNotice {
		return fmt.Errorf("%s：%s现为“%s”，只能对公示中的对象登记异议", o.Label(), n.Label(), n.State.Label())
	}
	if err := checkLate(o, r); err != nil {
		return err
	}
	if o.UUID == "" {
		o.UUID = NewUUID()
	}
	o.CreatedAt, o.UpdatedAt = tx.at, tx.at
	res, err := tx.q.NamedExec(`INSERT INTO objections (uuid, round_id, nomination_id, received, channel, from_kind, from_name,
			content, check_notes, outcome, outcome_date, late, late_reason, demo, created_at, updated_at)
			VALUES (:uuid, :round_id, :nomination_id, :received, :channel, :from_kind, :from_name,
			:content, :check_notes, :outcome, :outcome_date, :late, :late_reason, :demo, :created_at, :updated_at)`, o)
	if err != nil {
		return fmt.Errorf("无法保存%s：%w", o.Label(), err)
	}
	o.ID, _ = res.LastInsertId()
	return tx.Audit(EntityObjection, o.ID, o.UUID, o.NomineeName, ActionCreate, "", Diff(Objection{}, outcomeShown(*o)))
}

// checkLate applies the notice period to an objection: one received before the
// notice started or after it ended is refused unless the clerk takes it as
// 逾期受理 with a reason; one received within the period carries no such mark.
func checkLate(o *Objection, r Round) error {
	var why string
	switch {
	case o.Received.Before(r.NoticeStart):
		why = fmt.Sprintf("收到日期 %s 早于公示开始日期 %s", o.Received, r.NoticeStart)
	case !r.NoticeEnd.IsZero() && r.NoticeEnd.Before(o.Received):
		why = fmt.Sprintf("收到日期 %s 在公示期（%s 至 %s）结束之后", o.Received, r.NoticeStart, r.NoticeEnd)
	}
	if why == "" {
		o.Late, o.LateReason = false, ""
		return nil
	}
	if !o.Late || o.LateReason == "" {
		return fmt.Errorf("%s：%s；如确须受理，请勾选“逾期受理”并写明理由", o.Label(), why)
	}
	return nil
}

// updateObjection saves the edits of an objection: its nomination stays, an
// outcome once recorded is final. It returns the objection as it was, and
// whether anything changed (nothing is saved otherwise).
func (tx *Tx) updateObjection(o *Objection) (Objection, bool, error) {
	old, err := getObjection(tx.q, o.ID)
	if err != nil {
		return old, false, err
	}
	if old.NominationID != o.NominationID {
		return old, false, fmt.Errorf("%s：异议对象不能更改，请另行登记", old.Label())
	}
	if old.Outcome != OutcomePending && old.Outcome != o.Outcome {
		return old, false, fmt.Errorf("%s已办结（%s），结论不能再改", old.Label(), OutcomeLabel(old.Outcome))
	}
	o.UUID, o.CreatedAt = old.UUID, old.CreatedAt
	if o.Received != old.Received || o.Late != old.Late || o.LateReason != old.LateReason {
		r, err := getRound(tx.q, old.RoundID)
		if err != nil {
			return old, false, err
		}
		if err := checkLate(o, r); err != nil {
			return old, false, err
		}
	}
	changes := Diff(outcomeShown(old), outcomeShown(*o))
	if len(changes) == 0 {
		return old, false, nil
	}
	o.UpdatedAt = tx.at
	if _, err := tx.q.NamedExec(`UPDATE objections SET received=:received, channel=:channel, from_kind=:from_kind,
			from_name=:from_name, content=:content, check_notes=:check_notes, outcome=:outcome, outcome_date=:outcome_date,
			late=:late, late_reason=:late_reason, updated_at=:updated_at WHERE id=:id`, o); err != nil {
		return old, false, fmt.Errorf("无法保存%s：%w", o.Label(), err)
	}
	return old, true, tx.Audit(EntityObjection, o.ID, o.UUID, o.NomineeName, ActionUpdate, "", changes)
}

// outcomeShown gives the outcome its Chinese name for the audit trail.
func outcomeShown(o Objection) Objection {
	if o.Outcome != OutcomePending {
		o.Outcome = OutcomeLabel(o.Outcome)
	}
	return o
}

// NoticeTitle is the notice's title: 关于2021年度…拟命名对象的公示.
func (r Round) NoticeTitle() string { return "关于" + r.Title + "拟命名对象的公示" }

// NoticeList is the list a notice prints: the nominations put on notice
// (公示中, and those later named or taken off), per category in ranking order.
func (s *Store) NoticeList(roundID int64) ([]RankRow, error) {
	rk, err := s.Ranking(roundID)
	if err != nil {
		return nil, err
	}
	var out []RankRow
	for _, c := range rk {
		for _, row := range c.Rows {
			switch row.State {
			case StateProposed, StateOnNotice, StateNamed, StateRemoved, StateRevoked:
				out = append(out, row)
			}
		}
	}
	return out, nil
}

package data

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Party organisation types (党组织类型).
const (
	OrgCommunityCommittee = "社区党委"
	OrgGeneralBranch      = "社区党总支"
	OrgCommunityBranch    = "社区党支部"
	OrgCompoundBranch     = "小区党支部"
	OrgJointBranch        = "联合党支部"
	OrgGroup              = "党小组"
	OrgNewCommittee       = "两新党委"
	OrgNewBranch          = "两新党支部"
	OrgNewJointBranch     = "两新联合支部"
)

// OrgKinds lists the types in the order a form offers them.
var OrgKinds = []string{OrgCommunityCommittee, OrgGeneralBranch, OrgCommunityBranch, OrgCompoundBranch,
	OrgJointBranch, OrgGroup, OrgNewCommittee, OrgNewBranch, OrgNewJointBranch}

// DefaultTermYears is the usual term of an organisation type: five years for
// a committee (党委), three for a general branch or branch.
func DefaultTermYears(kind string) int {
	switch kind {
	case OrgCommunityCommittee, OrgNewCommittee:
		return 5
	case OrgGroup:
		return 0
	}
	return 3
}

// Org is a Party organisation (党组织).
type Org struct {
	ID             int64   `db:"id"`
	UUID           string  `db:"uuid"`
	Name           string  `db:"name" zh:"组织名称"`
	Kind           string  `db:"kind" zh:"类型"`
	ParentID       *int64  `db:"parent_id"`
	ParentName     string  `db:"parent_name" zh:"上级组织"`
	CommunityID    int64   `db:"community_id"`
	CommunityName  string  `db:"community_name" zh:"所属社区"`
	CompoundID     *int64  `db:"compound_id"`
	CompoundName   string  `db:"compound_name" zh:"所在小区"`
	Secretary      string  `db:"secretary" zh:"书记"`
	SecretaryPhone string  `db:"secretary_phone" zh:"书记电话"`
	Members        Count   `db:"members" zh:"党员人数"`
	Founded        Date    `db:"founded" zh:"成立时间"`
	LastElection   Date    `db:"last_election" zh:"上次换届"`
	TermYears      int     `db:"term_years" zh:"任期（年）"`
	Notes          string  `db:"notes" zh:"备注"`
	Demo           bool    `db:"demo"`
	CreatedAt      string  `db:"created_at"`
	UpdatedAt      string  `db:"updated_at"`
	Version        int64   `db:"version" json:"-"` // bumped by every save; a save from an older version is refused
	DeletedAt      *string `db:"deleted_at"`
}

// Label names the record in messages.
func (o Org) Label() string { return fmt.Sprintf("党组织“%s”", Excerpt(o.Name)) }

// Election states of an organisation.
const (
	ElectionUnknown = ""        // no last election or term recorded
	ElectionOK      = "ok"      // not due within 90 days
	ElectionSoon    = "soon"    // due within 90 days (amber)
	ElectionOverdue = "overdue" // past due (red)
)

// ElectionDue is when the next election (换届) is due, or the zero Date.
func (o Org) ElectionDue() Date {
	if o.LastElection.IsZero() || o.TermYears <= 0 {
		return Date{}
	}
	return o.LastElection.AddYears(o.TermYears)
}

// The statements that write a Party organisation: SaveOrg and the bulk import's
// prepared statements both use them, so a new column is added in one place.
const (
	insertOrgSQL = `INSERT INTO orgs (uuid, name, kind, parent_id, community_id, compound_id, secretary,
		secretary_phone, members, founded, last_election, term_years, notes, demo, created_at, updated_at)
		VALUES (:uuid, :name, :kind, :parent_id, :community_id, :compound_id, :secretary,
		:secretary_phone, :members, :founded, :last_election, :term_years, :notes, :demo, :created_at, :updated_at)`
	updateOrgSQL = `UPDATE orgs SET name=:name, kind=:kind, parent_id=:parent_id, community_id=:community_id,
		compound_id=:compound_id, secretary=:secretary, secretary_phone=:secretary_phone, members=:members,
		founded=:founded, last_election=:last_election, term_years=:term_years, notes=:notes, updated_at=:updated_at,
		version=version+1 WHERE id=:id`
)

// ElectionState tells whether the election is due soon or overdue on the day today.
// A month-precise due date is taken as the last day of that month.
func (o Org) ElectionState(today time.Time) string {
	due := o.ElectionDue()
	if due.IsZero() {
		return ElectionUnknown
	}
	dt := due.Time()
	if due.MonthOnly() {
		dt = dt.AddDate(0, 1, -1)
	}
	t := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.Local)
	switch {
	case dt.Before(t):
		return ElectionOverdue
	case dt.Before(t.AddDate(0, 0, 91)):
		return ElectionSoon
	}
	return ElectionOK
}

// textFields lists the text fields with their rules (see textrules.go).
func (o *Org) textFields() []textField {
	return []textField{
		{"Name", "组织名称", &o.Name, OneLine, LimitOrgName},
		{"Kind", "类型", &o.Kind, OneLine, LimitCode},
		{"Secretary", "书记", &o.Secretary, OneLine, LimitPerson},
		{"SecretaryPhone", "书记电话", &o.SecretaryPhone, OneLine, LimitPhone},
		{"Notes", "备注", &o.Notes, MultiLine, LimitNotes},
	}
}

func (o *Org) check(today Date) *checker {
	o.Name = Normalize(o.Name)
	o.SecretaryPhone = NormalizeCode(o.SecretaryPhone)
	ck := &checker{record: o.Label()}
	ck.required("Name", "组织名称", o.Name)
	ck.texts(o.textFields())
	if !contains(OrgKinds, o.Kind) {
		if o.Kind == "" {
			ck.add("Kind", "类型", "不能为空")
		} else {
			ck.add("Kind", "类型", "“%s”不是可选的类型", Excerpt(o.Kind))
		}
	}
	if o.CommunityID == 0 {
		ck.add("CommunityID", "所属社区", "请选择所属社区")
	}
	if o.Kind == OrgCompoundBranch && o.CompoundID == nil {
		ck.add("CompoundID", "所在小区", "小区党支部必须属于一个小区")
	}
	if o.Kind == OrgGroup && o.ParentID == nil {
		ck.add("ParentID", "上级组织", "党小组必须有上级党支部")
	}
	if o.TermYears < 0 || o.TermYears > 10 {
		ck.add("TermYears", "任期（年）", "%d 年不合理", o.TermYears)
	}
	ck.phone("SecretaryPhone", "书记电话", o.SecretaryPhone)
	ck.notFuture("Founded", "成立时间", o.Founded, today)
	ck.notFuture("LastElection", "上次换届", o.LastElection, today)
	if !o.Founded.IsZero() && !o.LastElection.IsZero() && o.LastElection.Before(o.Founded) {
		ck.add("LastElection", "上次换届", "早于成立时间 %s", o.Founded)
	}
	return ck
}

func isNewOrg(kind string) bool {
	return kind == OrgNewCommittee || kind == OrgNewBranch || kind == OrgNewJointBranch
}

// ValidateOrg checks o against every rule without saving.
func (s *Store) ValidateOrg(o *Org) error {
	return s.CheckOrg(o, sqlNeighbours{s.db})
}

const orgSelect = `SELECT o.*, c.name AS community_name, IFNULL(x.name, '') AS compound_name, IFNULL(p.name, '') AS parent_name
	FROM orgs o JOIN communities c ON c.id = o.community_id
	LEFT JOIN compounds x ON x.id = o.compound_id LEFT JOIN orgs p ON p.id = o.parent_id`

// Orgs lists the live Party organisations, of one community when communityID is not 0.
func (s *Store) Orgs(communityID int64) ([]Org, error) {
	q := orgSelect + ` WHERE o.deleted_at IS NULL`
	var args []any
	if communityID != 0 {
		q += ` AND o.community_id = ?`
		args = append(args, communityID)
	}
	var out []Org
	if err := s.db.Select(&out, q+` ORDER BY c.name, o.name`, args...); err != nil {
		return nil, fmt.Errorf("无法读取党组织列表：%w", err)
	}
	return out, nil
}

// Org reads one organisation, live or in the recycle bin.
func (s *Store) Org(id int64) (Org, error) { return getOrg(s.db, id) }

func getOrg(q queryer, id int64) (Org, error) {
	var o Org
	err := q.Get(&o, orgSelect+` WHERE o.id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return o, errNoID("党组织", id)
	}
	if err != nil {
		return o, fmt.Errorf("无法读取党组织 #%d：%w", id, err)
	}
	return o, nil
}

// SaveOrg validates and saves o (insert when o.ID is 0), with its audit row.
func (s *Store) SaveOrg(o *Org) error {
	return s.Write(func(tx *Tx) error { return tx.SaveOrg(o) })
}

// SaveOrg is SaveOrg inside a transaction.
func (tx *Tx) SaveOrg(o *Org) error {
	if err := tx.s.CheckOrg(o, sqlNeighbours{tx.q}); err != nil {
		return err
	}
	o.fillNames(tx.q)
	old, err := existing(o.ID, getOrg, tx.q)
	if err != nil {
		return err
	}
	_, err = put(txWriter{tx}, old, o)
	return err
}

// fillNames sets the joined display names from the ids.
func (o *Org) fillNames(q queryer) {
	o.CommunityName, o.CompoundName, o.ParentName = "", "", ""
	_ = q.Get(&o.CommunityName, `SELECT name FROM communities WHERE id = ?`, o.CommunityID)
	if o.CompoundID != nil {
		_ = q.Get(&o.CompoundName, `SELECT name FROM compounds WHERE id = ?`, *o.CompoundID)
	}
	if o.ParentID != nil {
		_ = q.Get(&o.ParentName, `SELECT name FROM orgs WHERE id = ?`, *o.ParentID)
	}
}

package data

import (
	"database/sql"
	"errors"
	"fmt"
)

// Compound types (小区类型).
var CompoundKinds = []string{"商品房", "老旧院落", "安置小区", "单位院落", "其他"}

// Compound is a 小区 (also 院落) in a community.
type Compound struct {
	ID               int64   `db:"id"`
	UUID             string  `db:"uuid"`
	CommunityID      int64   `db:"community_id"`
	CommunityName    string  `db:"community_name" zh:"所属社区"`
	Name             string  `db:"name" zh:"小区名称"`
	Address          string  `db:"address" zh:"地址"`
	Kind             string  `db:"kind" zh:"类型"`
	YearBuilt        int     `db:"year_built" zh:"建成年份"`
	Buildings        Count   `db:"buildings" zh:"楼栋数"`
	Households       Count   `db:"households" zh:"户数"`
	Residents        Count   `db:"residents" zh:"居民人数"`
	PropertyCompany  string  `db:"property_company" zh:"物业服务企业"`
	PropertyContact  string  `db:"property_contact" zh:"物业联系人"`
	PropertyPhone    string  `db:"property_phone" zh:"物业电话"`
	OwnersCommittee  bool    `db:"owners_committee" zh:"业委会"`
	CommitteeChair   string  `db:"committee_chair" zh:"业委会主任"`
	CommitteeFormed  Date    `db:"committee_formed" zh:"业委会成立时间"`
	GovernanceMethod string  `db:"governance_method" zh:"治理方法"`
	Notes            string  `db:"notes" zh:"备注"`
	Demo             bool    `db:"demo"`
	CreatedAt        string  `db:"created_at"`
	UpdatedAt        string  `db:"updated_at"`
	Version          int64   `db:"version" json:"-"` // bumped by every save; a save from an older version is refused
	DeletedAt        *string `db:"deleted_at"`
}

// Label names the record in messages.
func (c Compound) Label() string {
	if c.CommunityName != "" {
		return fmt.Sprintf("小区“%s”（%s）", Excerpt(c.Name), Excerpt(c.CommunityName))
	}
	return fmt.Sprintf("小区“%s”", Excerpt(c.Name))
}

// The statements that write a compound: SaveCompound and the bulk import's
// prepared statements both use them, so a new column is added in one place.
const (
	insertCompoundSQL = `INSERT INTO compounds (uuid, community_id, name, address, kind, year_built, buildings, households,
		residents, property_company, property_contact, property_phone, owners_committee, committee_chair, committee_formed,
		governance_method, notes, demo, created_at, updated_at)
		VALUES (:uuid, :community_id, :name, :address, :kind, :year_built, :buildings, :households,
		:residents, :property_company, :property_contact, :property_phone, :owners_committee, :committee_chair, :committee_formed,
		:governance_method, :notes, :demo, :created_at, :updated_at)`
	updateCompoundSQL = `UPDATE compounds SET community_id=:community_id, name=:name, address=:address, kind=:kind,
		year_built=:year_built, buildings=:buildings, households=:households, residents=:residents,
		property_company=:property_company, property_contact=:property_contact, property_phone=:property_phone,
		owners_committee=:owners_committee, committee_chair=:committee_chair, committee_formed=:committee_formed,
		governance_method=:governance_method, notes=:notes, updated_at=:updated_at, version=version+1 WHERE id=:id`
)

// textFields lists the text fields with their rules (see textrules.go).
func (c *Compound) textFields() []textField {
	return []textField{
		{"Name", "小区名称", &c.Name, OneLine, LimitCompoundName},
		{"Address", "地址", &c.Address, OneLine, LimitAddress},
		{"Kind", "类型", &c.Kind, OneLine, LimitCode},
		{"PropertyCompany", "物业服务企业", &c.PropertyCompany, OneLine, LimitCompany},
		{"PropertyContact", "物业联系人", &c.PropertyContact, OneLine, LimitPerson},
		{"PropertyPhone", "物业电话", &c.PropertyPhone, OneLine, LimitPhone},
		{"CommitteeChair", "业委会主任", &c.CommitteeChair, OneLine, LimitPerson},
		{"GovernanceMethod", "治理方法", &c.GovernanceMethod, OneLine, LimitMethod},
		{"Notes", "备注", &c.Notes, MultiLine, LimitNotes},
	}
}

func (c *Compound) check(today Date) *checker {
	c.Name = Normalize(c.Name)
	c.PropertyPhone = NormalizeCode(c.PropertyPhone)
	c.Kind = Normalize(c.Kind)
	ck := &checker{record: c.Label()}
	ck.required("Name", "小区名称", c.Name)
	ck.texts(c.textFields())
	if c.CommunityID == 0 {
		ck.add("CommunityID", "所属社区", "请选择所属社区")
	}
	if c.Kind != "" && !contains(CompoundKinds, c.Kind) {
		ck.add("Kind", "类型", "“%s”不是可选的类型（%v）", Excerpt(c.Kind), CompoundKinds)
	}
	if c.YearBuilt != 0 && (c.YearBuilt < 1900 || c.YearBuilt > today.Year) {
		ck.add("YearBuilt", "建成年份", "%d 年不合理", c.YearBuilt)
	}
	ck.phone("PropertyPhone", "物业电话", c.PropertyPhone)
	ck.notFuture("CommitteeFormed", "业委会成立时间", c.CommitteeFormed, today)
	if !c.OwnersCommittee && (c.CommitteeChair != "" || !c.CommitteeFormed.IsZero()) {
		ck.add("OwnersCommittee", "业委会", "填写了业委会主任或成立时间，却标为没有业委会")
	}
	return ck
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ValidateCompound checks c against every rule without saving.
func (s *Store) ValidateCompound(c *Compound) error {
	return s.CheckCompound(c, sqlNeighbours{s.db})
}

const compoundSelect = `SELECT x.*, c.name AS community_name FROM compounds x JOIN communities c ON c.id = x.community_id`

// Compounds lists the live compounds, of one community when communityID is not 0.
func (s *Store) Compounds(communityID int64) ([]Compound, error) {
	q := compoundSelect + ` WHERE x.deleted_at IS NULL`
	var args []any
	if communityID != 0 {
		q += ` AND x.community_id = ?`
		args = append(args, communityID)
	}
	var out []Compound
	if err := s.db.Select(&out, q+` ORDER BY c.name, x.name`, args...); err != nil {
		return nil, fmt.Errorf("无法读取小区列表：%w", err)
	}
	return out, nil
}

// Compound reads one compound, live or in the recycle bin.
func (s *Store) Compound(id int64) (Compound, error) { return getCompound(s.db, id) }

func getCompound(q queryer, id int64) (Compound, error) {
	var c Compound
	err := q.Get(&c, compoundSelect+` WHERE x.id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return c, errNoID("小区", id)
	}
	if err != nil {
		return c, fmt.Errorf("无法读取小区 #%d：%w", id, err)
	}
	return c, nil
}

// SaveCompound validates and saves c (insert when c.ID is 0), with its audit row.
func (s *Store) SaveCompound(c *Compound) error {
	return s.Write(func(tx *Tx) error { return tx.SaveCompound(c) })
}

// SaveCompound is SaveCompound inside a transaction.
func (tx *Tx) SaveCompound(c *Compound) error {
	if err := tx.s.CheckCompound(c, sqlNeighbours{tx.q}); err != nil {
		return err
	}
	if comm, err := getCommunity(tx.q, c.CommunityID); err == nil {
		c.CommunityName = comm.Name
	}
	old, err := existing(c.ID, getCompound, tx.q)
	if err != nil {
		return err
	}
	_, err = put(txWriter{tx}, old, c)
	return err
}

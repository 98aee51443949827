package data

import (
	"database/sql"
	"errors"
	"fmt"
	"regexp"
)

// Community is a 社区 under the office.
type Community struct {
	ID              int64   `db:"id"`
	UUID            string  `db:"uuid"`
	Name            string  `db:"name" zh:"社区名称"`
	DivisionCode    string  `db:"division_code" zh:"区划代码"`
	Founded         Date    `db:"founded" zh:"成立时间"`
	Area            string  `db:"area" zh:"面积（平方公里）"`
	Households      Count   `db:"households" zh:"户数"`
	Population      Count   `db:"population" zh:"服务人口"`
	Grids           Count   `db:"grids" zh:"网格数"`
	Secretary       string  `db:"secretary" zh:"党组织书记"`
	SecretaryPhone  string  `db:"secretary_phone" zh:"书记电话"`
	Director        string  `db:"director" zh:"居委会主任"`
	DirectorPhone   string  `db:"director_phone" zh:"主任电话"`
	Address         string  `db:"address" zh:"地址"`
	WorkMethod      string  `db:"work_method" zh:"工作法"`
	SocialOrgs      Count   `db:"social_orgs" zh:"社会组织"`
	SelfOrgs        Count   `db:"self_orgs" zh:"居民自组织"`
	VolunteerTeams  Count   `db:"volunteer_teams" zh:"志愿服务队"`
	Enterprises     Count   `db:"enterprises" zh:"辖区企业"`
	OfficeBuildings Count   `db:"office_buildings" zh:"商务楼宇"`
	BusinessStreets Count   `db:"business_streets" zh:"商业街区"`
	Incubators      Count   `db:"incubators" zh:"孵化器"`
	Activities      Count   `db:"activities" zh:"年活动场次"`
	Notes           string  `db:"notes" zh:"备注"`
	Demo            bool    `db:"demo"`
	CreatedAt       string  `db:"created_at"`
	UpdatedAt       string  `db:"updated_at"`
	Version         int64   `db:"version" json:"-"` // bumped by every save; a save from an older version is refused
	DeletedAt       *string `db:"deleted_at"`
}

// Label names the record in messages: 社区“滨江社区”.
func (c Community) Label() string { return fmt.Sprintf("社区“%s”", Excerpt(c.Name)) }

var reDivision = regexp.MustCompile(`^\d{12}$`)

// Validate checks the fields that need no database.
func (c *Community) normalize() {
	c.Name = Normalize(c.Name)
	c.DivisionCode = NormalizeCode(c.DivisionCode)
	c.Area = NormalizeCode(c.Area)
	c.SecretaryPhone = NormalizeCode(c.SecretaryPhone)
	c.DirectorPhone = NormalizeCode(c.DirectorPhone)
}

// The statements that write a community: SaveCommunity and the bulk import's
// prepared statements both use them, so a new column is added in one place.
const (
	insertCommunitySQL = `INSERT INTO communities (uuid, name, division_code, founded, area, households, population, grids,
		secretary, secretary_phone, director, director_phone, address, work_method, social_orgs, self_orgs, volunteer_teams,
		enterprises, office_buildings, business_streets, incubators, activities, notes, demo, created_at, updated_at)
		VALUES (:uuid, :name, :division_code, :founded, :area, :households, :population, :grids,
		:secretary, :secretary_phone, :director, :director_phone, :address, :work_method, :social_orgs, :self_orgs, :volunteer_teams,
		:enterprises, :office_buildings, :business_streets, :incubators, :activities, :notes, :demo, :created_at, :updated_at)`
	updateCommunitySQL = `UPDATE communities SET name=:name, division_code=:division_code, founded=:founded, area=:area,
		households=:households, population=:population, grids=:grids, secretary=:secretary, secretary_phone=:secretary_phone,
		director=:director, director_phone=:director_phone, address=:address, work_method=:work_method,
		social_orgs=:social_orgs, self_orgs=:self_orgs, volunteer_teams=:volunteer_teams, enterprises=:enterprises,
		office_buildings=:office_buildings, business_streets=:business_streets, incubators=:incubators,
		activities=:activities, notes=:notes, updated_at=:updated_at, version=version+1 WHERE id=:id`
)

// textFields lists the text fields with their rules (see textrules.go).
func (c *Community) textFields() []textField {
	return []textField{
		{"Name", "社区名称", &c.Name, OneLine, LimitCommunityName},
		{"DivisionCode", "区划代码", &c.DivisionCode, OneLine, LimitCode},
		{"Area", "面积（平方公里）", &c.Area, OneLine, LimitCode},
		{"Secretary", "党组织书记", &c.Secretary, OneLine, LimitPerson},
		{"SecretaryPhone", "书记电话", &c.SecretaryPhone, OneLine, LimitPhone},
		{"Director", "居委会主任", &c.Director, OneLine, LimitPerson},
		{"DirectorPhone", "主任电话", &c.DirectorPhone, OneLine, LimitPhone},
		{"Address", "地址", &c.Address, OneLine, LimitAddress},
		{"WorkMethod", "工作法", &c.WorkMethod, OneLine, LimitMethod},
		{"Notes", "备注", &c.Notes, MultiLine, LimitNotes},
	}
}

func (c *Community) check(today Date) *checker {
	c.normalize()
	ck := &checker{record: c.Label()}
	ck.required("Name", "社区名称", c.Name)
	ck.texts(c.textFields())
	if c.DivisionCode != "" && !reDivision.MatchString(c.DivisionCode) {
		ck.add("DivisionCode", "区划代码", "应为 12 位数字，现在是“%s”", Excerpt(c.DivisionCode))
	}
	ck.notFuture("Founded", "成立时间", c.Founded, today)
	if _, err := ParseArea(c.Area); err != nil {
		ck.add("Area", "面积（平方公里）", "%s", err.Error())
	}
	ck.phone("SecretaryPhone", "书记电话", c.SecretaryPhone)
	ck.phone("DirectorPhone", "主任电话", c.DirectorPhone)
	for _, n := range []struct {
		field, label string
		c            Count
	}{
		{"Households", "户数", c.Households}, {"Population", "服务人口", c.Population}, {"Grids", "网格数", c.Grids},
		{"SocialOrgs", "社会组织", c.SocialOrgs}, {"SelfOrgs", "居民自组织", c.SelfOrgs},
		{"VolunteerTeams", "志愿服务队", c.VolunteerTeams}, {"Enterprises", "辖区企业", c.Enterprises},
		{"OfficeBuildings", "商务楼宇", c.OfficeBuildings}, {"BusinessStreets", "商业街区", c.BusinessStreets},
		{"Incubators", "孵化器", c.Incubators}, {"Activities", "年活动场次", c.Activities},
	} {
		if n.c.N < 0 {
			ck.add(n.field, n.label, "不能小于 0")
		}
	}
	return ck
}

// ValidateCommunity checks c against every rule, including unique names,
// without saving. The window calls it for inline messages.
func (s *Store) ValidateCommunity(c *Community) error {
	return s.CheckCommunity(c, sqlNeighbours{s.db})
}

// uniqueName adds an error when the query counts another live record of that name.
func (ck *checker) uniqueName(q queryer, field, label, name, query string, args ...any) {
	if name == "" {
		return
	}
	var n int
	if err := q.Get(&n, query, args...); err == nil && n > 0 {
		ck.add(field, label, "“%s”已经存在", Excerpt(name))
	}
}

type queryer interface {
	Get(dest any, query string, args ...any) error
	Select(dest any, query string, args ...any) error
}

// Communities lists the live communities, by name.
func (s *Store) Communities() ([]Community, error) {
	var out []Community
	if err := s.db.Select(&out, `SELECT * FROM communities WHERE deleted_at IS NULL ORDER BY name`); err != nil {
		return nil, fmt.Errorf("无法读取社区列表：%w", err)
	}
	return out, nil
}

// Community reads one community, live or in the recycle bin.
func (s *Store) Community(id int64) (Community, error) {
	return getCommunity(s.db, id)
}

func getCommunity(q queryer, id int64) (Community, error) {
	var c Community
	err := q.Get(&c, `SELECT * FROM communities WHERE id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return c, errNoID("社区", id)
	}
	if err != nil {
		return c, fmt.Errorf("无法读取社区 #%d：%w", id, err)
	}
	return c, nil
}

// ErrNotFound is wrapped when a record does not exist.
var ErrNotFound = errors.New("不存在")

// SaveCommunity validates and saves c: a new record when c.ID is 0, else an
// update. The change is written to the audit trail in the same transaction.
func (s *Store) SaveCommunity(c *Community) error {
	return s.Write(func(tx *Tx) error { return tx.SaveCommunity(c) })
}

// SaveCommunity is SaveCommunity inside a transaction.
func (tx *Tx) SaveCommunity(c *Community) error {
	if err := tx.s.CheckCommunity(c, sqlNeighbours{tx.q}); err != nil {
		return err
	}
	old, err := existing(c.ID, getCommunity, tx.q)
	if err != nil {
		return err
	}
	_, err = put(txWriter{tx}, old, c)
	return err
}

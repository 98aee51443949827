package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// A nomination's snapshot freezes, on submission and on each amendment (one
// row per version in nomination_snapshots), every value its 申报表 prints:
// the nominee's name and figures as the records held them then, the
// category, the text, the self-scores and the attachments' names and
// hashes. The round's documents print from it, so a record changed after
// the round never changes what was submitted, reviewed and named. The JSON
// text is stored with its SHA-256; CheckSnapshots verifies both.

// Where a snapshot came from.
const (
	SnapshotSubmit    = "submit"
	SnapshotAmend     = "amend"
	SnapshotMigration = "migration" // taken by the schema upgrade, from the values of that day
)

// ActionSnapshotMigrated is the audit action of a snapshot the upgrade made.
const ActionSnapshotMigrated = "snapshot_migrated"

// snapshotMigrationOperator is the audit trail's operator for the upgrade.
const snapshotMigrationOperator = "数据升级"

func init() { extraActionLabels[ActionSnapshotMigrated] = "补建提交快照" }

// SnapshotFact is one line of the nominee's figures on the 申报表.
type SnapshotFact struct {
	Field string `json:"field"`
	Label string `json:"label"`
	Value string `json:"value"`
}

// SnapshotFile is an attachment as submitted.
type SnapshotFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

// SnapshotData is what a nomination's 申报表 prints, as of one version.
type SnapshotData struct {
	NominationUUID string          `json:"nomination_uuid"`
	Version        int             `json:"version"`
	CategoryID     int64           `json:"category_id"`
	CategoryName   string          `json:"category"`
	NomineeKind    string          `json:"nominee_kind"`
	NomineeUUID    string          `json:"nominee_uuid"`
	NomineeName    string          `json:"nominee"`
	CommunityName  string          `json:"community"`
	Facts          []SnapshotFact  `json:"facts"`
	Methods        string          `json:"methods"`
	Highlights     string          `json:"highlights"`
	SelfScores     CriterionScores `json:"self_scores"`
	Contact        string          `json:"contact"`
	ContactPhone   string          `json:"contact_phone"`
	Opinion        string          `json:"opinion"`
	SubmittedAt    string          `json:"submitted_at"`
	Attachments    []SnapshotFile  `json:"attachments"`
}

// Snapshot is one stored row: the JSON text and its SHA-256.
type Snapshot struct {
	ID           int64  `db:"id"`
	NominationID int64  `db:"nomination_id"`
	Version      int    `db:"version"`
	TakenAt      string `db:"taken_at"`
	Source       string `db:"source"`
	Data         string `db:"data"`
	SHA256       string `db:"sha256"`
}

// Migrated reports whether the upgrade made the snapshot from the values of
// its day rather than the submission's.
func (s Snapshot) Migrated() bool { return s.Source == SnapshotMigration }

// Values verifies the stored hash and decodes the snapshot.
func (s Snapshot) Values() (SnapshotData, error) {
	var d SnapshotData
	if hashText(s.Data) != s.SHA256 {
		return d, fmt.Errorf("第 %d 版的提交快照已被改动（校验值不符）", s.Version)
	}
	if err := json.Unmarshal([]byte(s.Data), &d); err != nil {
		return d, fmt.Errorf("第 %d 版的提交快照无法读取", s.Version)
	}
	if d.Version != s.Version {
		return d, fmt.Errorf("第 %d 版的提交快照记的是第 %d 版", s.Version, d.Version)
	}
	return d, nil
}

func hashText(s string) string { return sha256Hex([]byte(s)) }

// FactValue is the value of the fact labelled label ("" when none).
func (d SnapshotData) FactValue(label string) string {
	for _, f := range d.Facts {
		if f.Label == label {
			return f.Value
		}
	}
	return ""
}

// buildSnapshot reads what n's 申报表 prints now: its content, and its
// nominee's name and figures and its attachments from the live records.
func buildSnapshot(q queryer, n Nomination) (SnapshotData, error) {
	d := SnapshotData{
		NominationUUID: n.UUID, Version: n.Version, CategoryID: n.CategoryID, CategoryName: n.CategoryName,
		NomineeKind: n.NomineeKind, NomineeUUID: n.NomineeUUID, NomineeName: n.NomineeName, CommunityName: n.CommunityName,
		Methods: n.Methods, Highlights: n.Highlights, SelfScores: n.SelfScores, Contact: n.Contact,
		ContactPhone: n.ContactPhone, Opinion: n.Opinion, SubmittedAt: n.SubmittedAt,
		Facts: []SnapshotFact{}, Attachments: []SnapshotFile{},
	}
	if d.SelfScores == nil {
		d.SelfScores = CriterionScores{}
	}
	if n.NomineeKind == NomineeCompound && n.CompoundID != nil {
		c, err := getCompound(q, *n.CompoundID)
		if err != nil {
			return d, err
		}
		d.NomineeName, d.CommunityName, d.Facts = c.Name, c.CommunityName, compoundFacts(c)
	} else {
		c, err := getCommunity(q, n.CommunityID)
		if err != nil {
			return d, err
		}
		d.NomineeName, d.CommunityName, d.Facts = c.Name, c.Name, communityFacts(c)
	}
	var atts []Attachment
	if err := q.Select(&atts, `SELECT * FROM attachments WHERE nomination_id = ? AND removed_at IS NULL ORDER BY id`, n.ID); err != nil {
		return d, fmt.Errorf("无法读取%s的附件：%w", n.Label(), err)
	}
	for _, a := range atts {
		d.Attachments = append(d.Attachments, SnapshotFile{Name: a.Name, SHA256: a.SHA256})
	}
	return d, nil
}

// listDateText is a date as the 申报表 writes it: 2015.08.20, or 2015.08.
func listDateText(d Date) string {
	switch {
	case d.IsZero():
		return ""
	case d.MonthOnly():
		return fmt.Sprintf("%d.%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%d.%02d.%02d", d.Year, d.Month, d.Day)
}

func communityFacts(c Community) []SnapshotFact {
	return []SnapshotFact{
		{"DivisionCode", "区划代码", c.DivisionCode},
		{"Founded", "成立时间", listDateText(c.Founded)},
		{"Households", "户数", c.Households.String()},
		{"Population", "服务人口", c.Population.String()},
		{"Grids", "网格数", c.Grids.String()},
		{"Secretary", "党组织书记", c.Secretary},
		{"Director", "居委会主任", c.Director},
		{"WorkMethod", "工作法", c.WorkMethod},
		{"SocialOrgs", "社会组织", c.SocialOrgs.String()},
		{"VolunteerTeams", "志愿服务队", c.VolunteerTeams.String()},
		{"Address", "地址", c.Address},
	}
}

func compoundFacts(c Compound) []SnapshotFact {
	year := ""
	if c.YearBuilt > 0 {
		year = strconv.Itoa(c.YearBuilt)
	}
	committee := "无"
	if c.OwnersCommittee {
		committee = strings.TrimSpace("有 " + c.CommitteeChair)
	}
	return []SnapshotFact{
		{"Kind", "小区类型", c.Kind},
		{"YearBuilt", "建成年份", year},
		{"Buildings", "楼栋数", c.Buildings.String()},
		{"Households", "户数", c.Households.String()},
		{"Residents", "居民人数", c.Residents.String()},
		{"PropertyCompany", "物业服务企业", c.PropertyCompany},
		{"OwnersCommittee", "业委会", committee},
		{"GovernanceMethod", "治理方法", c.GovernanceMethod},
		{"Address", "地址", c.Address},
	}
}

// freeze stores n's snapshot for its current version.
func (tx *Tx) freeze(n Nomination, source string) error {
	d, err := buildSnapshot(tx.q, n)
	if err != nil {
		return err
	}
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("无法保存%s的提交快照：%w", n.Label(), err)
	}
	text := string(b)
	if _, err := tx.q.Exec(`INSERT INTO nomination_snapshots (nomination_id, version, taken_at, source, data, sha256)
		VALUES (?, ?, ?, ?, ?, ?)`, n.ID, n.Version, tx.at, source, text, hashText(text)); err != nil {
		return fmt.Errorf("无法保存%s第 %d 版的提交快照：%w", n.Label(), n.Version, err)
	}
	return nil
}

// backfillSnapshots is the schema upgrade's own code: every nomination
// submitted before snapshots existed gets one for its current version, from
// the records as they are on the day of the upgrade, marked as such, with
// an audit row saying so.
func backfillSnapshots(tx *Tx) error {
	var noms []Nomination
	if err := tx.q.Select(&noms, nominationSelect+` WHERE n.version > 0 AND NOT EXISTS
		(SELECT 1 FROM nomination_snapshots s WHERE s.nomination_id = n.id AND s.version = n.version) ORDER BY n.id`); err != nil {
		return fmt.Errorf("无法读取申报：%w", err)
	}
	for _, n := range noms {
		if err := tx.freeze(n, SnapshotMigration); err != nil {
			return err
		}
		reason := fmt.Sprintf("数据升级：本申报提交于%s，当时尚未保存提交快照；第 %d 版的快照按升级时（%s）社区、小区记录中的数值补建",
			dayOf(n.SubmittedAt), n.Version, dayOf(tx.at))
		changes, _ := json.Marshal([]Change{{Field: "Snapshot", Label: "提交快照", New: fmt.Sprintf("第 %d 版（数据升级时补建）", n.Version)}})
		if _, err := tx.q.Exec(`INSERT INTO audit (at, operator, entity, entity_id, entity_uuid, record, action, changes, reason)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, tx.at, snapshotMigrationOperator, EntityNomination, n.ID, n.UUID,
			n.NomineeName, ActionSnapshotMigrated, string(changes), reason); err != nil {
			return fmt.Errorf("无法写入操作记录：%w", err)
		}
	}
	return nil
}

// dayOf is the date part of a stored time (2021-10-08T09:00:00+08:00 → 2021-10-08).
func dayOf(at string) string {
	if len(at) >= 10 {
		return at[:10]
	}
	if at == "" {
		return "（日期不详）"
	}
	return at
}

// Snapshots lists a nomination's snapshots, oldest version first, as stored.
func (s *Store) Snapshots(nominationID int64) ([]Snapshot, error) {
	var out []Snapshot
	if err := s.db.Select(&out, `SELECT * FROM nomination_snapshots WHERE nomination_id = ? ORDER BY version`, nominationID); err != nil {
		return nil, fmt.Errorf("无法读取申报的提交快照：%w", err)
	}
	return out, nil
}

// errNoSnapshot is returned (wrapped, naming the nomination) when a
// submitted nomination's current version has no snapshot.
var errNoSnapshot = errors.New("提交快照缺失")

// frozen reports whether n's documents print from a snapshot: once it has
// been submitted and while it is not back in the community's hands.
func frozen(n Nomination) bool { return n.Version > 0 && !n.State.Editable() }

// CurrentSnapshot is the snapshot of n's current version, verified; ok is
// false for a nomination that prints its live values (a draft, or one sent
// back). A submitted one without a sound snapshot is an error naming it.
func (s *Store) CurrentSnapshot(n Nomination) (snap Snapshot, d SnapshotData, ok bool, err error) {
	if !frozen(n) {
		return snap, d, false, nil
	}
	err = s.db.Get(&snap, `SELECT * FROM nomination_snapshots WHERE nomination_id = ? AND version = ?`, n.ID, n.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return snap, d, false, fmt.Errorf("%s（申报 #%d）第 %d 版的%w，无法按提交时的数据显示或打印；请运行“jiayuan snapshot check”",
			n.Label(), n.ID, n.Version, errNoSnapshot)
	}
	if err != nil {
		return snap, d, false, fmt.Errorf("无法读取%s的提交快照：%w", n.Label(), err)
	}
	if d, err = snap.Values(); err != nil {
		return snap, d, false, fmt.Errorf("%s（申报 #%d）%w，无法按提交时的数据显示或打印", n.Label(), n.ID, err)
	}
	return snap, d, true, nil
}

// PrintValues is what n's documents print: its snapshot once submitted,
// otherwise its live values.
func (s *Store) PrintValues(n Nomination) (SnapshotData, error) {
	_, d, ok, err := s.CurrentSnapshot(n)
	if err != nil || ok {
		return d, err
	}
	return buildSnapshot(s.db, n)
}

// LiveValues is what n's 申报表 would print if it were taken from the records now.
func (s *Store) LiveValues(n Nomination) (SnapshotData, error) { return buildSnapshot(s.db, n) }

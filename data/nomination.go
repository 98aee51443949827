package data

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"jiayuan/data/score"
)

// HighlightsLimit is the character limit of the highlights (特色亮点).
const HighlightsLimit = 500

// CriterionScores are scores per criterion id: a nomination's self-scores or a reviewer's sheet.
type CriterionScores map[int64]score.Decimal

// Value stores the map as JSON {"criterion id": "8.5"}.
func (m CriterionScores) Value() (driver.Value, error) {
	out := map[string]string{}
	for k, v := range m {
		out[strconv.FormatInt(k, 10)] = v.String()
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// Scan reads the JSON form.
func (m *CriterionScores) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	case nil:
		*m = CriterionScores{}
		return nil
	default:
		return fmt.Errorf("自评分：不支持的类型 %T", src)
	}
	raw := map[string]string{}
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("自评分无法读取：%w", err)
	}
	out := CriterionScores{}
	for k, v := range raw {
		id, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			return fmt.Errorf("自评分无法读取：%w", err)
		}
		d, err := score.ParseDecimal(v)
		if err != nil {
			return fmt.Errorf("自评分无法读取：%w", err)
		}
		out[id] = d
	}
	*m = out
	return nil
}

// MarshalJSON keeps snapshots readable.
func (m CriterionScores) MarshalJSON() ([]byte, error) {
	v, _ := m.Value()
	return []byte(v.(string)), nil
}

// UnmarshalJSON reads MarshalJSON's form.
func (m *CriterionScores) UnmarshalJSON(b []byte) error { return m.Scan(b) }

// Total is the sum of the self-scores.
func (m CriterionScores) Total() score.Decimal {
	var t score.Decimal
	for _, v := range m {
		t = t.Add(v)
	}
	return t
}

// Nomination is one 申报: a community or a compound put forward in a category.
type Nomination struct {
	ID            int64           `db:"id" json:"id"`
	UUID          string          `db:"uuid" json:"uuid"`
	RoundID       int64           `db:"round_id" json:"round_id"`
	CategoryID    int64           `db:"category_id" json:"category_id"`
	CategoryName  string          `db:"category_name" json:"category" zh:"类别"`
	NomineeKind   string          `db:"nominee_kind" json:"nominee_kind"`
	CommunityID   int64           `db:"community_id" json:"community_id"`
	CommunityName string          `db:"community_name" json:"community" zh:"所属社区"`
	CompoundID    *int64          `db:"compound_id" json:"compound_id,omitempty"`
	NomineeUUID   string          `db:"nominee_uuid" json:"nominee_uuid"`
	NomineeName   string          `db:"nominee_name" json:"nominee" zh:"申报对象"`
	State         State           `db:"state" json:"state"`
	Methods       string          `db:"methods" json:"methods" zh:"主要做法"`
	Highlights    string          `db:"highlights" json:"highlights" zh:"特色亮点"`
	SelfScores    CriterionScores `db:"self_scores" json:"self_scores"`
	Contact       string          `db:"contact" json:"contact" zh:"联系人"`
	ContactPhone  string          `db:"contact_phone" json:"contact_phone" zh:"联系电话"`
	Opinion       string          `db:"opinion" json:"opinion" zh:"社区意见"`
	Version       int             `db:"version" json:"version"`
	StateReason   string          `db:"state_reason" json:"state_reason"`
	StateAt       string          `db:"state_at" json:"state_at"`
	SubmittedAt   string          `db:"submitted_at" json:"submitted_at"`
	Demo          bool            `db:"demo" json:"demo"`
	CreatedAt     string          `db:"created_at" json:"created_at"`
	UpdatedAt     string          `db:"updated_at" json:"updated_at"`
}

// Label names the nomination in messages: 申报“滨江社区”（百佳示范社区）.
// A compound's names its community too: 申报“南湖尚景小区”（滨江社区，百佳示范小区）.
func (n Nomination) Label() string {
	var in []string
	if n.NomineeKind == NomineeCompound && n.CommunityName != "" {
		in = append(in, n.CommunityName)
	}
	if n.CategoryName != "" {
		in = append(in, n.CategoryName)
	}
	if len(in) == 0 {
		return fmt.Sprintf("申报“%s”", n.NomineeName)
	}
	return fmt.Sprintf("申报“%s”（%s）", n.NomineeName, strings.Join(in, "，"))
}

// NomineeEntity is the audit entity of the nominee (community or compound) and its id.
func (n Nomination) NomineeEntity() (string, int64) {
	if n.NomineeKind == NomineeCompound && n.CompoundID != nil {
		return EntityCompound, *n.CompoundID
	}
	return EntityCommunity, n.CommunityID
}

const nominationSelect = `SELECT n.*, k.name AS category_name, c.name AS community_name
	FROM nominations n JOIN round_categories k ON k.id = n.category_id JOIN communities c ON c.id = n.community_id`

// NominationFilter narrows a list of nominations; zero fields match all.
type NominationFilter struct {
	CategoryID  int64
	CommunityID int64
	States      []State
	Text        string // matched against the nominee's name
}

// Nominations lists a round's nominations, by category then nominee.
func (s *Store) Nominations(roundID int64, f NominationFilter) ([]Nomination, error) {
	return listNominations(s.db, roundID, f)
}

func listNominations(q queryer, roundID int64, f NominationFilter) ([]Nomination, error) {
	query := nominationSelect + ` WHERE n.round_id = ?`
	args := []any{roundID}
	if f.CategoryID != 0 {
		query += ` AND n.category_id = ?`
		args = append(args, f.CategoryID)
	}
	if f.CommunityID != 0 {
		query += ` AND n.community_id = ?`
		args = append(args, f.CommunityID)
	}
	if len(f.States) > 0 {
		query += ` AND n.state IN (?` + strings.Repeat(`, ?`, len(f.States)-1) + `)`
		for _, st := range f.States {
			args = append(args, string(st))
		}
	}
	if f.Text != "" {
		query += ` AND n.nominee_name LIKE ?`
		args = append(args, "%"+f.Text+"%")
	}
	var out []Nomination
	if err := q.Select(&out, query+` ORDER BY k.position, c.name, n.nominee_name, n.id`, args...); err != nil {
		return nil, fmt.Errorf("无法读取申报：%w", err)
	}
	return out, nil
}

// Nomination reads one nomination.
func (s *Store) Nomination(id int64) (Nomination, error) { return getNomination(s.db, id) }

func getNomination(q queryer, id int64) (Nomination, error) {
	var n Nomination
	err := q.Get(&n, nominationSelect+` WHERE n.id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return n, errNoID("申报", id)
	}
	if err != nil {
		return n, fmt.Errorf("无法读取申报 #%d：%w", id, err)
	}
	return n, nil
}

// fillNominee sets the nominee's community, UUID and name from its id,
// checking that it exists and fits the category.
func (tx *Tx) fillNominee(n *Nomination, r Round, ck *checker) {
	cat, ok := r.Category(n.CategoryID)
	if !ok {
		ck.add("CategoryID", "类别", "请选择%s的类别", r.Label())
		return
	}
	n.CategoryName = cat.Name
	switch {
	case n.CompoundID != nil && *n.CompoundID != 0:
		x, err := getCompound(tx.q, *n.CompoundID)
		if err != nil || x.DeletedAt != nil {
			ck.add("CompoundID", "申报对象", "所选小区不存在或已删除")
			return
		}
		n.NomineeKind, n.CommunityID, n.NomineeUUID, n.NomineeName, n.CommunityName = NomineeCompound, x.CommunityID, x.UUID, x.Name, x.CommunityName
	case n.CommunityID != 0:
		n.CompoundID = nil
		c, err := getCommunity(tx.q, n.CommunityID)
		if err != nil || c.DeletedAt != nil {
			ck.add("CommunityID", "申报对象", "所选社区不存在或已删除")
			return
		}
		n.NomineeKind, n.NomineeUUID, n.NomineeName, n.CommunityName = NomineeCommunity, c.UUID, c.Name, c.Name
	default:
		ck.add("CommunityID", "申报对象", "请选择申报的社区或小区")
		return
	}
	if cat.NomineeKind != n.NomineeKind {
		ck.add("CategoryID", "类别", "“%s”评选的是%s，%s“%s”不能申报这一类", cat.Name,
			NomineeKindLabel(cat.NomineeKind), NomineeKindLabel(n.NomineeKind), n.NomineeName)
	}
}

// checkContent checks the fields a clerk types, against the round's limits;
// complete also requires what a submission needs.
func (n *Nomination) checkContent(r Round, ck *checker, complete bool) {
	n.Methods = strings.TrimSpace(n.Methods)
	n.Highlights = strings.TrimSpace(n.Highlights)
	n.Contact = Normalize(n.Contact)
	n.ContactPhone = NormalizeCode(n.ContactPhone)
	n.Opinion = strings.TrimSpace(n.Opinion)
	ck.maxLen("Methods", "主要做法", n.Methods, r.TextLimit)
	ck.maxLen("Highlights", "特色亮点", n.Highlights, HighlightsLimit)
	ck.maxLen("Opinion", "社区意见", n.Opinion, 500)
	ck.phone("ContactPhone", "联系电话", n.ContactPhone)
	crit := map[int64]Criterion{}
	for _, c := range r.Criteria {
		crit[c.ID] = c
	}
	ids := make([]int64, 0, len(n.SelfScores))
	for id := range n.SelfScores {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		c, ok := crit[id]
		if !ok {
			ck.add("SelfScores", "自评分", "评分标准 #%d 不属于%s", id, r.Label())
			continue
		}
		if err := score.CheckScore(n.SelfScores[id], c.Max); err != nil {
			ck.add("SelfScores", "自评分", "%s“%s”%s", c.Name, n.SelfScores[id], err.Error())
		}
	}
	if complete {
		ck.required("Methods", "主要做法", n.Methods)
		ck.required("Contact", "联系人", n.Contact)
		ck.required("ContactPhone", "联系电话", n.ContactPhone)
		ck.required("Opinion", "社区意见", n.Opinion)
		for _, c := range r.Criteria {
			if _, ok := n.SelfScores[c.ID]; !ok {
				ck.add("SelfScores", "自评分", "“%s”还没有自评分", c.Name)
			}
		}
	}
}

// ValidateNomination checks n without saving (complete: as for submission).
func (s *Store) ValidateNomination(n *Nomination, complete bool) error {
	r, err := getRound(s.db, n.RoundID)
	if err != nil {
		return err
	}
	ck := &checker{record: n.Label()}
	n.checkContent(r, ck, complete)
	return ck.err()
}

// SaveNomination validates and saves a draft (insert when n.ID is 0). A
// submitted nomination is locked: its changes come as amendments (Amend).
// A community's copy nominates only its own community and compounds.
func (s *Store) SaveNomination(n *Nomination) error {
	return s.Write(func(tx *Tx) error {
		if err := tx.staleNomination(n); err != nil {
			return err
		}
		return tx.SaveNomination(n)
	})
}

// SaveNomination is SaveNomination inside a transaction.
func (tx *Tx) SaveNomination(n *Nomination) error {
	a, err := tx.actor()
	if err != nil {
		return err
	}
	return tx.saveNomination(n, a)
}

func (tx *Tx) saveNomination(n *Nomination, a actor) error {
	r, err := getRound(tx.q, n.RoundID)
	if err != nil {
		return err
	}
	ck := &checker{record: n.Label()}
	var old Nomination
	if n.ID != 0 {
		if old, err = getNomination(tx.q, n.ID); err != nil {
			return err
		}
		if !old.State.Editable() {
			return fmt.Errorf("%s现为“%s”，内容已锁定；如需修改请作补正（保留原版本）", old.Label(), old.State.Label())
		}
		if old.RoundID != n.RoundID {
			return fmt.Errorf("%s：不能移到另一个评选活动", old.Label())
		}
	}
	tx.fillNominee(n, r, ck)
	ck.record = n.Label()
	n.checkContent(r, ck, false)
	if err := ck.err(); err != nil {
		return err
	}
	if !a.office && a.community != "" {
		c, err := getCommunity(tx.q, n.CommunityID)
		if err != nil {
			return err
		}
		if c.UUID != a.community {
			return fmt.Errorf("%s：本机是社区使用的家园，只能申报本社区及其小区", n.Label())
		}
	} else if !a.office {
		return fmt.Errorf("%s：%s，不能申报", n.Label(), a.why())
	}
	var dup []string
	if err := tx.q.Select(&dup, `SELECT state FROM nominations WHERE round_id = ? AND nominee_uuid = ? AND id != ? AND state != ?`,
		n.RoundID, n.NomineeUUID, n.ID, string(StateWithdrawn)); err != nil {
		return fmt.Errorf("无法检查重复申报：%w", err)
	}
	if len(dup) > 0 {
		return fmt.Errorf("%s：%s“%s”在%s中已有申报（%s），不能重复申报", n.Label(), NomineeKindLabel(n.NomineeKind),
			n.NomineeName, r.Label(), State(dup[0]).Label())
	}
	if n.SelfScores == nil {
		n.SelfScores = CriterionScores{}
	}
	if n.ID == 0 {
		if n.UUID == "" {
			n.UUID = NewUUID()
		} else if err := checkUUIDFree(tx.q, EntityNomination, 0, n.Label(), n.UUID); err != nil {
			return err
		}
		n.State = StateDraft
		n.CreatedAt, n.UpdatedAt, n.StateAt = tx.at, tx.at, tx.at
		res, err := tx.q.NamedExec(`INSERT INTO nominations (uuid, round_id, category_id, nominee_kind, community_id, compound_id,
			nominee_uuid, nominee_name, state, methods, highlights, self_scores, contact, contact_phone, opinion, version,
			state_reason, state_at, submitted_at, demo, created_at, updated_at)
			VALUES (:uuid, :round_id, :category_id, :nominee_kind, :community_id, :compound_id,
			:nominee_uuid, :nominee_name, :state, :methods, :highlights, :self_scores, :contact, :contact_phone, :opinion, 0,
			'', :state_at, '', :demo, :created_at, :updated_at)`, n)
		if err != nil {
			return fmt.Errorf("无法保存%s：%w", n.Label(), err)
		}
		n.ID, _ = res.LastInsertId()
		return tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName, ActionCreate, "",
			append(Diff(Nomination{}, n), selfScoreChanges(r, nil, n.SelfScores)...))
	}
	n.State, n.Version, n.UUID = old.State, old.Version, old.UUID
	changes := append(Diff(old, n), selfScoreChanges(r, old.SelfScores, n.SelfScores)...)
	if len(changes) == 0 {
		return nil
	}
	n.UpdatedAt = tx.at
	if err := tx.updateNominationContent(n); err != nil {
		return err
	}
	return tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName, ActionUpdate, "", changes)
}

func (tx *Tx) updateNominationContent(n *Nomination) error {
	_, err := tx.q.NamedExec(`UPDATE nominations SET category_id=:category_id, nominee_kind=:nominee_kind,
		community_id=:community_id, compound_id=:compound_id, nominee_uuid=:nominee_uuid, nominee_name=:nominee_name,
		methods=:methods, highlights=:highlights, self_scores=:self_scores, contact=:contact, contact_phone=:contact_phone,
		opinion=:opinion, version=:version, updated_at=:updated_at WHERE id=:id`, n)
	if err != nil {
		return fmt.Errorf("无法保存%s：%w", n.Label(), err)
	}
	return nil
}

func selfScoreChanges(r Round, old, new CriterionScores) []Change {
	var out []Change
	for _, c := range r.Criteria {
		a, aok := old[c.ID]
		b, bok := new[c.ID]
		as, bs := "", ""
		if aok {
			as = a.String()
		}
		if bok {
			bs = b.String()
		}
		if as != bs {
			out = append(out, Change{Field: "SelfScores", Label: "自评分·" + c.Name, Old: as, New: bs})
		}
	}
	return out
}

// Amend changes a submitted nomination's content as a new version; the
// earlier versions stay readable (Versions). A reason is required. The
// nominee and category cannot change.
func (s *Store) Amend(n *Nomination, reason string) error {
	return s.Write(func(tx *Tx) error {
		a, err := tx.actor()
		if err != nil {
			return err
		}
		return tx.amend(n, reason, a)
	})
}

func (tx *Tx) amend(n *Nomination, reason string, a actor) error {
	old, err := getNomination(tx.q, n.ID)
	if err != nil {
		return err
	}
	if !old.State.Amendable() {
		return fmt.Errorf("%s现为“%s”，只能在已提交、初审通过或评审中时补正", old.Label(), old.State.Label())
	}
	if err := tx.mayActOn(old, a, false); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return fmt.Errorf("%s：补正须写明原因", old.Label())
	}
	r, err := getRound(tx.q, old.RoundID)
	if err != nil {
		return err
	}
	// Only the content may change.
	keep := *n
	*n = old
	n.Methods, n.Highlights, n.SelfScores = keep.Methods, keep.Highlights, keep.SelfScores
	n.Contact, n.ContactPhone, n.Opinion = keep.Contact, keep.ContactPhone, keep.Opinion
	ck := &checker{record: n.Label()}
	n.checkContent(r, ck, true)
	if err := ck.err(); err != nil {
		return err
	}
	changes := append(Diff(old, n), selfScoreChanges(r, old.SelfScores, n.SelfScores)...)
	if len(changes) == 0 {
		return fmt.Errorf("%s：补正内容与现有版本相同", old.Label())
	}
	n.Version = old.Version + 1
	n.UpdatedAt = tx.at
	if err := tx.updateNominationContent(n); err != nil {
		return err
	}
	if err := tx.snapshot(n, reason); err != nil {
		return err
	}
	return tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName, ActionAmend, reason,
		append(changes, Change{Field: "Version", Label: "版本", Old: strconv.Itoa(old.Version), New: strconv.Itoa(n.Version)}))
}

// NominationVersion is one submitted or amended version, as it was.
type NominationVersion struct {
	ID           int64  `db:"id"`
	NominationID int64  `db:"nomination_id"`
	Version      int    `db:"version"`
	At           string `db:"at"`
	Operator     string `db:"operator"`
	Reason       string `db:"reason"`
	Snapshot     string `db:"snapshot"`
}

// Nomination decodes the snapshot.
func (v NominationVersion) Nomination() (Nomination, error) {
	var n Nomination
	if err := json.Unmarshal([]byte(v.Snapshot), &n); err != nil {
		return n, fmt.Errorf("申报第 %d 版无法读取：%w", v.Version, err)
	}
	return n, nil
}

func (tx *Tx) snapshot(n *Nomination, reason string) error {
	b, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	_, err = tx.q.Exec(`INSERT INTO nomination_versions (nomination_id, version, at, operator, reason, snapshot) VALUES (?, ?, ?, ?, ?, ?)`,
		n.ID, n.Version, tx.at, tx.s.Operator, reason, string(b))
	if err != nil {
		return fmt.Errorf("无法保存%s的第 %d 版：%w", n.Label(), n.Version, err)
	}
	source := SnapshotAmend
	if reason == "提交" {
		source = SnapshotSubmit
	}
	return tx.freeze(*n, source)
}

// Versions lists a nomination's submitted and amended versions, oldest first.
func (s *Store) Versions(nominationID int64) ([]NominationVersion, error) {
	var out []NominationVersion
	if err := s.db.Select(&out, `SELECT * FROM nomination_versions WHERE nomination_id = ? ORDER BY version`, nominationID); err != nil {
		return nil, fmt.Errorf("无法读取申报的历史版本：%w", err)
	}
	return out, nil
}

// mayActOn refuses a community's copy acting on another community's
// nomination, and any copy without a role.
func (tx *Tx) mayActOn(n Nomination, a actor, officeOnly bool) error {
	if a.office {
		return nil
	}
	if officeOnly || a.role == "" {
		return fmt.Errorf("%s：只有街道办事处的家园可以办理，%s", n.Label(), a.why())
	}
	c, err := getCommunity(tx.q, n.CommunityID)
	if err != nil {
		return err
	}
	if c.UUID != a.community {
		return fmt.Errorf("%s属于%s，本机是其他社区使用的家园，不能办理", n.Label(), c.Label())
	}
	return nil
}

func init() {
	RegisterDependent(EntityCommunity, "申报",
		`SELECT r.year || '年' || n.nominee_name FROM nominations n JOIN rounds r ON r.id = n.round_id WHERE n.community_id = ? ORDER BY r.year, n.nominee_name`)
	RegisterDependent(EntityCompound, "申报",
		`SELECT r.year || '年' || n.nominee_name FROM nominations n JOIN rounds r ON r.id = n.round_id WHERE n.compound_id = ? ORDER BY r.year`)
	RegisterDependent(EntityCommunity, "评审回避",
		`SELECT v.name FROM conflicts x JOIN reviewers v ON v.id = x.reviewer_id WHERE x.community_id = ?`)
	RegisterDependent(EntityCompound, "评审回避",
		`SELECT v.name FROM conflicts x JOIN reviewers v ON v.id = x.reviewer_id WHERE x.compound_id = ?`)
}

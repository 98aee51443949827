package data

import (
	"database/sql"
	"fmt"
)

// The rules of a community, a compound and a Party organisation exist once,
// here: the rules of its own fields (check) and the rules that look at the
// other records (uniqueness, parents, cycles), written over Neighbours. A
// single save answers Neighbours from the database (sqlNeighbours); the Excel
// import (data/sheet) answers from the records it read and the rows it has
// planned, in memory, so that twenty thousand rows are checked in seconds.
// Both give the same messages for the same case.

// Neighbours is what the rules of a record need to know about the others.
// An id equal to ReportedID is a reference the caller already reported as
// not found; the rules say nothing more about it.
type Neighbours interface {
	// LiveCommunity reports whether a live community has the id.
	LiveCommunity(id int64) bool
	// CompoundCommunity is the community of the live compound id; ok false when there is none.
	CompoundCommunity(id int64) (community int64, ok bool)
	// LiveOrg is the live organisation id; ok false when there is none.
	LiveOrg(id int64) (o OrgRef, ok bool)
	// ParentOf is the parent of organisation id, live or not (0: none).
	ParentOf(id int64) int64
	// CommunityNamed, CompoundNamed and OrgNamed find another live record
	// (not the one checked) with the checked record's name under the same
	// parent: for a compound its community; for an organisation its parent
	// organisation, else, at the top, its community.
	CommunityNamed(c *Community) (Holder, bool)
	CompoundNamed(c *Compound) (Holder, bool)
	OrgNamed(o *Org) (Holder, bool)
}

// ReportedID stands for a reference already reported as not found.
const ReportedID int64 = -1

// OrgRef is what the rules need of another organisation.
type OrgRef struct {
	ID, CommunityID int64
	Kind            string
}

// Holder is the record that already has a name: Row is the row of the file
// that gives it, 0 for a stored record.
type Holder struct{ Row int }

// takenMsg explains a name already taken, by a stored record or by an
// earlier row of the file.
func takenMsg(name string, h Holder) string {
	if h.Row > 0 {
		return fmt.Sprintf("与第 %d 行重名", h.Row)
	}
	return fmt.Sprintf("“%s”已经存在", Excerpt(name))
}

// CheckCommunity applies every rule of a community, normalizing c as
// SaveCommunity does. It returns nil or a *ValidationError.
func (s *Store) CheckCommunity(c *Community, nb Neighbours) error {
	ck := c.check(DateOf(s.now()))
	communityRules(c, nb, ck)
	err := ck.err()
	if err == nil {
		c.Area, _ = ParseArea(c.Area)
	}
	return err
}

// CheckCompound applies every rule of a compound.
func (s *Store) CheckCompound(c *Compound, nb Neighbours) error {
	ck := c.check(DateOf(s.now()))
	compoundRules(c, nb, ck)
	return ck.err()
}

// CheckOrg applies every rule of a Party organisation.
func (s *Store) CheckOrg(o *Org, nb Neighbours) error {
	ck := o.check(DateOf(s.now()))
	orgRules(o, nb, ck)
	return ck.err()
}

func communityRules(c *Community, nb Neighbours, ck *checker) {
	if h, ok := nb.CommunityNamed(c); ok && c.Name != "" {
		ck.add("Name", "社区名称", "%s", takenMsg(c.Name, h))
	}
}

func compoundRules(c *Compound, nb Neighbours, ck *checker) {
	if c.CommunityID != 0 && c.CommunityID != ReportedID && !nb.LiveCommunity(c.CommunityID) {
		ck.add("CommunityID", "所属社区", "所选社区不存在或已删除")
	}
	if h, ok := nb.CompoundNamed(c); ok && c.Name != "" {
		ck.add("Name", "小区名称", "%s", takenMsg(c.Name, h))
	}
}

func orgRules(o *Org, nb Neighbours, ck *checker) {
	if o.CompoundID != nil && *o.CompoundID != ReportedID {
		comm, ok := nb.CompoundCommunity(*o.CompoundID)
		switch {
		case !ok:
			ck.add("CompoundID", "所在小区", "所选小区不存在或已删除")
		case o.CommunityID > 0 && comm != o.CommunityID:
			ck.add("CompoundID", "所在小区", "小区不在所属社区内")
		}
	}
	if o.ParentID != nil && *o.ParentID != ReportedID {
		orgParentRules(o, nb, ck)
	}
	if h, ok := nb.OrgNamed(o); ok && o.Name != "" {
		ck.add("Name", "组织名称", "%s", takenMsg(o.Name, h))
	}
}

// orgParentRules checks the parent organisation: live, not itself, not a
// 党小组, in the same community (but for 两新党组织), not a descendant.
func orgParentRules(o *Org, nb Neighbours, ck *checker) {
	p, ok := nb.LiveOrg(*o.ParentID)
	switch {
	case !ok:
		ck.add("ParentID", "上级组织", "所选上级组织不存在或已删除")
	case o.ID != 0 && p.ID == o.ID:
		ck.add("ParentID", "上级组织", "不能把组织自己设为上级")
	case p.Kind == OrgGroup:
		ck.add("ParentID", "上级组织", "党小组下不能再设组织")
	case o.CommunityID > 0 && p.CommunityID != o.CommunityID && !isNewOrg(o.Kind):
		ck.add("ParentID", "上级组织", "上级组织不在同一社区")
	case o.ID != 0 && ancestorOf(nb, o.ID, *o.ParentID):
		ck.add("ParentID", "上级组织", "所选上级是本组织的下级，会形成循环")
	}
}

// ancestorOf reports whether walking up the tree from start reaches id,
// that is, whether making start the parent of id would close a cycle. A
// tree that already loops is taken as a cycle.
func ancestorOf(nb Neighbours, id, start int64) bool {
	seen := map[int64]bool{}
	cur := start
	for cur != 0 && !seen[cur] {
		if cur == id {
			return true
		}
		seen[cur] = true
		cur = nb.ParentOf(cur)
	}
	return cur != 0
}

// sqlNeighbours answers the rules from the database, for a single save.
type sqlNeighbours struct{ q queryer }

func (n sqlNeighbours) count(query string, args ...any) int {
	var c int
	if err := n.q.Get(&c, query, args...); err != nil {
		return 0
	}
	return c
}

func (n sqlNeighbours) LiveCommunity(id int64) bool {
	return n.count(`SELECT COUNT(*) FROM communities WHERE id = ? AND deleted_at IS NULL`, id) > 0
}

func (n sqlNeighbours) CompoundCommunity(id int64) (int64, bool) {
	var comm int64
	err := n.q.Get(&comm, `SELECT community_id FROM compounds WHERE id = ? AND deleted_at IS NULL`, id)
	return comm, err == nil
}

func (n sqlNeighbours) LiveOrg(id int64) (OrgRef, bool) {
	var p Org
	err := n.q.Get(&p, `SELECT id, community_id, parent_id, kind FROM orgs WHERE id = ? AND deleted_at IS NULL`, id)
	return OrgRef{ID: p.ID, CommunityID: p.CommunityID, Kind: p.Kind}, err == nil
}

func (n sqlNeighbours) ParentOf(id int64) int64 {
	var parent sql.NullInt64
	if err := n.q.Get(&parent, `SELECT parent_id FROM orgs WHERE id = ?`, id); err != nil {
		return 0
	}
	return parent.Int64
}

func (n sqlNeighbours) CommunityNamed(c *Community) (Holder, bool) {
	return Holder{}, n.count(`SELECT COUNT(*) FROM communities WHERE name = ? AND id != ? AND deleted_at IS NULL`,
		c.Name, c.ID) > 0
}

func (n sqlNeighbours) CompoundNamed(c *Compound) (Holder, bool) {
	return Holder{}, n.count(`SELECT COUNT(*) FROM compounds WHERE community_id = ? AND name = ? AND id != ? AND deleted_at IS NULL`,
		c.CommunityID, c.Name, c.ID) > 0
}

func (n sqlNeighbours) OrgNamed(o *Org) (Holder, bool) {
	if o.ParentID != nil {
		return Holder{}, n.count(`SELECT COUNT(*) FROM orgs WHERE parent_id = ? AND name = ? AND id != ? AND deleted_at IS NULL`,
			*o.ParentID, o.Name, o.ID) > 0
	}
	return Holder{}, n.count(`SELECT COUNT(*) FROM orgs WHERE community_id = ? AND parent_id IS NULL AND name = ? AND id != ? AND deleted_at IS NULL`,
		o.CommunityID, o.Name, o.ID) > 0
}

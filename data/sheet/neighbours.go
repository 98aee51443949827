package sheet

import "jiayuan/data"

// neighbours answers the records' rules (data.Neighbours) from what the
// import read from the store and the rows it has planned so far, in memory:
// the same rules as a single save, without a query per row. self is the
// planned record of the row being checked (nil for a new one): the rules
// look for another record than that.
type neighbours struct {
	liveComm  map[int64]bool
	commNamed map[string]*commNode
	compounds map[int64]compInfo // every compound, by id
	compNamed map[compKey]*compNode
	orgs      map[int64]*orgNode // every organisation, by id (a new one by a temporary id)
	orgNamed  map[string][]*orgNode

	selfComm *commNode
	selfComp *compNode
	selfOrg  *orgNode
}

type compInfo struct {
	community int64
	live      bool
}

func (nb *neighbours) LiveCommunity(id int64) bool { return nb.liveComm[id] }

func (nb *neighbours) CompoundCommunity(id int64) (int64, bool) {
	c, ok := nb.compounds[id]
	return c.community, ok && c.live
}

func (nb *neighbours) LiveOrg(id int64) (data.OrgRef, bool) {
	n, ok := nb.orgs[id]
	if !ok || n.deleted {
		return data.OrgRef{}, false
	}
	return data.OrgRef{ID: n.id, CommunityID: n.rec.CommunityID, Kind: n.rec.Kind}, true
}

func (nb *neighbours) ParentOf(id int64) int64 {
	if n, ok := nb.orgs[id]; ok && n.parent != nil {
		return n.parent.id
	}
	return 0
}

func (nb *neighbours) CommunityNamed(c *data.Community) (data.Holder, bool) {
	if o := nb.commNamed[c.Name]; o != nil && o != nb.selfComm {
		return data.Holder{Row: o.row}, true
	}
	return data.Holder{}, false
}

func (nb *neighbours) CompoundNamed(c *data.Compound) (data.Holder, bool) {
	if o := nb.compNamed[compKey{c.CommunityID, c.Name}]; o != nil && o != nb.selfComp {
		return data.Holder{Row: o.row}, true
	}
	return data.Holder{}, false
}

// OrgNamed finds another live organisation of the name under the same
// parent (at the top: in the same community), the last planned one first.
func (nb *neighbours) OrgNamed(o *data.Org) (data.Holder, bool) {
	list := nb.orgNamed[o.Name]
	for i := len(list) - 1; i >= 0; i-- {
		x := list[i]
		if x == nb.selfOrg {
			continue
		}
		if o.ParentID != nil && x.parent != nil && x.parent.id == *o.ParentID ||
			o.ParentID == nil && x.parent == nil && x.rec.CommunityID == o.CommunityID {
			return data.Holder{Row: x.row}, true
		}
	}
	return data.Holder{}, false
}

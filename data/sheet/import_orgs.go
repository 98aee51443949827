package sheet

import (
	"fmt"
	"reflect"
	"sort"

	"jiayuan/data"
)

// The import of Party organisations. A row names its parent and compound by
// name; the import resolves them (a parent may come further down the file),
// then the organisation's rules (data.Store.CheckOrg) check the row against
// the in-memory neighbours, as a single save checks against the database.

type orgNode struct {
	id       int64 // the stored id, or a temporary one (below data.ReportedID) for a new record
	rec      data.Org
	old      *data.Org
	row      int
	deleted  bool
	parent   *orgNode
	compound int64 // 0 for none
}

type orgKey struct {
	community int64
	parent    *orgNode
	name      string
}

// orgPlan is the state of an organisation import.
type orgPlan struct {
	comms     map[string]data.Community
	compByKey map[compKey]data.Compound
	compName  map[int64]string
	byUUID    map[string]*orgNode
	byKey     map[orgKey]*orgNode
	nb        *neighbours
	nextID    int64
	typ       reflect.Type
	ops       []*orgNode
	// putOff names the rows put off in the last pass, by organisation name.
	putOff map[string]int
}

// orgRow is one row being checked: what it says and what it resolves to.
type orgRow struct {
	r             *rowCtx
	parsed        reflect.Value
	p             *data.Org
	cid           int64
	parent        *orgNode
	parentKnown   bool
	compound      int64
	compoundKnown bool
	uuid          string
	n             *orgNode // the record it updates, nil for a new one
}

func (im *importer) checkOrgs() error {
	op, err := im.loadOrgPlan()
	if err != nil {
		return err
	}
	var pending []sheetRow
	for i, row := range im.rows {
		im.tick(i)
		if im.checkOrgRow(op, row, false) {
			pending = append(pending, row)
		}
	}
	for len(pending) > 0 {
		var next []sheetRow
		clear(op.putOff)
		for _, row := range pending {
			if im.checkOrgRow(op, row, false) {
				next = append(next, row)
			}
		}
		if len(next) == len(pending) {
			for _, row := range next {
				im.checkOrgRow(op, row, true)
			}
			break
		}
		pending = next
	}
	sort.SliceStable(im.problems, func(i, j int) bool { return im.problems[i].Row < im.problems[j].Row })
	im.write = func(b *data.Bulk) error { return im.writeOrgs(b, op.ops) }
	return nil
}

// loadOrgPlan reads the live communities, every compound and every organisation.
func (im *importer) loadOrgPlan() (*orgPlan, error) {
	comms, err := im.liveCommunities()
	if err != nil {
		return nil, err
	}
	compounds, err := im.st.AllCompounds()
	if err != nil {
		return nil, err
	}
	all, err := im.st.AllOrgs()
	if err != nil {
		return nil, err
	}
	op := &orgPlan{comms: comms, compByKey: map[compKey]data.Compound{}, compName: map[int64]string{},
		byUUID: map[string]*orgNode{}, byKey: map[orgKey]*orgNode{}, nextID: data.ReportedID - 1,
		typ: reflect.TypeOf(data.Org{}), putOff: map[string]int{},
		nb: &neighbours{compounds: map[int64]compInfo{}, orgs: map[int64]*orgNode{}, orgNamed: map[string][]*orgNode{}}}
	for _, c := range compounds {
		op.compName[c.ID] = c.Name
		op.nb.compounds[c.ID] = compInfo{community: c.CommunityID, live: c.DeletedAt == nil}
		if c.DeletedAt == nil {
			op.compByKey[compKey{c.CommunityID, c.Name}] = c
		}
	}
	for i := range all {
		n := &orgNode{id: all[i].ID, rec: all[i], old: &all[i], deleted: all[i].DeletedAt != nil}
		if n.rec.CompoundID != nil {
			n.compound = *n.rec.CompoundID
		}
		op.nb.orgs[n.id] = n
		op.byUUID[n.rec.UUID] = n
	}
	for _, n := range op.nb.orgs {
		if n.rec.ParentID != nil {
			n.parent = op.nb.orgs[*n.rec.ParentID]
		}
		if !n.deleted {
			op.nb.orgNamed[n.rec.Name] = append(op.nb.orgNamed[n.rec.Name], n)
			op.byKey[orgKey{n.rec.CommunityID, n.parent, n.rec.Name}] = n
		}
	}
	return op, nil
}

// checkOrgRow checks one row and, when it is good, adds it to the plan. A
// row whose parent is not (yet) known is put off (it returns true), unless
// final: a parent may come further down the file.
func (im *importer) checkOrgRow(op *orgPlan, row sheetRow, final bool) bool {
	or := &orgRow{r: &rowCtx{im: im, row: row}}
	if or.r.blank() {
		return false
	}
	or.parsed = reflect.New(op.typ)
	or.r.parse(or.parsed)
	or.p = or.parsed.Interface().(*data.Org)
	or.cid = or.r.communityID(or.p.CommunityName, op.comms)
	if op.resolveParent(or, final) {
		return true
	}
	op.resolveCompound(or)
	or.uuid = or.r.uuid()
	op.matchOrg(or)
	rec := op.orgRecord(or)
	op.nb.selfOrg = or.n
	or.r.fieldProblems(im.st.CheckOrg(&rec, op.nb))
	if len(or.r.problems) > 0 {
		im.problems = append(im.problems, or.r.problems...)
		return false
	}
	op.plan(or, rec)
	return false
}

// communityID resolves the row's community by name without changing the
// name: its id, 0 for none, data.ReportedID when not there (listed).
func (r *rowCtx) communityID(name string, comms map[string]data.Community) int64 {
	return r.communityOf(&name, comms)
}

// resolveParent finds the parent, by name: in the same community, else
// (两新党组织) anywhere. It reports whether the row is put off.
func (op *orgPlan) resolveParent(or *orgRow, final bool) bool {
	p, r := or.p, or.r
	if _, ok := r.im.byField["ParentName"]; !ok || p.ParentName == "" {
		return false
	}
	var same, other []*orgNode
	for _, x := range op.nb.orgNamed[p.ParentName] {
		if x.rec.CommunityID == or.cid {
			same = append(same, x)
		} else {
			other = append(other, x)
		}
	}
	cands := same
	if len(cands) == 0 {
		cands = other
	}
	switch len(cands) {
	case 0:
		if !final {
			op.putOff[data.Normalize(p.Name)] = r.row.num
			return true // perhaps a row further down adds it
		}
		if at, ok := op.putOff[data.Normalize(p.ParentName)]; ok && at != r.row.num {
			r.addField("ParentName", "上级组织", fmt.Sprintf("在第 %d 行，但那一行的上级组织也找不到（两者可能互为上级，形成循环）", at))
		} else {
			r.addField("ParentName", "上级组织", "没有这个组织")
		}
	case 1:
		or.parent, or.parentKnown = cands[0], true
	default:
		r.addField("ParentName", "上级组织", "有多个同名的组织，无法确定是哪一个")
	}
	return false
}

// resolveCompound finds the compound, by name within the community.
func (op *orgPlan) resolveCompound(or *orgRow) {
	p, r := or.p, or.r
	if _, ok := r.im.byField["CompoundName"]; !ok || p.CompoundName == "" || or.cid == data.ReportedID {
		return
	}
	if c, ok := op.compByKey[compKey{or.cid, p.CompoundName}]; ok {
		or.compound, or.compoundKnown = c.ID, true
	} else {
		r.addField("CompoundName", "所在小区", fmt.Sprintf("社区“%s”里没有这个小区", p.CommunityName))
	}
}

// matchOrg finds the record the row updates: by UUID, else by name under
// its parent (without a parent column: by name within the community when
// that is unambiguous).
func (op *orgPlan) matchOrg(or *orgRow) {
	p, r := or.p, or.r
	switch {
	case or.uuid != "":
		or.n = op.byUUID[or.uuid]
	case p.Name != "" && or.cid > 0:
		name := data.Normalize(p.Name)
		if _, ok := r.im.byField["ParentName"]; ok {
			or.n = op.byKey[orgKey{or.cid, or.parent, name}]
			break
		}
		var cands []*orgNode
		for _, x := range op.nb.orgNamed[name] {
			if x.rec.CommunityID == or.cid {
				cands = append(cands, x)
			}
		}
		if len(cands) == 1 {
			or.n = cands[0]
		}
	}
	if n := or.n; n != nil {
		r.sameRecord(n.deleted, n.row != 0, "Name", "组织名称", n.row, n.old == nil && or.uuid == "")
	}
}

// orgRecord is the record the row makes: the stored one with the file's
// columns, or a new one, with its parent and compound as ids (the
// temporary id of a new parent; data.ReportedID when not found, listed).
func (op *orgPlan) orgRecord(or *orgRow) data.Org {
	var rec data.Org
	n, p := or.n, or.p
	if n != nil {
		rec = *or.r.im.merge(reflect.ValueOf(n.rec), or.parsed.Elem()).Interface().(*data.Org)
	} else {
		rec = *p
		rec.UUID = or.uuid
		or.r.uuidTaken(data.EntityOrg, or.uuid, rec.Label())
	}
	rec.CommunityID = or.cid
	if _, ok := or.r.im.byField["ParentName"]; ok {
		if !or.parentKnown && p.ParentName == "" {
			or.parent = nil
		}
	} else if n != nil {
		or.parent, or.parentKnown = n.parent, n.parent != nil
	}
	if _, ok := or.r.im.byField["CompoundName"]; !ok && n != nil {
		or.compound, or.compoundKnown = n.compound, n.compound != 0
	}
	rec.ParentID, rec.CompoundID = nil, nil
	switch {
	case or.parentKnown:
		rec.ParentID = &or.parent.id
	case p.ParentName != "":
		rec.ParentID = ptr(data.ReportedID)
	}
	switch {
	case or.compoundKnown:
		rec.CompoundID = ptr(or.compound)
	case p.CompoundName != "":
		rec.CompoundID = ptr(data.ReportedID)
	}
	return rec
}

func ptr(id int64) *int64 { return &id }

// plan adds the checked record to the plan, with its display names.
func (op *orgPlan) plan(or *orgRow, rec data.Org) {
	p, n := or.p, or.n
	rec.CommunityName = p.CommunityName
	if c, ok := op.comms[p.CommunityName]; ok {
		rec.CommunityName = c.Name
	}
	rec.ParentName, rec.CompoundName = "", ""
	if or.parent != nil {
		rec.ParentName = or.parent.rec.Name
	}
	rec.CompoundName = op.compName[or.compound]
	if n == nil {
		n = &orgNode{id: op.nextID}
		op.nextID--
		op.nb.orgs[n.id] = n
		if or.uuid != "" {
			op.byUUID[or.uuid] = n
		}
	} else {
		op.removeName(n)
		delete(op.byKey, orgKey{n.rec.CommunityID, n.parent, n.rec.Name})
	}
	n.rec, n.row, n.parent, n.compound = rec, or.r.row.num, or.parent, or.compound
	op.nb.orgNamed[rec.Name] = append(op.nb.orgNamed[rec.Name], n)
	op.byKey[orgKey{or.cid, or.parent, rec.Name}] = n
	op.ops = append(op.ops, n)
}

func (op *orgPlan) removeName(n *orgNode) {
	list := op.nb.orgNamed[n.rec.Name]
	for i, x := range list {
		if x == n {
			op.nb.orgNamed[n.rec.Name] = append(list[:i:i], list[i+1:]...)
			break
		}
	}
}

// writeOrgs writes the planned organisations, parents first (the plan's
// order), giving each its parent's and compound's ids.
func (im *importer) writeOrgs(b *data.Bulk, ops []*orgNode) error {
	return im.writeAll(len(ops), func(i int) (bool, error) {
		n := ops[i]
		n.rec.ParentID, n.rec.CompoundID = nil, nil
		if n.parent != nil {
			n.rec.ParentID = ptr(n.parent.rec.ID)
		}
		if n.compound != 0 {
			n.rec.CompoundID = ptr(n.compound)
		}
		if n.old == nil {
			return true, b.InsertOrg(&n.rec)
		}
		return im.updated(b.UpdateOrg(*n.old, &n.rec))
	})
}

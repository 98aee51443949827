package sheet

import (
	"reflect"

	"jiayuan/data"
)

// The import of communities and compounds: each row is matched to a stored
// record (by UUID, else by name) or planned as new, checked by the records'
// rules (data.Store.CheckCommunity, CheckCompound) against the in-memory
// neighbours, and planned for the write.

type commNode struct {
	rec     data.Community
	old     *data.Community // nil for a new record
	row     int             // the file row that set it, 0 if none
	deleted bool
}

func (im *importer) checkCommunities() error {
	all, err := im.st.AllCommunities()
	if err != nil {
		return err
	}
	byUUID := map[string]*commNode{}
	nb := &neighbours{commNamed: map[string]*commNode{}}
	for i := range all {
		n := &commNode{rec: all[i], old: &all[i], deleted: all[i].DeletedAt != nil}
		byUUID[n.rec.UUID] = n
		if !n.deleted {
			nb.commNamed[n.rec.Name] = n
		}
	}
	var ops []*commNode
	for i, row := range im.rows {
		im.tick(i)
		if n := im.checkCommunityRow(row, byUUID, nb); n != nil {
			ops = append(ops, n)
		}
	}
	im.write = func(b *data.Bulk) error {
		return im.writeAll(len(ops), func(i int) (bool, error) {
			n := ops[i]
			if n.old == nil {
				return true, b.InsertCommunity(&n.rec)
			}
			return im.updated(b.UpdateCommunity(*n.old, &n.rec))
		})
	}
	return nil
}

// checkCommunityRow checks one row and returns the record it plans, or nil
// (a blank row, or problems, which it lists).
func (im *importer) checkCommunityRow(row sheetRow, byUUID map[string]*commNode, nb *neighbours) *commNode {
	r := &rowCtx{im: im, row: row}
	if r.blank() {
		return nil
	}
	parsed := reflect.New(reflect.TypeOf(data.Community{}))
	r.parse(parsed)
	p := parsed.Interface().(*data.Community)
	uuid := r.uuid()
	var n *commNode
	if uuid != "" {
		n = byUUID[uuid]
	} else if p.Name != "" {
		n = nb.commNamed[data.Normalize(p.Name)]
	}
	r.sameRecord(n != nil && n.deleted, n != nil && n.row != 0, "Name", "社区名称", nodeRow(n), n != nil && n.old == nil && uuid == "")
	var rec data.Community
	if n != nil {
		rec = *im.merge(reflect.ValueOf(n.rec), parsed.Elem()).Interface().(*data.Community)
	} else {
		rec = *p
		rec.UUID = uuid
		r.uuidTaken(data.EntityCommunity, uuid, rec.Label())
	}
	nb.selfComm = n
	r.fieldProblems(im.st.CheckCommunity(&rec, nb))
	if len(r.problems) > 0 {
		im.problems = append(im.problems, r.problems...)
		return nil
	}
	if n == nil {
		n = &commNode{}
		if uuid != "" {
			byUUID[uuid] = n
		}
	} else {
		delete(nb.commNamed, n.rec.Name)
	}
	n.rec, n.row = rec, row.num
	nb.commNamed[rec.Name] = n
	return n
}

func nodeRow(n *commNode) int {
	if n == nil {
		return 0
	}
	return n.row
}

// sameRecord lists a row that matches a record in the recycle bin, or the
// record of an earlier row (at row earlier).
func (r *rowCtx) sameRecord(recycled, twice bool, field, label string, earlier int, newName bool) {
	if recycled {
		r.add(UUIDHeader, r.uuid(), recycledReason)
	}
	if twice {
		r.addField(field, label, sameRecordReason(earlier, newName))
	}
}

// uuidTaken lists a new row's UUID that another record has.
func (r *rowCtx) uuidTaken(entity, uuid, label string) {
	if uuid == "" {
		return
	}
	if r.im.uuids == nil {
		r.im.uuids, _ = r.im.st.UUIDs() // on an error, nil: each UUID is asked of the store
	}
	if why := r.im.uuids.Taken(r.im.st, entity, uuid, label); why != "" {
		r.add(UUIDHeader, uuid, why)
	}
}

// --- compounds ---

type compNode struct {
	rec     data.Compound
	old     *data.Compound
	row     int
	deleted bool
}

type compKey struct {
	community int64
	name      string
}

// liveCommunities maps the names of the live communities to their records.
func (im *importer) liveCommunities() (map[string]data.Community, error) {
	comms, err := im.st.Communities()
	if err != nil {
		return nil, err
	}
	out := make(map[string]data.Community, len(comms))
	for _, c := range comms {
		out[c.Name] = c
	}
	return out, nil
}

// liveCommunityIDs is the set of the ids of comms.
func liveCommunityIDs(comms map[string]data.Community) map[int64]bool {
	out := make(map[int64]bool, len(comms))
	for _, c := range comms {
		out[c.ID] = true
	}
	return out
}

const noCommunity = "没有这个社区（请先建立或导入社区）"

// compPlan is the state of a compound import: the stored records and the rows planned.
type compPlan struct {
	comms  map[string]data.Community
	byUUID map[string]*compNode
	nb     *neighbours
	typ    reflect.Type
}

func (im *importer) checkCompounds() error {
	comms, err := im.liveCommunities()
	if err != nil {
		return err
	}
	all, err := im.st.AllCompounds()
	if err != nil {
		return err
	}
	cp := &compPlan{comms: comms, byUUID: make(map[string]*compNode, len(all)+len(im.rows)), typ: reflect.TypeOf(data.Compound{}),
		nb: &neighbours{liveComm: liveCommunityIDs(comms), compNamed: make(map[compKey]*compNode, len(all)+len(im.rows))}}
	for i := range all {
		n := &compNode{rec: all[i], old: &all[i], deleted: all[i].DeletedAt != nil}
		cp.byUUID[n.rec.UUID] = n
		if !n.deleted {
			cp.nb.compNamed[compKey{n.rec.CommunityID, n.rec.Name}] = n
		}
	}
	var ops []*compNode
	for i, row := range im.rows {
		im.tick(i)
		if n := im.checkCompoundRow(row, cp); n != nil {
			ops = append(ops, n)
		}
	}
	im.write = func(b *data.Bulk) error {
		return im.writeAll(len(ops), func(i int) (bool, error) {
			n := ops[i]
			if n.old == nil {
				return true, b.InsertCompound(&n.rec)
			}
			return im.updated(b.UpdateCompound(*n.old, &n.rec))
		})
	}
	return nil
}

// communityOf resolves the row's community by name: its id, 0 when the row
// names none, data.ReportedID when it names one that is not there (listed).
func (r *rowCtx) communityOf(name *string, comms map[string]data.Community) int64 {
	if *name == "" {
		return 0
	}
	c, ok := comms[*name]
	if !ok {
		r.addField("CommunityName", "所属社区", noCommunity)
		return data.ReportedID
	}
	*name = c.Name
	return c.ID
}

// checkCompoundRow checks one row and returns the record it plans, or nil.
func (im *importer) checkCompoundRow(row sheetRow, cp *compPlan) *compNode {
	r := &rowCtx{im: im, row: row}
	if r.blank() {
		return nil
	}
	parsed := reflect.New(cp.typ)
	r.parse(parsed)
	p := parsed.Interface().(*data.Compound)
	cid := r.communityOf(&p.CommunityName, cp.comms)
	p.CommunityID = cid
	uuid := r.uuid()
	var n *compNode
	if uuid != "" {
		n = cp.byUUID[uuid]
	} else if p.Name != "" && cid > 0 {
		n = cp.nb.compNamed[compKey{cid, data.Normalize(p.Name)}]
	}
	if n != nil {
		r.sameRecord(n.deleted, n.row != 0, "Name", "小区名称", n.row, n.old == nil && uuid == "")
	}
	var rec data.Compound
	if n != nil {
		rec = *im.merge(reflect.ValueOf(n.rec), parsed.Elem()).Interface().(*data.Compound)
		rec.CommunityID = cid
	} else {
		rec = *p
		rec.UUID = uuid
		r.uuidTaken(data.EntityCompound, uuid, rec.Label())
	}
	cp.nb.selfComp = n
	r.fieldProblems(im.st.CheckCompound(&rec, cp.nb))
	if len(r.problems) > 0 {
		im.problems = append(im.problems, r.problems...)
		return nil
	}
	if n == nil {
		n = &compNode{}
		if uuid != "" {
			cp.byUUID[uuid] = n
		}
	} else {
		delete(cp.nb.compNamed, compKey{n.rec.CommunityID, n.rec.Name})
	}
	n.rec, n.row = rec, row.num
	cp.nb.compNamed[compKey{cid, rec.Name}] = n
	return n
}

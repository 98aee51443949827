package exchange

import (
	"jiayuan/data"
)

// local is one record of this installation, rendered as an exchange record.
type local struct {
	entity      string
	id          int64
	name        string
	deleted     bool // in the recycle bin (rec.Deleted too)
	rec         Record
	communityID int64
	compoundID  int64
	parentID    int64
}

type localSet struct {
	list   map[string][]*local // live records
	gone   map[string][]*local // records in the recycle bin
	byUUID map[string]map[string]*local
	byID   map[string]map[int64]*local
	alias  map[string]map[string]string // entity → old UUID → current UUID
	base   map[string]map[string]string // entity → UUID → digest last received
}

var entities = []string{data.EntityCommunity, data.EntityCompound, data.EntityOrg}

// all lists the live records of an entity, then the deleted ones.
func (s *localSet) all(entity string) []*local {
	return append(append([]*local(nil), s.list[entity]...), s.gone[entity]...)
}

// loadLocal indexes every record, live and deleted, with the exchange
// bookkeeping, as the store's ExchangeSnapshot read them.
func loadLocal(snap data.ExchangeSnapshot, err error) (*localSet, error) {
	if err != nil {
		return nil, err
	}
	s := &localSet{list: map[string][]*local{}, gone: map[string][]*local{}, byUUID: map[string]map[string]*local{},
		byID: map[string]map[int64]*local{}, alias: map[string]map[string]string{}, base: map[string]map[string]string{}}
	for _, e := range entities {
		s.byUUID[e], s.byID[e], s.alias[e], s.base[e] = map[string]*local{}, map[int64]*local{}, map[string]string{}, map[string]string{}
	}
	add := func(l *local, deletedAt *string) {
		if deletedAt != nil {
			l.deleted, l.rec.Deleted = true, true
			s.gone[l.entity] = append(s.gone[l.entity], l)
		} else {
			s.list[l.entity] = append(s.list[l.entity], l)
		}
		s.byUUID[l.entity][l.rec.UUID] = l
		s.byID[l.entity][l.id] = l
	}
	cs, xs, os := snap.Communities, snap.Compounds, snap.Orgs
	for i := range cs {
		c := &cs[i]
		add(&local{entity: data.EntityCommunity, id: c.ID, name: c.Name,
			rec: Record{UUID: c.UUID, UpdatedAt: c.UpdatedAt, Fields: fieldsOf(c)}}, c.DeletedAt)
	}
	for i := range xs {
		x := &xs[i]
		add(&local{entity: data.EntityCompound, id: x.ID, name: x.Name, communityID: x.CommunityID,
			rec: Record{UUID: x.UUID, UpdatedAt: x.UpdatedAt, Fields: fieldsOf(x)}}, x.DeletedAt)
	}
	for i := range os {
		o := &os[i]
		l := &local{entity: data.EntityOrg, id: o.ID, name: o.Name, communityID: o.CommunityID,
			rec: Record{UUID: o.UUID, UpdatedAt: o.UpdatedAt, Fields: fieldsOf(o)}}
		if o.CompoundID != nil {
			l.compoundID = *o.CompoundID
		}
		if o.ParentID != nil {
			l.parentID = *o.ParentID
		}
		add(l, o.DeletedAt)
	}
	// parents as UUIDs
	for _, l := range s.all(data.EntityCompound) {
		l.rec.Community = s.uuidOf(data.EntityCommunity, l.communityID)
	}
	for _, l := range s.all(data.EntityOrg) {
		l.rec.Community = s.uuidOf(data.EntityCommunity, l.communityID)
		l.rec.Compound = s.uuidOf(data.EntityCompound, l.compoundID)
		l.rec.Parent = s.uuidOf(data.EntityOrg, l.parentID)
	}
	// Old UUIDs of records linked by name (migration 3), and the versions last received.
	for _, r := range snap.Aliases {
		if m, ok := s.alias[r.Entity]; ok {
			m[r.Key] = r.Value
		}
	}
	for _, r := range snap.Bases {
		if m, ok := s.base[r.Entity]; ok {
			m[r.Key] = r.Value
		}
	}
	return s, nil
}

func (s *localSet) uuidOf(entity string, id int64) string {
	if id == 0 {
		return ""
	}
	if l, ok := s.byID[entity][id]; ok {
		return l.rec.UUID
	}
	return ""
}

// find resolves a UUID to a local record (live or deleted), directly or
// through an alias.
func (s *localSet) find(entity, uuid string) *local {
	if uuid == "" {
		return nil
	}
	if l, ok := s.byUUID[entity][uuid]; ok {
		return l
	}
	if cur, ok := s.alias[entity][uuid]; ok {
		return s.byUUID[entity][cur]
	}
	return nil
}

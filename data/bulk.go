package data

import (
	"encoding/json"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// This file supports bulk jobs (the Excel import in data/sheet): the field
// rules of the Save functions without their per-record queries, listings that
// include the recycle bin, and a writer that saves many records in one
// transaction through prepared statements, with the same audit rows as the
// Save functions. The caller checks what needs the database (unique names,
// parents that exist) itself, against the records it has read.

// CheckCommunityFields applies the rules of SaveCommunity that need no database,
// normalizing c as SaveCommunity does. It returns nil or a *ValidationError.
func (s *Store) CheckCommunityFields(c *Community) error {
	err := c.check(DateOf(s.now())).err()
	if err == nil {
		c.Area, _ = ParseArea(c.Area)
	}
	return err
}

// CheckCompoundFields applies the rules of SaveCompound that need no database.
func (s *Store) CheckCompoundFields(c *Compound) error {
	return c.check(DateOf(s.now())).err()
}

// CheckOrgFields applies the rules of SaveOrg that need no database. Only
// whether ParentID and CompoundID are nil matters here, not their values.
func (s *Store) CheckOrgFields(o *Org) error {
	return o.check(DateOf(s.now())).err()
}

// IsCrossCommunityOrg reports whether an organisation of this type may have a
// parent in another community (两新党组织).
func IsCrossCommunityOrg(kind string) bool { return isNewOrg(kind) }

// AllCommunities lists every community, live and in the recycle bin.
func (s *Store) AllCommunities() ([]Community, error) {
	var out []Community
	if err := s.db.Select(&out, `SELECT * FROM communities ORDER BY id`); err != nil {
		return nil, fmt.Errorf("无法读取社区列表：%w", err)
	}
	return out, nil
}

// AllCompounds lists every compound, live and in the recycle bin.
func (s *Store) AllCompounds() ([]Compound, error) {
	var out []Compound
	if err := s.db.Select(&out, compoundSelect+` ORDER BY x.id`); err != nil {
		return nil, fmt.Errorf("无法读取小区列表：%w", err)
	}
	return out, nil
}

// AllOrgs lists every Party organisation, live and in the recycle bin.
func (s *Store) AllOrgs() ([]Org, error) {
	var out []Org
	if err := s.db.Select(&out, orgSelect+` ORDER BY o.id`); err != nil {
		return nil, fmt.Errorf("无法读取党组织列表：%w", err)
	}
	return out, nil
}

// Bulk saves many already-validated records in one transaction with
// prepared statements. Every insert and update writes the same audit row as
// the Save functions. Close it before the transaction ends.
type Bulk struct {
	tx    *Tx
	named map[string]*sqlx.NamedStmt
	audit *sqlx.Stmt
}

// Bulk starts a bulk writer in the transaction.
func (tx *Tx) Bulk() *Bulk { return &Bulk{tx: tx, named: map[string]*sqlx.NamedStmt{}} }

// Close releases the prepared statements.
func (b *Bulk) Close() {
	for _, st := range b.named {
		st.Close()
	}
	if b.audit != nil {
		b.audit.Close()
	}
}

func (b *Bulk) exec(query string, arg any) (int64, error) {
	st, ok := b.named[query]
	if !ok {
		var err error
		if st, err = b.tx.q.PrepareNamed(query); err != nil {
			return 0, err
		}
		b.named[query] = st
	}
	res, err := st.Exec(arg)
	if err != nil {
		return 0, err
	}
	id, _ := res.LastInsertId()
	return id, nil
}

func (b *Bulk) writeAudit(entity string, id int64, uuid, record, action string, changes []Change) error {
	if b.audit == nil {
		st, err := b.tx.q.Preparex(`INSERT INTO audit (at, operator, entity, entity_id, entity_uuid, record, action, changes, reason)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')`)
		if err != nil {
			return fmt.Errorf("无法写入操作记录：%w", err)
		}
		b.audit = st
	}
	if changes == nil {
		changes = []Change{}
	}
	js, err := jsonChanges(changes)
	if err != nil {
		return err
	}
	if _, err := b.audit.Exec(b.tx.at, b.tx.s.Operator, entity, id, uuid, record, action, js); err != nil {
		return fmt.Errorf("无法写入操作记录：%w", err)
	}
	return nil
}

// InsertCommunity inserts a validated community (c.ID 0), giving it a UUID if it has none.
func (b *Bulk) InsertCommunity(c *Community) error {
	if c.UUID == "" {
		c.UUID = NewUUID()
	} else if err := checkUUIDFree(b.tx.q, EntityCommunity, 0, c.Label(), c.UUID); err != nil {
		return err
	}
	c.CreatedAt, c.UpdatedAt = b.tx.at, b.tx.at
	id, err := b.exec(insertCommunitySQL, c)
	if err != nil {
		return fmt.Errorf("无法保存%s：%w", c.Label(), err)
	}
	c.ID = id
	return b.writeAudit(EntityCommunity, c.ID, c.UUID, c.Name, ActionCreate, Diff(Community{}, c))
}

// UpdateCommunity writes the validated c over old (same ID) when a field
// changed, and reports whether it did.
func (b *Bulk) UpdateCommunity(old Community, c *Community) (bool, error) {
	changes := Diff(old, c)
	if len(changes) == 0 {
		return false, nil
	}
	c.UpdatedAt = b.tx.at
	if _, err := b.exec(updateCommunitySQL, c); err != nil {
		return false, fmt.Errorf("无法保存%s：%w", c.Label(), err)
	}
	return true, b.writeAudit(EntityCommunity, c.ID, c.UUID, c.Name, ActionUpdate, changes)
}

// InsertCompound inserts a validated compound (c.ID 0; c.CommunityName set by the caller).
func (b *Bulk) InsertCompound(c *Compound) error {
	if c.UUID == "" {
		c.UUID = NewUUID()
	} else if err := checkUUIDFree(b.tx.q, EntityCompound, 0, c.Label(), c.UUID); err != nil {
		return err
	}
	c.CreatedAt, c.UpdatedAt = b.tx.at, b.tx.at
	id, err := b.exec(insertCompoundSQL, c)
	if err != nil {
		return fmt.Errorf("无法保存%s：%w", c.Label(), err)
	}
	c.ID = id
	return b.writeAudit(EntityCompound, c.ID, c.UUID, c.Name, ActionCreate, Diff(Compound{}, c))
}

// UpdateCompound writes the validated c over old when a field changed.
func (b *Bulk) UpdateCompound(old Compound, c *Compound) (bool, error) {
	changes := Diff(old, c)
	if len(changes) == 0 {
		return false, nil
	}
	c.UpdatedAt = b.tx.at
	if _, err := b.exec(updateCompoundSQL, c); err != nil {
		return false, fmt.Errorf("无法保存%s：%w", c.Label(), err)
	}
	return true, b.writeAudit(EntityCompound, c.ID, c.UUID, c.Name, ActionUpdate, changes)
}

// InsertOrg inserts a validated organisation (o.ID 0; the names set by the caller).
func (b *Bulk) InsertOrg(o *Org) error {
	if o.UUID == "" {
		o.UUID = NewUUID()
	} else if err := checkUUIDFree(b.tx.q, EntityOrg, 0, o.Label(), o.UUID); err != nil {
		return err
	}
	o.CreatedAt, o.UpdatedAt = b.tx.at, b.tx.at
	id, err := b.exec(insertOrgSQL, o)
	if err != nil {
		return fmt.Errorf("无法保存%s：%w", o.Label(), err)
	}
	o.ID = id
	return b.writeAudit(EntityOrg, o.ID, o.UUID, o.Name, ActionCreate, Diff(Org{}, o))
}

// UpdateOrg writes the validated o over old when a field changed.
func (b *Bulk) UpdateOrg(old Org, o *Org) (bool, error) {
	changes := Diff(old, o)
	if len(changes) == 0 {
		return false, nil
	}
	o.UpdatedAt = b.tx.at
	if _, err := b.exec(updateOrgSQL, o); err != nil {
		return false, fmt.Errorf("无法保存%s：%w", o.Label(), err)
	}
	return true, b.writeAudit(EntityOrg, o.ID, o.UUID, o.Name, ActionUpdate, changes)
}

func jsonChanges(changes []Change) (string, error) {
	js, err := json.Marshal(changes)
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	return string(js), nil
}

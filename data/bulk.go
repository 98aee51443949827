package data

import (
	"encoding/json"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// This file supports bulk jobs (the Excel import in data/sheet): listings
// that include the recycle bin, and a writer that saves many records in one
// transaction through prepared statements, through the same save path (put)
// as the Save functions. The caller checks each record first with
// Store.CheckCommunity (CheckCompound, CheckOrg) against its own Neighbours.

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
	tx        *Tx
	named     map[string]namedStmt
	auditStmt *sqlx.Stmt
	uuids     UUIDSet // every UUID held, read once; nil until the first check
}

// Bulk starts a bulk writer in the transaction.
func (tx *Tx) Bulk() *Bulk { return &Bulk{tx: tx, named: map[string]namedStmt{}} }

// Close releases the prepared statements.
func (b *Bulk) Close() {
	for _, st := range b.named {
		st.Close()
	}
	if b.auditStmt != nil {
		b.auditStmt.Close()
	}
}

func (b *Bulk) namedExec(query string, arg any) (int64, error) {
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

func (b *Bulk) uuidFree(entity, record, uuid string) error {
	if b.uuids == nil {
		set, err := allUUIDs(b.tx.q)
		if err != nil {
			return err
		}
		b.uuids = set
	}
	if b.uuids[uuid] {
		return checkUUIDFree(b.tx.q, entity, 0, record, uuid)
	}
	b.uuids[uuid] = true // the record about to be inserted holds it from now on
	return nil
}

func (b *Bulk) stamp() string { return b.tx.at }

func (b *Bulk) lastChange(entity string, id int64) (string, string) {
	return b.tx.lastChange(entity, id)
}

func (b *Bulk) audit(entity string, id int64, uuid, record, action string, changes []Change) error {
	if b.auditStmt == nil {
		st, err := b.tx.q.Preparex(`INSERT INTO audit (at, operator, entity, entity_id, entity_uuid, record, action, changes, reason)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')`)
		if err != nil {
			return fmt.Errorf("无法写入操作记录：%w", err)
		}
		b.auditStmt = st
	}
	if changes == nil {
		changes = []Change{}
	}
	js, err := jsonChanges(changes)
	if err != nil {
		return err
	}
	if _, err := b.auditStmt.Exec(b.tx.at, b.tx.s.Operator, entity, id, uuid, record, action, js); err != nil {
		return fmt.Errorf("无法写入操作记录：%w", err)
	}
	return nil
}

// InsertCommunity inserts a validated community (c.ID 0), giving it a UUID if it has none.
func (b *Bulk) InsertCommunity(c *Community) error {
	_, err := put[Community](b, nil, c)
	return err
}

// UpdateCommunity writes the validated c over old (same ID) when a field
// changed, and reports whether it did.
func (b *Bulk) UpdateCommunity(old Community, c *Community) (bool, error) { return put(b, &old, c) }

// InsertCompound inserts a validated compound (c.ID 0; c.CommunityName set by the caller).
func (b *Bulk) InsertCompound(c *Compound) error {
	_, err := put[Compound](b, nil, c)
	return err
}

// UpdateCompound writes the validated c over old when a field changed.
func (b *Bulk) UpdateCompound(old Compound, c *Compound) (bool, error) { return put(b, &old, c) }

// InsertOrg inserts a validated organisation (o.ID 0; the names set by the caller).
func (b *Bulk) InsertOrg(o *Org) error {
	_, err := put[Org](b, nil, o)
	return err
}

// UpdateOrg writes the validated o over old when a field changed.
func (b *Bulk) UpdateOrg(old Org, o *Org) (bool, error) { return put(b, &old, o) }

func jsonChanges(changes []Change) (string, error) {
	js, err := json.Marshal(changes)
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	return string(js), nil
}

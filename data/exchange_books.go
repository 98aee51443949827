package data

import (
	"database/sql"
	"errors"
	"fmt"
)

// The exchange bookkeeping (tables exchange_base, exchange_alias,
// exchange_seen, exchange_copy) and the reads the exchange file format needs,
// as named methods: data/exchange works on records and keeps no SQL of its own.

// ExchangeSnapshot is every community, compound and organisation, live ones
// first, with the exchange bookkeeping: what an exchange file is made from
// and matched against.
type ExchangeSnapshot struct {
	Communities []Community // live first, then by name
	Compounds   []Compound  // live first, then by community id and name
	Orgs        []Org       // live first, then by community id and name
	Aliases     []ExchangeKey
	Bases       []ExchangeKey
}

// ExchangeKey is one row of the bookkeeping: for an alias, Key is the old UUID
// and Value the current one; for a base, Key is the UUID and Value the digest
// last received.
type ExchangeKey struct {
	Entity string `db:"entity"`
	Key    string `db:"a"`
	Value  string `db:"b"`
}

// ExchangeSnapshot reads every record with the bookkeeping.
func (s *Store) ExchangeSnapshot() (ExchangeSnapshot, error) { return exchangeSnapshot(s.db) }

// ExchangeSnapshot reads every record with the bookkeeping inside the transaction.
func (tx *Tx) ExchangeSnapshot() (ExchangeSnapshot, error) { return exchangeSnapshot(tx.q) }

func exchangeSnapshot(q queryer) (ExchangeSnapshot, error) {
	var s ExchangeSnapshot
	if err := q.Select(&s.Communities, `SELECT * FROM communities ORDER BY deleted_at IS NOT NULL, name, id`); err != nil {
		return s, fmt.Errorf("无法读取社区：%w", err)
	}
	if err := q.Select(&s.Compounds, `SELECT * FROM compounds ORDER BY deleted_at IS NOT NULL, community_id, name, id`); err != nil {
		return s, fmt.Errorf("无法读取小区：%w", err)
	}
	if err := q.Select(&s.Orgs, `SELECT * FROM orgs ORDER BY deleted_at IS NOT NULL, community_id, name, id`); err != nil {
		return s, fmt.Errorf("无法读取党组织：%w", err)
	}
	if err := q.Select(&s.Aliases, `SELECT entity, old_uuid AS a, uuid AS b FROM exchange_alias`); err != nil {
		return s, fmt.Errorf("无法读取交换记录：%w", err)
	}
	if err := q.Select(&s.Bases, `SELECT entity, uuid AS a, digest AS b FROM exchange_base`); err != nil {
		return s, fmt.Errorf("无法读取交换记录：%w", err)
	}
	return s, nil
}

// RecordAge is what the audit trail says of one record's age: how many
// audit rows it has, the time of the last one, and the record's updated_at.
type RecordAge struct {
	ID        int64  `db:"id"`
	Audits    int64  `db:"n"`
	LastAudit string `db:"at"`
	UpdatedAt string `db:"updated_at"`
}

// exchangeTables names the tables of the entities that carry an age.
var exchangeTables = map[string]string{
	EntityCommunity: "communities", EntityCompound: "compounds", EntityOrg: "orgs", EntityNomination: "nominations",
}

// RecordAges reads the age of every record of entity (community, compound,
// org or nomination), live and deleted.
func (s *Store) RecordAges(entity string) ([]RecordAge, error) {
	table, ok := exchangeTables[entity]
	if !ok {
		return nil, fmt.Errorf("data: no ages for %q", entity)
	}
	var rows []RecordAge
	err := s.db.Select(&rows, `SELECT t.id, COUNT(a.id) AS n, COALESCE(MAX(a.at), '') AS at, t.updated_at
		FROM `+table+` t LEFT JOIN audit a ON a.entity = ? AND a.entity_id = t.id GROUP BY t.id`, entity)
	if err != nil {
		return nil, fmt.Errorf("无法读取修改记录：%w", err)
	}
	return rows, nil
}

// CopyID is this installation's identity for exchange files ("" when unreadable).
func (s *Store) CopyID() string {
	var id string
	_ = s.db.Get(&id, `SELECT id FROM exchange_copy LIMIT 1`)
	return id
}

// SeenAge is the newest version of a record taken in from one sending copy.
type SeenAge struct {
	Entity    string `db:"entity"`
	UUID      string `db:"uuid"`
	Rev       int64  `db:"rev"`
	ChangedAt string `db:"changed_at"`
}

// SeenAges lists the versions taken in from the sending copy src.
func (tx *Tx) SeenAges(src string) ([]SeenAge, error) {
	var rows []SeenAge
	if err := tx.q.Select(&rows, `SELECT entity, uuid, rev, changed_at FROM exchange_seen WHERE source = ?`, src); err != nil {
		return nil, fmt.Errorf("无法读取导入记录：%w", err)
	}
	return rows, nil
}

// RememberSeen records the version of a record taken in from src.
func (tx *Tx) RememberSeen(src string, a SeenAge) error {
	_, err := tx.q.Exec(`INSERT INTO exchange_seen (entity, uuid, source, rev, changed_at, at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(entity, uuid, source) DO UPDATE SET rev = excluded.rev, changed_at = excluded.changed_at, at = excluded.at`,
		a.Entity, a.UUID, src, a.Rev, a.ChangedAt, tx.at)
	if err != nil {
		return fmt.Errorf("无法记录导入状态：%w", err)
	}
	return nil
}

// ExchangeBase is the value the bookkeeping holds for (entity, uuid): the
// digest last received of a record, or what another kind of entry keeps;
// "" and no error when there is none.
func (tx *Tx) ExchangeBase(entity, uuid string) (string, error) {
	var d string
	err := tx.q.Get(&d, `SELECT digest FROM exchange_base WHERE entity = ? AND uuid = ?`, entity, uuid)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("无法读取导入记录：%w", err)
	}
	return d, nil
}

// SetExchangeBase sets the value of (entity, uuid) in the bookkeeping.
func (tx *Tx) SetExchangeBase(entity, uuid, value string) error {
	_, err := tx.q.Exec(`INSERT INTO exchange_base (entity, uuid, digest, at) VALUES (?, ?, ?, ?)
		ON CONFLICT(entity, uuid) DO UPDATE SET digest = excluded.digest, at = excluded.at`,
		entity, uuid, value, tx.at)
	if err != nil {
		return fmt.Errorf("无法记录导入状态：%w", err)
	}
	return nil
}

// LiveIDByUUID is the id of the live record of entity (community, compound
// or org) with that UUID, or whose old UUID it is; ErrNotFound when none.
func (tx *Tx) LiveIDByUUID(entity, uuid string) (int64, error) {
	table, ok := exchangeTables[entity]
	if !ok {
		return 0, fmt.Errorf("data: no records of %q", entity)
	}
	var id int64
	err := tx.q.Get(&id, `SELECT t.id FROM `+table+` t WHERE t.deleted_at IS NULL AND (t.uuid = ?
		OR t.uuid = (SELECT a.uuid FROM exchange_alias a WHERE a.entity = ? AND a.old_uuid = ?))`, uuid, entity, uuid)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%s %s %w", EntityLabel(entity), uuid, ErrNotFound)
	}
	return id, err
}

// AdoptUUID gives the record id of entity the UUID newUUID in place of
// oldUUID, keeping the old one as an alias (earlier aliases follow it, and
// the copy's own community keeps being its own), with an audit row.
// record names it in messages, name in the audit trail.
func (tx *Tx) AdoptUUID(entity string, id int64, record, name, oldUUID, newUUID string) error {
	if err := tx.CheckUUIDFree(entity, id, record, newUUID); err != nil {
		return err
	}
	stmts := []struct {
		q    string
		args []any
	}{
		{`UPDATE ` + exchangeTables[entity] + ` SET uuid = ? WHERE id = ?`, []any{newUUID, id}},
		{`INSERT INTO exchange_alias (entity, old_uuid, uuid, at) VALUES (?, ?, ?, ?)
		ON CONFLICT(entity, old_uuid) DO UPDATE SET uuid = excluded.uuid, at = excluded.at`, []any{entity, oldUUID, newUUID, tx.at}},
		{`UPDATE exchange_alias SET uuid = ? WHERE entity = ? AND uuid = ?`, []any{newUUID, entity, oldUUID}},
	}
	if entity == EntityCommunity {
		stmts = append(stmts, struct {
			q    string
			args []any
		}{`UPDATE settings SET value = ? WHERE key = 'community_uuid' AND value = ?`, []any{newUUID, oldUUID}})
	}
	for _, s := range stmts {
		if _, err := tx.q.Exec(s.q, s.args...); err != nil {
			return fmt.Errorf("无法合并%s：%w", record, err)
		}
	}
	return tx.Audit(entity, id, newUUID, name, ActionUpdate, "与交换文件中的同名记录合并为同一条",
		[]Change{{Field: "UUID", Label: "统一编号", Old: oldUUID, New: newUUID}})
}

// Setting is the value of a setting inside the transaction ("" when unset).
func (tx *Tx) Setting(key string) string {
	var v string
	_ = tx.q.Get(&v, `SELECT value FROM settings WHERE key = ?`, key)
	return v
}

// CommunityNameByUUID is the name of the community with that UUID, live or deleted.
func (tx *Tx) CommunityNameByUUID(uuid string) (string, bool) {
	var name string
	if err := tx.q.Get(&name, `SELECT name FROM communities WHERE uuid = ?`, uuid); err != nil {
		return "", false
	}
	return name, true
}

// UUIDOf is the UUID of the record id of entity (community, compound, org,
// round or nomination), "" when there is none.
func (tx *Tx) UUIDOf(entity string, id int64) string {
	table, ok := exchangeTables[entity]
	if entity == EntityRound {
		table, ok = "rounds", true
	}
	var u string
	if ok {
		_ = tx.q.Get(&u, `SELECT uuid FROM `+table+` WHERE id = ?`, id)
	}
	return u
}

// CompoundCommunity is the id of the community of compound id (0 when none).
func (tx *Tx) CompoundCommunity(id int64) int64 {
	var c int64
	_ = tx.q.Get(&c, `SELECT community_id FROM compounds WHERE id = ?`, id)
	return c
}

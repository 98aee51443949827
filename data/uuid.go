package data

import (
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// NewUUID makes a random (version 4) UUID, the stable identity of a record
// across installations.
func NewUUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// uuidTables lists every table whose rows carry a UUID, with the column
// that names a row. A UUID identifies one record among all of them: the
// exchange files name records of every kind by UUID alone.
var uuidTables = []struct{ entity, table, name string }{
	{EntityCommunity, "communities", "name"},
	{EntityCompound, "compounds", "name"},
	{EntityOrg, "orgs", "name"},
	{EntityRound, "rounds", "title"},
	{EntityNomination, "nominations", "nominee_name"},
	{EntityReviewer, "reviewers", "name"},
	{EntityObjection, "objections", "from_name"},
}

// uuidOwner names the record, of any kind, that already has uuid, other
// than the record (entity, id) itself (id 0: a record not saved yet): 社区“滨江社区”.
// An old UUID kept as an alias when two copies' records were linked still
// names its record for the other kinds. "" when the UUID is free.
func uuidOwner(q queryer, entity string, id int64, uuid string) (string, error) {
	if uuid == "" {
		return "", nil
	}
	type holder struct {
		Entity string `db:"entity"`
		ID     int64  `db:"id"`
		Name   string `db:"name"`
	}
	for _, t := range uuidTables {
		var h holder
		err := q.Get(&h, `SELECT ? AS entity, id, `+t.name+` AS name FROM `+t.table+` WHERE uuid = ?`, t.entity, uuid)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && t.entity == entity && h.ID == id) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("无法检查统一编号：%w", err)
		}
		return holderLabel(t.entity, h.ID, h.Name), nil
	}
	var aliases []holder
	if err := q.Select(&aliases, `SELECT entity, 0 AS id, uuid AS name FROM exchange_alias WHERE old_uuid = ? AND entity != ?`,
		uuid, entity); err != nil {
		return "", fmt.Errorf("无法检查统一编号：%w", err)
	}
	for _, a := range aliases {
		for _, t := range uuidTables {
			if t.entity != a.Entity {
				continue
			}
			var h holder
			if err := q.Get(&h, `SELECT ? AS entity, id, `+t.name+` AS name FROM `+t.table+` WHERE uuid = ?`, t.entity, a.Name); err == nil {
				return holderLabel(t.entity, h.ID, h.Name) + "（此前的编号）", nil
			}
		}
	}
	return "", nil
}

func holderLabel(entity string, id int64, name string) string {
	if name == "" {
		return fmt.Sprintf("%s #%d", EntityLabel(entity), id)
	}
	return fmt.Sprintf("%s“%s”", EntityLabel(entity), name)
}

// checkUUIDFree refuses to give record (entity, id; its label for the
// message) a UUID that another record of any kind already has. Every save
// that takes a UUID from elsewhere (an exchange file, an Excel sheet) goes
// through it; a UUID made here by NewUUID needs no check.
func checkUUIDFree(q queryer, entity string, id int64, record, uuid string) error {
	owner, err := uuidOwner(q, entity, id, uuid)
	if err != nil || owner == "" {
		return err
	}
	return &ValidationError{Record: record, Fields: []FieldError{{Field: "UUID", Label: "统一编号",
		Msg: fmt.Sprintf("%s %s", uuid, takenText(owner))}}}
}

func takenText(owner string) string {
	return "已是" + owner + "的编号，同一编号不能用于两条记录"
}

// CheckUUIDFree is checkUUIDFree inside a transaction (the exchange import
// links a record to the sender's UUID through it).
func (tx *Tx) CheckUUIDFree(entity string, id int64, record, uuid string) error {
	return checkUUIDFree(tx.q, entity, id, record, uuid)
}

// UUIDTaken says why a new record of entity (record: its label) cannot
// have uuid: another record of any kind has it (不能用于小区“…”：已是社区“…”的编号…);
// "" when it may. The Excel import lists it against the row; its bulk
// insert checks again (checkUUIDFree), so a database error here only
// defers the refusal.
func (s *Store) UUIDTaken(entity, uuid, record string) string {
	owner, err := uuidOwner(s.db, entity, 0, uuid)
	if err != nil || owner == "" {
		return ""
	}
	return "不能用于" + record + "：" + takenText(owner)
}

// UUIDSet is every UUID the store's records hold, of every kind, with the
// old UUIDs kept as aliases: one read, so a bulk import can tell at once that
// a UUID is free and ask uuidOwner (for the message) only about one that is
// taken.
type UUIDSet map[string]bool

// allUUIDs reads the UUIDSet.
func allUUIDs(q queryer) (UUIDSet, error) {
	parts := make([]string, 0, len(uuidTables)+1)
	for _, t := range uuidTables {
		parts = append(parts, `SELECT uuid FROM `+t.table)
	}
	parts = append(parts, `SELECT old_uuid FROM exchange_alias`)
	var all []string
	if err := q.Select(&all, strings.Join(parts, " UNION ALL ")); err != nil {
		return nil, fmt.Errorf("无法检查统一编号：%w", err)
	}
	set := make(UUIDSet, len(all))
	for _, u := range all {
		set[u] = true
	}
	return set, nil
}

// UUIDs is the store's UUIDSet.
func (s *Store) UUIDs() (UUIDSet, error) { return allUUIDs(s.db) }

// Taken says why a new record of entity (record: its label) cannot have
// uuid, as Store.UUIDTaken does, asking the store only when the set holds it.
func (set UUIDSet) Taken(s *Store, entity, uuid, record string) string {
	if uuid == "" || (set != nil && !set[uuid]) {
		return ""
	}
	return s.UUIDTaken(entity, uuid, record)
}

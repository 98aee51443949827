package data

import (
	"fmt"
	"time"
)

// The one save path of the records (community, compound, organisation):
// insert or update, the version stamps and the audit row, whether the
// window saves one record (Tx.Save*, also used by the exchange import) or
// the Excel import writes thousands through a Bulk's prepared statements.

// recordWriter is where put writes: a transaction or a Bulk.
type recordWriter interface {
	// namedExec runs an insert or update with the record's named fields and returns the new row's id.
	namedExec(query string, arg any) (int64, error)
	audit(entity string, id int64, uuid, record, action string, changes []Change) error
	// uuidFree refuses a UUID given to a new record that another record has.
	uuidFree(entity, record, uuid string) error
	stamp() string
	// lastChange is who last changed the record and when (from the audit trail).
	lastChange(entity string, id int64) (who, at string)
}

// recordSpec is what put needs to know of a record.
type recordSpec struct {
	entity, insertSQL, updateSQL string
	id, version                  *int64
	uuid, created, updated       *string
	name, label                  string
}

// savable is a record type put writes.
type savable interface{ spec() recordSpec }

func (c *Community) spec() recordSpec {
	return recordSpec{EntityCommunity, insertCommunitySQL, updateCommunitySQL, &c.ID, &c.Version, &c.UUID, &c.CreatedAt, &c.UpdatedAt, c.Name, c.Label()}
}

func (c *Compound) spec() recordSpec {
	return recordSpec{EntityCompound, insertCompoundSQL, updateCompoundSQL, &c.ID, &c.Version, &c.UUID, &c.CreatedAt, &c.UpdatedAt, c.Name, c.Label()}
}

func (o *Org) spec() recordSpec {
	return recordSpec{EntityOrg, insertOrgSQL, updateOrgSQL, &o.ID, &o.Version, &o.UUID, &o.CreatedAt, &o.UpdatedAt, o.Name, o.Label()}
}

// put writes the validated rec: a new record when old is nil (given a UUID
// if it has none), else over old when a field changed. It writes the audit
// row and reports whether it wrote anything.
func put[T any, P interface {
	*T
	savable
}](w recordWriter, old *T, rec P) (bool, error) {
	sp := rec.spec()
	if old == nil {
		if *sp.uuid == "" {
			*sp.uuid = NewUUID()
		} else if err := w.uuidFree(sp.entity, sp.label, *sp.uuid); err != nil {
			return false, err
		}
		*sp.created, *sp.updated = w.stamp(), w.stamp()
		id, err := w.namedExec(sp.insertSQL, rec)
		if err != nil {
			return false, fmt.Errorf("无法保存%s：%w", sp.label, err)
		}
		*sp.id, *sp.version = id, 1
		var zero T
		return true, w.audit(sp.entity, id, *sp.uuid, sp.name, ActionCreate, Diff(zero, rec))
	}
	stored := *P(old).spec().version
	if v := *sp.version; v != 0 && v != stored {
		who, at := w.lastChange(sp.entity, *sp.id)
		return false, &ConflictError{Record: sp.label, Who: who, At: at, Theirs: old, Mine: rec, Changes: Diff(*old, rec)}
	}
	changes := Diff(*old, rec)
	if len(changes) == 0 {
		*sp.version = stored
		return false, nil
	}
	*sp.updated = w.stamp()
	if _, err := w.namedExec(sp.updateSQL, rec); err != nil {
		return false, fmt.Errorf("无法保存%s：%w", sp.label, err)
	}
	*sp.version = stored + 1
	return true, w.audit(sp.entity, *sp.id, *sp.uuid, sp.name, ActionUpdate, changes)
}

// txWriter writes one record at a time in a transaction.
type txWriter struct{ tx *Tx }

func (w txWriter) namedExec(query string, arg any) (int64, error) {
	res, err := w.tx.q.NamedExec(query, arg)
	if err != nil {
		return 0, err
	}
	id, _ := res.LastInsertId()
	return id, nil
}

func (w txWriter) audit(entity string, id int64, uuid, record, action string, changes []Change) error {
	return w.tx.Audit(entity, id, uuid, record, action, "", changes)
}

func (w txWriter) uuidFree(entity, record, uuid string) error {
	return checkUUIDFree(w.tx.q, entity, 0, record, uuid)
}

func (w txWriter) stamp() string { return w.tx.at }

// existing reads the stored version of a record being updated (nil for a new one).
func existing[T any](id int64, get func(queryer, int64) (T, error), q queryer) (*T, error) {
	if id == 0 {
		return nil, nil
	}
	old, err := get(q, id)
	if err != nil {
		return nil, err
	}
	return &old, nil
}

func (w txWriter) lastChange(entity string, id int64) (string, string) {
	return w.tx.lastChange(entity, id)
}

// lastChange is who last changed a record and when, from the audit trail.
func (tx *Tx) lastChange(entity string, id int64) (who, at string) {
	var row struct {
		Operator string `db:"operator"`
		At       string `db:"at"`
	}
	if err := tx.q.Get(&row, `SELECT operator, at FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1`, entity, id); err != nil {
		return "", ""
	}
	return row.Operator, row.At
}

// ConflictError refuses a save made from a version of the record older than
// the stored one: another clerk saved it after this one opened it. Theirs is
// the record as stored now, Mine what this clerk wanted to save, Changes the
// fields where they differ (Old: theirs, New: mine). Nothing was written.
type ConflictError struct {
	Record  string
	Who, At string
	Theirs  any
	Mine    any
	Changes []Change
}

func (e *ConflictError) Error() string {
	who := e.Who
	if who == "" {
		who = "另一位操作人"
	}
	when := e.At
	if t, err := time.Parse(time.RFC3339, e.At); err == nil {
		when = t.Format("1月2日 15:04")
	}
	return fmt.Sprintf("%s 已由 %s 于 %s 修改（在您打开之后）。您的修改没有保存；请比较双方的内容，选择保留哪一方，或逐项合并后再保存。", e.Record, who, when)
}

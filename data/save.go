package data

import "fmt"

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
}

// recordSpec is what put needs to know of a record.
type recordSpec struct {
	entity, insertSQL, updateSQL string
	id                           *int64
	uuid, created, updated       *string
	name, label                  string
}

// savable is a record type put writes.
type savable interface{ spec() recordSpec }

func (c *Community) spec() recordSpec {
	return recordSpec{EntityCommunity, insertCommunitySQL, updateCommunitySQL, &c.ID, &c.UUID, &c.CreatedAt, &c.UpdatedAt, c.Name, c.Label()}
}

func (c *Compound) spec() recordSpec {
	return recordSpec{EntityCompound, insertCompoundSQL, updateCompoundSQL, &c.ID, &c.UUID, &c.CreatedAt, &c.UpdatedAt, c.Name, c.Label()}
}

func (o *Org) spec() recordSpec {
	return recordSpec{EntityOrg, insertOrgSQL, updateOrgSQL, &o.ID, &o.UUID, &o.CreatedAt, &o.UpdatedAt, o.Name, o.Label()}
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
		*sp.id = id
		var zero T
		return true, w.audit(sp.entity, id, *sp.uuid, sp.name, ActionCreate, Diff(zero, rec))
	}
	changes := Diff(*old, rec)
	if len(changes) == 0 {
		return false, nil
	}
	*sp.updated = w.stamp()
	if _, err := w.namedExec(sp.updateSQL, rec); err != nil {
		return false, fmt.Errorf("无法保存%s：%w", sp.label, err)
	}
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

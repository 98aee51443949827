package data

import (
	"fmt"
	"strings"
)

// DependentsError refuses a deletion that would leave other records pointing
// at nothing; it lists them.
type DependentsError struct {
	Record     string
	Dependents []string
}

func (e *DependentsError) Error() string {
	list := e.Dependents
	more := ""
	if len(list) > 10 {
		more = fmt.Sprintf(" 等 %d 条", len(e.Dependents))
		list = list[:10]
	}
	return fmt.Sprintf("%s还有下属记录，不能删除：%s%s。请先删除或移走它们。", e.Record, strings.Join(list, "、"), more)
}

// Deleted is one record in the recycle bin.
type Deleted struct {
	Entity    string `db:"entity"`
	ID        int64  `db:"id"`
	Name      string `db:"name"`
	Parent    string `db:"parent"`
	DeletedAt string `db:"deleted_at"`
}

type kindInfo struct {
	table, label string
	deps         []depQuery // live records that point at this one
	parents      []depQuery // live records this one needs to be restored
	name         func(q queryer, id int64) (string, string, error)
}

type depQuery struct {
	label, query string
}

var kinds = map[string]kindInfo{
	EntityCommunity: {
		table: "communities", label: "社区",
		deps: []depQuery{
			{"小区", `SELECT name FROM compounds WHERE community_id = ? AND deleted_at IS NULL ORDER BY name`},
			{"党组织", `SELECT name FROM orgs WHERE community_id = ? AND deleted_at IS NULL ORDER BY name`},
		},
		name: func(q queryer, id int64) (string, string, error) {
			c, err := getCommunity(q, id)
			return c.Name, c.UUID, err
		},
	},
	EntityCompound: {
		table: "compounds", label: "小区",
		deps: []depQuery{
			{"党组织", `SELECT name FROM orgs WHERE compound_id = ? AND deleted_at IS NULL ORDER BY name`},
		},
		parents: []depQuery{
			{"社区", `SELECT c.name FROM compounds x JOIN communities c ON c.id = x.community_id WHERE x.id = ? AND c.deleted_at IS NOT NULL`},
		},
		name: func(q queryer, id int64) (string, string, error) {
			c, err := getCompound(q, id)
			return c.Name, c.UUID, err
		},
	},
	EntityOrg: {
		table: "orgs", label: "党组织",
		deps: []depQuery{
			{"下级组织", `SELECT name FROM orgs WHERE parent_id = ? AND deleted_at IS NULL ORDER BY name`},
		},
		parents: []depQuery{
			{"社区", `SELECT c.name FROM orgs o JOIN communities c ON c.id = o.community_id WHERE o.id = ? AND c.deleted_at IS NOT NULL`},
			{"小区", `SELECT x.name FROM orgs o JOIN compounds x ON x.id = o.compound_id WHERE o.id = ? AND x.deleted_at IS NOT NULL`},
			{"上级组织", `SELECT p.name FROM orgs o JOIN orgs p ON p.id = o.parent_id WHERE o.id = ? AND p.deleted_at IS NOT NULL`},
		},
		name: func(q queryer, id int64) (string, string, error) {
			o, err := getOrg(q, id)
			return o.Name, o.UUID, err
		},
	},
}

// RegisterDependent lets other parts of data (nominations, say) refuse the
// deletion of a record they point at.
func RegisterDependent(entity, label, query string) {
	k := kinds[entity]
	k.deps = append(k.deps, depQuery{label, query})
	kinds[entity] = k
}

// Dependents lists the live records that point at the record, as "小区“X”".
func (s *Store) Dependents(entity string, id int64) ([]string, error) {
	return dependents(s.db, entity, id)
}

func dependents(q queryer, entity string, id int64) ([]string, error) {
	k, ok := kinds[entity]
	if !ok {
		return nil, fmt.Errorf("unknown entity %q", entity)
	}
	var out []string
	for _, d := range k.deps {
		var names []string
		if err := q.Select(&names, d.query, id); err != nil {
			return nil, fmt.Errorf("无法检查下属记录：%w", err)
		}
		for _, n := range names {
			out = append(out, fmt.Sprintf("%s“%s”", d.label, n))
		}
	}
	return out, nil
}

// Delete moves a record to the recycle bin. It is refused with a
// *DependentsError while other live records depend on it; nothing cascades.
func (s *Store) Delete(entity string, id int64) error {
	return s.Write(func(tx *Tx) error { return tx.Delete(entity, id) })
}

// Delete is Delete inside a transaction.
func (tx *Tx) Delete(entity string, id int64) error { return tx.DeleteWithReason(entity, id, "") }

// DeleteWithReason is Delete with a reason for the audit trail (an exchange
// file that carries the deletion, say).
func (tx *Tx) DeleteWithReason(entity string, id int64, reason string) error {
	k, ok := kinds[entity]
	if !ok {
		return fmt.Errorf("unknown entity %q", entity)
	}
	name, uuid, err := k.name(tx.q, id)
	if err != nil {
		return err
	}
	deps, err := dependents(tx.q, entity, id)
	if err != nil {
		return err
	}
	if len(deps) > 0 {
		return &DependentsError{Record: fmt.Sprintf("%s“%s”", k.label, name), Dependents: deps}
	}
	res, err := tx.q.Exec(`UPDATE `+k.table+` SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`, tx.at, tx.at, id)
	if err != nil {
		return fmt.Errorf("无法删除%s“%s”：%w", k.label, name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s“%s”已经在回收站里", k.label, name)
	}
	return tx.Audit(entity, id, uuid, name, ActionDelete, reason, nil)
}

// Restore brings a record back from the recycle bin. It is refused while the
// records it belongs to are deleted, or when a live record took its name.
func (s *Store) Restore(entity string, id int64) error {
	return s.Write(func(tx *Tx) error { return tx.Restore(entity, id, "") })
}

// Restore is Restore inside a transaction; reason goes to the audit trail.
func (tx *Tx) Restore(entity string, id int64, reason string) error {
	k, ok := kinds[entity]
	if !ok {
		return fmt.Errorf("unknown entity %q", entity)
	}
	name, uuid, err := k.name(tx.q, id)
	if err != nil {
		return err
	}
	for _, p := range k.parents {
		var names []string
		if err := tx.q.Select(&names, p.query, id); err != nil {
			return fmt.Errorf("无法检查上级记录：%w", err)
		}
		if len(names) > 0 {
			return fmt.Errorf("%s“%s”所属的%s“%s”已删除，请先恢复它", k.label, name, p.label, names[0])
		}
	}
	res, err := tx.q.Exec(`UPDATE `+k.table+` SET deleted_at = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL`, tx.at, id)
	if err != nil {
		if isUnique(err) {
			return fmt.Errorf("不能恢复%s“%s”：已有同名的记录", k.label, name)
		}
		return fmt.Errorf("无法恢复%s“%s”：%w", k.label, name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s“%s”不在回收站里", k.label, name)
	}
	return tx.Audit(entity, id, uuid, name, ActionRestore, reason, nil)
}

// RecycleBin lists the deleted records, newest first.
func (s *Store) RecycleBin() ([]Deleted, error) {
	var out []Deleted
	err := s.db.Select(&out, `
		SELECT 'community' AS entity, id, name, '' AS parent, deleted_at FROM communities WHERE deleted_at IS NOT NULL
		UNION ALL
		SELECT 'compound', x.id, x.name, c.name, x.deleted_at FROM compounds x JOIN communities c ON c.id = x.community_id WHERE x.deleted_at IS NOT NULL
		UNION ALL
		SELECT 'org', o.id, o.name, c.name, o.deleted_at FROM orgs o JOIN communities c ON c.id = o.community_id WHERE o.deleted_at IS NOT NULL
		ORDER BY deleted_at DESC`)
	if err != nil {
		return nil, fmt.Errorf("无法读取回收站：%w", err)
	}
	return out, nil
}

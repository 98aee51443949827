package data

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// Actions recorded in the audit trail.
const (
	ActionCreate  = "create"
	ActionUpdate  = "update"
	ActionDelete  = "delete"
	ActionRestore = "restore"
)

// ActionLabel is the Chinese name of an audit action.
func ActionLabel(a string) string {
	switch a {
	case ActionCreate:
		return "新增"
	case ActionUpdate:
		return "修改"
	case ActionDelete:
		return "删除"
	case ActionRestore:
		return "恢复"
	}
	if l, ok := extraActionLabels[a]; ok {
		return l
	}
	return a
}

// extraActionLabels lets other parts of data (rounds, import) name their actions.
var extraActionLabels = map[string]string{
	"import": "导入",
}

// Change is one field's old and new value.
type Change struct {
	Field string `json:"field"`
	Label string `json:"label"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// AuditEntry is one row of the audit trail.
type AuditEntry struct {
	ID         int64  `db:"id"`
	At         string `db:"at"`
	Operator   string `db:"operator"`
	Entity     string `db:"entity"`
	EntityID   int64  `db:"entity_id"`
	EntityUUID string `db:"entity_uuid"`
	Record     string `db:"record"`
	Action     string `db:"action"`
	ChangesRaw string `db:"changes"`
	Reason     string `db:"reason"`
	// Account is the server login that made the change ("" in a data folder).
	Account string `db:"account"`
}

// Changes decodes the changed fields.
func (e AuditEntry) Changes() []Change {
	var c []Change
	_ = json.Unmarshal([]byte(e.ChangesRaw), &c)
	return c
}

// Summary is a one-line description of the changes.
func (e AuditEntry) Summary() string {
	var parts []string
	for _, c := range e.Changes() {
		switch {
		case c.Old == "":
			parts = append(parts, fmt.Sprintf("%s：%s", c.Label, c.New))
		default:
			parts = append(parts, fmt.Sprintf("%s：%s → %s", c.Label, c.Old, c.New))
		}
	}
	s := strings.Join(parts, "；")
	if e.Reason != "" {
		if s != "" {
			s += "；"
		}
		s += "原因：" + e.Reason
	}
	return s
}

// EntityLabel is the Chinese name of an entity kind.
func EntityLabel(entity string) string {
	if l, ok := entityLabels[entity]; ok {
		return l
	}
	return entity
}

var entityLabels = map[string]string{
	EntityCommunity: "社区",
	EntityCompound:  "小区",
	EntityOrg:       "党组织",
	EntitySettings:  "设置",
}

// AuditEntities lists the kinds of record the audit trail names: the records
// first, then the others (rounds, backups…) by their Chinese names.
func AuditEntities() []string {
	out := []string{EntityCommunity, EntityCompound, EntityOrg, EntitySettings}
	var rest []string
	for e := range entityLabels {
		if !contains(out, e) {
			rest = append(rest, e)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return entityLabels[rest[i]] < entityLabels[rest[j]] })
	return append(out, rest...)
}

// Entity kinds, as named in the audit trail.
const (
	EntityCommunity = "community"
	EntityCompound  = "compound"
	EntityOrg       = "org"
	EntitySettings  = "settings"
)

// Audit writes one audit row in the transaction. changes may be nil.
func (tx *Tx) Audit(entity string, id int64, uuid, record, action, reason string, changes []Change) error {
	if changes == nil {
		changes = []Change{}
	}
	js, err := json.Marshal(changes)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	_, err = tx.q.Exec(`INSERT INTO audit (at, operator, entity, entity_id, entity_uuid, record, action, changes, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		tx.at, tx.s.Operator, entity, id, uuid, record, action, string(js), reason)
	if err != nil {
		return fmt.Errorf("无法写入操作记录：%w", err)
	}
	return nil
}

// Diff lists the fields tagged `zh` whose values differ between old and new
// (two values of the same struct type). With a zero old, every set field is listed.
func Diff(old, new any) []Change {
	ov, nv := reflect.ValueOf(old), reflect.ValueOf(new)
	if ov.Kind() == reflect.Pointer {
		ov = ov.Elem()
	}
	if nv.Kind() == reflect.Pointer {
		nv = nv.Elem()
	}
	t := nv.Type()
	var out []Change
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		label := f.Tag.Get("zh")
		if label == "" || label == "-" {
			continue
		}
		a, b := display(ov.Field(i).Interface()), display(nv.Field(i).Interface())
		if a != b {
			out = append(out, Change{Field: f.Name, Label: label, Old: a, New: b})
		}
	}
	return out
}

// display is how a field's value reads in the audit trail and in exports.
func display(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		if x {
			return "是"
		}
		return "否"
	case fmt.Stringer:
		return x.String()
	case driver.Valuer:
		d, _ := x.Value()
		return fmt.Sprint(d)
	case int, int64:
		if fmt.Sprint(x) == "0" {
			return ""
		}
		return fmt.Sprint(x)
	case *int64:
		if x == nil {
			return ""
		}
		return fmt.Sprint(*x)
	}
	return fmt.Sprint(v)
}

// AuditFilter narrows the audit trail.
type AuditFilter struct {
	Entity   string // "" for all
	EntityID int64  // 0 for all
	Operator string
	Text     string // matched against the record name and changes
	From, To string // YYYY-MM-DD, inclusive; "" for open
	Limit    int    // 0 for 1000
}

// AuditLog lists audit rows, newest first.
func (s *Store) AuditLog(f AuditFilter) ([]AuditEntry, error) {
	q := `SELECT * FROM audit WHERE 1=1`
	var args []any
	if f.Entity != "" {
		q += ` AND entity = ?`
		args = append(args, f.Entity)
	}
	if f.EntityID != 0 {
		q += ` AND entity_id = ?`
		args = append(args, f.EntityID)
	}
	if f.Operator != "" {
		q += ` AND operator = ?`
		args = append(args, f.Operator)
	}
	if f.Text != "" {
		q += ` AND (record LIKE ? OR changes LIKE ? OR reason LIKE ?)`
		p := "%" + f.Text + "%"
		args = append(args, p, p, p)
	}
	if f.From != "" {
		q += ` AND at >= ?`
		args = append(args, f.From)
	}
	if f.To != "" {
		q += ` AND at < ?`
		args = append(args, f.To+"T99")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	q += fmt.Sprintf(` ORDER BY id DESC LIMIT %d`, limit)
	var out []AuditEntry
	if err := s.db.Select(&out, q, args...); err != nil {
		return nil, fmt.Errorf("无法读取操作记录：%w", err)
	}
	return out, nil
}

// CopyFields copies the named fields of src into dst (pointers to the same
// record type): how a window merges its clerk's chosen fields into the
// record as another clerk saved it (see ConflictError).
func CopyFields(dst, src any, fields []string) {
	dv, sv := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	for _, name := range fields {
		if f := dv.FieldByName(name); f.IsValid() && f.CanSet() {
			f.Set(sv.FieldByName(name))
		}
	}
}

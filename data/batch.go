package data

// Batch edit: one field set to one value on several records of a kind, each
// record checked by its normal rules, all written in one transaction with
// one audit row per record carrying the batch's reason, or none written.

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// BatchField is a field a batch edit may set: its struct field name and its label.
type BatchField struct{ Field, Label string }

// batchExcluded are fields a batch must not set: names (they would collide)
// and the references shown by name.
var batchExcluded = map[string]bool{"Name": true, "CommunityName": true, "CompoundName": true, "ParentName": true}

// BatchFields lists the fields of entity (community, compound, org) a batch edit may set.
func BatchFields(entity string) []BatchField {
	t, ok := batchTypes[entity]
	if !ok {
		return nil
	}
	var out []BatchField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if zh := f.Tag.Get("zh"); zh != "" && zh != "-" && !batchExcluded[f.Name] {
			out = append(out, BatchField{f.Name, zh})
		}
	}
	return out
}

var batchTypes = map[string]reflect.Type{
	EntityCommunity: reflect.TypeOf(Community{}),
	EntityCompound:  reflect.TypeOf(Compound{}),
	EntityOrg:       reflect.TypeOf(Org{}),
}

// BatchEditError lists the records a batch would have made wrong; nothing was written.
type BatchEditError struct {
	Field    string   // the field's label
	Problems []string // one per record: its label and what is wrong
}

func (e *BatchEditError) Error() string {
	return fmt.Sprintf("批量修改“%s”没有执行，以下 %d 条记录不符合规则，所有记录都未改动：\n%s",
		e.Field, len(e.Problems), strings.Join(e.Problems, "\n"))
}

// setField parses value into the field of the record v points to.
func setField(v reflect.Value, field, value string) error {
	f := v.Elem().FieldByName(field)
	switch f.Interface().(type) {
	case string:
		f.SetString(value)
	case Date:
		d, err := ParseDate(value)
		if err != nil {
			return err
		}
		f.Set(reflect.ValueOf(d))
	case Count:
		c, err := ParseCount(value)
		if err != nil {
			return err
		}
		f.Set(reflect.ValueOf(c))
	case int:
		n := 0
		if s := Normalize(value); s != "" {
			var err error
			if n, err = strconv.Atoi(s); err != nil {
				return fmt.Errorf("“%s”不是整数", Excerpt(value))
			}
		}
		f.SetInt(int64(n))
	case bool:
		switch Normalize(value) {
		case "是":
			f.SetBool(true)
		case "否", "":
			f.SetBool(false)
		default:
			return fmt.Errorf("“%s”应为“是”或“否”", Excerpt(value))
		}
	default:
		return fmt.Errorf("这一项不能批量修改")
	}
	return nil
}

// batchRecord is a record of a batch: loaded, set, checked and written.
type batchRecord interface {
	savable
	label() string
}

func (c *Community) label() string { return c.Label() }
func (c *Compound) label() string  { return c.Label() }
func (o *Org) label() string       { return o.Label() }

// BatchSet sets field (a struct field name from BatchFields) to value on the
// records ids of entity. Every record is checked with its normal rules; when
// any fails, nothing is written and the error is a *BatchEditError naming each.
// Otherwise all are written in one transaction, each with its audit row
// giving reason. It returns the number of records changed.
func (s *Store) BatchSet(entity string, ids []int64, field, value, reason string) (int, error) {
	label := ""
	for _, f := range BatchFields(entity) {
		if f.Field == field {
			label = f.Label
		}
	}
	if label == "" {
		return 0, fmt.Errorf("“%s”不能批量修改", field)
	}
	if len(ids) == 0 {
		return 0, fmt.Errorf("没有选中任何记录")
	}
	if strings.TrimSpace(reason) == "" {
		return 0, fmt.Errorf("批量修改需要填写原因")
	}
	changed := 0
	err := s.Write(func(tx *Tx) error {
		recs, olds, problems := tx.batchLoad(entity, ids, field, label, value)
		if len(problems) > 0 {
			return &BatchEditError{Field: label, Problems: problems}
		}
		w := reasonWriter{txWriter{tx}, reason}
		for i, r := range recs {
			var did bool
			var err error
			switch rec := r.(type) {
			case *Community:
				did, err = put(w, olds[i].(*Community), rec)
			case *Compound:
				did, err = put(w, olds[i].(*Compound), rec)
			case *Org:
				rec.fillNames(tx.q)
				did, err = put(w, olds[i].(*Org), rec)
			}
			if err != nil {
				return err
			}
			if did {
				changed++
			}
		}
		return nil
	})
	if err != nil {
		changed = 0
	}
	return changed, err
}

// batchLoad reads each record, sets the field and checks it, listing every problem.
func (tx *Tx) batchLoad(entity string, ids []int64, field, label, value string) (recs []batchRecord, olds []any, problems []string) {
	nb := sqlNeighbours{tx.q}
	for _, id := range ids {
		var rec batchRecord
		var old any
		var err error
		switch entity {
		case EntityCommunity:
			var c Community
			if c, err = getCommunity(tx.q, id); err == nil {
				o := c
				rec, old = &c, &o
			}
		case EntityCompound:
			var c Compound
			if c, err = getCompound(tx.q, id); err == nil {
				o := c
				rec, old = &c, &o
			}
		case EntityOrg:
			var c Org
			if c, err = getOrg(tx.q, id); err == nil {
				o := c
				rec, old = &c, &o
			}
		}
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if d := reflect.ValueOf(rec).Elem().FieldByName("DeletedAt"); !d.IsNil() {
			problems = append(problems, rec.label()+"已在回收站中")
			continue
		}
		if err := setField(reflect.ValueOf(rec), field, value); err != nil {
			problems = append(problems, fmt.Sprintf("%s：%s%s", rec.label(), label, err.Error()))
			continue
		}
		switch r := rec.(type) {
		case *Community:
			err = tx.s.CheckCommunity(r, nb)
		case *Compound:
			err = tx.s.CheckCompound(r, nb)
		case *Org:
			err = tx.s.CheckOrg(r, nb)
		}
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		recs, olds = append(recs, rec), append(olds, old)
	}
	return recs, olds, problems
}

// reasonWriter is a txWriter whose audit rows carry a reason.
type reasonWriter struct {
	txWriter
	reason string
}

func (w reasonWriter) audit(entity string, id int64, uuid, record, action string, changes []Change) error {
	return w.tx.Audit(entity, id, uuid, record, action, w.reason, changes)
}

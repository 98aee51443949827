package exchange

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"jiayuan/data"
)

// Columns that are local to one installation and never exchanged: row ids,
// the joined display names, the demo mark and the timestamps. References to
// other records travel as UUIDs beside the fields.
var localColumns = map[string]bool{
	"id": true, "uuid": true, "community_id": true, "compound_id": true, "parent_id": true,
	"community_name": true, "compound_name": true, "parent_name": true,
	"demo": true, "created_at": true, "updated_at": true, "deleted_at": true, "version": true,
}

// fieldsOf renders a record's exchanged fields (db column → stored form).
func fieldsOf(rec any) map[string]string {
	v := reflect.ValueOf(rec)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	out := map[string]string{}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		col := t.Field(i).Tag.Get("db")
		if col == "" || col == "-" || localColumns[col] {
			continue
		}
		out[col] = stored(v.Field(i))
	}
	return out
}

func stored(f reflect.Value) string {
	if text, ok := data.StoredText(f.Interface()); ok {
		return text
	}
	switch f.Kind() {
	case reflect.String:
		return f.String()
	case reflect.Bool:
		if f.Bool() {
			return "1"
		}
		return "0"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return strconv.FormatInt(f.Int(), 10)
	}
	return fmt.Sprint(f.Interface())
}

// setFields fills rec (a pointer to a record struct) from exchanged fields.
// Unknown keys are ignored; a value that does not parse is an error naming
// the field in Chinese.
func setFields(rec any, fields map[string]string) error {
	v := reflect.ValueOf(rec).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		col := t.Field(i).Tag.Get("db")
		if col == "" || col == "-" || localColumns[col] {
			continue
		}
		s, ok := fields[col]
		if !ok {
			continue
		}
		label := t.Field(i).Tag.Get("zh")
		if label == "" {
			label = col
		}
		f := v.Field(i)
		if ok, err := data.ScanStored(f.Addr().Interface(), s); ok {
			if err != nil {
				return fmt.Errorf("%s的值“%s”无效", label, s)
			}
			continue
		}
		switch f.Kind() {
		case reflect.String:
			f.SetString(s)
		case reflect.Bool:
			f.SetBool(s == "1" || s == "true")
		case reflect.Int, reflect.Int64, reflect.Int32:
			if s == "" {
				f.SetInt(0)
				continue
			}
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return fmt.Errorf("%s的值“%s”不是整数", label, s)
			}
			f.SetInt(n)
		default:
			return fmt.Errorf("exchange: unsupported field %s (%s)", col, f.Kind())
		}
	}
	return nil
}

// labels maps a record type's db columns to their Chinese labels.
func labels(rec any) map[string]string {
	t := reflect.TypeOf(rec)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	out := map[string]string{}
	for i := 0; i < t.NumField(); i++ {
		if l := t.Field(i).Tag.Get("zh"); l != "" {
			out[t.Field(i).Tag.Get("db")] = l
		}
	}
	return out
}

// digest is a stable hash of a record's exchanged content, its parents and
// whether it is deleted.
func digest(r Record) string {
	keys := make([]string, 0, len(r.Fields))
	for k := range r.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "community=%s\x00compound=%s\x00parent=%s\x00", r.Community, r.Compound, r.Parent)
	if r.Deleted { // only when deleted, so digests of live records stay as before
		b.WriteString("deleted\x00")
	}
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s\x00", k, r.Fields[k])
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

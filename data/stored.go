package data

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
)

// StoredText is the text a value type with its own database form (Date,
// Count, score.Decimal…) is stored as; ok is false for a value without one.
// A value that cannot be rendered is "".
func StoredText(v any) (text string, ok bool) {
	vl, ok := v.(driver.Valuer)
	if !ok {
		return "", false
	}
	d, err := vl.Value()
	if err != nil || d == nil {
		return "", true
	}
	return fmt.Sprint(d), true
}

// ScanStored reads text, as StoredText renders it, into dst (a pointer to a
// value type with its own database form); ok is false when dst has none.
func ScanStored(dst any, text string) (ok bool, err error) {
	sc, ok := dst.(sql.Scanner)
	if !ok {
		return false, nil
	}
	return true, sc.Scan(text)
}

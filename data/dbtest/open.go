package dbtest

import (
	"path/filepath"
	"testing"

	"github.com/jmoiron/sqlx"
)

// Open is a second connection to the database of the data folder dir (its
// jiayuan.db), for tests outside package data that must look at or set up
// rows the program has no named method for. It is closed when the test ends.
// Only tests use it: the program reaches the database through package data.
func Open(t testing.TB, dir string) *sqlx.DB {
	t.Helper()
	path := filepath.Join(dir, "jiayuan.db")
	db, err := sqlx.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_busy_timeout=5000")
	if err != nil {
		t.Fatalf("dbtest: open %s: %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Package storetest opens a fresh store for the tests of the packages built
// on data (sheet, exchange): a data folder, or — when the tests run on the
// server store (JIAYUAN_TEST_STORE=postgres) — a new database on a
// throwaway PostgreSQL cluster that Main starts and stops.
package storetest

import (
	"database/sql"
	"fmt"
	"os"
	"testing"

	"github.com/jmoiron/sqlx"

	"jiayuan/data"
	"jiayuan/data/dbtest"
)

var cluster *dbtest.Cluster

// Main runs the package's tests, inside a cluster when they run on the
// server store.
func Main(m *testing.M) int {
	if !dbtest.WantPostgres() {
		return m.Run()
	}
	c, err := dbtest.StartCluster()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	cluster = c
	defer c.Stop()
	return m.Run()
}

// OnServer reports whether Open gives server stores.
func OnServer() bool { return cluster != nil }

// Open is a fresh, empty store, closed when the test ends.
func Open(t testing.TB) *data.Store {
	t.Helper()
	st, err := open(t)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func open(t testing.TB) (*data.Store, error) {
	if cluster == nil {
		return data.Open(t.TempDir())
	}
	name, err := cluster.Fresh(func(url string) error {
		st, err := data.OpenServer(url, "")
		if err == nil {
			st.Close()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return data.OpenServer(cluster.URL(name, ""), t.TempDir())
}

// DB is a second, raw connection to a store's database, for tests that set
// up or look at rows the program has no named method for; queries are
// written with ? placeholders on both databases.
type DB struct{ *sqlx.DB }

// Raw opens a DB on st's database, closed when the test ends.
func Raw(t testing.TB, st *data.Store) DB {
	t.Helper()
	if !st.IsServer() {
		return DB{dbtest.Open(t, st.Dir())}
	}
	db, err := sqlx.Open("pgx", st.ServerURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return DB{db}
}

func (d DB) Get(dest any, q string, args ...any) error { return d.DB.Get(dest, d.Rebind(q), args...) }
func (d DB) Select(dest any, q string, args ...any) error {
	return d.DB.Select(dest, d.Rebind(q), args...)
}
func (d DB) Exec(q string, args ...any) (sql.Result, error) { return d.DB.Exec(d.Rebind(q), args...) }
func (d DB) Queryx(q string, args ...any) (*sqlx.Rows, error) {
	return d.DB.Queryx(d.Rebind(q), args...)
}

// Tables lists the database's tables by name.
func (d DB) Tables() ([]string, error) {
	var out []string
	q := `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
	if d.DriverName() == "pgx" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`
	}
	return out, d.DB.Select(&out, q)
}

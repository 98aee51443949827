package data

import (
	"database/sql"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/jmoiron/sqlx"

	"jiayuan/data/dbtest"
)

// pgCluster is the throwaway PostgreSQL cluster when the tests run on the
// server store (JIAYUAN_TEST_STORE=postgres); nil on SQLite.
var pgCluster *dbtest.Cluster

func TestMain(m *testing.M) {
	if dbtest.WantPostgres() {
		c, err := dbtest.StartCluster()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pgCluster = c
		code := m.Run()
		c.Stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// openFresh opens an empty store: a new data folder on SQLite, or a new
// database on the test cluster (with a new local folder) on PostgreSQL.
func openFresh(t testing.TB) (*Store, error) {
	t.Helper()
	if pgCluster == nil {
		return Open(t.TempDir())
	}
	pgTemplate.once.Do(func() {
		name, err := pgCluster.NewDatabase()
		if err == nil {
			var st *Store
			if st, err = OpenServer(pgCluster.URL(name, ""), ""); err == nil {
				st.Close()
			}
		}
		pgTemplate.name, pgTemplate.err = name, err
	})
	if pgTemplate.err != nil {
		t.Fatal(pgTemplate.err)
	}
	name, err := pgCluster.NewDatabaseFrom(pgTemplate.name)
	if err != nil {
		t.Fatal(err)
	}
	st, err := OpenServer(pgCluster.URL(name, ""), t.TempDir())
	if err == nil { // each test database is a copy of its own
		_, err = st.db.Exec(`UPDATE exchange_copy SET id = lower(hex(randomblob(16)))`)
	}
	return st, err
}

// pgTemplate is a migrated empty database the tests' databases are copied from.
var pgTemplate struct {
	once sync.Once
	name string
	err  error
}

// sqliteOnly skips a test of the data folder's file (damage, locks, the
// SQLite file in backups) when the suite runs on the server store.
func sqliteOnly(t testing.TB) {
	t.Helper()
	if pgCluster != nil {
		t.Skip("只适用于本机数据文件夹（SQLite）")
	}
}

func sqlxNew(db *sql.DB) *sqlx.DB { return sqlx.NewDb(db, "pgx") }

package data

import (
	"database/sql"
	"fmt"
	"os"
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
	name, err := pgCluster.Fresh(func(url string) error {
		st, err := OpenServer(url, "")
		if err == nil {
			st.Close()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return OpenServer(pgCluster.URL(name, ""), t.TempDir())
}

func sqlxNew(db *sql.DB) *sqlx.DB { return sqlx.NewDb(db, "pgx") }

package dbtest

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	osexec "os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver
)

// StoreEnv names the store the data layer's tests run on: unset or "sqlite"
// for the data folder, "postgres" for a throwaway PostgreSQL cluster that the
// test binary starts itself (see Cluster). `make test` runs the data
// packages' tests once with each.
const StoreEnv = "JIAYUAN_TEST_STORE"

// WantPostgres reports whether the tests are to run on PostgreSQL.
func WantPostgres() bool { return os.Getenv(StoreEnv) == "postgres" }

// Cluster is a throwaway PostgreSQL cluster in a temporary folder, listening
// only on a Unix socket in that folder (no TCP port), started with initdb and
// pg_ctl as a non-root user when the tests run as root (the server refuses to
// run as root), without fsync (it is thrown away). Stop removes it.
type Cluster struct {
	dir, bin string
	cred     *syscall.Credential
	n        atomic.Int64
	tmpl     struct {
		once sync.Once
		name string
		err  error
	}
	// Super is the superuser's name.
	Super string
}

// StartCluster initialises and starts a cluster. It needs Debian's
// postgresql package (the server binaries under /usr/lib/postgresql).
func StartCluster() (*Cluster, error) {
	bin, err := serverBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "jiayuan-pg-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir, bin: bin, Super: "postgres"}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("dbtest: running as root needs the postgres user (Debian's postgresql package): %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		c.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	pgdata := filepath.Join(dir, "data")
	if out, err := c.run("initdb", "-D", pgdata, "-A", "trust", "-U", c.Super, "-E", "UTF8", "--locale=C.UTF-8", "-N"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("dbtest: initdb: %v\n%s", err, out)
	}
	opts := fmt.Sprintf("-c listen_addresses='' -c unix_socket_directories='%s' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", dir)
	if out, err := c.run("pg_ctl", "-D", pgdata, "-w", "-t", "60", "-l", filepath.Join(dir, "server.log"), "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("dbtest: pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	return c, nil
}

// serverBin is the newest installed server's bin folder.
func serverBin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(dirs[i]))))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(dirs[j]))))
		return vi > vj
	})
	if len(dirs) > 0 {
		return filepath.Dir(dirs[0]), nil
	}
	if p, err := osexec.LookPath("pg_ctl"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("dbtest: no PostgreSQL server found (apt-get install postgresql)")
}

func (c *Cluster) run(name string, args ...string) ([]byte, error) {
	cmd := osexec.Command(filepath.Join(c.bin, name), args...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	}
	return cmd.CombinedOutput()
}

// URL is the connection string of database db as user (the superuser when "").
func (c *Cluster) URL(db, user string) string {
	if user == "" {
		user = c.Super
	}
	return fmt.Sprintf("postgres:///%s?host=%s&user=%s&sslmode=disable", db, url.QueryEscape(c.dir), url.QueryEscape(user))
}

// Host is the folder of the cluster's socket.
func (c *Cluster) Host() string { return c.dir }

// NewDatabase creates an empty database (collation C, as the program's
// setup makes them) and returns its name.
func (c *Cluster) NewDatabase() (string, error) { return c.NewDatabaseFrom("template0") }

// NewDatabaseFrom creates a database as a copy of template (which nobody may
// be connected to) and returns its name.
func (c *Cluster) NewDatabaseFrom(template string) (string, error) {
	return c.create("t", "TEMPLATE "+template+" ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
}

// NewDatabaseICU creates a database whose default collation is the ICU
// locale loc (e.g. "en-US"), as an office's IT might make it.
func (c *Cluster) NewDatabaseICU(loc string) (string, error) {
	return c.create("icu", "TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE '"+loc+"' LOCALE 'C.UTF-8'")
}

func (c *Cluster) create(prefix, options string) (string, error) {
	name := fmt.Sprintf("%s%d_%d", prefix, os.Getpid(), c.n.Add(1))
	if err := c.Exec("postgres", fmt.Sprintf(`CREATE DATABASE %s %s`, name, options)); err != nil {
		return "", err
	}
	return name, nil
}

// Fresh is a new database copied from a template made once by migrate (the
// program's schema, empty), with its own exchange identity, so each test
// starts from a migrated store without migrating it again.
func (c *Cluster) Fresh(migrate func(url string) error) (string, error) {
	c.tmpl.once.Do(func() {
		name, err := c.NewDatabase()
		if err == nil {
			err = migrate(c.URL(name, ""))
		}
		c.tmpl.name, c.tmpl.err = name, err
	})
	if c.tmpl.err != nil {
		return "", c.tmpl.err
	}
	name, err := c.NewDatabaseFrom(c.tmpl.name)
	if err != nil {
		return "", err
	}
	return name, c.Exec(name, `UPDATE exchange_copy SET id = replace(gen_random_uuid()::text, '-', '')`)
}

// Exec runs SQL as the superuser in database db.
func (c *Cluster) Exec(db, query string, args ...any) error {
	h, err := sql.Open("pgx", c.URL(db, ""))
	if err != nil {
		return err
	}
	defer h.Close()
	_, err = h.Exec(query, args...)
	return err
}

// Stop stops the server and removes the cluster.
func (c *Cluster) Stop() {
	c.run("pg_ctl", "-D", filepath.Join(c.dir, "data"), "-m", "immediate", "-w", "stop")
	os.RemoveAll(c.dir)
}

// ServerDatabase is, for a test outside the data packages, a cluster of its
// own (stopped when the test ends) with one empty database; the test is
// skipped unless the tests run on the server store.
func ServerDatabase(t testing.TB) (*Cluster, string) {
	t.Helper()
	if !WantPostgres() {
		t.Skip("需要 PostgreSQL：JIAYUAN_TEST_STORE=postgres（make test-server）")
	}
	c, err := StartCluster()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Stop)
	db, err := c.NewDatabase()
	if err != nil {
		t.Fatal(err)
	}
	return c, db
}

// Package data owns Jiayuan's records: the domain types, the SQLite store,
// migrations, validation, the audit trail and the import and export of records.
// It never imports Fyne.
package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/mattn/go-sqlite3" // SQLite driver
)

// DBFile is the name of the database inside a data folder.
const DBFile = "jiayuan.db"

// Store is an open data folder: the database and, beside it, attachments and backups.
type Store struct {
	db  *dbh
	dir string
	// server is the office server's host/database (PostgreSQL), else "";
	// url its full address (for a second connection: tests, store copy).
	server, url string
	// Operator is recorded in the audit trail for every change made through this store.
	Operator string
	// now is the clock; tests replace it.
	now func() time.Time
	// gen counts the commits and restores through this store: every write
	// goes through WriteContext or a restore, so a result read at one
	// generation is current while the generation is unchanged.
	gen atomic.Uint64
	// stats holds StatsRecords' last read and its generation.
	stats statsCache
	// id names this client in change notifications (watch.go); seenGen is
	// the generation the data-version poll last saw.
	id      string
	idOnce  sync.Once
	seenGen atomic.Uint64
	// account is the server login, read once (Account).
	account     string
	accountOnce sync.Once
}

// ErrTooNew is returned when the database was written by a newer program version.
var ErrTooNew = errors.New("数据库由较新版本的家园创建")

// DefaultDir is the per-user data folder: %AppData%\Jiayuan on Windows,
// ~/Library/Application Support/Jiayuan on macOS, $XDG_DATA_HOME/jiayuan
// (~/.local/share/jiayuan) elsewhere.
func DefaultDir() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin":
		base, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("找不到用户数据目录：%w", err)
		}
		return filepath.Join(base, "Jiayuan"), nil
	default:
		if x := os.Getenv("XDG_DATA_HOME"); x != "" {
			return filepath.Join(x, "jiayuan"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("找不到用户主目录：%w", err)
		}
		return filepath.Join(home, ".local", "share", "jiayuan"), nil
	}
}

// Open opens (creating if needed) the data folder dir and its database,
// applying pending migrations. A database written by a newer version is
// refused with ErrTooNew and left untouched.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建数据目录 %s：%w", dir, err)
	}
	path := filepath.Join(dir, DBFile)
	if err := checkVersion(path); err != nil {
		return nil, err
	}
	db, err := sqlx.Open("sqlite3", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("无法打开数据库 %s：%w", path, err)
	}
	s := &Store{db: &dbh{DB: db, d: sqliteDialect}, dir: dir, now: time.Now}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn opens the database with foreign keys on, a busy timeout and, for
// writing, WAL with synchronous=FULL: a change the clerk saw saved survives a
// power cut, not only a crash of the program.
func dsn(path string, readOnly bool) string {
	q := "?_foreign_keys=on&_busy_timeout=5000&_txlock=immediate"
	if readOnly {
		return "file:" + path + q + "&mode=ro"
	}
	return "file:" + path + q + "&_journal_mode=WAL&_synchronous=FULL"
}

// checkVersion reads the schema version of an existing database without
// changing anything in it.
func checkVersion(path string) error {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return fmt.Errorf("无法打开数据库 %s：%w", path, err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("数据库文件 %s 无法读取，可能已损坏：%w", path, err)
	}
	if v > len(migrations) {
		return fmt.Errorf("%w（数据版本 %d，本程序只认识到 %d），请升级程序；数据库未作任何改动", ErrTooNew, v, len(migrations))
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Dir is the data folder.
func (s *Store) Dir() string { return s.dir }

// SetClock replaces the store's clock (tests).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// Tx is a write transaction that records every change in the audit trail.
type Tx struct {
	q  *txq // unexported: SQL stays inside package data
	s  *Store
	at string
}

// Write runs fn in one transaction: all of it is written, or none of it.
func (s *Store) Write(fn func(tx *Tx) error) error {
	return s.WriteContext(context.Background(), fn)
}

// WriteContext is Write with a context (a cancelled context rolls back).
func (s *Store) WriteContext(ctx context.Context, fn func(tx *Tx) error) error {
	t, err := s.db.begin(ctx)
	if err != nil {
		return s.writeFailed("无法开始写入", err)
	}
	tx := &Tx{q: t, s: s, at: s.now().Format(time.RFC3339)}
	if err := s.db.d.lockWrite(t); err != nil {
		t.Rollback()
		return s.writeFailed("无法开始写入", err)
	}
	if err := fn(tx); err != nil {
		t.Rollback()
		if e := s.diskTrouble(err); e != nil {
			return e
		}
		if e := denied(err); e != nil {
			return e
		}
		return err
	}
	if err := tx.notifyChange(); err != nil {
		t.Rollback()
		return s.writeFailed("无法保存", err)
	}
	err = t.Commit()
	s.gen.Add(1) // even after a failed commit: a cached read is never trusted past it
	if err != nil {
		t.Rollback()
		return s.writeFailed("无法保存", err)
	}
	return nil
}

// diskTrouble is err as an *IOError when the disk stopped a write (full,
// read-only, no permission, held by another program), else nil. The
// transaction was rolled back: what was saved before is intact.
func (s *Store) diskTrouble(err error) error {
	e := asIOError(err, filepath.Join(s.dir, DBFile), "保存修改", 0)
	if e == nil {
		return nil
	}
	if e.Note == "" {
		e.Note = "这次修改没有保存；之前保存的数据完好，没有损坏。"
	}
	return e
}

// writeFailed explains a failed begin or commit in Chinese.
func (s *Store) writeFailed(what string, err error) error {
	if e := s.diskTrouble(err); e != nil {
		return e
	}
	return fmt.Errorf("%s：%s", what, Explain(err))
}

// Store is the store that opened the transaction.
func (tx *Tx) Store() *Store { return tx.s }

// Stamp is the time of the transaction, as stored in created/updated columns.
func (tx *Tx) Stamp() string { return tx.at }

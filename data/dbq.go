package data

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"
)

// dbh and txq are the store's database handle and a transaction's: sqlx's,
// with every query passed through the store's dialect (dialect.go), so the
// same code runs on SQLite and PostgreSQL.
type dbh struct {
	*sqlx.DB
	d *dialect
}

type txq struct {
	*sqlx.Tx
	d *dialect
}

func (h *dbh) Get(dest any, q string, args ...any) error {
	if err := h.d.nul(args); err != nil {
		return err
	}
	return h.DB.Get(dest, h.d.sql(q), h.d.args(args)...)
}

func (h *dbh) Select(dest any, q string, args ...any) error {
	if err := h.d.nul(args); err != nil {
		return err
	}
	return h.DB.Select(dest, h.d.sql(q), h.d.args(args)...)
}

func (h *dbh) Exec(q string, args ...any) (sql.Result, error) {
	if err := h.d.nul(args); err != nil {
		return nil, err
	}
	return h.DB.Exec(h.d.sql(q), h.d.args(args)...)
}

func (h *dbh) Query(q string, args ...any) (*sql.Rows, error) {
	return h.DB.Query(h.d.sql(q), h.d.args(args)...)
}

// begin begins a transaction on the same dialect.
func (h *dbh) begin(ctx context.Context) (*txq, error) {
	t, err := h.DB.BeginTxx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &txq{Tx: t, d: h.d}, nil
}

func (t *txq) Get(dest any, q string, args ...any) error {
	if err := t.d.nul(args); err != nil {
		return err
	}
	return t.Tx.Get(dest, t.d.sql(q), t.d.args(args)...)
}

func (t *txq) Select(dest any, q string, args ...any) error {
	if err := t.d.nul(args); err != nil {
		return err
	}
	return t.Tx.Select(dest, t.d.sql(q), t.d.args(args)...)
}

func (t *txq) Query(q string, args ...any) (*sql.Rows, error) {
	return t.Tx.Query(t.d.sql(q), t.d.args(args)...)
}

// Exec runs q; on PostgreSQL an INSERT into a table with an integer id
// returns the id, so the result's LastInsertId works as on SQLite.
func (t *txq) Exec(q string, args ...any) (sql.Result, error) {
	if err := t.d.nul(args); err != nil {
		return nil, err
	}
	q, args = t.d.sql(q), t.d.args(args)
	if t.d.pg {
		if rq := returningID(q); rq != "" {
			return queryID(t.Tx.Query(rq, args...))
		}
	}
	return t.Tx.Exec(q, args...)
}

// NamedExec is Exec with :name parameters taken from arg's fields.
func (t *txq) NamedExec(q string, arg any) (sql.Result, error) {
	nq, args, err := sqlx.Named(q, arg)
	if err != nil {
		return nil, err
	}
	return t.Exec(nq, args...)
}

// stmt is a prepared statement.
type stmt interface {
	Exec(args ...any) (sql.Result, error)
	Close() error
}

// Prepare prepares q on SQLite; on PostgreSQL each Exec runs q through
// Exec, for RETURNING id.
func (t *txq) Prepare(q string) (stmt, error) {
	if !t.d.pg {
		return t.Tx.Prepare(q)
	}
	return pgStmt{t: t, q: q}, nil
}

type pgStmt struct {
	t *txq
	q string
}

func (p pgStmt) Exec(args ...any) (sql.Result, error) { return p.t.Exec(p.q, args...) }
func (p pgStmt) Close() error                         { return nil }

func (t *txq) Preparex(q string) (*sqlx.Stmt, error) { return t.Tx.Preparex(t.d.sql(q)) }

// namedStmt is a prepared statement with :name parameters.
type namedStmt interface {
	Exec(arg any) (sql.Result, error)
	Close() error
}

// PrepareNamed prepares q on SQLite (the import's speed comes from it); on
// PostgreSQL each Exec binds and runs q through Exec, for RETURNING id.
func (t *txq) PrepareNamed(q string) (namedStmt, error) {
	if !t.d.pg {
		return t.Tx.PrepareNamed(q)
	}
	return pgNamed{t: t, q: q}, nil
}

type pgNamed struct {
	t *txq
	q string
}

func (p pgNamed) Exec(arg any) (sql.Result, error) { return p.t.NamedExec(p.q, arg) }
func (p pgNamed) Close() error                     { return nil }

// idResult is the result of an INSERT … RETURNING id.
type idResult struct{ id, n int64 }

func (r idResult) LastInsertId() (int64, error) { return r.id, nil }
func (r idResult) RowsAffected() (int64, error) { return r.n, nil }

func queryID(rows *sql.Rows, err error) (sql.Result, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var r idResult
	for rows.Next() {
		if err := rows.Scan(&r.id); err != nil {
			return nil, err
		}
		r.n++
	}
	return r, rows.Err()
}

// NamedExec is Exec with :name parameters taken from arg's fields.
func (h *dbh) NamedExec(q string, arg any) (sql.Result, error) {
	nq, args, err := sqlx.Named(q, arg)
	if err != nil {
		return nil, err
	}
	return h.Exec(nq, args...)
}

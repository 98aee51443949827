// Package dbtest damages database files on purpose, with SQLite's own
// PRAGMA writable_schema, so tests can see what the program does with
// damage that SQLite's quick check does not notice, and opens a second
// connection to a data folder's database (Open) for tests outside package
// data. Only tests import it: it is test support, so, with package data
// itself, it is the one package allowed to import database/sql, sqlx and
// the SQLite driver (see data/layering_test.go).
//
// The trick (BreakIndex): an index's entry in sqlite_schema holds its
// definition and the page where its b-tree starts. With writable_schema the
// definition can be replaced while the b-tree stays where it is:
//
//  1. replace the definition by one over a different expression of the same
//     rows (each column c becomes the text of c with "~" appended, same partial WHERE),
//  2. reopen and REINDEX it: the b-tree now holds one entry per row, but
//     with keys that are not the table's values,
//  3. put the real definition back and reopen.
//
// The index then has the right number of entries (PRAGMA quick_check
// passes) but none of them matches its row: PRAGMA integrity_check reports
// "row N missing from index X" for each row. The table itself is unchanged,
// so REINDEX repairs it. Each step closes the file, because SQLite reads a
// schema edited this way only when it opens the database again.
//
// RequireColumn makes damage to a table itself: the column is declared NOT
// NULL in the table's definition while rows still hold NULL there, so both
// checks report "NULL value in T.C" and REINDEX cannot mend it.
//
// DuplicateUnder makes damage REINDEX cannot repair: two rows of a table
// with the same key of a UNIQUE index (the index is made non-unique for a
// moment, the row is copied, the UNIQUE definition is put back).
package dbtest

import (
	"database/sql"
	"fmt"
	"regexp"
	"strings"

	_ "github.com/mattn/go-sqlite3"
)

// BreakIndex leaves the named index of the (closed) database at path with
// one wrong entry for each row it covers. The index must be over plain
// columns (no expressions) and cover at least one row.
func BreakIndex(path, index string) error {
	def, table, err := indexDef(path, index)
	if err != nil {
		return err
	}
	cols, err := indexColumns(path, index)
	if err != nil {
		return err
	}
	for i, c := range cols {
		cols[i] = fmt.Sprintf(`(IFNULL("%s", '') || '~')`, c)
	}
	wrong := fmt.Sprintf(`CREATE INDEX "%s" ON "%s"(%s)%s`, index, table, strings.Join(cols, ", "), whereOf(def))
	if err := setDef(path, index, wrong); err != nil {
		return err
	}
	if err := exec(path, `REINDEX "`+index+`"`); err != nil {
		return err
	}
	return setDef(path, index, def)
}

// DuplicateUnder copies the row rowid of the table of the UNIQUE index to a
// new row, keeping every column but the rowid, so the table holds two rows
// the index says must be unique. Both rows are in the index.
func DuplicateUnder(path, index string, rowid int64) error {
	def, table, err := indexDef(path, index)
	if err != nil {
		return err
	}
	plain := regexp.MustCompile(`(?i)^CREATE\s+UNIQUE\s+INDEX`).ReplaceAllString(def, "CREATE INDEX")
	if plain == def {
		return fmt.Errorf("index %s is not UNIQUE", index)
	}
	if err := setDef(path, index, plain); err != nil {
		return err
	}
	cols, err := tableColumns(path, table)
	if err != nil {
		return err
	}
	list := `"` + strings.Join(cols, `", "`) + `"`
	q := fmt.Sprintf(`INSERT INTO "%s" (%s) SELECT %s FROM "%s" WHERE rowid = %d`, table, list, list, table, rowid)
	if err := exec(path, `PRAGMA foreign_keys = OFF`, q); err != nil {
		return err
	}
	return setDef(path, index, def)
}

// RequireColumn declares column of table NOT NULL, leaving the rows as they are.
func RequireColumn(path, table, column string) error {
	var def string
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		return err
	}
	err = db.QueryRow(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&def)
	db.Close()
	if err != nil {
		return fmt.Errorf("table %s: %w", table, err)
	}
	re := regexp.MustCompile(`(?m)^(\s*"?` + regexp.QuoteMeta(column) + `"?\s+[A-Za-z]+)`)
	loc := re.FindStringSubmatchIndex(def)
	if loc == nil {
		return fmt.Errorf("table %s has no column %s", table, column)
	}
	def = def[:loc[3]] + " NOT NULL" + def[loc[3]:]
	return exec(path, `PRAGMA writable_schema = ON`,
		fmt.Sprintf(`UPDATE sqlite_schema SET sql = '%s' WHERE type = 'table' AND name = '%s'`,
			strings.ReplaceAll(def, "'", "''"), strings.ReplaceAll(table, "'", "''")))
}

// exec runs statements on one connection to path, then closes it.
func exec(path string, stmts ...string) error {
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return nil
}

// setDef replaces the definition of index in sqlite_schema, keeping its b-tree.
func setDef(path, index, def string) error {
	return exec(path, `PRAGMA writable_schema = ON`,
		fmt.Sprintf(`UPDATE sqlite_schema SET sql = '%s' WHERE type = 'index' AND name = '%s'`,
			strings.ReplaceAll(def, "'", "''"), strings.ReplaceAll(index, "'", "''")))
}

func indexDef(path, index string) (def, table string, err error) {
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		return "", "", err
	}
	defer db.Close()
	err = db.QueryRow(`SELECT sql, tbl_name FROM sqlite_schema WHERE type = 'index' AND name = ? AND sql IS NOT NULL`, index).Scan(&def, &table)
	if err != nil {
		return "", "", fmt.Errorf("index %s: %w", index, err)
	}
	return def, table, nil
}

func indexColumns(path, index string) ([]string, error) {
	return names(path, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, index)
}

func tableColumns(path, table string) ([]string, error) {
	return names(path, `SELECT name FROM pragma_table_info(?) WHERE pk = 0 ORDER BY cid`, table)
}

func names(path, q, arg string) ([]string, error) {
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var out []string
	rows, err := db.Query(q, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var n sql.NullString
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		if !n.Valid {
			return nil, fmt.Errorf("%s: expressions are not supported", arg)
		}
		out = append(out, n.String)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no columns", arg)
	}
	return out, rows.Err()
}

// whereOf is the partial-index clause of def (" WHERE …"), or "".
func whereOf(def string) string {
	if loc := regexp.MustCompile(`(?i)\sWHERE\s`).FindStringIndex(def); loc != nil {
		return " " + def[loc[0]+1:]
	}
	return ""
}

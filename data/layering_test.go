package data

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sqlImports are the packages that reach the database directly.
var sqlImports = map[string]bool{
	"database/sql":                true,
	"github.com/jmoiron/sqlx":     true,
	"github.com/mattn/go-sqlite3": true,
}

// sqlAllowed lists the directories (relative to the repository) whose
// non-test files may import sqlImports: package data owns the schema, and
// data/dbtest is test support (it damages and inspects database files, and
// starts the throwaway PostgreSQL cluster); data/storetest is test support
// too (a fresh store of either kind, and a raw look into it).
var sqlAllowed = map[string]bool{"data": true, "data/dbtest": true, "data/storetest": true}

// driverAllowed lists the directories that may import database/sql/driver
// for a value type's Scanner and Valuer.
var driverAllowed = map[string]bool{"data": true, "data/score": true}

// TestSQLStaysInData walks the repository's Go files (tests excluded) and
// fails when a package other than data (and its test support dbtest)
// imports database/sql, sqlx or the SQLite driver: the store's schema stays
// inside the store.
func TestSQLStaysInData(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bad := layeringViolations(t, root)
	for _, b := range bad {
		t.Error(b)
	}
}

func layeringViolations(t *testing.T, root string) []string {
	var bad []string
	fset := token.NewFileSet()
	seen := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (strings.HasPrefix(n, ".") || n == "testdata" || n == "vendor" || n == "dist") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		seen++
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			switch {
			case sqlImports[p] && !sqlAllowed[rel]:
				bad = append(bad, filepath.ToSlash(path[len(root)+1:])+" imports "+p+": only package data reaches the database")
			case p == "database/sql/driver" && !driverAllowed[rel]:
				bad = append(bad, filepath.ToSlash(path[len(root)+1:])+" imports "+p+": only data and data/score define database values")
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 50 {
		t.Fatalf("walked only %d Go files under %s: not the repository", seen, root)
	}
	return bad
}

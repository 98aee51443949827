package main

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// packageImports reads every non-test Go file under the module and returns,
// per package folder (slash-separated, "." for the root), the import paths.
func packageImports(t *testing.T) map[string]map[string]bool {
	t.Helper()
	out := map[string]map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || path == "dist") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		if out[dir] == nil {
			out[dir] = map[string]bool{}
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[dir][p] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// under reports whether dir is folder or inside it.
func under(dir, folder string) bool { return dir == folder || strings.HasPrefix(dir, folder+"/") }

// forbidden says why package dir may not import path ("" when it may).
func forbidden(dir, path string) string {
	local := strings.TrimPrefix(path, "jiayuan/")
	isLocal := local != path
	screens := []string{"ui/records", "ui/rounds", "ui/admin", "ui/help", "ui/reporting"}
	switch {
	case under(dir, "data") && isLocal && (under(local, "ui") || under(local, "reports")):
		return "data must not import the window or reports"
	case under(dir, "reports") && isLocal && under(local, "data"):
		return "reports must not touch the data layer"
	case under(dir, "reports") && strings.HasPrefix(path, "fyne.io/"):
		return "reports must not import Fyne"
	case !under(dir, "data") && (path == "database/sql" || strings.HasPrefix(path, "github.com/jmoiron/sqlx") || strings.HasPrefix(path, "github.com/mattn/go-sqlite3")):
		return "only data talks to the database"
	}
	for _, s := range screens {
		for _, o := range screens {
			if under(dir, s) && o != s && isLocal && under(local, o) {
				return "a screen package must not import another screen package"
			}
		}
		if (under(dir, "ui/widgets") || under(dir, "ui/theme") || under(dir, "ui/shell")) && isLocal && under(local, s) {
			return "shared window packages must not import a screen package"
		}
	}
	if (under(dir, "ui/widgets") || under(dir, "ui/theme") || under(dir, "ui/shell")) && path == "jiayuan/ui" {
		return "shared window packages must not import the shell"
	}
	if under(dir, "ui/") && dir != "ui" && path == "jiayuan/ui" {
		return "no package under ui imports the shell"
	}
	return ""
}

func TestLayering(t *testing.T) {
	imports := packageImports(t)
	if len(imports["ui"]) == 0 || len(imports["data"]) == 0 {
		t.Fatalf("the tree was not read: %d packages", len(imports))
	}
	for dir, paths := range imports {
		for p := range paths {
			if why := forbidden(dir, p); why != "" {
				t.Errorf("%s imports %s: %s", dir, p, why)
			}
		}
	}
}

// TestForbiddenArrows checks the rule table itself on arrows that must fail.
func TestForbiddenArrows(t *testing.T) {
	bad := [][2]string{
		{"data", "jiayuan/ui"}, {"data/exchange", "jiayuan/reports"}, {"reports", "jiayuan/data"},
		{"reports", "fyne.io/fyne/v2"}, {"ui", "database/sql"}, {"ui/cli", "github.com/jmoiron/sqlx"},
		{"ui/records", "github.com/mattn/go-sqlite3"}, {"ui/records", "jiayuan/ui/rounds"},
		{"ui/admin", "jiayuan/ui/records"}, {"ui/widgets", "jiayuan/ui/admin"}, {"ui/theme", "jiayuan/ui"},
		{"ui/shell", "jiayuan/ui/rounds"},
	}
	for _, b := range bad {
		if forbidden(b[0], b[1]) == "" {
			t.Errorf("%s -> %s passes the layering rules", b[0], b[1])
		}
	}
	for _, ok := range [][2]string{{"data/sheet", "jiayuan/data"}, {"ui", "jiayuan/ui/rounds"}, {"ui/rounds", "jiayuan/ui/shell"}, {"data", "database/sql"}} {
		if why := forbidden(ok[0], ok[1]); why != "" {
			t.Errorf("%s -> %s refused: %s", ok[0], ok[1], why)
		}
	}
}

// TestWindowPackagesStaySmall fails when a package of the window (under ui/)
// has more than 2,500 lines outside its tests.
func TestWindowPackagesStaySmall(t *testing.T) {
	const limit = 2500
	lines := map[string]int{}
	err := filepath.WalkDir("ui", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		n := 0
		for sc.Scan() {
			n++
		}
		lines[filepath.ToSlash(filepath.Dir(path))] += n
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if lines["ui"] == 0 {
		t.Fatal("no lines read under ui")
	}
	for dir, n := range lines {
		if n > limit {
			t.Errorf("%s has %d lines outside its tests, more than %d: split it", dir, n, limit)
		}
	}
}

// tableData are functions that are one literal table of data (the demo
// records), where length is the data's, not the logic's.
var tableData = map[string]bool{"data/demo.go:demoRecords": true}

// TestFunctionsStayShort fails when a function outside tests is longer than
// 100 lines: split it by what it does, with names that say it.
func TestFunctionsStayShort(t *testing.T) {
	const limit = 100
	fset := token.NewFileSet()
	seen := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || path == "dist") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			seen++
			n := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
			if n > limit && !tableData[filepath.ToSlash(path)+":"+fn.Name.Name] {
				t.Errorf("%s: %s is %d lines, more than %d", path, fn.Name.Name, n, limit)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 100 {
		t.Fatalf("only %d functions read: the tree was not walked", seen)
	}
}

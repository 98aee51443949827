package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiayuan/data"
	"jiayuan/data/dbtest"
)

// An index that no longer matches its table: check finds it and names the
// way out, backup refuses and keeps the bad file aside, backups marks it,
// repair rebuilds the indexes, and afterwards all is well.
func TestRepairJobRebuildsBrokenIndex(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	if err := dbtest.BreakIndex(filepath.Join(dir, data.DBFile), "compounds_community"); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runJob(t, dir, "check", "-quick"); code != 0 {
		t.Fatalf("the quick check was to miss the broken index: %d %q %q", code, stdout, stderr)
	}
	code, _, stderr := runJob(t, dir, "check")
	if code != 1 || !strings.Contains(stderr, "compounds_community") || !strings.Contains(stderr, "jiayuan repair") {
		t.Errorf("check: %d %q", code, stderr)
	}
	file := filepath.Join(t.TempDir(), "备份.jyb")
	code, _, stderr = runJob(t, dir, "backup", file)
	if code != 1 || !strings.Contains(stderr, "failed-manual-") || !strings.Contains(stderr, "jiayuan repair") {
		t.Errorf("backup: %d %q", code, stderr)
	}
	if _, err := os.Stat(file); err == nil {
		t.Error("backup wrote a file that fails the check")
	}
	if code, stdout, _ := runJob(t, dir, "backups"); code != 0 || !strings.Contains(stdout, "未通过完整检查") || strings.HasSuffix(strings.TrimSpace(stdout), "  完好") {
		t.Errorf("backups: %d %q", code, stdout)
	}

	code, stdout, stderr := runJob(t, dir, "repair")
	if code != 0 || !strings.Contains(stdout, "已重建「小区」的索引（索引名 compounds_community）") {
		t.Fatalf("repair: %d %q %q", code, stdout, stderr)
	}
	if code, stdout, stderr := runJob(t, dir, "check"); code != 0 || !strings.Contains(stdout, "完好") {
		t.Errorf("check after repair: %d %q %q", code, stdout, stderr)
	}
	if code, stdout, _ := runJob(t, dir, "repair"); code != 0 || !strings.Contains(stdout, "无需修复") {
		t.Errorf("repair of a sound database: %d %q", code, stdout)
	}
	if code, _, stderr := runJob(t, dir, "backup", file); code != 0 {
		t.Errorf("backup after repair: %d %q", code, stderr)
	}
}

// Damage rebuilding the indexes cannot mend is refused with the way to a
// backup, and the database is left as it was.
func TestRepairJobPointsToRestore(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	db := filepath.Join(dir, data.DBFile)
	if err := dbtest.DuplicateUnder(db, "round_categories_name", 1); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(db)
	code, _, stderr := runJob(t, dir, "repair")
	if code != 1 || !strings.Contains(stderr, "jiayuan restore") || strings.Contains(stderr, "UNIQUE") {
		t.Errorf("repair: %d %q", code, stderr)
	}
	if code, _, stderr := runJob(t, dir, "check"); code != 1 || !strings.Contains(stderr, "round_categories_name") {
		t.Errorf("check after the refused repair: %d %q", code, stderr)
	}
	after, _ := os.ReadFile(db)
	if string(after) != string(before) {
		t.Error("a refused repair changed the database file")
	}
}

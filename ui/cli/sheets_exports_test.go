package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestListExportJobs(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	_, rounds, _ := runJob(t, dir, "rounds")
	round := strings.Fields(rounds)[0]
	for _, c := range []struct {
		args  []string
		sheet string
		rows  int // at least
	}{
		{[]string{"overview"}, "各社区概况", 3},
		{[]string{"audit", "-by", "测试员", "-from", "2000-01-01"}, "操作记录", 2},
		{[]string{"objections", round}, "异议登记", 1},
		{[]string{"recycle"}, "回收站", 1},
	} {
		file := filepath.Join(files, c.args[0]+".xlsx")
		code, stdout, stderr := runJob(t, dir, append(append([]string{"export"}, c.args...), file)...)
		if code != 0 || !strings.Contains(stdout, "已导出") {
			t.Fatalf("export %v: %d %q %q", c.args, code, stdout, stderr)
		}
		f, err := excelize.OpenFile(file)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(c.sheet)
		f.Close()
		if err != nil || len(rows) < c.rows {
			t.Errorf("export %v: sheet %s has %d rows (%v)", c.args, c.sheet, len(rows), err)
		}
	}
	if code, _, stderr := runJob(t, dir, "export", "audit", "-from", "昨天", filepath.Join(files, "a.xlsx")); code != 2 ||
		!strings.Contains(stderr, "-from") {
		t.Errorf("a bad -from: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runJob(t, dir, "export", "overview", filepath.Join(dir, "in-data.xlsx")); code == 0 {
		t.Errorf("export overview into the data folder was allowed: %q", stderr)
	}
}

func TestImportJobReadsCSV(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	file := filepath.Join(files, "社区.csv")
	if err := os.WriteFile(file, []byte("\xEF\xBB\xBF社区名称,户数\r\n新华社区,约500\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runJob(t, dir, "import", "communities", file)
	if code != 0 || !strings.Contains(stdout, "新增 1 条") {
		t.Fatalf("import .csv: %d %q %q", code, stdout, stderr)
	}
	if n := countCommunities(t, dir); n != 1 {
		t.Errorf("%d communities after importing one", n)
	}
}

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiayuan/data/dbtest"
)

func runOn(t *testing.T, server, dir, stdin string, args ...string) (int, string, string) {
	t.Helper()
	passwordInput = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	code := RunOn(server, dir, "测试员", "test", args, &out, &errb)
	return code, out.String(), errb.String()
}

// The office's IT prepares a server, the clerk's folder is copied up, a
// second PC's folder is copied down from it, and the three give the same
// exports; accounts are added and listed from the command line.
func TestServerStoreCopyRoundTrip(t *testing.T) {
	c, db := dbtest.ServerDatabase(t)
	a, b, local, files := t.TempDir(), filepath.Join(t.TempDir(), "新电脑"), t.TempDir(), t.TempDir()
	if code, _, stderr := runJob(t, a, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	code, stdout, stderr := runOn(t, "", local, "管理员口令\n", "server", "init", c.URL(db, ""), "-account", "王管理")
	if code != 0 || !strings.Contains(stdout, "王管理") {
		t.Fatalf("server init: %d %q %q", code, stdout, stderr)
	}
	admin := c.URL(db, "王管理")
	if code, stdout, stderr := runOn(t, "", local, "", "store", "copy", a, admin); code != 0 || !strings.Contains(stdout, "核对一致") {
		t.Fatalf("copy up: %d %q %q", code, stdout, stderr)
	}
	if code, _, stderr := runOn(t, "", local, "", "store", "copy", a, admin); code == 0 || !strings.Contains(stderr, "已有数据") {
		t.Fatalf("copy into a non-empty server: %d %q", code, stderr)
	}
	if code, stdout, stderr := runOn(t, "", local, "", "store", "copy", admin, b); code != 0 || !strings.Contains(stdout, "核对一致") {
		t.Fatalf("copy down: %d %q %q", code, stdout, stderr)
	}
	for _, what := range []string{"communities", "compounds", "orgs", "overview"} {
		fa, fs, fb := filepath.Join(files, what+"-a.xlsx"), filepath.Join(files, what+"-s.xlsx"), filepath.Join(files, what+"-b.xlsx")
		if code, _, stderr := runJob(t, a, "export", what, fa); code != 0 {
			t.Fatalf("export %s from the folder: %s", what, stderr)
		}
		if code, _, stderr := runOn(t, admin, local, "", "export", what, fs); code != 0 {
			t.Fatalf("export %s from the server: %s", what, stderr)
		}
		if code, _, stderr := runJob(t, b, "export", what, fb); code != 0 {
			t.Fatalf("export %s from the copy: %s", what, stderr)
		}
		ra, rs, rb := cells(t, fa), cells(t, fs), cells(t, fb)
		if ra == "" || ra != rs || ra != rb {
			t.Fatalf("%s exports differ:\nfolder %.300s\nserver %.300s\ncopy   %.300s", what, ra, rs, rb)
		}
	}
	// A backup of the server, a change, and the backup restored over it.
	jyb := filepath.Join(files, "服务器备份.jyb")
	if code, stdout, stderr := runOn(t, admin, local, "", "backup", jyb); code != 0 || !strings.Contains(stdout, "已备份") {
		t.Fatalf("backup of the server: %d %q %q", code, stdout, stderr)
	}
	if code, _, stderr := runOn(t, admin, local, "", "import", "communities", writeCSV(t, files)); code != 0 {
		t.Fatalf("import on the server: %s", stderr)
	}
	if code, stdout, stderr := runOn(t, admin, local, "", "restore", jyb); code != 0 || !strings.Contains(stdout, "已从") {
		t.Fatalf("restore on the server: %d %q %q", code, stdout, stderr)
	}
	fr, fa := filepath.Join(files, "restored.xlsx"), filepath.Join(files, "again-a.xlsx")
	runOn(t, admin, local, "", "export", "communities", fr)
	runJob(t, a, "export", "communities", fa)
	if cells(t, fr) != cells(t, fa) {
		t.Fatal("the server after restoring its backup differs from the folder it came from")
	}
	if code, stdout, stderr := runOn(t, admin, local, "pw\n", "account", "add", "张三", "-role", "查看"); code != 0 || !strings.Contains(stdout, "张三") {
		t.Fatalf("account add: %d %q %q", code, stdout, stderr)
	}
	if code, stdout, _ := runOn(t, admin, local, "", "account", "list"); code != 0 || !strings.Contains(stdout, "张三\t查看") || !strings.Contains(stdout, "王管理\t管理") {
		t.Fatalf("account list: %q", stdout)
	}
	if code, _, stderr := runOn(t, c.URL(db, "张三"), local, "", "import", "communities", writeCSV(t, files)); code == 0 || !strings.Contains(stderr, "没有权限") {
		t.Fatalf("a read-only account imported: %d %q", code, stderr)
	}
	if code, _, stderr := runOn(t, "", local, "", "account", "list"); code != 2 || !strings.Contains(stderr, "-db") {
		t.Fatalf("account without -db: %d %q", code, stderr)
	}
}

func writeCSV(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "社区.csv")
	if err := os.WriteFile(p, []byte("社区名称,户数\r\n新华社区,500\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// cells is every sheet's cells of an .xlsx, for comparing two exports.
func cells(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(sh + "\n")
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}

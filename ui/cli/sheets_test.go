package cli

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

func runJob(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(dir, "测试员", "test", args, &out, &errb)
	return code, out.String(), errb.String()
}

func countCommunities(t *testing.T, dir string) int {
	t.Helper()
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs, err := st.Communities()
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}

func TestSheetJobs(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	for _, kind := range []string{"communities", "compounds", "orgs"} {
		file := filepath.Join(files, kind+".xlsx")
		code, stdout, stderr := runJob(t, dir, "export", kind, file)
		if code != 0 || !strings.Contains(stdout, "已导出") {
			t.Fatalf("export %s: %d %q %q", kind, code, stdout, stderr)
		}
		n := regexp.MustCompile(`已导出 (\d+) 条`).FindStringSubmatch(stdout)
		code, stdout, stderr = runJob(t, dir, "import", kind, file)
		if code != 0 || stderr != "" {
			t.Fatalf("import %s: %d %q %q", kind, code, stdout, stderr)
		}
		if want := "新增 0 条，修改 0 条，未变 " + n[1] + " 条"; !strings.Contains(stdout, want) ||
			!regexp.MustCompile(`用时：读取 [\d.]+ 秒，检查 [\d.]+ 秒，写入 [\d.]+ 秒`).MatchString(stdout) {
			t.Errorf("import %s: %q, want %q and the timings", kind, stdout, want)
		}
	}
}

func TestImportJobRefusesBadFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(t.TempDir(), "c.xlsx")
	if code, stdout, stderr := runJob(t, "", "template", "communities", file); code != 0 || !strings.Contains(stdout, "模板") {
		t.Fatalf("template: %d %q %q", code, stdout, stderr)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for ref, v := range map[string]any{"A2": "龙河社区", "C2": "2015.13", "A3": "滨江社区", "B3": "51011", "Z1": "备用列"} {
		if err := f.SetCellValue("社区", ref, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, stdout, stderr := runJob(t, dir, "import", "communities", file)
	if code != 1 || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	for _, want := range []string{
		"第 2 行“成立时间”列“2015.13”：月份 13 不存在",
		"第 3 行“区划代码”列“51011”：应为 12 位数字",
		"有 2 处问题，没有导入任何数据",
		"已忽略：备用列",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
		t.Errorf("stack trace on stderr: %s", stderr)
	}
	if n := countCommunities(t, dir); n != 0 {
		t.Errorf("store changed: %d communities", n)
	}
}

func TestSheetJobUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"import", "people", "x.xlsx"}, 2, "没有“people”这种名单"},
		{[]string{"import", "compounds", "x.et"}, 2, "另存为 .xlsx"},
		{[]string{"import", "compounds", "x.ods"}, 2, ".xlsx"},
		{[]string{"import", "compounds", filepath.Join(dir, "missing.csv")}, 1, "无法读取"},
		{[]string{"export", "compounds"}, 2, "两个参数"},
		{[]string{"template", "orgs"}, 2, "两个参数"},
		{[]string{"import", "compounds", filepath.Join(dir, "missing.xlsx")}, 1, "无法读取"},
	} {
		code, _, stderr := runJob(t, dir, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, stderr)
		}
	}
}

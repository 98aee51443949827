package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A name no print font can draw is imported (exit 0) and warned about at once
// on stderr, naming the record and the character; printable names are not.
func TestImportWarnsUnprintable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(t.TempDir(), "c.xlsx")
	if code, _, stderr := runJob(t, "", "template", "communities", file); code != 0 {
		t.Fatalf("template: %s", stderr)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for ref, v := range map[string]any{"A2": "滨江社区", "A3": "南湖𠀀社区", "A4": "堃园\uE000社区"} {
		if err := f.SetCellValue("社区", ref, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, stdout, stderr := runJob(t, dir, "import", "communities", file)
	if code != 0 || !strings.Contains(stdout, "新增 3 条") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	for _, want := range []string{"南湖𠀀社区", "“𠀀”(U+20000)", "堃园\uE000社区", "(U+E000)", "设置—打印"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "滨江") || strings.Contains(stderr, "“堃”") {
		t.Errorf("stderr warns about printable text:\n%s", stderr)
	}
	if n := countCommunities(t, dir); n != 3 {
		t.Errorf("%d communities saved, want 3", n)
	}
}

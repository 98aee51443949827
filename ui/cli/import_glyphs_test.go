package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
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

// An exchange import warns at once on stderr about the records it wrote whose
// names will not print (exit 0, the records saved), and only about those: a
// record here that the file does not bring is not named.
func TestExchangeImportWarnsUnprintable(t *testing.T) {
	office, comm, files := t.TempDir(), t.TempDir(), t.TempDir()
	st, err := data.Open(office)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"滨江社区", "南湖𠀀社区", "堃园\uE000社区"} {
		if err := st.SaveCommunity(&data.Community{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	st, err = data.Open(comm)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveCommunity(&data.Community{Name: "本地\uE001社区"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	file := filepath.Join(files, "全部.jyx")
	if code, _, stderr := runJob(t, office, "exchange", "export", file); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	code, stdout, stderr := runJob(t, comm, "exchange", "import", file)
	if code != 0 || !strings.Contains(stdout, "已导入") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	for _, want := range []string{"2 条导入的记录", "社区“南湖𠀀社区”", "“𠀀”(U+20000)", "社区“堃园\uE000社区”", "(U+E000)", "设置—打印"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "滨江") || strings.Contains(stderr, "“堃”") || strings.Contains(stderr, "本地") {
		t.Errorf("stderr warns about printable or untouched records:\n%s", stderr)
	}
	if n := countCommunities(t, comm); n != 4 {
		t.Errorf("%d communities, want 4", n)
	}
}

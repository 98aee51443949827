package cli

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

// yearly take/list/delete and stats -compare: the comparison file shows the
// compound added after the snapshot; the PDF report reads back.
func TestStatsAndYearlyJobs(t *testing.T) {
	dir, _ := demoStore(t)
	out := t.TempDir()
	if code, stdout, stderr := runJob(t, dir, "yearly", "take", "去年"); code != 0 || !strings.Contains(stdout, "去年") {
		t.Fatalf("take: %d %s %s", code, stdout, stderr)
	}
	if code, _, stderr := runJob(t, dir, "yearly", "take", "去年"); code != 1 || !strings.Contains(stderr, "已经有名为“去年”") {
		t.Errorf("duplicate take: %d %s", code, stderr)
	}
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	cs, _ := st.Communities()
	if err := st.SaveCompound(&data.Compound{CommunityID: cs[0].ID, Name: "新建小区"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	cmp := filepath.Join(out, "对比.xlsx")
	if code, _, stderr := runJob(t, dir, "stats", "-compare", "去年", cmp); code != 0 {
		t.Fatalf("stats -compare: %s", stderr)
	}
	f, err := excelize.OpenFile(cmp)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("年度对比", excelize.Options{RawCellValue: true})
	f.Close()
	var found bool
	for _, r := range rows {
		if len(r) == 5 && r[0] == "合计" && r[1] == "小区数" && r[4] == "1" {
			found = true
		}
	}
	if !found {
		t.Errorf("合计 小区数 +1 missing: %v", rows[:4])
	}
	pdf := filepath.Join(out, "报表.pdf")
	if code, _, stderr := runJob(t, dir, "stats", "-yearly", "去年", pdf); code != 0 {
		t.Fatalf("stats pdf: %s", stderr)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
		if err != nil || !strings.Contains(string(txt), "统计报表") || !strings.Contains(string(txt), "年度快照“去年”") {
			t.Errorf("pdftotext: %v\n%s", err, txt)
		}
	}
	if code, _, stderr := runJob(t, dir, "stats", "-yearly", "没有的快照", filepath.Join(out, "x.xlsx")); code != 1 || !strings.Contains(stderr, "没有名为“没有的快照”的年度快照") {
		t.Errorf("missing snapshot: %d %s", code, stderr)
	}
	if code, _, _ := runJob(t, dir, "stats", filepath.Join(out, "x.txt")); code != 2 {
		t.Errorf("wrong extension: exit %d, want 2", code)
	}
	if code, _, stderr := runJob(t, dir, "yearly", "delete", "去年"); code != 0 {
		t.Fatalf("delete: %s", stderr)
	}
	if _, stdout, _ := runJob(t, dir, "yearly", "list"); !strings.Contains(stdout, "还没有年度快照") {
		t.Errorf("list after delete: %s", stdout)
	}
}

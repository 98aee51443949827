package documents

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"jiayuan/data"
	"jiayuan/reports"
)

// Every printed list stays inside its margins (16 mm) whatever its data: each of
// the three rosters is printed with long values in every column, and the right
// edge of every ruled cell and every word is read back from the PDF.
func TestListsInsideMargins(t *testing.T) {
	for _, tool := range []string{"pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: install poppler-utils and qpdf", tool)
		}
	}
	st := demo(t)
	long := []string{
		"华阳街道天府大道南段一千二百三十四号滨江国际社区综合服务中心（演示地址很长很长）",
		"028-85611001-85611002-85611003",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij",
		"党建引领红领社企共同体三线三联五步工作法十二个字",
	}
	// The data as it is (the roster that ran to 291 mm), long values in every
	// column, and long values in every other column beside short ones.
	fills := map[string]func(i, j int) bool{
		"demo": func(i, j int) bool { return false },
		"long": func(i, j int) bool { return true },
		"mix":  func(i, j int) bool { return j%2 == 1 },
	}
	for _, kind := range Kinds {
		for name, fill := range fills {
			t.Run(kind+"/"+name, func(t *testing.T) { listInsideMargins(t, st, kind, fill, long) })
		}
	}
}

func listInsideMargins(t *testing.T, st *data.Store, kind string, fill func(i, j int) bool, long []string) {
	tb, err := RecordsTable(st, kind)
	if err != nil {
		t.Fatal(err)
	}
	for i := range tb.Rows {
		for j := range tb.Rows[i].Cells {
			if fill(i, j) {
				tb.Rows[i].Cells[j] = long[(i+j)%len(long)] + strconv.Itoa(j)
			}
		}
	}
	var buf bytes.Buffer
	if err := reports.RecordList(&buf, tb, nil); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "list.pdf")
	if err := os.WriteFile(pdf, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	right := 297.0 - 16
	out, err := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`xMax="([\d.]+)"[^>]*>([^<]*)<`).FindAllStringSubmatch(string(out), -1) {
		if x, _ := strconv.ParseFloat(m[1], 64); x*25.4/72 > right+0.3 {
			t.Errorf("“%s” ends at %.1f mm, past the margin at %.1f", m[2], x*25.4/72, right)
		}
	}
	qdf := filepath.Join(dir, "q.pdf")
	if out, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", pdf, qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, out)
	}
	raw, _ := os.ReadFile(qdf)
	n := 0
	for _, m := range regexp.MustCompile(`([\d.]+) [\d.-]+ ([\d.]+) [\d.-]+ re`).FindAllStringSubmatch(string(raw), -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		w, _ := strconv.ParseFloat(m[2], 64)
		n++
		if (x+w)*25.4/72 > right+0.1 {
			t.Fatalf("a cell ends at %.1f mm, past the margin at %.1f", (x+w)*25.4/72, right)
		}
	}
	if n == 0 || !strings.Contains(string(out), "xMax") {
		t.Fatal("no cells or words read back")
	}
}

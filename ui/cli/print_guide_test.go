package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"jiayuan/ui/documents"
	"jiayuan/ui/guide"
)

// `jiayuan print guide F.pdf` prints the built-in guide without a data
// folder: every chapter title, a sample of headings and paragraphs, and every
// shortcut of the window's table come back from the PDF.
func TestPrintGuide(t *testing.T) {
	out := filepath.Join(t.TempDir(), "guide.pdf")
	if code, _, stderr := runJob(t, "", "print", "guide", out); code != 0 {
		t.Fatalf("print guide: exit %d: %s", code, stderr)
	}
	text := pdfText(t, out)
	want := []string{documents.GuideTitle, "红头纸", "逾期受理", "14万余", "文件较旧，未采用"}
	for _, s := range guide.Sections() {
		want = append(want, s.Title)
		for _, b := range s.Blocks {
			if b.Kind == guide.Heading {
				want = append(want, b.Text)
			}
		}
	}
	for _, k := range guide.Keys {
		want = append(want, k.Keys()+"："+k.Label)
	}
	for _, w := range want {
		if !strings.Contains(text, strings.Join(strings.Fields(w), "")) {
			t.Errorf("the printed guide lacks %q", w)
		}
	}
	if pdfPages(t, out) < len(guide.Sections()) {
		t.Errorf("%d pages for %d chapters (each starts a page)", pdfPages(t, out), len(guide.Sections()))
	}
	if code, _, stderr := runJob(t, "", "print", "guide"); code != 2 || !strings.Contains(stderr, "一个参数") {
		t.Errorf("print guide without a file: exit %d %q", code, stderr)
	}
}

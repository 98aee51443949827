package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"jiayuan/data"
)

// A roster with a name the role font lacks but the fallback has prints, and
// the job tells on stderr which characters came from the fallback font.
func TestPrintTellsFallbackChars(t *testing.T) {
	dir, _ := demoStore(t)
	out := t.TempDir()
	file := filepath.Join(out, "before.pdf")
	code, _, stderr := runJob(t, dir, "print", "compounds", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stderr, "堃") {
		t.Fatalf("a fallback 堃 told before there is one: %q", stderr)
	}
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	comms, _ := st.Communities()
	cp := data.Compound{CommunityID: comms[0].ID, Name: "堃园小区", Kind: "商品房"}
	if err := st.SaveCompound(&cp); err != nil {
		t.Fatal(err)
	}
	st.Close()
	file = filepath.Join(out, "compounds.pdf")
	code, stdout, stderr := runJob(t, dir, "print", "compounds", file)
	if code != 0 || !strings.Contains(stdout, "已生成") {
		t.Fatalf("exit %d: %q %q", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "以下字由备用字体印出：") || !strings.Contains(stderr, "堃（堃园小区，小区“堃园小区”") {
		t.Errorf("stderr %q does not tell the fallback 堃 and its record", stderr)
	}
	if !strings.Contains(pdfText(t, file), "堃园小区") {
		t.Error("the name is not in the PDF")
	}
}

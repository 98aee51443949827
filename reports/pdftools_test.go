package reports

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// These tests read the PDFs back with poppler-utils and qpdf (the Makefile installs them).

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is missing: install poppler-utils and qpdf (apt-get install -y poppler-utils qpdf; `make` does it)", name)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// writePDF runs gen into a file in a temporary folder and returns its path.
func writePDF(t *testing.T, gen func(w io.Writer) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := gen(&buf); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("REPORTS_KEEP") != "" { // REPORTS_KEEP=DIR keeps the PDFs to look at
		_ = os.WriteFile(filepath.Join(os.Getenv("REPORTS_KEEP"), strings.ReplaceAll(t.Name(), "/", "_")+".pdf"), buf.Bytes(), 0o644)
	}
	return p
}

// checkPDF runs qpdf --check and pdffonts: a clean file with every font embedded.
func checkPDF(t *testing.T, path string) {
	t.Helper()
	out := tool(t, "qpdf", "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	fonts := strings.Split(strings.TrimSpace(tool(t, "pdffonts", path)), "\n")
	if len(fonts) < 3 {
		t.Fatalf("no fonts in the PDF:\n%s", strings.Join(fonts, "\n"))
	}
	for _, ln := range fonts[2:] {
		f := strings.Fields(ln)
		// name type... encoding emb sub uni id gen: emb is the 5th from the end.
		if len(f) < 6 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", ln)
		}
	}
}

type pdfInfo struct {
	pages int
	w, h  float64 // points
}

func info(t *testing.T, path string) pdfInfo {
	t.Helper()
	out := tool(t, "pdfinfo", path)
	var pi pdfInfo
	if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(out); m != nil {
		pi.pages, _ = strconv.Atoi(m[1])
	}
	if m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindStringSubmatch(out); m != nil {
		pi.w, _ = strconv.ParseFloat(m[1], 64)
		pi.h, _ = strconv.ParseFloat(m[2], 64)
	}
	return pi
}

// pageText is pdftotext of one page (0 = all), whitespace removed.
func pageText(t *testing.T, path string, page int) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if page > 0 {
		p := strconv.Itoa(page)
		args = append(args, "-f", p, "-l", p)
	}
	return strip(tool(t, "pdftotext", append(args, path, "-")...))
}

type word struct {
	page                   int
	xMin, yMin, xMax, yMax float64 // mm
	text                   string
}

var wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// words reads every word's box from pdftotext -bbox, in millimetres.
func words(t *testing.T, path string) []word {
	t.Helper()
	out := tool(t, "pdftotext", "-bbox", "-enc", "UTF-8", path, "-")
	var ws []word
	page := 0
	for _, ln := range strings.Split(out, "\n") {
		if strings.Contains(ln, "<page ") {
			page++
		}
		m := wordRE.FindStringSubmatch(ln)
		if m == nil {
			continue
		}
		var v [4]float64
		for i := range v {
			f, _ := strconv.ParseFloat(m[i+1], 64)
			v[i] = f * 25.4 / 72
		}
		ws = append(ws, word{page, v[0], v[1], v[2], v[3], m[5]})
	}
	return ws
}

func near(a, b, tol float64) bool { return a-b <= tol && b-a <= tol }

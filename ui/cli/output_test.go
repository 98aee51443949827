package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A job that writes a file the clerk names never writes into the data
// folder's attachments, where a PDF or a sheet would replace an attachment.
func TestJobsRefuseToWriteIntoTheAttachmentsFolder(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	att := filepath.Join(dir, "attachments")
	if err := os.MkdirAll(att, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"print", "communities", filepath.Join(att, "x.pdf")},
		{"print", "notice", "1", filepath.Join(att, "x.pdf")},
		{"export", "compounds", filepath.Join(att, "x.xlsx")},
		{"export", "round", "1", filepath.Join(att, "x.xlsx")},
	} {
		code, _, stderr := runJob(t, dir, args...)
		if code != 1 || !strings.Contains(stderr, "附件目录") {
			t.Errorf("%v: exit %d, stderr %q; want a refusal naming the attachments folder", args, code, stderr)
		}
		if entries, _ := os.ReadDir(att); len(entries) != 0 {
			t.Fatalf("%v wrote into the attachments folder: %v", args, entries)
		}
	}
}

package data

import (
	"archive/zip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file where the data folder should be is named once in the message, not
// as “X/jiayuan.db：X/jiayuan.db：不是文件夹”.
func TestCheckOnAFileNamesThePathOnce(t *testing.T) {
	file := filepath.Join(t.TempDir(), "notice.pdf")
	if err := os.WriteFile(file, []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Check(file)
	if err == nil {
		t.Fatal("checked")
	}
	msg := Explain(err)
	if strings.Count(msg, file) != 1 || strings.Contains(msg, "not a directory") {
		t.Errorf("%q", msg)
	}
}

// A zip that is not a 家园 backup (an .xlsx renamed .jyb) is called that,
// without naming our manifest.json.
func TestZipWithoutManifestIsNotABackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "名单.jyb")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, _ := zw.Create("xl/workbook.xml")
	w.Write([]byte("<workbook/>"))
	zw.Close()
	f.Close()
	_, err = VerifyBackup(path)
	if err == nil || !errors.Is(err, ErrBadArchive) {
		t.Fatalf("%v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "名单.jyb 不是家园的备份文件（") || strings.Contains(msg, "manifest") {
		t.Errorf("%q", msg)
	}
}

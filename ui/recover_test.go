package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/internal/uitest"
)

// within, hasText and eventually are uitest's, under the names these tests use.
func within(o fyne.CanvasObject) []string           { return uitest.Within(o) }
func hasText(o fyne.CanvasObject, want string) bool { return uitest.HasText(o, want) }
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	uitest.Eventually(t, what, cond)
}

func TestRecoverRestoresNewestBackupAndKeepsDamagedFile(t *testing.T) {
	dir := t.TempDir()
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := data.LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AutoBackup(); err != nil {
		t.Fatal(err)
	}
	st.Close()
	path := filepath.Join(dir, data.DBFile)
	damaged := []byte(strings.Repeat("这不是数据库", 500))
	os.WriteFile(path, damaged, 0o644)
	_, openErr := data.OpenChecked(dir)
	if _, ok := data.IsDamaged(openErr); !ok {
		t.Fatalf("OpenChecked: %v", openErr)
	}

	fa := test.NewTempApp(t)
	w := Recover(fa, dir, openErr)
	w.Show()
	if !hasText(w.Content(), "数据库文件已损坏") {
		t.Errorf("recovery window does not say the file is damaged: %v", within(w.Content()))
	}
	var restore *widget.Button
	eventually(t, "newest backup offered", func() bool {
		walk(w.Content(), func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == "用这份备份恢复" && !b.Disabled() {
				restore = b
			}
		})
		return restore != nil
	})
	if !hasText(w.Content(), "最新的完好备份") {
		t.Error("backup not described")
	}
	existing := map[fyne.Window]bool{}
	for _, win := range fa.Driver().AllWindows() {
		existing[win] = true
	}
	test.Tap(restore)
	kept := func() bool {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.IsDir() && strings.HasPrefix(e.Name(), "damaged-") {
				b, _ := os.ReadFile(filepath.Join(dir, e.Name(), data.DBFile))
				return string(b) == string(damaged)
			}
		}
		return false
	}
	eventually(t, "damaged file kept aside unchanged", kept)
	eventually(t, "main window opened on the recovered data", func() bool {
		for _, win := range fa.Driver().AllWindows() {
			if !existing[win] && strings.HasPrefix(win.Title(), "家园") {
				return true
			}
		}
		return false
	})
	if err := data.CheckFull(dir); err != nil {
		t.Errorf("recovered store: %v", err)
	}
}

package admin

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/internal/uitest"
)

// A manual backup of a damaged database is kept aside: the window says so,
// lists it as failing the check and does not offer to restore it.
func TestBackupPanelShowsKeptAsideBackup(t *testing.T) {
	st := uitest.DamagedDemoStore(t, uitest.BrokenIndex)
	a := newTestApp(t, st)
	_, err := st.BackupTo(filepath.Join(t.TempDir(), "b.jyb"))
	var failed *data.BackupCheckError
	if !errors.As(err, &failed) {
		t.Fatalf("BackupTo: %v", err)
	}
	p := backupPanel(a)
	var list *widget.List
	var restore *widget.Button
	walk(p, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.List:
			list = w
		case *widget.Button:
			if w.Text == "恢复所选备份…" {
				restore = w
			}
		}
	})
	if list == nil || list.Length() != 1 || restore == nil {
		t.Fatalf("list %v, restore button %v", list, restore)
	}
	list.Select(0)
	if !restore.Disabled() {
		t.Error("restoring the failed backup is offered")
	}
	bs, _ := data.ListBackups(st.Dir())
	line := backupLine(bs[0])
	if !strings.Contains(line, filepath.Base(failed.Kept)) {
		t.Errorf("the line does not name the file: %q", line)
	}
	if !strings.Contains(line, "未通过完整检查，不能用来恢复") {
		t.Errorf("the failed backup is listed as %q", line)
	}
}

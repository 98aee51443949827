package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// The window names the data a restore set aside each time it opens, until
// the clerk taps 知道了; 以后再说 keeps the notice for next time.
func TestWindowNamesSetAsideDataUntilDismissed(t *testing.T) {
	st := newTestStore(t, true)
	file := filepath.Join(t.TempDir(), "备份.jyb")
	if _, err := st.BackupTo(file); err != nil {
		t.Fatal(err)
	}
	res, err := st.RestoreBackup(file)
	if err != nil || res.Saved == "" {
		t.Fatalf("restore: %v %+v", err, res)
	}
	a := newTestApp(t, st)
	if !showsText(a, res.Saved) {
		t.Fatalf("the window does not name %s: %q", res.Saved, shownTexts(a))
	}
	tapButton(t, a, "以后再说")
	if n, _ := data.SetAsideNotices(st.Dir()); len(n) != 1 {
		t.Fatalf("以后再说 changed the notices: %v", n)
	}
	b := newTestApp(t, st)
	if !showsText(b, res.Saved) {
		t.Fatal("the notice did not come back")
	}
	tapButton(t, b, "知道了")
	if n, _ := data.SetAsideNotices(st.Dir()); len(n) != 0 {
		t.Errorf("知道了 left the notices: %v", n)
	}
	c := newTestApp(t, st)
	if showsText(c, res.Saved) {
		t.Error("a dismissed notice is shown again")
	}
}

// A disk problem found at start gets its own message, not the window that
// offers to recover damaged data.
func TestRecoverShowsDiskProblemNotDamage(t *testing.T) {
	ioErr := &data.IOError{Path: "/数据", Kind: data.IONoSpace, Op: "打开数据", Free: 0, Need: 5 << 20}
	w := Recover(test.NewTempApp(t), t.TempDir(), ioErr)
	var texts []string
	walk(w.Content(), func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			texts = append(texts, x.Text)
		case *widget.Button:
			texts = append(texts, x.Text)
		}
	})
	all := strings.Join(texts, "\n")
	if strings.Contains(all, "已损坏") || strings.Contains(all, "用这份备份恢复") || !strings.Contains(all, "还需要约 5 MB") {
		t.Errorf("window shows %q", all)
	}
}

package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/exchange"
	"jiayuan/ui/internal/uitest"
)

// officeStore is an empty store whose first-start questions are answered:
// a 街道 copy with no records yet.
func officeStore(t *testing.T) *data.Store {
	t.Helper()
	st := newTestStore(t, false)
	s, _ := st.Settings()
	s.Role, s.OfficeName, s.Operator = data.RoleOffice, "华阳街道", "陈静"
	if err := st.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	return st
}

func communityNames(t *testing.T, st *data.Store) []string {
	t.Helper()
	cs, err := st.Communities()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	return names
}

// `jiayuan 滨江社区.jyx` opens the window at 交换文件 with the file's
// preview; nothing is imported until the clerk presses 导入.
func TestOpeningAnExchangeFileShowsItsPreview(t *testing.T) {
	file := filepath.Join(t.TempDir(), "滨江社区.jyx")
	if _, err := exchange.Export(newTestStore(t, true), file, exchange.Options{Community: "滨江社区"}); err != nil {
		t.Fatal(err)
	}
	st := officeStore(t)
	a := newTestApp(t, st)
	a.OpenFile(file)
	a.Wait()
	if a.current == nil || a.current.title != exchangeTitle {
		t.Fatalf("the window is not at 交换文件: %v", a.current)
	}
	for _, want := range []string{"预览：滨江社区.jyx", "新增", "社区“滨江社区”", "导入"} {
		if !showsText(a, want) {
			t.Errorf("the preview does not show %q", want)
		}
	}
	if names := communityNames(t, st); len(names) != 0 {
		t.Fatalf("opening the file imported %v before the clerk confirmed", names)
	}
	uitest.TapButton(t, a.Window(), "导入")
	a.Wait()
	uitest.Eventually(t, "the import after 导入", func() bool { return len(communityNames(t, st)) == 1 })
}

// A .jyb opened with the program asks before restoring: cancelling leaves
// the data as it was.
func TestOpeningABackupAsksBeforeRestoring(t *testing.T) {
	backup := filepath.Join(t.TempDir(), "家园备份.jyb")
	if _, err := newTestStore(t, true).BackupTo(backup); err != nil {
		t.Fatal(err)
	}
	st := officeStore(t)
	a := newTestApp(t, st)
	a.OpenFile(backup)
	a.Wait()
	if !showsText(a, "确定恢复吗") || !showsText(a, "家园备份.jyb") {
		t.Fatalf("no restore question: %v", shownTexts(a))
	}
	if names := communityNames(t, st); len(names) != 0 {
		t.Fatalf("the backup was restored before the clerk confirmed: %v", names)
	}
	// The question's buttons: the answer "no" is the one not highlighted
	// (its label follows Fyne's translation).
	var no *widget.Button
	for _, o := range a.Window().Canvas().Overlays().List() {
		uitest.Walk(o, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Importance != widget.HighImportance && no == nil {
				no = b
			}
		})
	}
	if no == nil {
		t.Fatal("the restore question has no button to decline")
	}
	test.Tap(no)
	a.Wait()
	if names := communityNames(t, st); len(names) != 0 {
		t.Fatalf("the backup was restored although the clerk cancelled: %v", names)
	}
}

// While the first-start questions are shown, an exchange file waits for
// the answers (its import depends on who uses this copy), then is previewed.
func TestExchangeFileWaitsForTheFirstStartQuestions(t *testing.T) {
	file := filepath.Join(t.TempDir(), "滨江社区.jyx")
	if _, err := exchange.Export(newTestStore(t, true), file, exchange.Options{Community: "滨江社区"}); err != nil {
		t.Fatal(err)
	}
	st := newTestStore(t, false)
	a := newTestApp(t, st)
	a.OpenFile(file)
	a.Wait()
	if a.first == nil || showsText(a, "预览：滨江社区.jyx") {
		t.Fatal("the preview replaced the first-start questions")
	}
	f := a.first
	f.role.SetSelected(firstRoleOffice)
	f.office.SetText("华阳街道")
	test.Type(f.operator, "陈静")
	test.Tap(f.start)
	a.Wait()
	if a.current == nil || a.current.title != exchangeTitle || !showsText(a, "预览：滨江社区.jyx") {
		t.Fatalf("the kept file was not previewed after the questions: %v", shownTexts(a))
	}
	if len(communityNames(t, st)) != 0 {
		t.Fatal("imported without confirmation")
	}
}

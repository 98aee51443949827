package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiayuan/data"
	"jiayuan/data/dbtest"
	"jiayuan/ui/internal/uitest"
)

// TestWindowOpensOnTheOfficeServer starts the window with -db on a
// throwaway PostgreSQL (JIAYUAN_TEST_STORE=postgres): the main window shows
// where the data is; a refused login offers the local folder instead.
func TestWindowOpensOnTheOfficeServer(t *testing.T) {
	c, db := dbtest.ServerDatabase(t)
	var err error
	url := c.URL(db, "")
	setup, err := data.OpenServer(url, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := setup.SaveSettings(data.Settings{OfficeName: "华阳街道", Role: data.RoleOffice, Operator: "王芳"}); err != nil {
		t.Fatal(err)
	}
	setup.Close()

	fa := test.NewTempApp(t)
	dir := t.TempDir()
	w, done := StartOnServer(fa, url, dir, "")
	w.Show()
	t.Cleanup(done)
	var main fyne.Window
	for _, x := range fa.Driver().AllWindows() {
		if strings.Contains(x.Title(), "办公室服务器") {
			main = x
		}
	}
	if main == nil {
		t.Fatalf("no window names the server: %v", uitest.ShownTexts(w))
	}
	if !uitest.ShowsText(main, "数据：办公室服务器") {
		t.Error("the footer does not say where the data is")
	}

	w2, done2 := StartOnServer(fa, c.URL("no_such_db", ""), dir, "")
	t.Cleanup(done2)
	w2.Show()
	for _, want := range []string{"无法使用办公室服务器", "重试", "改用本机数据文件夹"} {
		if !uitest.ShowsText(w2, want) {
			t.Errorf("a missing database does not show %q: %v", want, uitest.ShownTexts(w2))
		}
	}
}

package admin

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/widgets"
)

// 「日期写法」 in 基本设置 is saved, shown again, and the window writes
// dates by it at once.
func TestWindowDateFormSetting(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	t.Cleanup(func() { widgets.SetDateForm("") })
	p := NewSettingsPage(a)
	a.win.SetContent(p.Content())
	p.Reload()
	sel, ok := p.form.Widget("DateFormWindow").(*widget.Select)
	if !ok {
		t.Fatal("基本设置 has no 日期写法")
	}
	if sel.Selected != "2021-12-06" {
		t.Errorf("日期写法 starts as %q", sel.Selected)
	}
	sel.SetSelected("2021年12月6日")
	p.saveGeneral()
	s, _ := st.Settings()
	if s.DateFormWindow != data.DateFormArabic {
		t.Fatalf("saved 日期写法 %q", s.DateFormWindow)
	}
	if got := widgets.DateText(data.Date{Year: 2015, Month: 8, Day: 1}); got != "2015年8月1日" {
		t.Errorf("after saving, the window writes a date %q", got)
	}
	p.Reload()
	if sel := p.form.Widget("DateFormWindow").(*widget.Select); sel.Selected != "2021年12月6日" {
		t.Errorf("reopened as %q", sel.Selected)
	}
}

package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// The print buttons and the settings tabs are where a clerk looks for them.
func TestPrintButtonsAndSettingsTabsAreWired(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)

	for _, tc := range []struct{ page, button string }{
		{"社区", "打印社区名册"}, {"小区", "打印小区名册"}, {"党组织", "打印党组织名册"},
	} {
		a.openTitled(tc.page)
		if !showsText(a, tc.button) {
			t.Errorf("%s: no %q button", tc.page, tc.button)
		}
	}

	a.openTitled("设置")
	var tabs []string
	walk(a.Window().Content(), func(o fyne.CanvasObject) {
		if at, ok := o.(*container.AppTabs); ok {
			for _, it := range at.Items {
				tabs = append(tabs, it.Text)
			}
		}
	})
	got := strings.Join(tabs, ",")
	for _, want := range []string{"打印", "工作日历", "备份与恢复"} {
		if !strings.Contains(got, want) {
			t.Errorf("settings tabs %q lack %q", got, want)
		}
	}

	openScreen(t, a, "评选")
	for _, b := range []string{"打印公示", "打印评分表", "打印评审汇总表", "打印命名决定", "打印证书"} {
		if !showsText(a, b) {
			t.Errorf("round view: no %q button", b)
		}
	}
}

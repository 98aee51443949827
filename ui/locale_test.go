package ui

import (
	"testing"

	"fyne.io/fyne/v2/lang"
)

func TestUseChineseGivesChineseDialogWords(t *testing.T) {
	t.Setenv("LANG", "C")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	UseChinese()
	for key, want := range map[string]string{"Cancel": "取消", "OK": "确定", "Yes": "是", "Select all": "全选", "Undo": "撤销"} {
		if got := lang.L(key); got != want {
			t.Errorf("lang.L(%q) = %q, want %q", key, got, want)
		}
	}
}

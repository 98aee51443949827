package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"jiayuan/ui/zhenv"
)

// fyneChinese overrides a few of Fyne's own Simplified Chinese strings with
// the words Chinese desktop programs use on their buttons.
const fyneChinese = `{"OK": "确定", "Yes": "是", "No": "否", "Cancel": "取消", "Save": "保存", "Open": "打开", "Error": "错误", "Confirm": "确认",
 "Select all": "全选", "Undo": "撤销", "New Folder": "新建文件夹", "Favourites": "常用位置"}`

// UseChinese makes Fyne's own words (dialog buttons, the file dialog) Simplified
// Chinese. On Windows and macOS Fyne follows the system language, which is
// Chinese in the offices this program serves; on Linux a C or empty locale
// (as on a server or under Xvfb) is taken as Chinese too.
func UseChinese() {
	zhenv.Apply()
	// Adding translations makes Fyne look at the locale again.
	if err := lang.AddTranslationsForLocale([]byte(fyneChinese), fyne.Locale("zh-Hans")); err != nil {
		fyne.LogError("Chinese button words", err)
	}
}

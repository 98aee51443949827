package ui

import (
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// fyneChinese overrides a few of Fyne's own Simplified Chinese strings with
// the words Chinese desktop programs use on their buttons.
const fyneChinese = `{"OK": "确定", "Yes": "是", "No": "否", "Cancel": "取消", "Save": "保存", "Open": "打开", "Error": "错误", "Confirm": "确认"}`

// UseChinese makes Fyne's own words (dialog buttons, the file dialog) Simplified
// Chinese. On Windows and macOS Fyne follows the system language, which is
// Chinese in the offices this program serves; on Linux a C or empty locale
// (as on a server or under Xvfb) is taken as Chinese too.
func UseChinese() {
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		if os.Getenv("LANGUAGE") == "" {
			os.Setenv("LANGUAGE", "zh_CN")
		}
		if os.Getenv("LC_ALL") == "" && os.Getenv("LC_MESSAGES") == "" {
			if l := os.Getenv("LANG"); l == "" || l == "C" || l == "POSIX" || l == "C.UTF-8" {
				os.Setenv("LC_MESSAGES", "zh_CN.UTF-8")
			}
		}
	}
	// Adding translations makes Fyne look at the locale again.
	if err := lang.AddTranslationsForLocale([]byte(fyneChinese), fyne.Locale("zh-Hans")); err != nil {
		fyne.LogError("Chinese button words", err)
	}
}

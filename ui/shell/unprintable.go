package shell

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// UnprintableWarning turns the lines of documents.Unprintable or
// UnprintableTexts (and its error) into the lines an import's message lists:
// at most 20, then the total.
func UnprintableWarning(lines []string, err error) []string {
	if err != nil {
		return []string{"未能检查打印字体：" + err.Error()}
	}
	if len(lines) > 20 {
		lines = append(lines[:20:20], fmt.Sprintf("……等共 %d 条记录", len(lines)))
	}
	return lines
}

// ShowImportWarning tells of a finished import whose records hold characters
// no print font has: the records are saved, but will not print until a font
// that has them is chosen in 设置.
func ShowImportWarning(a Shell, msg string, warn []string) {
	text := msg + "\n\n注意：以下记录含有打印字体印不出的字：\n" + strings.Join(warn, "\n")
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("导入完成，但有字印不出", "知道了", container.NewVScroll(l), a.Window())
	d.Resize(fyne.NewSize(720, 420))
	d.Show()
}

package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ConfirmStep asks before a decisive step of a round (发布公示, 命名, 撤销命名,
// 确定拟命名名单, 删除评选): what will happen, in the words of the step's
// preview (numbers, names, dates), and, in red, what cannot be undone. The step
// runs (onOK) only on the red button named for it, 确认 + title; 取消, the
// window's Escape or closing the dialog does nothing. It returns the dialog shown.
func ConfirmStep(win fyne.Window, title, what, irreversible string, onOK func()) dialog.Dialog {
	text := widget.NewLabel(what)
	text.Wrapping = fyne.TextWrapWord
	var body fyne.CanvasObject = text
	if strings.Count(what, "\n") > 10 { // a long list (one certificate a line) scrolls
		scroll := container.NewVScroll(text)
		scroll.SetMinSize(fyne.NewSize(480, 260))
		body = scroll
	}
	box := container.NewVBox(body)
	if irreversible != "" {
		warn := widget.NewLabelWithStyle("不可撤销："+irreversible, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		warn.Importance = widget.DangerImportance
		warn.Wrapping = fyne.TextWrapWord
		box.Add(widget.NewSeparator())
		box.Add(warn)
	}
	var d *dialog.CustomDialog
	ok := widget.NewButtonWithIcon("确认"+title, theme.WarningIcon(), func() {
		d.Hide()
		onOK()
	})
	ok.Importance = widget.DangerImportance
	cancel := widget.NewButton("取消", func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(title, box, win)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Resize(fyne.NewSize(540, 0))
	d.Show()
	return d
}

package admin

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"jiayuan/ui/shell"
)

// calendarPanel is the 工作日历 tab of 设置: which years the official holiday
// schedule covers, and the office's own additions and corrections.
func calendarPanel(a shell.Shell) fyne.CanvasObject {
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapBreak
	refresh := func() {
		year := a.Today().Year()
		cal, err := a.Store().Calendar()
		if err != nil {
			status.SetText(err.Error())
			return
		}
		var text string
		for _, y := range []int{year, year + 1} {
			if cal.Known(y) {
				text += fmt.Sprintf("%d年：已收录法定节假日和调休安排。\n", y)
			} else {
				text += fmt.Sprintf("%d年：尚未收录。国务院办公厅公布放假安排后，请用下面的按钮补充，否则无法计算跨入该年的公示期。\n", y)
			}
		}
		status.SetText(text)
	}
	refresh()
	edit := widget.NewButtonWithIcon("查看和调整节假日…", theme.DocumentCreateIcon(), func() { EditHolidays(a, refresh) })
	intro := widget.NewLabel("公示期按工作日计算：周末和法定节假日不计，调休上班的周末计入，开始当天是工作日的计为第一天。" +
		"官方放假安排随程序提供；本单位补充或更正的日期优先。")
	intro.Wrapping = fyne.TextWrapBreak
	return container.NewVBox(intro, status, container.NewHBox(edit))
}

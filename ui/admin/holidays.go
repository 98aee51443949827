package admin

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data/calendar"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// EditHolidays shows the official holidays and 调休 days of a year beside
// the office's own corrections, and lets the office add or remove days for
// years the maintained source does not know yet. onClose (may be nil) runs
// when the dialog closes, so what depends on the calendar can be worked out again.
func EditHolidays(a shell.Shell, onClose func()) {
	year := a.Today().Year()
	official := widget.NewLabel("")
	official.Wrapping = fyne.TextWrapBreak
	own := container.NewVBox()
	yearEntry := widget.NewEntry()
	yearEntry.SetText(strconv.Itoa(year))
	var fill func()
	fill = func() {
		if y, err := strconv.Atoi(strings.TrimSpace(yearEntry.Text)); err == nil {
			year = y
		}
		if days := calendar.OfficialDays(year); len(days) == 0 {
			official.SetText(fmt.Sprintf("%d年的放假安排尚未收录，请在下面补充。", year))
		} else {
			official.SetText(fmt.Sprintf("%d年官方安排：\n%s", year, strings.Join(holidayLines(days), "\n")))
		}
		own.Objects = nil
		list, err := a.Store().Holidays()
		if err != nil {
			own.Add(widget.NewLabel(err.Error()))
		}
		if len(list) == 0 {
			own.Add(widget.NewLabel("本单位没有补充或更正的日期。"))
		}
		for _, o := range list {
			o := o
			del := widget.NewButton("删除", func() {
				if err := a.Store().DeleteHoliday(o.Date); err != nil {
					a.ShowError("未删除", err)
					return
				}
				fill()
			})
			own.Add(container.NewBorder(nil, nil, nil, del, widget.NewLabel(fmt.Sprintf("%s %s %s", o.Date, workText(o.Work), o.Name))))
		}
		own.Refresh()
	}
	yearEntry.OnChanged = func(string) { fill() }
	date := widget.NewEntry()
	date.SetPlaceHolder("如 2021-12-06")
	kind := widgets.NewChoice([]string{"放假", "上班（调休）"}, nil)
	kind.SetSelected("放假")
	name := widget.NewEntry()
	name.SetPlaceHolder("如 春节、国庆节调休")
	add := widget.NewButton("添加", func() {
		o := calendar.Override{Date: strings.TrimSpace(date.Text), Work: kind.Selected != "放假", Name: name.Text}
		if err := a.Store().SaveHoliday(o); err != nil {
			a.ShowError("未添加", err)
			return
		}
		date.SetText("")
		name.SetText("")
		fill()
	})
	fill()
	body := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("年份："), nil, yearEntry), official, widget.NewSeparator(),
		widget.NewLabelWithStyle("本单位补充或更正", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), own,
		widgets.NewColumnsRow([]float32{130, 130}, date, kind, container.NewBorder(nil, nil, nil, add, name)),
		widget.NewLabel("公示期按工作日计算：周末和法定节假日不计，调休上班的周末计入；本单位的更正优先。"))
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(640, 420))
	d := dialog.NewCustom("节假日调整", "关闭", scroll, a.Window())
	if onClose != nil {
		d.SetOnClosed(onClose)
	}
	d.Show()
}

func workText(work bool) string {
	if work {
		return "上班 "
	}
	return "放假 "
}

// holidayLines sums up a year's official days one holiday a line, runs of
// days off as ranges: "春节：02-15至02-23 放假；02-14、02-28 上班".
func holidayLines(days []calendar.Override) []string {
	type group struct {
		name      string
		off, work []string
		lastOff   time.Time
		runStart  string
	}
	var order []*group
	byName := map[string]*group{}
	for _, o := range days {
		g := byName[o.Name]
		if g == nil {
			g = &group{name: o.Name}
			byName[o.Name] = g
			order = append(order, g)
		}
		d, err := calendar.ParseDate(o.Date)
		if err != nil {
			continue
		}
		md := o.Date[5:]
		if o.Work {
			g.work = append(g.work, md)
			continue
		}
		if len(g.off) > 0 && d.Sub(g.lastOff) == 24*time.Hour {
			g.off[len(g.off)-1] = g.runStart + "至" + md
		} else {
			g.runStart = md
			g.off = append(g.off, md)
		}
		g.lastOff = d
	}
	out := make([]string, 0, len(order))
	for _, g := range order {
		var parts []string
		if len(g.off) > 0 {
			parts = append(parts, strings.Join(g.off, "、")+" 放假")
		}
		if len(g.work) > 0 {
			parts = append(parts, strings.Join(g.work, "、")+" 上班")
		}
		out = append(out, g.name+"："+strings.Join(parts, "；"))
	}
	return out
}

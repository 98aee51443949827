// Package reporting holds the 统计与快照 screen: the statistics report
// (统计报表) to Excel or PDF, the yearly snapshots (年度快照: taken, listed,
// deleted with confirmation) and the comparison of two of them (or of one
// with today), on screen, to Excel and to PDF. It asks the window for what it
// needs through shell.Shell, like every screen package.
package reporting

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/documents"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// Page is the 统计与快照 screen.
type Page struct {
	a        shell.Shell
	list     *widget.Table
	snaps    []data.Yearly
	selected int
	older    *widget.Select
	newer    *widget.Select
	onlyDiff *widget.Check
	table    *widget.Table
	rows     []compareLine
	cmp      data.Comparison
	note     *widget.Label
}

// compareLine is one line of the comparison on screen.
type compareLine struct {
	Community, Figure string
	A, B              data.Figure
	Change            int64
	Total             bool
}

// NewPage makes the screen.
func NewPage(a shell.Shell) *Page { return &Page{a: a, selected: -1} }

func (p *Page) Content() fyne.CanvasObject {
	report := container.NewHBox(widget.NewLabel("今天的统计报表："),
		widget.NewButton("导出 Excel…", func() { p.save("", "", ".xlsx") }),
		widget.NewButton("保存 PDF…", func() { p.save("", "", ".pdf") }))
	p.list = widgets.ReadTable(func() []data.Yearly { return p.snaps }, []widgets.Column[data.Yearly]{
		{Title: "名称", Width: 200, Text: func(y *data.Yearly) string { return y.Name }},
		{Title: "拍摄日期", Width: 110, Text: func(y *data.Yearly) string { return y.Date().String() }},
		{Title: "方式", Width: 70, Text: func(y *data.Yearly) string { return map[bool]string{true: "自动", false: "手动"}[y.Auto] }},
		{Title: "社区", Width: 70, Text: func(y *data.Yearly) string { return fmt.Sprint(y.Communities) }},
		{Title: "小区", Width: 70, Text: func(y *data.Yearly) string { return fmt.Sprint(y.Compounds) }},
		{Title: "党组织", Width: 70, Text: func(y *data.Yearly) string { return fmt.Sprint(y.Orgs) }},
	})
	p.list.OnSelected = func(c widget.TableCellID) { p.selected = c.Row }
	take := widget.NewButton("拍摄年度快照…", p.askTake)
	take.Importance = widget.HighImportance
	del := widget.NewButton("删除所选快照…", p.askDelete)
	del.Importance = widget.DangerImportance
	snapBar := container.NewHBox(take, del)
	list := container.NewBorder(nil, snapBar, nil, nil, p.list)

	p.older = widget.NewSelect(nil, nil)
	p.newer = widget.NewSelect(nil, nil)
	p.older.PlaceHolder = "（请选择快照）"
	p.newer.PlaceHolder = "（请选择快照或今天）"
	p.onlyDiff = widget.NewCheck("只看有变化的", nil)
	p.onlyDiff.Checked = true
	p.onlyDiff.OnChanged = func(bool) { p.showComparison() }
	p.note = widget.NewLabel("选择两个快照（或一个快照和今天）后点“对比”。")
	p.table = widgets.ReadTable(func() []compareLine { return p.rows }, p.compareColumns())
	bar := container.NewHBox(widget.NewLabel("从"), p.older, widget.NewLabel("到"), p.newer,
		widget.NewButton("对比", p.compare), p.onlyDiff,
		widget.NewButton("导出 Excel…", func() { p.save(p.newer.Selected, p.older.Selected, ".xlsx") }),
		widget.NewButton("保存 PDF…", func() { p.save(p.newer.Selected, p.older.Selected, ".pdf") }))
	compare := container.NewBorder(container.NewVBox(bar, p.note), nil, nil, nil, p.table)
	split := container.NewVSplit(list, compare)
	split.Offset = 0.35
	title := widget.NewLabelWithStyle("统计与年度快照", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewPadded(container.NewBorder(container.NewVBox(title, report, widget.NewSeparator()), nil, nil, nil, split))
}

func (p *Page) compareColumns() []widgets.Column[compareLine] {
	imp := func(l *compareLine) widget.Importance {
		switch {
		case l.Change > 0:
			return widget.SuccessImportance
		case l.Change < 0:
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
	return []widgets.Column[compareLine]{
		{Title: "社区", Width: 160, Text: func(l *compareLine) string { return l.Community }},
		{Title: "指标", Width: 140, Text: func(l *compareLine) string { return l.Figure }},
		{Title: "前", Width: 100, Text: func(l *compareLine) string { return l.A.String() }},
		{Title: "后", Width: 100, Text: func(l *compareLine) string { return l.B.String() }},
		{Title: "变化", Width: 90, Importance: imp, Text: func(l *compareLine) string { return signed(l.Change) }},
	}
}

func signed(n int64) string {
	if n > 0 {
		return fmt.Sprintf("+%d", n)
	}
	return fmt.Sprint(n)
}

// Reload reads the snapshots again.
func (p *Page) Reload() {
	snaps, err := p.a.Store().YearlySnapshots()
	if err != nil {
		p.a.ShowError("无法读取年度快照", err)
		return
	}
	p.snaps, p.selected = snaps, -1
	p.list.UnselectAll()
	p.list.Refresh()
	names := make([]string, len(snaps))
	for i, y := range snaps {
		names[i] = y.Name
	}
	p.older.SetOptions(names)
	p.newer.SetOptions(append([]string{documents.Today}, names...))
	if p.newer.Selected == "" || !contains(p.newer.Options, p.newer.Selected) {
		p.newer.SetSelected(documents.Today)
	}
	if !contains(names, p.older.Selected) {
		p.older.ClearSelected()
		if len(names) > 0 {
			p.older.SetSelected(names[0])
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// askTake asks for the snapshot's name and takes it.
func (p *Page) askTake() {
	name := widget.NewEntry()
	name.SetText(p.a.Today().Format("2006年1月2日快照"))
	dialog.ShowForm("拍摄年度快照", "拍摄", "取消", []*widget.FormItem{widget.NewFormItem("名称", name)}, func(ok bool) {
		if ok {
			p.Take(name.Text)
		}
	}, p.a.Window())
}

// Take takes a snapshot named name.
func (p *Page) Take(name string) {
	var y data.Yearly
	p.a.RunBusyErr("正在拍摄年度快照", func(func(int, int)) error {
		var err error
		y, err = p.a.Store().TakeYearly(name)
		return err
	}, func(err error) {
		if err != nil {
			p.a.ShowError("无法拍摄年度快照", err)
			return
		}
		p.a.SetStatus("已拍摄年度快照“%s”：%d 个社区、%d 个小区、%d 个党组织", y.Name, y.Communities, y.Compounds, y.Orgs)
		p.Reload()
	})
}

// askDelete deletes the selected snapshot after confirmation.
func (p *Page) askDelete() {
	if p.selected < 0 || p.selected >= len(p.snaps) {
		p.a.SetStatus("请先在列表中选择要删除的年度快照。")
		return
	}
	y := p.snaps[p.selected]
	widgets.ConfirmStep(p.a.Window(), "删除", fmt.Sprintf("将删除年度快照“%s”（拍摄于 %s，%d 个社区、%d 个小区、%d 个党组织）。",
		y.Name, y.Date(), y.Communities, y.Compounds, y.Orgs), "删除后无法再用它对比。", func() {
		if err := p.a.Store().DeleteYearly(y.Name); err != nil {
			p.a.ShowError("无法删除年度快照“"+y.Name+"”", err)
			return
		}
		p.a.SetStatus("已删除年度快照“%s”", y.Name)
		p.Reload()
	})
}

// compare computes and shows the comparison of the two chosen.
func (p *Page) compare() {
	if p.older.Selected == "" {
		p.a.SetStatus("请先选择要对比的年度快照。")
		return
	}
	older, newer := p.older.Selected, p.newer.Selected
	var c data.Comparison
	p.a.RunBusyErr("正在对比", func(func(int, int)) error {
		var err error
		c, err = documents.Compare(p.a.Store(), older, newer)
		return err
	}, func(err error) {
		if err != nil {
			p.a.ShowError("无法对比", err)
			return
		}
		p.cmp = c
		p.showComparison()
	})
}

func (p *Page) showComparison() {
	c := p.cmp
	p.rows = p.rows[:0]
	changed := 0
	for ri, r := range c.Rows {
		if ri > 0 && r.Changed() {
			changed++
		}
		for i, col := range c.Columns {
			if p.onlyDiff.Checked && ri > 0 && r.A[i] == r.B[i] {
				continue
			}
			p.rows = append(p.rows, compareLine{Community: compareName(r), Figure: col.Title,
				A: r.A[i], B: r.B[i], Change: r.Change(i), Total: ri == 0})
		}
	}
	if len(c.Rows) > 0 {
		p.note.SetText(fmt.Sprintf("“%s”（%s）→“%s”（%s）：%d 个社区有变化。合计列出全部指标。",
			c.AName, c.A.Date, c.BName, c.B.Date, changed))
	}
	p.table.Refresh()
}

// Lines is the comparison as shown (tests).
func (p *Page) Lines() []compareLine { return p.rows }

func compareName(r data.ComparedRow) string {
	switch {
	case !r.InA:
		return r.Community + "（新增）"
	case !r.InB:
		return r.Community + "（已不在）"
	}
	return r.Community
}

// save writes the report (compare "") or the comparison to a chosen file.
func (p *Page) save(yearly, compare, ext string) {
	if compare == "" && yearly != "" {
		p.a.SetStatus("请先选择要对比的年度快照。")
		return
	}
	if yearly == documents.Today {
		yearly = ""
	}
	name := "统计报表" + ext
	if compare != "" {
		name = "年度对比" + ext
	}
	p.a.SaveFileDialogExt(name, ext, func(path string) {
		p.a.RunBusyErr("正在生成"+name, func(func(int, int)) error {
			_, err := documents.WriteStats(p.a.Store(), path, yearly, compare)
			return err
		}, func(err error) {
			if err != nil {
				p.a.ShowError("无法保存“"+filepath.Base(path)+"”", err)
				return
			}
			p.a.SetStatus("已保存 %s", filepath.Base(path))
		})
	})
}

// AutoYearly takes the automatic yearly snapshot off the UI goroutine when it
// is due (the first start of a new year) and says so on the status line.
func AutoYearly(a shell.Shell) {
	var name string
	var err error
	a.Background(func() { name, err = a.Store().TakeYearlyIfDue() }, func() {
		switch {
		case err != nil:
			a.SetStatus("无法拍摄本年度的自动快照：%v", err)
		case name != "":
			a.SetStatus("已拍摄年度快照“%s”（每年第一次启动时自动拍摄，可在“统计与快照”中查看）", name)
		}
	})
}

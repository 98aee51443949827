package admin

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fyne.io/fyne/v2/layout"
	"jiayuan/data"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// recyclePage is 回收站: deleted records, newest first, each restorable.
type recyclePage struct {
	a        shell.Shell
	table    *widget.Table
	rows     []data.Deleted
	selected int
	restore  *widget.Button
	note     *widget.Label
}

func NewRecyclePage(a shell.Shell) *recyclePage { return &recyclePage{a: a, selected: -1} }

func (p *recyclePage) Content() fyne.CanvasObject {
	p.table = widgets.ReadTable(func() []data.Deleted { return p.rows }, []widgets.Column[data.Deleted]{
		{Title: "类别", Width: 80, Text: func(d *data.Deleted) string { return data.EntityLabel(d.Entity) }},
		{Title: "名称", Width: 240, Text: func(d *data.Deleted) string { return d.Name }},
		{Title: "所属社区", Width: 140, Text: func(d *data.Deleted) string { return d.Parent }},
		{Title: "删除时间", Width: 200, Text: func(d *data.Deleted) string { return localTime(d.DeletedAt) }},
	})
	p.table.OnSelected = func(c widget.TableCellID) {
		p.selected = c.Row
		p.restore.Enable()
	}
	p.restore = widget.NewButtonWithIcon("恢复所选记录", theme.ContentUndoIcon(), p.restoreSelected)
	p.restore.Importance = widget.HighImportance
	p.note = widget.NewLabel("")
	export := widget.NewButtonWithIcon("导出…", theme.DownloadIcon(), p.exportFile)
	bar := container.NewHBox(p.note, layout.NewSpacer(), export, p.restore)
	return container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), nil, nil, nil, p.table)
}

func (p *recyclePage) Reload() {
	rows, err := p.a.Store().RecycleBin()
	if err != nil {
		p.a.ShowError("无法读取回收站", err)
		return
	}
	p.rows = rows
	p.selected = -1
	p.restore.Disable()
	p.table.UnselectAll()
	if len(rows) == 0 {
		p.note.SetText("回收站是空的。")
	} else {
		p.note.SetText(fmt.Sprintf("%d 条已删除的记录。选中一条，点“恢复”放回原处。", len(rows)))
	}
	p.table.Refresh()
}

func (p *recyclePage) restoreSelected() {
	if p.selected < 0 || p.selected >= len(p.rows) {
		return
	}
	d := p.rows[p.selected]
	if err := p.a.Store().Restore(d.Entity, d.ID); err != nil {
		p.a.ShowError("不能恢复", err)
		return
	}
	p.a.SetStatus("已恢复%s“%s”", data.EntityLabel(d.Entity), d.Name)
	p.Reload()
}

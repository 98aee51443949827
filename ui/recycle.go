package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// recyclePage is 回收站: deleted records, newest first, each restorable.
type recyclePage struct {
	a        *App
	table    *widget.Table
	rows     []data.Deleted
	selected int
	restore  *widget.Button
	note     *widget.Label
}

func newRecyclePage(a *App) *recyclePage { return &recyclePage{a: a, selected: -1} }

func (p *recyclePage) content() fyne.CanvasObject {
	headers := []string{"类别", "名称", "所属社区", "删除时间"}
	p.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(p.rows), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(c widget.TableCellID, o fyne.CanvasObject) {
			d := p.rows[c.Row]
			o.(*widget.Label).SetText([]string{data.EntityLabel(d.Entity), d.Name, d.Parent,
				localTime(d.DeletedAt)}[c.Col])
		})
	p.table.ShowHeaderColumn = false
	p.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	p.table.UpdateHeader = func(c widget.TableCellID, o fyne.CanvasObject) {
		if c.Col >= 0 {
			o.(*widget.Label).SetText(headers[c.Col])
		}
	}
	for i, w := range []float32{80, 240, 140, 200} {
		p.table.SetColumnWidth(i, w)
	}
	p.table.OnSelected = func(c widget.TableCellID) {
		p.selected = c.Row
		p.restore.Enable()
	}
	p.restore = widget.NewButtonWithIcon("恢复所选记录", theme.ContentUndoIcon(), p.restoreSelected)
	p.restore.Importance = widget.HighImportance
	p.note = widget.NewLabel("")
	bar := container.NewHBox(p.note, layoutSpacer(), p.restore)
	return container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), nil, nil, nil, p.table)
}

func (p *recyclePage) reload() {
	rows, err := p.a.store.RecycleBin()
	if err != nil {
		p.a.showError("无法读取回收站", err)
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
	if err := p.a.store.Restore(d.Entity, d.ID); err != nil {
		p.a.showError("不能恢复", err)
		return
	}
	p.a.setStatus("已恢复%s“%s”", data.EntityLabel(d.Entity), d.Name)
	p.reload()
}

package records

import (
	"fmt"

	"fyne.io/fyne/v2/dialog"

	"jiayuan/data/sheet"
)

// The Excel buttons of the list screens: export the list as filtered, a blank
// template, and import. The work runs off the UI goroutine; its result comes
// back through fyne.Do.

// exportFile writes the records passing the filter to an .xlsx file.
func (p *recordsPage[T]) exportFile() {
	p.a.SaveFileDialogExt(p.r.noun+"名单.xlsx", ".xlsx", p.exportTo)
}

// exportTo writes the records passing the filter to path, off the UI goroutine.
func (p *recordsPage[T]) exportTo(path string) {
	rows := p.tbl.VisibleRows()
	p.a.RunBusy("正在导出"+p.r.noun+"…", func(func(done, total int)) error {
		return p.r.export(path, rows)
	}, func() {
		p.a.SetStatus("已导出 %d 条%s到 %s", len(rows), p.r.noun, path)
		dialog.ShowInformation("导出完成", fmt.Sprintf("已导出 %d 条%s到\n%s", len(rows), p.r.noun, path), p.a.Window())
	})
}

// templateFile writes a blank sheet with the list's headers.
func (p *recordsPage[T]) templateFile() {
	p.a.SaveFileDialogExt(p.r.noun+"名单模板.xlsx", ".xlsx", func(path string) {
		p.a.RunBusy("正在生成模板…", func(func(done, total int)) error {
			return sheet.Template(sheet.Kind(p.r.sheet), path)
		}, func() {
			p.a.SetStatus("空白模板已保存到 %s", path)
		})
	})
}

// importFile reads an .xlsx file into the store: all of it or, on any
// problem, nothing, with every problem listed.
func (p *recordsPage[T]) importFile() {
	p.a.OpenFileDialogExt(sheet.ImportExtensions, func(path string) { importSheet(p.a, sheet.Kind(p.r.sheet), p.r.noun, path, p.Reload) })
}

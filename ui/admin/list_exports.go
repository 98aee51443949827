package admin

// 导出… on 操作记录 (the rows the filter gives, without the screen's limit)
// and on 回收站: the same .xlsx writer as the record lists.

import (
	"fmt"

	"fyne.io/fyne/v2/dialog"

	"jiayuan/data/sheet"
)

// auditExportLimit bounds an export of the audit trail.
const auditExportLimit = 1_000_000

func (p *auditPage) exportFile() {
	if _, problem := p.filter(); problem != "" {
		p.a.ShowError("无法导出操作记录", fmt.Errorf("%s", problem))
		return
	}
	p.a.SaveFileDialogExt("操作记录.xlsx", ".xlsx", p.exportTo)
}

// exportTo writes the audit rows the filter gives to path, off the UI goroutine.
func (p *auditPage) exportTo(path string) {
	f, problem := p.filter()
	if problem != "" {
		p.a.ShowError("无法导出操作记录", fmt.Errorf("%s", problem))
		return
	}
	f.Limit = auditExportLimit
	var n int
	p.a.RunBusy("正在导出操作记录…", func(func(done, total int)) error {
		rows, err := p.a.Store().AuditLog(f)
		if err != nil {
			return err
		}
		n = len(rows)
		return sheet.ExportAudit(path, rows)
	}, func() {
		p.a.SetStatus("已导出 %d 条操作记录到 %s", n, path)
		dialog.ShowInformation("导出完成", fmt.Sprintf("已导出 %d 条操作记录到\n%s", n, path), p.a.Window())
	})
}

func (p *recyclePage) exportFile() {
	p.a.SaveFileDialogExt("回收站.xlsx", ".xlsx", p.exportTo)
}

// exportTo writes the recycle bin's list to path.
func (p *recyclePage) exportTo(path string) {
	rows := p.rows
	p.a.RunBusy("正在导出回收站…", func(func(done, total int)) error {
		return sheet.ExportRecycle(path, rows)
	}, func() {
		p.a.SetStatus("已导出回收站的 %d 条记录到 %s", len(rows), path)
	})
}

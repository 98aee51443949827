package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"jiayuan/data/sheet"
)

// exportRound writes the round (only the ticked nominations when ids is not
// empty) to an Excel file the clerk picks.
func (v *roundView) exportRound(ids []int64) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if !strings.HasSuffix(strings.ToLower(path), ".xlsx") {
			path += ".xlsx"
		}
		n, err := sheet.ExportRound(v.a.store, v.r.ID, ids, path)
		if err != nil {
			v.a.showError("未导出", err)
			return
		}
		v.a.setStatus("已导出 %d 份申报的评分到 %s", n, path)
	}, v.a.win)
	d.SetFileName(fmt.Sprintf("%d年度评选评分.xlsx", v.r.Year))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.Show()
}

// importScores reads score sheets typed elsewhere into the round: all or
// nothing, every problem listed.
func (v *roundView) importScores() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		res, err := sheet.ImportRoundScores(v.a.store, v.r.ID, path)
		if err != nil {
			v.a.showError("评分未导入", err)
			return
		}
		v.a.setStatus("已导入评分：新增 %d 份，修改 %d 份，未变 %d 份", res.Added, res.Updated, res.Unchanged)
		v.changed()
	}, v.a.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.Show()
}

package rounds

import (
	"fmt"

	"jiayuan/data/sheet"
)

// exportRound writes the round (only the ticked nominations when ids is not
// empty) to an Excel file the clerk picks.
func (v *roundView) exportRound(ids []int64) {
	v.a.SaveFileDialogExt(fmt.Sprintf("%d年度评选评分.xlsx", v.r.Year), ".xlsx", func(path string) {
		n, err := sheet.ExportRound(v.a.Store(), v.r.ID, ids, path)
		if err != nil {
			v.a.ShowError("未导出", err)
			return
		}
		v.a.SetStatus("已导出 %d 份申报的评分到 %s", n, path)
	})
}

// importScores reads score sheets typed elsewhere into the round: all or
// nothing, every problem listed.
func (v *roundView) importScores() {
	v.a.OpenFileDialogExt([]string{".xlsx"}, func(path string) {
		res, err := sheet.ImportRoundScores(v.a.Store(), v.r.ID, path)
		if err != nil {
			v.a.ShowError("评分未导入", err)
			return
		}
		v.a.SetStatus("已导入评分：新增 %d 份，修改 %d 份，未变 %d 份", res.Added, res.Updated, res.Unchanged)
		v.changed()
	})
}

package rounds

import (
	"fmt"

	"jiayuan/data"
	"jiayuan/data/sheet"
	"jiayuan/ui/rounds/review"
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

// reviewRound is the round view as the 评审 tab (package review) sees it.
type reviewRound struct{ v *roundView }

func (r reviewRound) Round() data.Round { return r.v.r }
func (r reviewRound) Changed()          { r.v.changed() }
func (r reviewRound) ExportScores()     { r.v.exportRound(nil) }
func (r reviewRound) ImportScores()     { r.v.importScores() }

func (r reviewRound) Nominees() []review.Nominee {
	opts := r.v.nomineeOptions()
	out := make([]review.Nominee, len(opts))
	for i, o := range opts {
		out[i] = review.Nominee{Label: o.label, CommunityID: o.communityID, CompoundID: o.compoundID}
	}
	return out
}

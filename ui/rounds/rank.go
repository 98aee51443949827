package rounds

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/rounds/review"
	"jiayuan/ui/widgets"
)

// rankTab shows each category's ranking with the quota line and lets the
// office fix the proposed list; a choice against the ranking needs a reason.
type rankTab struct {
	v      *roundView
	box    *fyne.Container
	picks  map[int64]*widget.Check
	reason map[int64]*widget.Entry
	decide *widget.Button
	dis    map[int64]data.Disagreement // the panel's disagreement per nomination
	flags  *widget.Label               // the open flags, before confirming
}

func newRankTab(v *roundView) *rankTab { return &rankTab{v: v} }

func (t *rankTab) content() fyne.CanvasObject {
	t.box = container.NewVBox()
	t.decide = widget.NewButton("确定拟命名名单", t.submit)
	t.decide.Importance = widget.HighImportance
	note := widget.NewLabel("勾选拟命名对象。名额内的默认勾选；与排名不一致（跳过名额内的、选名额外的、在名额线上并列的）或尚有评审未评分的，须写明理由。最终得分按精确值排名，显示保留两位小数。")
	note.Wrapping = fyne.TextWrapBreak
	t.flags = widget.NewLabel("")
	t.flags.Wrapping = fyne.TextWrapBreak
	t.flags.Importance = widget.WarningImportance
	t.flags.Hide()
	var bottom fyne.CanvasObject = container.NewVBox(t.flags, note)
	if t.v.office() {
		settings := widget.NewButton("评审组设置…", func() { t.v.review.EditPanelSettings() })
		bottom = container.NewVBox(t.flags, container.NewBorder(nil, nil, nil, container.NewHBox(settings, t.decide), note))
	}
	return container.NewBorder(nil, bottom, nil, nil, container.NewVScroll(t.box))
}

func (t *rankTab) reload() string {
	rk, err := t.v.a.Store().Ranking(t.v.r.ID)
	if err != nil {
		t.v.a.ShowError("无法计算排名", err)
		return ""
	}
	revs, _ := t.v.a.Store().Reviewers(t.v.r.ID)
	t.dis, _ = t.v.a.Store().Disagreements(t.v.r.ID)
	t.showFlags(rk)
	t.box.Objects = nil
	t.picks, t.reason = map[int64]*widget.Check{}, map[int64]*widget.Entry{}
	for _, c := range rk {
		t.addCategory(c, revs)
	}
	if len(t.picks) == 0 {
		t.decide.Disable()
	} else {
		t.decide.Enable()
	}
	t.box.Refresh()
	return rankProgress(rk)
}

// addCategory adds one category's ranking: its heading, the warning of a tie
// at the quota line, and the grid with the quota line drawn in it.
func (t *rankTab) addCategory(c data.CategoryRanking, revs []data.Reviewer) {
	head := fmt.Sprintf("%s · 名额 %d · 已评 %d / %d", c.Category.Name, c.Category.Quota, c.Scored, c.Expected)
	t.box.Add(widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if c.SeatsAtLine > 0 {
		warn := widget.NewLabel(fmt.Sprintf("名额线上有同分并列，剩余 %d 个名额，须由街道研究决定并写明理由。", c.SeatsAtLine))
		warn.Importance = widget.WarningImportance
		t.box.Add(warn)
	}
	// The decision first (score, hint, reason), each reviewer's total after;
	// the pick, the place and the nominee stay put while the rest scrolls.
	frozen, widths := []float32{64, 44, 140}, []float32{72, 96, 120, 200}
	for range revs {
		widths = append(widths, 100)
	}
	grid := review.NewFrozenGrid(frozen[0] + frozen[1] + frozen[2] + 8)
	line := func(cells []fyne.CanvasObject) {
		grid.Add(widgets.NewColumnsRow(frozen, cells[:3]...), widgets.NewColumnsRow(widths, cells[3:]...))
	}
	line(rankHeader(revs))
	above := false // a row within the quota (or tied at its line) has been shown
	lineDrawn := false
	for _, row := range c.Rows {
		if row.State == data.StateWithdrawn {
			continue
		}
		if row.WithinQuota || row.TieAtLine {
			above = true
		} else if above && !lineDrawn {
			grid.Add(quotaLine(c.Category.Quota), quotaRule())
			lineDrawn = true
		}
		line(t.rankRow(row))
	}
	t.box.Add(grid.Content())
	t.box.Add(widget.NewLabel("括号内为去掉的最高分、最低分（5 位及以上评审评分时）。"))
	t.box.Add(widget.NewSeparator())
}

// rankHeader is the grid's header line.
func rankHeader(revs []data.Reviewer) []fyne.CanvasObject {
	bold := func(s string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	var cells []fyne.CanvasObject
	for _, h := range []string{"拟命名", "名次", "申报对象", "最终得分", "分差 / σ", "提示", "理由"} {
		cells = append(cells, bold(h))
	}
	for _, r := range revs {
		cells = append(cells, bold(r.Name))
	}
	return cells
}

// rankRow is one nomination's line: the pick (a box while in review), the
// place, the score, the hint, the reason and each reviewer's total.
func (t *rankTab) rankRow(row data.RankRow) []fyne.CanvasObject {
	var pick fyne.CanvasObject
	if row.State == data.StateReviewing {
		ck := widget.NewCheck("", nil)
		ck.SetChecked(row.WithinQuota)
		if !t.v.office() {
			ck.Disable()
		}
		t.picks[row.ID] = ck
		pick = ck
	} else {
		pick = widget.NewLabel(row.State.Label())
	}
	rank := "—"
	if row.Rank > 0 {
		rank = fmt.Sprint(row.Rank)
	}
	name := widget.NewLabel(row.NomineeName)
	name.Truncation = fyne.TextTruncateEllipsis
	d := t.dis[row.ID]
	hint := widget.NewLabel(rankFlags(row, d))
	hint.Truncation = fyne.TextTruncateEllipsis
	if row.TieAtLine || row.Vetoed() || d.Flagged() {
		hint.Importance = widget.WarningImportance
	}
	cells := []fyne.CanvasObject{pick, widget.NewLabel(rank), name, widget.NewLabel(row.Result.Display), widget.NewLabel(spreadText(d)), hint}
	if row.State == data.StateReviewing {
		e := widget.NewEntry()
		e.SetPlaceHolder("与排名不一致时填写")
		if !t.v.office() {
			e.Disable()
		}
		t.reason[row.ID] = e
		cells = append(cells, e)
	} else {
		l := widget.NewLabel(row.StateReason)
		l.Truncation = fyne.TextTruncateEllipsis
		cells = append(cells, l)
	}
	return append(cells, reviewerCells(row)...)
}

// reviewerCells are each reviewer's total for a line: 回避, 未评, the total
// (in brackets when dropped as the highest or lowest), 否决 after a veto.
func reviewerCells(row data.RankRow) []fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, rt := range row.Reviewers {
		s := ""
		switch {
		case rt.Recused:
			s = "回避"
		case rt.Absent:
			s = "缺席"
		case !rt.Scored:
			s = "未评"
		case rt.Dropped:
			s = "(" + rt.Total.String() + ")"
		default:
			s = rt.Total.String()
		}
		if rt.Scored && rt.Sheet.Veto {
			s += " 否决"
		}
		cells = append(cells, widget.NewLabel(s))
	}
	return cells
}

// rankProgress is the tab's progress: nominations proposed (or further) of the quota.
func rankProgress(rk []data.CategoryRanking) string {
	proposed, quota := 0, 0
	for _, c := range rk {
		quota += c.Category.Quota
		for _, row := range c.Rows {
			switch row.State {
			case data.StateProposed, data.StateOnNotice, data.StateNamed:
				proposed++
			}
		}
	}
	return fmt.Sprintf("拟命名 %d/%d", proposed, quota)
}

// quotaLine is the line drawn under the last place within the quota.
func quotaLine(quota int) fyne.CanvasObject {
	l := widget.NewLabel(fmt.Sprintf("名额线（%d 个名额）", quota))
	l.Importance = widget.DangerImportance
	l.TextStyle.Bold = true
	rule := canvas.NewRectangle(theme.Color(theme.ColorNameError))
	rule.SetMinSize(fyne.NewSize(0, 2))
	return container.NewBorder(nil, nil, l, nil, container.NewVBox(layout.NewSpacer(), rule, layout.NewSpacer()))
}

// quotaRule is the quota line's rule across the scrolling columns.
func quotaRule() fyne.CanvasObject {
	rule := canvas.NewRectangle(theme.Color(theme.ColorNameError))
	rule.SetMinSize(fyne.NewSize(0, 2))
	return container.NewVBox(layout.NewSpacer(), rule, layout.NewSpacer())
}

func rankFlags(row data.RankRow, d data.Disagreement) string {
	var f []string
	switch {
	case row.Vetoed():
		f = append(f, "一票否决")
	case row.Result.Exact == nil:
		f = append(f, "未评分")
	case row.TieAtLine:
		f = append(f, "名额线并列")
	case row.WithinQuota:
		f = append(f, "名额内")
	}
	if row.Owed > 0 {
		f = append(f, fmt.Sprintf("欠 %d 份", row.Owed))
	}
	if d.Flagged() {
		f = append(f, "评分分歧")
	}
	return strings.Join(f, "，")
}

func (t *rankTab) submit() {
	var ids []int64
	reasons := map[int64]string{}
	for id, ck := range t.picks {
		if ck.Checked {
			ids = append(ids, id)
		}
		if e := t.reason[id]; e != nil && strings.TrimSpace(e.Text) != "" {
			reasons[id] = strings.TrimSpace(e.Text)
		}
	}
	p, err := t.v.a.Store().DecidePreview(t.v.r.ID, ids)
	if err != nil {
		t.v.a.ShowError("拟命名名单未确定", err)
		return
	}
	widgets.ConfirmStep(t.v.a.Window(), "拟命名名单", p.What(), p.Irreversible(), func() {
		if !t.hasOpenFlags() {
			t.confirm(ids, reasons, "", nil)
			return
		}
		t.askNote(ids, reasons)
	})
}

// confirm fixes the list, with the note when flags are open.
func (t *rankTab) confirm(ids []int64, reasons map[int64]string, note string, d dialog.Dialog) {
	if err := t.v.a.Store().DecideNote(t.v.r.ID, ids, reasons, note); err != nil {
		if d != nil {
			t.v.a.Refuse(d, "拟命名名单未确定", err)
			return
		}
		t.v.a.ShowError("拟命名名单未确定", err)
		return
	}
	t.v.a.SetStatus("已确定拟命名名单：%d 个对象", len(ids))
	t.v.changed()
}

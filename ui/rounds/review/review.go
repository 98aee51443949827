// Package review is the 评审 tab of a round (ui/rounds): the panel of
// reviewers with the scores each still owes, the keyboard grid to type a
// reviewer's paper score sheets, conflicts (回避) and deleting a sheet. It
// reaches the round around it only through Round.
package review

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// Tab is the panel and the score entry: who still owes which score,
// and a keyboard grid to type a reviewer's paper score sheets.
type Tab struct {
	a        shell.Shell
	round    Round
	revs     []data.Reviewer
	status   map[int64]data.ReviewerStatus // per reviewer: entered/expected, owed, missing, recused, absent
	revList  *widget.List
	reviewer *widget.Select
	gridBox  *fyne.Container
	gridView *container.Scroll // the grid, scrolling up and down
	grid     *frozenGrid       // the lines of the grid shown
	rows     []*scoreRow
	save     *widget.Button
	summary  *widget.Label
	problems *widget.Label // every line's problem, in full (the hint column is narrow); the how-to when none
	catSel   *widget.Select
	commSel  *widget.Select
}

// scoreRow is one nomination's line of the grid.
type scoreRow struct {
	n     data.Nomination
	saved bool            // the reviewer's sheet for it is on record
	cells []*widget.Entry // per criterion, in the round's order
	bonus *widget.Entry
	veto  *widget.Check
	total *widget.Label
	msg   *widget.Label
	bad   map[*widget.Entry]error // the boxes marked as wrong, and why
}

// New is the 评审 tab of the round r shows.
func New(a shell.Shell, r Round) *Tab { return &Tab{a: a, round: r} }

// office reports whether this copy owns the scores (a community's copy only reads them).
func (t *Tab) office() bool { return t.a.Settings().IsOffice() }

// categoryOptions are the round's categories, for the filter.
func categoryOptions(r data.Round) []string {
	out := []string{"全部类别"}
	for _, c := range r.Categories {
		out = append(out, c.Name)
	}
	return out
}

// Content builds the tab once.
func (t *Tab) Content() fyne.CanvasObject {
	t.revList = widget.NewList(
		func() int { return len(t.revs) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(t.owedLine(t.revs[i])) })
	t.revList.OnSelected = func(i widget.ListItemID) {
		if i < len(t.revs) {
			t.reviewer.SetSelected(t.revs[i].Name)
		}
	}
	var panelButtons []fyne.CanvasObject
	if t.office() {
		panelButtons = append(panelButtons,
			widget.NewButton("添加评审", func() { t.editReviewer(nil) }),
			widget.NewButton("修改评审…", func() {
				if cur := t.current(); cur != nil {
					t.editReviewer(cur)
					return
				}
				t.a.ShowError("修改评审", errors.New("请先选择评审"))
			}),
			widget.NewButton("移除评审", t.removeReviewer),
			widget.NewButton("登记回避", t.addConflict),
			widget.NewButton("回避名单", t.showConflicts),
			widget.NewButton("导出评分表…", func() { t.round.ExportScores() }),
			widget.NewButton("导入评分表…", t.round.ImportScores))
	}

	t.reviewer = widgets.NewChoice(nil, func(string) { t.buildGrid() })
	t.reviewer.PlaceHolder = "（选择评审）"
	t.save = widget.NewButton("保存评分", t.Save)
	t.save.Importance = widget.HighImportance
	if !t.office() {
		t.save.Disable()
	}
	t.summary = widget.NewLabel("")
	t.summary.Wrapping = fyne.TextWrapBreak
	t.gridBox = container.NewVBox()
	t.gridView = container.NewVScroll(t.gridBox)
	t.problems = widget.NewLabel("")
	t.problems.Importance = widget.DangerImportance
	t.problems.Wrapping = fyne.TextWrapBreak
	// Two lines, always there (the how-to while nothing is wrong):
	// problems appearing do not shrink the grid, more of them scroll.
	problems := container.NewVScroll(t.problems)
	problems.SetMinSize(fyne.NewSize(0, 2*fyne.MeasureText("年", theme.TextSize(), fyne.TextStyle{}).Height+2*theme.InnerPadding()))
	right := fyne.CanvasObject(t.save)
	if t.office() {
		del := widget.NewButton("删除评分…", t.deleteSheet)
		del.Importance = widget.DangerImportance
		right = container.NewHBox(del, t.save)
	}
	// Paper sheets often come a category or a community at a time.
	t.catSel = widgets.NewChoice(categoryOptions(t.round.Round()), nil)
	t.catSel.SetSelected("全部类别")
	t.catSel.OnChanged = func(string) { t.buildGrid() }
	t.commSel = widgets.NewChoice([]string{"全部社区"}, nil)
	t.commSel.SetSelected("全部社区")
	t.commSel.OnChanged = func(string) { t.buildGrid() }
	filters := container.NewHBox(t.catSel, t.commSel, right)
	top := container.NewBorder(nil, nil, widget.NewLabel("评审："), filters, t.reviewer)
	// Below the grid: the panel, each reviewer with the scores still owed
	// (tap one to type their sheets), and the panel's buttons.
	panelHead := container.NewBorder(nil, nil,
		widget.NewLabelWithStyle("评审组", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil,
		container.NewHBox(panelButtons...))
	head := container.NewVBox(widget.NewSeparator(), panelHead)
	if t.office() {
		// A second row: the first is as wide as a 1024-pixel screen allows.
		head.Add(container.NewHBox(widget.NewButton("缺席…", t.markAbsent),
			widget.NewLabel("缺席的评审不录入评分，也不计入应交份数。")))
	}
	panel := container.NewBorder(head, t.summary, nil, nil, t.revList)
	split := container.NewVSplit(container.NewBorder(top, problems, nil, nil, t.gridView), panel)
	split.Offset = 0.62
	return split
}

// owedLine is a reviewer's line of the panel: name, unit, and where they
// stand (data.ReviewerStatus): sheets entered of those expected, the ones
// still owed and, once decided, the ones missing for good, recusals, absence.
func (t *Tab) owedLine(r data.Reviewer) string {
	line := r.Name
	if r.Unit != "" {
		line += "（" + r.Unit + "）"
	}
	return line + "：" + t.status[r.ID].Text()
}

// Reload reads the panel and the grid again and returns the tab's progress line.
func (t *Tab) Reload() string {
	revs, err := t.a.Store().Reviewers(t.round.Round().ID)
	if err != nil {
		t.a.ShowError("无法读取评审组", err)
		return ""
	}
	t.revs = revs
	t.status = map[int64]data.ReviewerStatus{}
	if ps, err := t.a.Store().PanelStatus(t.round.Round().ID); err == nil {
		for _, st := range ps {
			t.status[st.Reviewer.ID] = st
		}
	}
	names := make([]string, len(revs))
	for i, r := range revs {
		names[i] = r.Name
	}
	sel := t.reviewer.Selected
	if sel == "" && len(revs) > 0 {
		// Start on the first reviewer who still owes a score.
		sel = revs[0].Name
		for _, r := range revs {
			if len(t.status[r.ID].Owed) > 0 {
				sel = r.Name
				break
			}
		}
	}
	t.reviewer.OnChanged = nil
	t.reviewer.SetOptions(names)
	t.reviewer.SetSelected(sel)
	t.reviewer.OnChanged = func(string) { t.buildGrid() }
	t.revList.Refresh()
	t.summary.SetText("")
	t.summary.Hide()
	if len(revs) == 0 {
		t.summary.SetText("还没有评审。请点“添加评审”。")
		t.summary.Show()
	}
	t.summary.Importance = widget.MediumImportance
	t.suggestionNotice()
	t.buildGrid()
	rk, err := t.a.Store().Ranking(t.round.Round().ID)
	if err != nil {
		return ""
	}
	done, due := 0, 0
	for _, c := range rk {
		for _, row := range c.Rows {
			if row.State != data.StateReviewing {
				continue
			}
			for _, rt := range row.Reviewers {
				if !rt.Recused && !rt.Absent {
					due++
					if rt.Scored {
						done++
					}
				}
			}
		}
	}
	if due == 0 {
		return "无待评"
	}
	return fmt.Sprintf("已评 %d/%d", done, due)
}

func (t *Tab) current() *data.Reviewer {
	for i := range t.revs {
		if t.revs[i].Name == t.reviewer.Selected {
			return &t.revs[i]
		}
	}
	return nil
}

// buildGrid lays out the chosen reviewer's grid: one line per nomination
// in review that the reviewer is not recused from, filled with any sheet
// already entered.
func (t *Tab) buildGrid() {
	t.gridBox.Objects = nil
	t.rows = nil
	t.problems.SetText(entryHint)
	rev := t.current()
	if rev == nil {
		t.gridBox.Add(widget.NewLabel("请选择评审。"))
		t.gridBox.Refresh()
		return
	}
	if rev.AbsentReason != "" {
		t.gridBox.Add(widget.NewLabel(fmt.Sprintf("%s已登记缺席（%s），不录入评分。到场后请点“缺席…”撤销缺席。", rev.Label(), rev.AbsentReason)))
		t.gridBox.Refresh()
		return
	}
	rk, err := t.a.Store().Ranking(t.round.Round().ID)
	if err != nil {
		t.a.ShowError("无法读取评分", err)
		return
	}
	r := t.round.Round()
	var widths []float32
	for range r.Criteria {
		widths = append(widths, 68)
	}
	widths = append(widths, 56, 40, 56, 200)
	grid := newFrozenGrid(120)
	t.grid = grid
	head := gridHeader(r)
	grid.add(head[0], widgets.NewColumnsRow(widths, head[1:]...))
	recused := 0
	t.fillCommunities(rk)
	for _, c := range rk {
		if t.catSel.Selected != "全部类别" && c.Category.Name != t.catSel.Selected {
			continue
		}
		for _, row := range c.Rows {
			if row.State != data.StateReviewing || t.commSel.Selected != "全部社区" && row.CommunityName != t.commSel.Selected {
				continue
			}
			mine := reviewerTotal(row, rev.ID)
			if mine.Recused {
				recused++
				continue
			}
			line := t.addLine(row, mine)
			grid.add(line[0], widgets.NewColumnsRow(widths, line[1:]...))
		}
	}
	t.gridBox.Add(grid.content())
	t.wireKeys()
	if len(t.rows) == 0 {
		t.gridBox.Add(widget.NewLabel("没有需要该评审评分的申报（评审中的申报，已回避的除外）。"))
	}
	if recused > 0 {
		t.gridBox.Add(widget.NewLabel(fmt.Sprintf("该评审已回避 %d 份申报，不在此列。", recused)))
	}
	t.gridBox.Refresh()
}

// gridHeader is the grid's header line: the criteria with their maximum, the bonus cap.
func gridHeader(r data.Round) []fyne.CanvasObject {
	bold := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	heads := []fyne.CanvasObject{bold("申报对象")}
	for _, c := range r.Criteria {
		heads = append(heads, bold(fmt.Sprintf("%s\n满分 %s", c.Name, c.Max)))
	}
	return append(heads, bold(fmt.Sprintf("加分\n≤%s", r.BonusCap)), bold("否决"), bold("合计"), bold("提示"))
}

// reviewerTotal is one reviewer's part of a ranking line.
func reviewerTotal(row data.RankRow, reviewerID int64) data.ReviewerTotal {
	for _, rt := range row.Reviewers {
		if rt.Reviewer.ID == reviewerID {
			return rt
		}
	}
	return data.ReviewerTotal{}
}

// addLine adds a nomination's line to the grid, filled with the reviewer's
// sheet when one is on record, and returns its cells.
func (t *Tab) addLine(row data.RankRow, mine data.ReviewerTotal) []fyne.CanvasObject {
	sr := &scoreRow{n: row.Nomination, saved: mine.Scored, bad: map[*widget.Entry]error{}}
	name := widget.NewLabel(row.NomineeName)
	name.Truncation = fyne.TextTruncateEllipsis
	cells := []fyne.CanvasObject{name}
	for _, c := range t.round.Round().Criteria {
		e := scoreBox()
		if mine.Scored {
			e.SetText(mine.Sheet.Scores[c.ID].String())
		}
		sr.cells = append(sr.cells, e)
		cells = append(cells, e)
	}
	sr.bonus = scoreBox()
	if mine.Scored && !mine.Sheet.Bonus.IsZero() {
		sr.bonus.SetText(mine.Sheet.Bonus.String())
	}
	sr.total = widget.NewLabel("")
	sr.msg = widget.NewLabel("")
	sr.msg.Importance = widget.DangerImportance
	sr.msg.Truncation = fyne.TextTruncateEllipsis
	// Ticked before the callback is set: a vetoed sheet must not
	// re-check a line that is not built yet.
	sr.veto = widget.NewCheck("", nil)
	sr.veto.SetChecked(mine.Scored && mine.Sheet.Veto)
	sr.veto.OnChanged = func(bool) { t.check(sr) }
	t.rows = append(t.rows, sr)
	return append(cells, sr.bonus, sr.veto, sr.total, sr.msg)
}

// scoreBox is one box of a line, shown red once check finds a problem in
// it (even in a box filled from a stored sheet). It has no Validator: that
// would put a tick in every good box, and the boxes are narrow.
func scoreBox() *widget.Entry {
	e := widget.NewEntry()
	e.AlwaysShowValidationError = true
	return e
}

// wireKeys makes every edit re-check its line, and Enter move on like Tab.
func (t *Tab) wireKeys() {
	var order []*widget.Entry
	for _, sr := range t.rows {
		sr := sr
		order = append(order, sr.cells...)
		order = append(order, sr.bonus)
		for _, e := range append(append([]*widget.Entry(nil), sr.cells...), sr.bonus) {
			e.OnChanged = func(string) { t.check(sr) }
		}
		t.check(sr)
	}
	for i, e := range order {
		i := i
		e.OnSubmitted = func(string) {
			if i+1 < len(order) {
				t.a.Window().Canvas().Focus(order[i+1])
			}
		}
	}
}

// fillCommunities offers the communities of the nominations in review.
func (t *Tab) fillCommunities(rk []data.CategoryRanking) {
	opts := []string{"全部社区"}
	seen := map[string]bool{}
	for _, c := range rk {
		for _, row := range c.Rows {
			if row.State == data.StateReviewing && !seen[row.CommunityName] {
				seen[row.CommunityName] = true
				opts = append(opts, row.CommunityName)
			}
		}
	}
	sel := t.commSel.Selected
	if !seen[sel] {
		sel = "全部社区"
	}
	t.commSel.OnChanged = nil
	t.commSel.SetOptions(opts)
	t.commSel.SetSelected(sel)
	t.commSel.OnChanged = func(string) { t.buildGrid() }
}

// sheet reads a line (data.ReadSheetEntry): the sheet, whether every box is
// empty, and every problem of the line.
func (t *Tab) sheet(sr *scoreRow, revID int64) (sh *data.ScoreSheet, blank bool, problems []data.SheetProblem) {
	e := data.SheetEntry{Scores: map[int64]string{}, Bonus: sr.bonus.Text, Veto: sr.veto.Checked}
	for i, c := range t.round.Round().Criteria {
		e.Scores[c.ID] = sr.cells[i].Text
	}
	read, blank, problems := data.ReadSheetEntry(t.round.Round(), e)
	read.NominationID, read.ReviewerID = sr.n.ID, revID
	return &read, blank, problems
}

// problemText is a line's problems in one sentence, the boxes left empty
// named together: 党建引领“25”超过满分 20；服务群众、治理成效未填写.
func problemText(ps []data.SheetProblem) string {
	var out, empty []string
	for _, p := range ps {
		if p.Message == "未填写" {
			empty = append(empty, p.Label)
			continue
		}
		out = append(out, p.Text())
	}
	if len(empty) > 0 {
		out = append(out, strings.Join(empty, "、")+"未填写")
	}
	return strings.Join(out, "；")
}

// check re-reads a line: its total, its problems, and each bad box marked
// where it is (a box merely left empty is not marked).
func (t *Tab) check(sr *scoreRow) {
	defer t.showProblems()
	sh, blank, problems := t.sheet(sr, 0)
	bad := map[*widget.Entry]error{}
	for _, p := range problems {
		if p.Message == "未填写" {
			continue
		}
		box := sr.bonus
		for i, c := range t.round.Round().Criteria {
			if !p.Bonus && c.ID == p.CriterionID {
				box = sr.cells[i]
			}
		}
		bad[box] = errors.New(p.Text())
	}
	for _, e := range append(append([]*widget.Entry(nil), sr.cells...), sr.bonus) {
		sr.bad[e] = bad[e]
		e.SetValidationError(bad[e])
	}
	switch {
	case blank:
		sr.total.SetText("")
		sr.msg.SetText("")
	case len(problems) > 0:
		sr.total.SetText("")
		sr.msg.SetText(problemText(problems))
	default:
		sr.total.SetText(sh.Sheet(t.round.Round()).Total(t.round.Round().BonusCap).String())
		sr.msg.SetText("")
		if sh.Veto {
			sr.msg.SetText("一票否决")
		}
	}
}

// entryHint is how to type the sheets, where the problems go when there are none.
const entryHint = "按纸质评分表录入：Tab 或回车跳到下一格；整数或半分（如 8.5）；一行全空不录；有错的格子标红，问题列在这里。"

// showProblems lists, below the grid, every line's problems in full, one
// line each; the list scrolls in a space of its own, so the grid keeps its
// height.
func (t *Tab) showProblems() {
	var out []string
	for _, sr := range t.rows {
		if sr.msg != nil && sr.msg.Text != "" && sr.msg.Text != "一票否决" {
			out = append(out, sr.n.NomineeName+"："+sr.msg.Text)
		}
	}
	if len(out) == 0 {
		t.problems.Importance = widget.MediumImportance
		t.problems.SetText(entryHint)
		return
	}
	t.problems.Importance = widget.DangerImportance
	t.problems.SetText(fmt.Sprintf("%d 行有问题（标红的格子）：\n", len(out)) + strings.Join(out, "\n"))
}

// Save saves every filled line of the grid, all or none (the 保存评分 button, Ctrl+S).
func (t *Tab) Save() {
	rev := t.current()
	if rev == nil {
		t.a.ShowError("保存评分", errors.New("请先选择评审"))
		return
	}
	var sheets []*data.ScoreSheet
	var problems []string
	for _, sr := range t.rows {
		sh, blank, ps := t.sheet(sr, rev.ID)
		if blank {
			continue
		}
		if len(ps) > 0 {
			problems = append(problems, fmt.Sprintf("%s：%s", sr.n.NomineeName, problemText(ps)))
			continue
		}
		sheets = append(sheets, sh)
	}
	if len(problems) > 0 {
		t.a.ShowError("评分未保存", fmt.Errorf("以下 %d 行有问题，全部未保存：\n%s", len(problems), strings.Join(problems, "\n")))
		return
	}
	if len(sheets) == 0 {
		t.a.ShowError("保存评分", errors.New("没有填写任何评分"))
		return
	}
	if err := t.a.Store().SaveScoreSheets(sheets); err != nil {
		t.a.ShowError("评分未保存", err)
		return
	}
	t.a.SetStatus("已保存%s的 %d 份评分", rev.Label(), len(sheets))
	t.round.Changed()
}

// editReviewer adds a reviewer (cur nil) or corrects one's name, unit and phone.
func (t *Tab) editReviewer(cur *data.Reviewer) {
	r := data.Reviewer{RoundID: t.round.Round().ID}
	title, verb := "添加评审", "添加"
	if cur != nil {
		r, title, verb = *cur, "修改评审", "保存"
	}
	name, unit, phone := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	name.SetText(r.Name)
	unit.SetText(r.Unit)
	phone.SetText(r.Phone)
	var d *dialog.FormDialog
	d = dialog.NewForm(title, verb, "取消", []*widget.FormItem{
		widget.NewFormItem("姓名", name), widget.NewFormItem("单位", unit), widget.NewFormItem("电话", phone),
	}, func(ok bool) {
		if !ok {
			return
		}
		r.Name, r.Unit, r.Phone = name.Text, unit.Text, phone.Text
		if err := t.a.Store().SaveReviewer(&r); err != nil {
			t.a.Refuse(d, "评审未"+verb, err)
			return
		}
		if cur != nil {
			t.reviewer.Selected = r.Name
		}
		t.round.Changed()
	}, t.a.Window())
	d.Resize(fyne.NewSize(460, 240))
	d.Show()
}

// removeReviewer takes the chosen reviewer off the panel (refused once
// they have handed in a score sheet).
func (t *Tab) removeReviewer() {
	cur := t.current()
	if cur == nil {
		t.a.ShowError("移除评审", errors.New("请先选择评审"))
		return
	}
	rev := *cur
	dialog.ShowConfirm("移除评审", fmt.Sprintf("把%s移出评审组（连同其回避登记）？已交评分表的评审不能移除。", rev.Label()), func(ok bool) {
		if !ok {
			return
		}
		if err := t.a.Store().DeleteReviewer(rev.ID); err != nil {
			t.a.ShowError("评审未移除", err)
			return
		}
		t.reviewer.Selected = ""
		t.round.Changed()
	}, t.a.Window())
}

// deleteSheet removes one of the chosen reviewer's sheets with a reason: a
// wrong entry, or one that must go before a conflict is declared.
func (t *Tab) deleteSheet() {
	rev := t.current()
	if rev == nil {
		t.a.ShowError("删除评分", errors.New("请先选择评审"))
		return
	}
	var scored []data.Nomination
	for _, sr := range t.rows {
		if sr.saved {
			scored = append(scored, sr.n)
		}
	}
	if len(scored) == 0 {
		t.a.ShowError("删除评分", fmt.Errorf("%s还没有保存的评分", rev.Label()))
		return
	}
	names := make([]string, len(scored))
	for i, n := range scored {
		names[i] = n.NomineeName
	}
	pick := widgets.NewChoice(names, nil)
	reason := widget.NewEntry()
	reason.SetPlaceHolder("如：录入有误；该评审须回避")
	revID := rev.ID
	var d *dialog.FormDialog
	d = dialog.NewForm("删除评分", "删除", "取消", []*widget.FormItem{
		widget.NewFormItem("评审", widget.NewLabel(rev.Name)), widget.NewFormItem("申报对象", pick), widget.NewFormItem("原因", reason),
	}, func(ok bool) {
		if !ok {
			return
		}
		for _, n := range scored {
			if n.NomineeName == pick.Selected {
				if err := t.a.Store().DeleteScoreSheet(n.ID, revID, reason.Text); err != nil {
					t.a.Refuse(d, "评分未删除", err)
					return
				}
				t.a.SetStatus("已删除%s对%s的评分", rev.Name, n.Label())
				t.round.Changed()
				return
			}
		}
		t.a.Refuse(d, "评分未删除", errors.New("请选择申报对象"))
	}, t.a.Window())
	d.Resize(fyne.NewSize(460, 240))
	d.Show()
}

func (t *Tab) addConflict() {
	names := make([]string, len(t.revs))
	for i, r := range t.revs {
		names[i] = r.Name
	}
	rev := widgets.NewChoice(names, nil)
	if cur := t.current(); cur != nil {
		rev.SetSelected(cur.Name)
	}
	opts := t.round.Nominees()
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = o.Label
	}
	rec := widgets.NewChoice(labels, nil)
	reason := widget.NewEntry()
	reason.SetPlaceHolder("如：居住在该小区；在该社区工作")
	var d *dialog.FormDialog
	d = dialog.NewForm("登记回避", "登记", "取消", []*widget.FormItem{
		widget.NewFormItem("评审", rev), widget.NewFormItem("回避对象", rec), widget.NewFormItem("原因", reason),
	}, func(ok bool) {
		if !ok {
			return
		}
		c := data.Conflict{Reason: reason.Text}
		for _, r := range t.revs {
			if r.Name == rev.Selected {
				c.ReviewerID = r.ID
			}
		}
		for _, o := range opts {
			if o.Label == rec.Selected {
				if o.CompoundID != 0 {
					id := o.CompoundID
					c.CompoundID = &id
				} else {
					id := o.CommunityID
					c.CommunityID = &id
				}
			}
		}
		if c.ReviewerID == 0 {
			t.a.Refuse(d, "回避未登记", errors.New("请选择评审"))
			return
		}
		if err := t.a.Store().AddConflict(&c); err != nil {
			t.a.Refuse(d, "回避未登记", err)
			return
		}
		t.round.Changed()
	}, t.a.Window())
	d.Show()
}

func (t *Tab) showConflicts() {
	cs, err := t.a.Store().Conflicts(t.round.Round().ID)
	if err != nil {
		t.a.ShowError("无法读取回避名单", err)
		return
	}
	box := container.NewVBox()
	if len(cs) == 0 {
		box.Add(widget.NewLabel("没有登记回避。"))
	}
	for _, c := range cs {
		c := c
		line := fmt.Sprintf("%s 回避 %s", c.ReviewerName, c.RecordName)
		if c.Reason != "" {
			line += "（" + c.Reason + "）"
		}
		del := widget.NewButton("撤销", func() {
			if err := t.a.Store().DeleteConflict(c.ID); err != nil {
				t.a.ShowError("回避未撤销", err)
				return
			}
			t.round.Changed()
		})
		box.Add(container.NewBorder(nil, nil, nil, del, widget.NewLabel(line)))
	}
	note := widget.NewLabel("与社区的回避同时适用于该社区的小区。")
	var d dialog.Dialog
	sg := widget.NewButton("回避建议…", func() { d.Hide(); t.showSuggestions() })
	d = dialog.NewCustom("回避名单", "关闭", container.NewVBox(box, note, container.NewHBox(sg)), t.a.Window())
	d.Show()
}

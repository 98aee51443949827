package rounds

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
	"jiayuan/ui/rounds/review"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// roundsPage is the 评选 screen: the rounds on the left, the chosen round's
// tabs (设置, 申报, 初审, 评审, 排名, 公示, 命名) on the right.
// Alt+←/→ and Ctrl+1…7 move between the round's stages.
// Ctrl+S saves what the tab shown edits: the score grid on 评审, the
// round's settings on 设置; on the other tabs it does nothing.
type roundsPage struct{ u *roundsUI }

func NewPage(a shell.Shell) *roundsPage { return &roundsPage{u: newRoundsUI(a)} }

func (p *roundsPage) Content() fyne.CanvasObject { return p.u.content() }

// reload does nothing: reading again would drop scores typed and not saved
// (the list has its 刷新 button).
func (p *roundsPage) Reload() {}

func (p *roundsPage) Save() { p.u.save() }

// MoveStage shows the open round's stage delta places on (Alt+←/→).
func (p *roundsPage) MoveStage(delta int) {
	if v := p.u.view; v != nil && v.steps != nil {
		v.moveStage(delta)
	}
}

// ShowStage shows the open round's stage i, from 0 (Ctrl+1…7).
func (p *roundsPage) ShowStage(i int) {
	if v := p.u.view; v != nil && v.steps != nil {
		v.steps.Select(i)
	}
}

// save saves the editing tab shown, in the office's copy (a community's copy
// has no save button on these tabs either).
func (u *roundsUI) save() {
	v := u.view
	if v == nil || v.steps == nil || !v.office() {
		return
	}
	switch v.shown() {
	case v.tab("评审"):
		v.review.Save()
	case v.tab("设置"):
		v.setting.doSave()
	}
}

type roundsUI struct {
	a      shell.Shell
	list   *widget.List
	rounds []data.RoundSummary
	detail *fyne.Container
	view   *roundView
}

func newRoundsUI(a shell.Shell) *roundsUI { return &roundsUI{a: a} }

func (u *roundsUI) content() fyne.CanvasObject {
	u.list = widget.NewList(
		func() int { return len(u.rounds) },
		func() fyne.CanvasObject {
			// The title wraps onto a second line (titles run to 25
			// characters and more), the counts sit below it.
			t := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			t.Wrapping = fyne.TextWrapBreak
			t.Truncation = fyne.TextTruncateEllipsis
			c := widget.NewLabel("")
			c.Wrapping = fyne.TextWrapBreak
			return container.NewBorder(nil, c, nil, nil, t)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			r := u.rounds[i]
			box.Objects[0].(*widget.Label).SetText(r.Title)
			box.Objects[1].(*widget.Label).SetText(roundCounts(r))
		})
	u.list.OnSelected = func(i widget.ListItemID) {
		if i < len(u.rounds) {
			u.open(u.rounds[i].ID)
		}
	}
	var buttons []fyne.CanvasObject
	if u.a.Settings().IsOffice() {
		buttons = append(buttons,
			widget.NewButton("新建评选", u.newRound),
			widget.NewButton("复制为新一年", u.copyRound))
	}
	buttons = append(buttons, widget.NewButton("刷新", u.reload))
	// Two buttons a row keep the list narrow, leaving the round's tabs room.
	left := container.NewBorder(
		widget.NewLabelWithStyle("评选活动", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(min(2, len(buttons)), buttons...), nil, nil, u.list)
	u.detail = container.NewStack(widget.NewLabel("请在左侧选择评选活动。"))
	split := container.NewHSplit(left, u.detail)
	split.Offset = 0.18
	u.reload()
	if len(u.rounds) > 0 {
		u.list.Select(0)
	}
	return split
}

// reload reads the rounds again and refreshes the open round.
func (u *roundsUI) reload() {
	rs, err := u.a.Store().RoundSummaries()
	if err != nil {
		u.a.ShowError("无法读取评选活动", err)
		return
	}
	u.rounds = rs
	u.sizeItems()
	u.list.Refresh()
	if u.view != nil {
		u.view.reload()
	}
}

// sizeItems gives every round's line room for a title on two lines and
// the counts below it, on as many lines as they need at the list's width.
func (u *roundsUI) sizeItems() {
	lineH := fyne.MeasureText("年", theme.TextSize(), fyne.TextStyle{}).Height
	pad := 2 * theme.InnerPadding() // a label's own padding
	width := u.list.Size().Width - 4*theme.Padding()
	if width < 100 {
		width = 180 // not laid out yet: the usual width
	}
	for i, r := range u.rounds {
		w := fyne.MeasureText(roundCounts(r), theme.TextSize(), fyne.TextStyle{}).Width
		extra := float32(int(w / width)) // further lines the counts take
		// The title's two lines, the counts' lines, both labels' padding.
		u.list.SetItemHeight(i, lineH*(3+extra)+2*pad+theme.Padding())
	}
}

func (u *roundsUI) open(id int64) {
	if u.view != nil && u.view.r.ID == id {
		u.view.reload()
		return
	}
	r, err := u.a.Store().Round(id)
	if err != nil {
		u.a.ShowError("无法打开评选活动", err)
		return
	}
	u.view = newRoundView(u, r)
	u.detail.Objects = []fyne.CanvasObject{u.view.content()}
	u.detail.Refresh()
}

func (u *roundsUI) selectID(id int64) {
	for i, r := range u.rounds {
		if r.ID == id {
			// A new round often lands on the line already selected:
			// unselect first so that selecting opens it.
			u.list.UnselectAll()
			u.list.Select(i)
			return
		}
	}
}

// newRound asks for the year and title (the usual title of that year
// filled in), then creates the round with the default sheet.
func (u *roundsUI) newRound() {
	y := u.a.Today().Year()
	for _, r := range u.rounds {
		if r.Year >= y {
			y = r.Year + 1 // this year's round exists: offer the next
		}
	}
	year, title := widget.NewEntry(), widget.NewEntry()
	year.SetText(fmt.Sprint(y))
	title.SetText(data.NewRound(y).Title)
	year.OnChanged = func(s string) {
		var n int
		if _, err := fmt.Sscan(data.Normalize(s), &n); err == nil && n > 1900 {
			title.SetText(data.NewRound(n).Title)
		}
	}
	var d *dialog.FormDialog
	d = dialog.NewForm("新建评选", "新建", "取消", []*widget.FormItem{
		widget.NewFormItem("年度", year), widget.NewFormItem("活动名称", title),
	}, func(ok bool) {
		if !ok {
			return
		}
		var n int
		if _, err := fmt.Sscan(data.Normalize(year.Text), &n); err != nil {
			u.a.Refuse(d, "无法新建评选活动", fmt.Errorf("年度“%s”不是数字", year.Text))
			return
		}
		r := data.NewRound(n)
		r.Title = strings.TrimSpace(title.Text)
		if err := u.a.Store().SaveRound(&r); err != nil {
			u.a.Refuse(d, "无法新建评选活动", err)
			return
		}
		u.a.SetStatus("已新建%s，请在“设置”中核对类别、名额和评分标准", r.Label())
		u.reload()
		u.selectID(r.ID)
	}, u.a.Window())
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
}

func (u *roundsUI) copyRound() {
	if u.view == nil {
		u.a.ShowError("复制评选活动", errors.New("请先在左侧选择要复制的评选活动"))
		return
	}
	from := u.view.r
	year := widget.NewEntry()
	year.SetText(fmt.Sprint(from.Year + 1))
	src := widget.NewLabel(from.Title)
	src.Wrapping = fyne.TextWrapBreak
	var d *dialog.FormDialog
	d = dialog.NewForm("复制为新一年", "复制", "取消", []*widget.FormItem{
		widget.NewFormItem("复制自", src), widget.NewFormItem("新的年度", year),
		widget.NewFormItem("", widget.NewLabel("复制类别、名额、评分标准、否决事项和评审组；申报和评分不复制。")),
	}, func(ok bool) {
		if !ok {
			return
		}
		var y int
		if _, err := fmt.Sscan(data.Normalize(year.Text), &y); err != nil {
			u.a.Refuse(d, "无法复制", fmt.Errorf("年度“%s”不是数字", year.Text))
			return
		}
		r, err := u.a.Store().CopyRound(from.ID, y)
		if err != nil {
			u.a.Refuse(d, "无法复制", err)
			return
		}
		u.a.SetStatus("已按%s复制出%s（类别、评分标准和评审组）", from.Label(), r.Label())
		u.reload()
		u.selectID(r.ID)
	}, u.a.Window())
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
	u.a.Window().Canvas().Focus(year)
}

// roundCounts is "已命名 3 · 未入选 4" (with the year first when the title lacks it).
func roundCounts(r data.RoundSummary) string {
	var parts []string
	for _, s := range data.States {
		if n := r.Counts[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", s.Label(), n))
		}
	}
	if len(parts) == 0 {
		parts = []string{"无申报"}
	}
	// The year leads unless the title (shown above) already starts with it.
	if !strings.HasPrefix(r.Title, fmt.Sprint(r.Year)) {
		parts = append([]string{fmt.Sprintf("%d年度", r.Year)}, parts...)
	}
	return strings.Join(parts, " · ")
}

// roundView is one round's stages: the stepper above, the stage shown below.
type roundView struct {
	u     *roundsUI
	a     shell.Shell
	r     data.Round
	steps *widgets.Stepper
	why   *widget.Label   // why the stage shown is blocked
	frame *fyne.Container // the stepper and why above, the stage below
	list  []*roundTab

	apply   *nomTab
	check   *nomTab
	review  *review.Tab
	rank    *rankTab
	notice  *noticeTab
	naming  *namingTab
	setting *settingsTab
}

// roundTab is one stage; reload reads the store again.
type roundTab struct {
	title   string
	Text    string // the title with the count, as 初审（已审 2/2）
	content fyne.CanvasObject
	reload  func() string
}

func newRoundView(u *roundsUI, r data.Round) *roundView {
	return &roundView{u: u, a: u.a, r: r}
}

func (v *roundView) content() fyne.CanvasObject {
	v.setting = newSettingsTab(v)
	v.apply = newNomTab(v, "申报", nil,
		[]data.Action{data.ActSubmit, data.ActWithdraw, data.ActReconsider}, true)
	v.check = newNomTab(v, "初审", []data.State{data.StateSubmitted, data.StateReturned, data.StatePassed, data.StateReviewing},
		[]data.Action{data.ActPass, data.ActReturn, data.ActReview}, false)
	v.review = review.New(v.a, reviewRound{v})
	v.rank = newRankTab(v)
	v.notice = newNoticeTab(v)
	v.naming = newNamingTab(v)
	add := func(title string, c fyne.CanvasObject, reload func() string) {
		v.list = append(v.list, &roundTab{title: title, Text: title, content: c, reload: reload})
	}
	add("设置", v.setting.content(), v.setting.reload)
	add("申报", v.apply.content(), v.apply.reload)
	add("初审", v.check.content(), v.check.reload)
	add("评审", v.review.Content(), v.review.Reload)
	add("排名", v.rank.content(), v.rank.reload)
	add("公示", v.notice.content(), v.notice.reload)
	add("命名", v.naming.content(), v.naming.reload)
	body := container.NewStack()
	for _, t := range v.list {
		body.Add(t.content)
	}
	v.why = widget.NewLabel("")
	v.why.Wrapping, v.why.Importance = fyne.TextWrapBreak, widget.DangerImportance
	v.steps = widgets.NewStepper(nil, v.showStage)
	v.reload()
	v.steps.Select(data.StageApply)
	print := container.NewHBox(widget.NewLabel("打印："), v.a.RoundPrintBar(func() data.Round { return v.r }))
	v.frame = container.NewBorder(container.NewVBox(v.steps, v.why), container.NewVBox(widget.NewSeparator(), print), nil, nil, body)
	return v.frame
}

// showStage shows stage i's screen, and why it is blocked if it is.
func (v *roundView) showStage(i int) {
	for j, t := range v.list {
		if j == i {
			t.content.Show()
		} else {
			t.content.Hide()
		}
	}
	v.why.Hide()
	if steps := v.steps.Steps(); i < len(steps) && steps[i].State == widgets.StepBlocked {
		v.why.SetText(fmt.Sprintf("%s：%s", steps[i].Name, steps[i].Why))
		v.why.Show()
	}
	if v.frame != nil { // the line above the stage came or went: lay out again
		v.frame.Refresh()
	}
}

// shown is the stage shown.
func (v *roundView) shown() *roundTab {
	if v.steps == nil || v.steps.Selected() >= len(v.list) {
		return nil
	}
	return v.list[v.steps.Selected()]
}

// moveStage shows the stage delta places on (Alt+←/→).
func (v *roundView) moveStage(delta int) { v.steps.Step(delta) }

// reload reads the round again and refreshes every stage and the stepper.
func (v *roundView) reload() {
	if r, err := v.a.Store().Round(v.r.ID); err == nil {
		v.r = r
	}
	for _, t := range v.list {
		t.reload()
	}
	stages, err := v.a.Store().RoundStages(v.r.ID)
	if err != nil {
		v.a.ShowError("无法读取评选进度", err)
		return
	}
	steps := make([]widgets.Step, len(stages))
	for i, s := range stages {
		steps[i] = widgets.Step{Name: s.Name, Count: s.Count, State: stepState(s.State), Why: s.Why}
		if i < len(v.list) {
			v.list[i].Text = s.Name + "（" + s.Count + "）"
		}
	}
	if v.steps != nil {
		v.steps.SetSteps(steps)
		v.showStage(v.steps.Selected())
	}
}

func stepState(s data.StageState) widgets.StepState {
	switch s {
	case data.StageDone:
		return widgets.StepDone
	case data.StageCurrent:
		return widgets.StepCurrent
	case data.StageBlocked:
		return widgets.StepBlocked
	}
	return widgets.StepWaiting
}

// changed reloads this round and the list of rounds after a change.
func (v *roundView) changed() {
	if rs, err := v.a.Store().RoundSummaries(); err == nil {
		v.u.rounds = rs
		v.u.sizeItems()
		v.u.list.Refresh()
	}
	v.reload()
}

// tab finds a stage by its title (for tests and for jumping).
func (v *roundView) tab(title string) *roundTab {
	for _, t := range v.list {
		if t.title == title {
			return t
		}
	}
	return nil
}

// selectStage shows the stage titled title.
func (v *roundView) selectStage(title string) bool {
	for i, t := range v.list {
		if t.title == title {
			v.steps.Select(i)
			return true
		}
	}
	return false
}

// act moves the nominations by act, asking for the reason when the rules
// want one; a refusal shows every problem and changes nothing.
func (v *roundView) act(ids []int64, act data.Action) {
	t, _ := data.TransitionFor(act)
	if len(ids) == 0 {
		v.a.ShowError(t.Label, errors.New("请先勾选要办理的申报"))
		return
	}
	do := func(reason string) {
		if err := v.a.Store().TransitionMany(ids, act, reason); err != nil {
			v.a.ShowError(t.Label+"未办理", err)
			return
		}
		v.a.SetStatus("已%s %d 份申报", t.Label, len(ids))
		v.changed()
	}
	if t.NeedReason {
		what := fmt.Sprintf("%d 份申报", len(ids))
		if len(ids) == 1 {
			if n, err := v.a.Store().Nomination(ids[0]); err == nil {
				what = n.Label()
			}
		}
		v.askReason(t.Label, fmt.Sprintf("%s%s，请写明原因（记入操作记录）：", what, t.Label), do)
		return
	}
	do("")
}

// askReason asks for a required reason, then calls fn with it.
func (v *roundView) askReason(title, prompt string, fn func(reason string)) {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Hide()
	var d *dialog.CustomDialog
	ok := widget.NewButton("确定", func() {
		if strings.TrimSpace(e.Text) == "" {
			msg.SetText("原因不能为空")
			msg.Show()
			return
		}
		d.Hide()
		fn(strings.TrimSpace(e.Text))
	})
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton("取消", func() { d.Hide() })
	body := container.NewVBox(widget.NewLabel(prompt), e, msg)
	d = dialog.NewCustomWithoutButtons(title, body, v.a.Window())
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Resize(fyne.NewSize(480, 260))
	d.Show()
	v.a.Window().Canvas().Focus(e)
}

// office reports whether this copy owns the states.
func (v *roundView) office() bool { return v.a.Settings().IsOffice() }

// categoryNames are the round's categories, for filters.
func (v *roundView) categoryOptions() []string {
	out := []string{"全部类别"}
	for _, c := range v.r.Categories {
		out = append(out, c.Name)
	}
	return out
}

func (v *roundView) categoryID(name string) int64 {
	for _, c := range v.r.Categories {
		if c.Name == name {
			return c.ID
		}
	}
	return 0
}

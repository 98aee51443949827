package review

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// openSuggestions counts the round's suggested recusals not yet decided.
func (t *Tab) openSuggestions() int {
	sgs, err := t.a.Store().ConflictSuggestions(t.round.Round().ID)
	if err != nil {
		return 0
	}
	n := 0
	for _, s := range sgs {
		if !s.Decided {
			n++
		}
	}
	return n
}

// suggestionNotice shows, above the panel, how many suggested recusals wait
// for the clerk: they are best settled before scoring starts.
func (t *Tab) suggestionNotice() {
	if !t.office() {
		return
	}
	if n := t.openSuggestions(); n > 0 {
		line := fmt.Sprintf("有 %d 条回避建议待处理（评审的单位或相关社区与申报对象相同），请在评分前点“回避名单”→“回避建议”逐条采纳或不采纳。", n)
		if t.summary.Text != "" {
			line = t.summary.Text + "\n" + line
		}
		t.summary.SetText(line)
		t.summary.Importance = widget.WarningImportance
		t.summary.Show()
	}
}

// showSuggestions lists the suggested recusals with 采纳/不采纳 for each
// open one, and the decision (with its reason) for each settled one.
func (t *Tab) showSuggestions() {
	sgs, err := t.a.Store().ConflictSuggestions(t.round.Round().ID)
	if err != nil {
		t.a.ShowError("无法读取回避建议", err)
		return
	}
	box := container.NewVBox()
	if len(sgs) == 0 {
		box.Add(widget.NewLabel("没有回避建议：评审的单位和相关社区与各申报对象都不相同。"))
	}
	var d dialog.Dialog
	for _, s := range sgs {
		s := s
		line := widget.NewLabel(fmt.Sprintf("%s —— %s：%s", s.Reviewer.Name, s.Nomination.NomineeName, s.Basis))
		line.Wrapping = fyne.TextWrapWord
		if s.Decided {
			box.Add(line)
			box.Add(widget.NewLabel(fmt.Sprintf("　已%s：%s", map[bool]string{true: "采纳", false: "不采纳"}[s.Accepted], s.Reason)))
			continue
		}
		accept := widget.NewButton("采纳", func() { t.decideSuggestion(d, s, true) })
		dismiss := widget.NewButton("不采纳", func() { t.decideSuggestion(d, s, false) })
		box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(accept, dismiss), line))
	}
	note := widget.NewLabel("采纳即登记回避；不采纳须写明理由。两者都记入操作记录。")
	scroll := container.NewVScroll(box)
	scroll.SetMinSize(fyne.NewSize(640, 320))
	var top fyne.CanvasObject = widget.NewLabel("")
	if t.office() {
		rel := widget.NewButton("登记所选评审的相关社区…", func() {
			d.Hide()
			t.editRelations()
		})
		top = container.NewHBox(rel)
	}
	d = dialog.NewCustom("回避建议", "关闭", container.NewBorder(top, note, nil, nil, scroll), t.a.Window())
	d.Show()
}

// decideSuggestion asks for the reason and records the decision.
func (t *Tab) decideSuggestion(list dialog.Dialog, s data.ConflictSuggestion, accept bool) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder("如：本人在该社区任职；已离职多年，无往来")
	title := "不采纳回避建议"
	if accept {
		title = "采纳回避建议"
	}
	var d *dialog.FormDialog
	d = dialog.NewForm(title, "确定", "取消", []*widget.FormItem{
		widget.NewFormItem("建议", widget.NewLabel(s.Reviewer.Name+" —— "+s.Nomination.NomineeName)),
		widget.NewFormItem("理由", reason),
	}, func(ok bool) {
		if !ok {
			return
		}
		if strings.TrimSpace(reason.Text) == "" {
			t.a.Refuse(d, "回避建议未处理", errors.New("请写明理由"))
			return
		}
		if err := t.a.Store().DecideSuggestion(s.Reviewer.ID, s.Nomination.ID, accept, reason.Text); err != nil {
			t.a.Refuse(d, "回避建议未处理", err)
			return
		}
		if list != nil {
			list.Hide()
		}
		t.round.Changed()
		t.showSuggestions()
	}, t.a.Window())
	d.Show()
}

// editRelations lets the clerk tick the communities the selected reviewer
// declared as related (where they live, used to work…): they feed the
// suggested recusals.
func (t *Tab) editRelations() {
	cur := t.current()
	if cur == nil {
		t.a.ShowError("相关社区", errors.New("请先选择评审"))
		return
	}
	comms, err := t.a.Store().Communities()
	if err != nil {
		t.a.ShowError("无法读取社区", err)
		return
	}
	have, err := t.a.Store().ReviewerRelations(cur.ID)
	if err != nil {
		t.a.ShowError("无法读取相关社区", err)
		return
	}
	var names, sel []string
	for _, c := range comms {
		names = append(names, c.Name)
		for _, id := range have {
			if id == c.ID {
				sel = append(sel, c.Name)
			}
		}
	}
	group := widget.NewCheckGroup(names, nil)
	group.SetSelected(sel)
	scroll := container.NewVScroll(group)
	scroll.SetMinSize(fyne.NewSize(360, 280))
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(cur.Name+"的相关社区", "保存", "取消", scroll, func(ok bool) {
		if !ok {
			return
		}
		var ids []int64
		for _, c := range comms {
			for _, s := range group.Selected {
				if s == c.Name {
					ids = append(ids, c.ID)
				}
			}
		}
		if err := t.a.Store().SetReviewerRelations(cur.ID, ids); err != nil {
			t.a.Refuse(d, "相关社区未保存", err)
			return
		}
		t.round.Changed()
	}, t.a.Window())
	d.Show()
}

// EditPanelSettings sets the round's disagreement threshold and whether the
// panel's comments go back to the nominees with their feedback.
func (t *Tab) EditPanelSettings() {
	r := t.round.Round()
	p, err := t.a.Store().PanelSettings(r.ID)
	if err != nil {
		t.a.ShowError("无法读取评审组设置", err)
		return
	}
	limit := widget.NewEntry()
	limit.SetText(p.Threshold)
	limit.SetPlaceHolder(fmt.Sprintf("默认 %s（满分的 %d%%）", data.PanelSettings{}.Limit(r), data.DefaultSpreadPercent))
	share := widget.NewCheck("在评审结果反馈中附评审意见（不具评审姓名）", nil)
	share.SetChecked(p.ShareComments)
	var d *dialog.FormDialog
	d = dialog.NewForm("评审组设置", "保存", "取消", []*widget.FormItem{
		widget.NewFormItem("分差提示线", limit), widget.NewFormItem("评审意见", share),
	}, func(ok bool) {
		if !ok {
			return
		}
		p.Threshold, p.ShareComments = limit.Text, share.Checked
		if err := t.a.Store().SavePanelSettings(p); err != nil {
			t.a.Refuse(d, "评审组设置未保存", err)
			return
		}
		t.round.Changed()
	}, t.a.Window())
	d.Show()
}

package review

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// markAbsent marks the chosen reviewer absent for the round with a reason
// (they score nothing, and nothing is waited for from them) or, when already
// absent, present again.
func (t *Tab) markAbsent() {
	rev := t.current()
	if rev == nil {
		t.a.ShowError("登记缺席", errors.New("请先选择评审"))
		return
	}
	if rev.AbsentReason != "" {
		msg := fmt.Sprintf("%s已登记缺席（%s）。撤销缺席后，该评审的评分重新计入应交份数。", rev.Label(), rev.AbsentReason)
		v := *rev
		dialog.ShowConfirm("撤销缺席", msg, func(ok bool) {
			if ok {
				t.saveAbsence(nil, v, "")
			}
		}, t.a.Window())
		return
	}
	reason := widget.NewEntry()
	reason.SetPlaceHolder("如：出差，未到会")
	v := *rev
	var d *dialog.FormDialog
	d = dialog.NewForm("登记缺席", "登记", "取消", []*widget.FormItem{
		widget.NewFormItem("评审", widget.NewLabel(v.Name)), widget.NewFormItem("缺席原因", reason),
	}, func(ok bool) {
		if !ok {
			return
		}
		if strings.TrimSpace(reason.Text) == "" {
			t.a.Refuse(d, "缺席未登记", fmt.Errorf("%s：请写明缺席原因", v.Label()))
			return
		}
		t.saveAbsence(d, v, reason.Text)
	}, t.a.Window())
	d.Resize(fyne.NewSize(480, 220))
	d.Show()
}

// saveAbsence saves the reviewer's absence (reason "": present again); a
// refusal brings the dialog d back when there is one.
func (t *Tab) saveAbsence(d dialog.Dialog, v data.Reviewer, reason string) {
	if err := t.a.Store().MarkAbsent(v.ID, reason); err != nil {
		if d != nil {
			t.a.Refuse(d, "缺席未登记", err)
		} else {
			t.a.ShowError("缺席未撤销", err)
		}
		return
	}
	if reason == "" {
		t.a.SetStatus("已撤销%s的缺席", v.Label())
	} else {
		t.a.SetStatus("已登记%s缺席：%s", v.Label(), strings.TrimSpace(reason))
	}
	t.round.Changed()
}

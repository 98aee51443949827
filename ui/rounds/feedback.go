package rounds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/documents"
)

// feedbackButton shows the 评审结果反馈 of the nomination picked in a list:
// on the office's copy as computed once the round is named, on a
// community's copy as the office sent it.
func (t *nomTab) feedbackButton() *widget.Button {
	return widget.NewButton("结果反馈", func() {
		n := t.table.currentRow()
		if n == nil {
			t.v.a.ShowError("评审结果反馈", errors.New("请先点选一份申报"))
			return
		}
		t.v.showFeedback(*n)
	})
}

// feedbackText is the feedback as the window shows it.
func feedbackText(f data.Feedback) string {
	p := documents.FeedbackPage(f)
	var b strings.Builder
	final := p.Final
	if final == "" {
		final = "—"
	}
	fmt.Fprintf(&b, "%s（%s）\n评选结果：%s\n最终得分：%s　名次：%s\n%s\n\n", p.Nominee, p.Category, p.Outcome, final, p.Place, p.Quota)
	b.WriteString("评分项目：本单位平均分 / 同类平均分（分值）\n")
	for _, c := range p.Criteria {
		fmt.Fprintf(&b, "%s：%s / %s（%s）\n", c.Name, c.Own, c.Category, c.Max)
	}
	switch {
	case !p.Shared:
		b.WriteString("\n本次评选不公开评审意见。")
	case len(p.Comments) == 0:
		b.WriteString("\n评审意见：无")
	default:
		b.WriteString("\n评审意见（评审专家不具名）：\n" + strings.Join(p.Comments, "\n"))
	}
	return b.String()
}

// showFeedback opens one nomination's feedback, with a print button.
func (v *roundView) showFeedback(n data.Nomination) {
	f, ok, err := v.a.Store().NominationFeedback(n.ID)
	switch {
	case errors.Is(err, data.ErrNotNamed):
		v.a.ShowError("评审结果反馈", fmt.Errorf("%s：评选命名后才有评审结果反馈", n.Label()))
		return
	case err != nil:
		v.a.ShowError("评审结果反馈", err)
		return
	case !ok:
		v.a.ShowError("评审结果反馈", fmt.Errorf("%s还没有评审结果反馈（命名后由街道办事处随交换文件发来）", n.Label()))
		return
	}
	text := widget.NewLabel(feedbackText(f))
	text.Wrapping = fyne.TextWrapWord
	printBtn := widget.NewButton("打印本份…", func() {
		v.a.PrintJob("打印评审结果反馈", "评审结果反馈-"+n.NomineeName, func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return documents.Feedback(v.a.Store(), v.r.ID, n.ID, w)
		})
	})
	all := widget.NewButton("打印全部…", func() {
		v.a.PrintJob("打印评审结果反馈", "评审结果反馈-"+v.r.Title, func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return documents.Feedback(v.a.Store(), v.r.ID, 0, w)
		})
	})
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(520, 360))
	dialog.NewCustom("评审结果反馈", "关闭", container.NewBorder(nil, container.NewHBox(printBtn, all), nil, nil, scroll), v.a.Window()).Show()
}

package nomination

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
	"jiayuan/ui/shell"
)

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

// ShowFeedback opens one nomination's feedback, with a button to print it and
// one to print every nomination's of round r.
func ShowFeedback(a shell.Shell, r data.Round, n data.Nomination) {
	f, ok, err := a.Store().NominationFeedback(n.ID)
	switch {
	case errors.Is(err, data.ErrNotNamed):
		a.ShowError("评审结果反馈", fmt.Errorf("%s：评选命名后才有评审结果反馈", n.Label()))
		return
	case err != nil:
		a.ShowError("评审结果反馈", err)
		return
	case !ok:
		a.ShowError("评审结果反馈", fmt.Errorf("%s还没有评审结果反馈（命名后由街道办事处随交换文件发来）", n.Label()))
		return
	}
	text := widget.NewLabel(feedbackText(f))
	text.Wrapping = fyne.TextWrapWord
	printBtn := widget.NewButton("打印本份…", func() {
		a.PrintJob("打印评审结果反馈", "评审结果反馈-"+n.NomineeName, func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return documents.Feedback(a.Store(), r.ID, n.ID, w)
		})
	})
	all := widget.NewButton("打印全部…", func() {
		a.PrintJob("打印评审结果反馈", "评审结果反馈-"+r.Title, func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return documents.Feedback(a.Store(), r.ID, 0, w)
		})
	})
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(520, 360))
	dialog.NewCustom("评审结果反馈", "关闭", container.NewBorder(nil, container.NewHBox(printBtn, all), nil, nil, scroll), a.Window()).Show()
}

package rounds

import (
	"errors"

	"fyne.io/fyne/v2/widget"

	"jiayuan/ui/rounds/nomination"
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
		nomination.ShowFeedback(t.v.a, t.v.r, *n)
	})
}

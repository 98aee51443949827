package rounds

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// spreadText is a nomination's 分差 / σ cell: "20 / 8.00", "—" when fewer
// than two reviewers scored it.
func spreadText(d data.Disagreement) string {
	if d.Spread.N < 2 {
		return "—"
	}
	return d.Spread.Range.String() + " / " + d.Spread.SDDisplay
}

// openFlags are the disagreement flags of the nominations still 评审中.
func (t *rankTab) openFlags(rk []data.CategoryRanking) []string {
	var out []string
	for _, c := range rk {
		for _, row := range c.Rows {
			if d := t.dis[row.ID]; row.State == data.StateReviewing && d.Flagged() {
				out = append(out, row.NomineeName+"："+d.Text())
			}
		}
	}
	return out
}

// showFlags names the open flags above the confirm button, so the panel
// lead can have the scores looked at before the list is fixed.
func (t *rankTab) showFlags(rk []data.CategoryRanking) {
	flags := t.openFlags(rk)
	if len(flags) == 0 {
		t.flags.SetText("")
		t.flags.Hide()
		return
	}
	t.flags.SetText("评分分歧较大，建议请评审组长核查后再确定名单（确定时须写明说明）：\n" + strings.Join(flags, "\n"))
	t.flags.Show()
}

// hasOpenFlags reports whether the flags label names any open flag.
func (t *rankTab) hasOpenFlags() bool { return t.flags.Visible() && t.flags.Text != "" }

// askNote asks for the note recorded with the ranking when flags are open.
func (t *rankTab) askNote(ids []int64, reasons map[int64]string) {
	note := widget.NewMultiLineEntry()
	note.SetPlaceHolder("如：已请评审组长核查，评分无误")
	note.Wrapping = fyne.TextWrapWord
	msg := widget.NewLabel(t.flags.Text)
	msg.Wrapping = fyne.TextWrapBreak
	var d *dialog.FormDialog
	d = dialog.NewForm("确定拟命名名单", "确定", "取消", []*widget.FormItem{
		widget.NewFormItem("", msg), widget.NewFormItem("说明", note),
	}, func(ok bool) {
		if !ok {
			return
		}
		if strings.TrimSpace(note.Text) == "" {
			t.v.a.Refuse(d, "拟命名名单未确定", errors.New("有评分分歧未处理，请写明说明"))
			return
		}
		t.confirm(ids, reasons, note.Text, d)
	}, t.v.a.Window())
	d.Resize(fyne.NewSize(560, 360))
	d.Show()
}

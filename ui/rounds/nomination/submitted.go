package nomination

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/shell"
)

// SubmittedBox shows what a submitted nomination's 申报表 prints (the
// snapshot of its current version) and, beside each value the records no
// longer hold, what they hold now: 提交时 12800，现为 12900. Nil for a
// draft or a nomination sent back, whose form shows the live values.
func SubmittedBox(a shell.Shell, n *data.Nomination) fyne.CanvasObject {
	snap, d, ok, err := a.Store().CurrentSnapshot(*n)
	if err != nil {
		l := widget.NewLabel(err.Error())
		l.Wrapping, l.Importance = fyne.TextWrapWord, widget.DangerImportance
		return l
	}
	if !ok {
		return nil
	}
	diffs := map[string]data.SnapshotDiff{}
	if live, err := a.Store().LiveValues(*n); err == nil {
		for _, x := range d.Differences(live) {
			diffs[x.Label] = x
		}
	}
	grid := container.New(layout.NewFormLayout())
	row := func(label, value string) {
		if strings.TrimSpace(value) == "" {
			value = "（空）"
		}
		grid.Add(widget.NewLabel(label))
		val := widget.NewLabel(value)
		x, changed := diffs[label]
		if !changed {
			grid.Add(val)
			return
		}
		note := widget.NewLabel(x.Note())
		note.Importance = widget.WarningImportance
		grid.Add(container.NewHBox(val, note))
	}
	row("申报对象", d.NomineeName)
	if d.NomineeKind == data.NomineeCompound {
		row("所属社区", d.CommunityName)
	}
	row("类别", d.CategoryName)
	for _, f := range d.Facts {
		row(f.Label, f.Value)
	}
	names := make([]string, len(d.Attachments))
	for i, a := range d.Attachments {
		names[i] = a.Name
	}
	row("附件", strings.Join(names, "、"))
	head := widget.NewLabelWithStyle(fmt.Sprintf("提交时的数值（第%d版，申报表按此打印）", d.Version),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	box := container.NewVBox(head)
	if snap.Migrated() {
		m := widget.NewLabel(fmt.Sprintf("本版的提交快照是%s数据升级时按当时的记录补建的，未必是提交当日的数值。", dayText(snap.TakenAt)))
		m.Wrapping, m.Importance = fyne.TextWrapWord, widget.WarningImportance
		box.Add(m)
	}
	if len(diffs) > 0 {
		box.Add(widget.NewLabel(fmt.Sprintf("社区、小区记录中有 %d 项已与提交时不同，见各项旁的说明。", len(diffs))))
	}
	box.Add(grid)
	return box
}

// dayText is the date of a stored time as 2024年5月6日.
func dayText(at string) string {
	var y, m, d int
	if _, err := fmt.Sscanf(at, "%d-%d-%d", &y, &m, &d); err != nil {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", y, m, d)
}

package admin

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// ShowSetAside tells the clerk, over win, where the data moved aside in the
// data folder dir went (a damaged database in damaged-…/, the data a restore
// replaced in backups/before-restore-….jyb), until they tap 知道了. 以后再说
// closes it and it comes back next time. Nothing is shown when there is none.
func ShowSetAside(win fyne.Window, dir string) {
	list, err := data.SetAsideNotices(dir)
	if err != nil {
		dialog.ShowInformation("移到一旁的数据", data.Explain(err), win)
		return
	}
	if len(list) == 0 {
		return
	}
	box := container.NewVBox(widget.NewLabel("以下数据已移到一旁保存，没有删除："))
	ids := make([]string, len(list))
	for i, n := range list {
		ids[i] = n.ID
		l := widget.NewLabel("· " + n.Message())
		l.Wrapping = fyne.TextWrapBreak
		box.Add(l)
	}
	box.Add(widget.NewLabel("确认知道了以后，这里不再提示；数据仍留在原处。"))
	scroll := container.NewVScroll(box)
	scroll.SetMinSize(fyne.NewSize(560, 160))
	d := dialog.NewCustomConfirm("移到一旁的数据", "知道了", "以后再说", scroll, func(ok bool) {
		if !ok {
			return
		}
		if err := data.DismissSetAside(dir, ids...); err != nil {
			dialog.ShowInformation("移到一旁的数据", data.Explain(err), win)
		}
	}, win)
	d.Show()
}

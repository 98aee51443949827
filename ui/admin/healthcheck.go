package admin

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/shell"
)

// The program opens its data after SQLite's quick check, which does not see
// an index that no longer matches its table. Once the main screens are shown
// the window runs the full check in the background (a second or less at this
// size) and, when it finds damage, says what to do: rebuild the indexes when
// only they are wrong, otherwise restore a backup.

// restoreWhere is where the clerk restores a backup.
const restoreWhere = "「设置 › 备份与恢复」"

// StartHealthCheck runs the full integrity check off the UI goroutine. On
// the office server there is no SQLite file to check: the server keeps its
// own data sound, and its IT backs it up.
func StartHealthCheck(a shell.Shell) {
	if a.Store().IsServer() {
		return
	}
	var d data.Diagnosis
	var err error
	a.Background(func() { d, err = a.Store().Diagnose() }, func() {
		if err != nil {
			fyne.LogError("full integrity check", err)
			return
		}
		if !d.OK() {
			showDamage(a, d)
		}
	})
}

// showDamage reports what the full check found, with the way out.
func showDamage(a shell.Shell, d data.Diagnosis) {
	a.SetStatus("完整检查发现数据库有问题：%s", d.Summary())
	if d.IndexOnly {
		msg := fmt.Sprintf("完整检查发现：%s。\n\n重建索引即可修复，记录不会改动，也不会丢失。"+
			"修复之前备份都不会成功：有问题的备份会另存一旁，不计入自动备份，也不会挤掉完好的备份。\n\n现在重建索引吗？", d.Summary())
		dialog.ShowCustomConfirm("数据库需要修复", "重建索引", "稍后", damageLabel(msg), func(ok bool) {
			if ok {
				rebuildIndexes(a)
			}
		}, a.Window())
		return
	}
	msg := fmt.Sprintf("完整检查发现：%s。\n\n这种损坏重建索引修不好，需要从一份完好的备份恢复：请到%s，"+
		"选一份完好的备份恢复。现有数据会先另存为一份备份，不会丢失。", d.Summary(), restoreWhere)
	dialog.ShowCustomConfirm("数据库已损坏", "去恢复", "稍后", damageLabel(msg), func(ok bool) {
		if ok {
			openBackupTab(a)
		}
	}, a.Window())
}

func damageLabel(msg string) fyne.CanvasObject {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapBreak
	scroll := container.NewVScroll(l)
	scroll.SetMinSize(fyne.NewSize(480, 200))
	return scroll
}

// rebuildIndexes runs data.Store.RebuildIndexes behind a progress dialog.
func rebuildIndexes(a shell.Shell) {
	a.RunBusyErr("正在重建索引…", func(func(int, int)) error {
		_, err := a.Store().RebuildIndexes()
		return err
	}, func(err error) {
		if err != nil {
			a.ShowErrorThen("重建索引失败", fmt.Errorf("%w\n\n请到%s选一份完好的备份恢复。", err, restoreWhere), func() { openBackupTab(a) })
			return
		}
		a.SetStatus("已重建索引，数据库通过完整检查")
		dialog.ShowInformation("修复完成", "已重建索引，数据库通过完整检查，备份又能正常进行了。", a.Window())
	})
}

// openBackupTab shows 设置 at its 备份与恢复 tab.
func openBackupTab(a shell.Shell) {
	a.OpenTitled("设置")
	if p, ok := a.CurrentPage().(*settingsPage); ok && p.tabs != nil {
		for i, it := range p.tabs.Items {
			if it.Text == "备份与恢复" {
				p.tabs.SelectIndex(i)
			}
		}
	}
}

package admin

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/shell"
)

// backupPanel is the 备份与恢复 part of 设置: a manual backup to a file, a
// restore from a file, the list of automatic backups (each can be restored)
// and how many automatic backups are kept.
func backupPanel(a shell.Shell) fyne.CanvasObject {
	list, restoreSel, refresh := backupList(a)
	restoreFile := widget.NewButtonWithIcon("从备份文件恢复…", theme.FolderOpenIcon(), func() {
		a.OpenFileDialogExt([]string{data.BackupExt}, func(path string) { confirmRestore(a, path, refresh) })
	})
	title := widget.NewLabelWithStyle("备份与恢复", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	info := widget.NewLabel(fmt.Sprintf("数据目录：%s\n程序关闭时自动备份（每天至多一次，数据有改动时），保存在 %s。\n"+
		"每份备份都先做完整检查，未通过的另存一旁，不计入自动备份。"+
		"恢复前会完整检查备份文件；被替换的数据另存为一份备份，不会丢失。", a.Store().Dir(), data.BackupDir(a.Store().Dir())))
	info.Wrapping = fyne.TextWrapBreak
	listBox := container.NewGridWrap(fyne.NewSize(720, 220), list)
	refresh()
	return container.NewVBox(
		title, widget.NewSeparator(), info,
		container.NewHBox(backupNowButton(a, refresh), restoreFile),
		widget.NewLabel("自动备份和恢复前保存的数据（新的在前）："),
		listBox,
		container.NewHBox(restoreSel, widget.NewButtonWithIcon("刷新", theme.ViewRefreshIcon(), refresh)),
		backupKeepRow(a),
	)
}

// backupList is the list of the backups in the data folder, the button that
// restores the one selected (only a good one) and the function that reads
// the list again.
func backupList(a shell.Shell) (*widget.List, *widget.Button, func()) {
	var backups []data.BackupInfo
	selected := -1
	restoreSel := widget.NewButtonWithIcon("恢复所选备份…", theme.HistoryIcon(), nil)
	restoreSel.Disable()
	list := widget.NewList(
		func() int { return len(backups) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("2026-01-01 12:00  自动备份  99 个社区、999 个小区、999 个党组织，附件 99 个  99.9 MB")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(backupLine(backups[i]))
		})
	list.OnSelected = func(i widget.ListItemID) {
		selected = i
		if backups[i].Good() {
			restoreSel.Enable()
		} else {
			restoreSel.Disable()
		}
	}
	list.OnUnselected = func(widget.ListItemID) { selected = -1; restoreSel.Disable() }
	refresh := func() {
		backups, _ = data.ListBackups(a.Store().Dir())
		selected = -1
		list.UnselectAll()
		list.Refresh()
	}
	restoreSel.OnTapped = func() {
		if selected >= 0 && selected < len(backups) {
			confirmRestore(a, backups[selected].Path, refresh)
		}
	}
	return list, restoreSel, refresh
}

// backupNowButton asks for a file and backs up to it; refresh shows a backup
// kept aside because it failed the full check.
func backupNowButton(a shell.Shell, refresh func()) *widget.Button {
	b := widget.NewButtonWithIcon("备份到文件…", theme.DocumentSaveIcon(), func() {
		name := "家园备份-" + time.Now().Format("20060102-1504") + data.BackupExt
		a.SaveFileDialogExt(name, data.BackupExt, func(path string) {
			var m data.BackupManifest
			a.RunBusyErr("正在备份…", func(func(int, int)) error {
				var err error
				m, err = a.Store().BackupTo(path)
				return err
			}, func(err error) {
				if err != nil {
					backupFailed(a, err, refresh)
					return
				}
				a.SetStatus("已备份到 %s", path)
				dialog.ShowInformation("备份完成", fmt.Sprintf("已备份到\n%s\n\n%s。", path, m.Summary()), a.Window())
			})
		})
	})
	b.Importance = widget.HighImportance
	return b
}

// backupKeepRow sets how many automatic backups are kept.
func backupKeepRow(a shell.Shell) fyne.CanvasObject {
	keep := widget.NewEntry()
	keep.SetText(strconv.Itoa(a.Store().BackupKeep()))
	keepMsg := widget.NewLabel("")
	saveKeep := widget.NewButton("保存", func() {
		n, err := strconv.Atoi(strings.TrimSpace(keep.Text))
		if err != nil {
			keepMsg.SetText("请填写 1 到 365 之间的整数")
			return
		}
		if err := a.Store().SetBackupKeep(n); err != nil {
			keepMsg.SetText(err.Error())
			return
		}
		keepMsg.SetText("已保存")
	})
	return container.NewHBox(widget.NewLabel("保留自动备份份数"), container.NewGridWrap(fyne.NewSize(80, keep.MinSize().Height), keep), saveKeep, keepMsg)
}

// backupFailed reports a manual backup that failed; one whose database
// failed the full check was kept aside: the list shows it, and the way out
// (rebuild the indexes, or restore) is offered.
func backupFailed(a shell.Shell, err error, refresh func()) {
	var failed *data.BackupCheckError
	if !errors.As(err, &failed) {
		a.ShowError("备份失败", err)
		return
	}
	refresh()
	a.SetStatus("备份未完成：数据库未通过完整检查")
	a.ShowErrorThen("备份未完成", err, func() { showDamage(a, failed.Diagnosis) })
}

func backupLine(b data.BackupInfo) string {
	if b.Err != nil {
		return filepath.Base(b.Path) + "  无法读取：" + b.Err.Error()
	}
	if !b.Good() {
		return fmt.Sprintf("%s  %s  未通过完整检查，不能用来恢复（%s）：%s", b.Manifest.Time().Local().Format("2006-01-02 15:04"),
			data.BackupKindLabel(b.Manifest.Kind), filepath.Base(b.Path), b.Manifest.Damage)
	}
	return fmt.Sprintf("%s  %s  %s  %s", b.Manifest.Time().Local().Format("2006-01-02 15:04"),
		data.BackupKindLabel(b.Manifest.Kind), b.Manifest.Summary(), data.HumanSize(b.Size))
}

// RestoreFile offers to restore the backup at path (one opened with the
// program): it is checked fully first, and nothing is replaced unless the
// clerk confirms.
func RestoreFile(a shell.Shell, path string) { confirmRestore(a, path, nil) }

// confirmRestore checks the backup fully, asks, then restores it.
func confirmRestore(a shell.Shell, path string, after func()) {
	var m data.BackupManifest
	a.RunBusy("正在检查备份…", func(func(int, int)) error {
		var err error
		m, err = data.VerifyBackup(path)
		return err
	}, func() {
		msg := fmt.Sprintf("备份文件 %s 完好：\n备份于 %s，%s。\n\n恢复会用这份备份替换现有的全部数据和附件。"+
			"现有数据会先另存为一份备份（在“恢复前的数据”里）。\n确定恢复吗？",
			filepath.Base(path), m.Time().Local().Format("2006-01-02 15:04"), m.Summary())
		dialog.ShowConfirm("从备份恢复", msg, func(ok bool) {
			if !ok {
				return
			}
			var res data.RestoreResult
			a.RunBusy("正在恢复…", func(func(int, int)) error {
				var err error
				res, err = a.Store().RestoreBackup(path)
				return err
			}, func() {
				a.AfterRestore()
				if after != nil {
					after()
				}
				text := "已从备份恢复。"
				if res.Saved != "" {
					text += "\n恢复前的数据已另存为\n" + res.Saved
				}
				a.SetStatus("已从 %s 恢复", filepath.Base(path))
				dialog.ShowInformation("恢复完成", text, a.Window())
				ShowSetAside(a.Window(), a.Store().Dir())
			})
		}, a.Window())
	})
}

// AutoBackup takes the day's automatic backup when the data changed since
// the last one (see data.Store.AutoBackup). The window calls it when it
// closes; a failure is reported but never keeps the window from closing.
func AutoBackup(a shell.Shell) error {
	p, err := a.Store().AutoBackup()
	if err != nil {
		return fmt.Errorf("自动备份失败：%w", err)
	}
	if p != "" {
		a.SetStatus("已自动备份到 %s", p)
	}
	return nil
}

// StartAutoBackup checks every hour, while the window is open, whether the
// day's automatic backup is due (at most one a day), off the UI goroutine.
func StartAutoBackup(a shell.Shell) {
	go func() {
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		for range t.C {
			p, err := a.Store().AutoBackup()
			fyne.Do(func() {
				switch {
				case err != nil:
					a.SetStatus("自动备份失败：%v", err)
				case p != "":
					a.SetStatus("已自动备份到 %s", p)
				}
			})
		}
	}()
}

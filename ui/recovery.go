package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// Recover is the window main shows when the data folder's database fails its
// integrity check (openErr is the *data.DamagedError). It says so, offers the
// newest good backup or another backup file, or starting with empty data.
// Whatever the clerk picks, the damaged file is moved aside into the data
// folder, never overwritten or deleted. After a recovery the main window opens
// on the recovered data. main holds the data folder's lock while this runs.
func Recover(fa fyne.App, dir string, openErr error) fyne.Window {
	if _, ok := data.IsIOError(openErr); ok { // the disk, not the data: nothing to recover
		return Fatal(fa, openErr)
	}
	useTheme(fa)
	w := fa.NewWindow("家园 — 数据需要恢复")
	w.SetIcon(appIcon)
	r := &recovery{fa: fa, w: w, dir: dir}

	detail := openErr.Error()
	if d, ok := data.IsDamaged(openErr); ok {
		detail = fmt.Sprintf("数据库文件 %s 未通过完整性检查（%s）。", d.Path, d.Detail)
	}
	head := widget.NewLabelWithStyle("数据库文件已损坏", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	msg := widget.NewLabel(detail + "\n\n可能是断电或磁盘故障造成的。损坏的文件不会被覆盖或删除：恢复时它会移到数据目录里的 damaged-日期时间 文件夹中保存，以便日后请技术人员查看。")
	msg.Wrapping = fyne.TextWrapBreak

	newest := widget.NewLabel("正在查找可用的备份…")
	newest.Wrapping = fyne.TextWrapBreak
	useNewest := widget.NewButtonWithIcon("用这份备份恢复", theme.HistoryIcon(), nil)
	useNewest.Importance = widget.HighImportance
	useNewest.Disable()
	other := widget.NewButtonWithIcon("选择其他备份文件…", theme.FolderOpenIcon(), func() {
		openFileIn(w, []string{data.BackupExt}, r.verifyThenRestore, r.fail)
	})
	empty := widget.NewButton("不恢复，从空白数据开始…", func() {
		dialog.ShowConfirm("从空白数据开始",
			"损坏的文件会移到一旁保存，然后建立一个空的数据库。\n以后仍可以在“设置 → 备份与恢复”里从备份恢复。确定吗？",
			func(ok bool) {
				if ok {
					r.run("正在移开损坏的文件…", func() (string, error) { return data.SetAside(dir) })
				}
			}, w)
	})
	quit := widget.NewButton("退出", func() { fa.Quit() })

	var b data.BackupInfo
	var err error
	offThread(func() { b, err = data.NewestGoodBackup(dir) }, func() {
		if err != nil {
			newest.SetText("没有找到可用的备份（" + err.Error() + "）。如果别处保存有备份文件（.jyb），请用“选择其他备份文件”。")
			return
		}
		newest.SetText(fmt.Sprintf("最新的完好备份：%s，%s，%s。", b.Manifest.Time().Local().Format("2006-01-02 15:04"),
			data.BackupKindLabel(b.Manifest.Kind), b.Manifest.Summary()))
		useNewest.OnTapped = func() { r.restore(b.Path) }
		useNewest.Enable()
	})

	w.SetContent(container.NewBorder(
		container.NewVBox(head, widget.NewSeparator()),
		container.NewHBox(empty, layoutSpacer(), quit),
		nil, nil,
		container.NewVScroll(container.NewPadded(container.NewVBox(msg, widget.NewSeparator(), newest,
			container.NewHBox(useNewest, other)))),
	))
	w.Resize(fyne.NewSize(720, 420))
	return w
}

type recovery struct {
	fa  fyne.App
	w   fyne.Window
	dir string
}

func (r *recovery) fail(err error) { dialog.ShowError(err, r.w) }

func (r *recovery) verifyThenRestore(path string) {
	r.busy("正在检查备份…", func() error { _, err := data.VerifyBackup(path); return err }, func() {
		dialog.ShowConfirm("从备份恢复", "备份文件 "+filepath.Base(path)+" 完好。用它恢复吗？", func(ok bool) {
			if ok {
				r.restore(path)
			}
		}, r.w)
	})
}

func (r *recovery) restore(path string) {
	r.run("正在恢复…", func() (string, error) { return data.RestoreDamaged(r.dir, path) })
}

// run does the recovery step, then opens the main window on the data.
func (r *recovery) run(title string, step func() (aside string, err error)) {
	var aside string
	r.busy(title, func() error {
		var err error
		aside, err = step()
		return err
	}, func() {
		st, err := data.OpenChecked(r.dir)
		if err != nil {
			r.fail(err)
			return
		}
		main := Create(r.fa, st)
		main.Show()
		if aside != "" {
			dialog.ShowInformation("已恢复", "损坏的数据库已移到\n"+aside+"\n（未作任何改动）。", main)
		}
		r.w.Close()
	})
}

// busy runs work off the UI goroutine behind a waiting dialog.
func (r *recovery) busy(title string, work func() error, done func()) {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons("请稍候", container.NewVBox(widget.NewLabel(title), bar), r.w)
	d.Show()
	var err error
	offThread(func() { err = work() }, func() {
		bar.Stop()
		d.Hide()
		if err != nil {
			r.fail(err)
			return
		}
		done()
	})
}

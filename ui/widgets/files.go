package widgets

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// The file dialogs and the progress dialog every screen shares.

// Runner runs the window's jobs off the UI goroutine, behind a progress
// dialog over Win when they take a while, and counts them so the window can
// wait for them (Wait) before it closes. Fail shows a job's error.
type Runner struct {
	Win  fyne.Window
	Fail func(title string, err error)
	busy sync.WaitGroup
}

// Wait waits for the jobs started so far.
func (r *Runner) Wait() { r.busy.Wait() }

var fileDialogSize = fyne.NewSize(820, 560)

// SaveFileDialogExt asks, over win, where to save a file with extension ext (".xlsx"),
// suggesting name, then calls fn with the local path. When the clerk typed the
// name without the extension, it is added. The dialog itself creates no file
// (savedialog.go): the job that writes decides, through data.WriteOutput.
func SaveFileDialogExt(win fyne.Window, st *data.Store, name, ext string, fn func(path string), fail func(title string, err error)) {
	lazyFileWrites() // the dialog creates no file, empties none (see savedialog.go)
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			fail("无法保存文件", err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if !strings.EqualFold(filepath.Ext(path), ext) {
			path += ext
		}
		if st != nil {
			if err := st.CheckOutputPath(path); err != nil {
				fail("不能保存到这里", err)
				return
			}
		}
		fn(path)
	}, win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext, strings.ToUpper(ext)}))
	d.SetTitleText("保存文件")
	d.Resize(fileDialogSize)
	d.Show()
	ChineseFileDialog(win)
}

// OpenFileIn asks, over window w, for a file with one of the extensions (any
// file when exts is empty) and calls fn with its local path.
func OpenFileIn(w fyne.Window, exts []string, fn func(path string), fail func(error)) {
	OpenFileFrom(w, "打开文件", exts, nil, fn, fail)
}

// LastFolderKey is where Fyne's file dialog keeps the folder it last showed,
// to start there next time.
const LastFolderKey = "fyne:fileDialogLastFolder"

// OpenFileFrom is OpenFileIn with the dialog's title and the folders to
// start in, the first of them that exists (the dialog's own choice when none).
// A dialog given its folders (the font folder) does not change where the
// other file dialogs start: the next Excel import does not open among fonts.
func OpenFileFrom(w fyne.Window, title string, exts, folders []string, fn func(path string), fail func(error)) {
	prefs := fyne.CurrentApp().Preferences()
	last := prefs.String(LastFolderKey)
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if len(folders) > 0 {
			prefs.SetString(LastFolderKey, last)
		}
		if err != nil {
			fail(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		fn(path)
	}, w)
	if len(exts) > 0 {
		var all []string
		for _, e := range exts {
			all = append(all, strings.ToLower(e), strings.ToUpper(e))
		}
		d.SetFilter(storage.NewExtensionFileFilter(all))
	}
	for _, dir := range folders {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
				d.SetLocation(l)
				break
			}
		}
	}
	d.SetTitleText(title)
	d.Resize(fileDialogSize)
	d.Show()
	ChineseFileDialog(w)
}

// placeNames are the places Fyne's file dialog lists in English (Fyne 2.7
// does not translate them).
var placeNames = map[string]string{"Home": "主目录", "Computer": "计算机", "Desktop": "桌面",
	"Documents": "文档", "Downloads": "下载", "Music": "音乐", "Pictures": "图片", "Videos": "视频",
	"App Files": "程序文件"}

// ChineseFileDialog gives the places in the file dialog just shown over w
// their Chinese names. The dialog's place list is the only list in it whose
// rows are an icon and a label; its rows are renamed whenever they are drawn.
func ChineseFileDialog(w fyne.Window) {
	pop, ok := w.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		return
	}
	walkObjects(pop.Content, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.List)
		if !ok || l.UpdateItem == nil {
			return
		}
		update := l.UpdateItem
		l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			update(id, item)
			if c, ok := item.(*fyne.Container); ok && len(c.Objects) == 2 {
				if label, ok := c.Objects[1].(*widget.Label); ok {
					if zh, ok := placeNames[label.Text]; ok {
						label.SetText(zh)
					}
				}
			}
		}
		l.Refresh()
	})
}

// walkObjects calls fn on o and on what it holds, through containers, splits and scrolls.
func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, fn)
		}
	case *container.Split:
		walkObjects(x.Leading, fn)
		walkObjects(x.Trailing, fn)
	case *container.Scroll:
		walkObjects(x.Content, fn)
	}
}

// RunBusy runs work off the UI goroutine behind a progress dialog; work may
// report progress. done runs on the UI goroutine when work succeeded, an
// error is shown in a dialog.
func (r *Runner) RunBusy(title string, work func(progress func(done, total int)) error, done func()) {
	r.RunBusyErr(title, work, func(err error) {
		if err != nil {
			r.Fail(title+"失败", err)
			return
		}
		done()
	})
}

// RunBusyErr is RunBusy handing any error to finish.
func (r *Runner) RunBusyErr(title string, work func(progress func(done, total int)) error, finish func(error)) {
	r.RunProgress(ProgressJob{Title: title}, work, finish)
}

// ProgressJob describes the dialog of a job run by runProgress.
type ProgressJob struct {
	Title   string // what is being done, e.g. 正在导入 小区.xlsx…
	Heading string // the dialog's title; 请稍候 when empty
	Unit    string // when set, the count is shown as 已完成 n / total unit
	Cancel  func() // when set, a 取消 button calls it
}

// RunProgress runs work off the UI goroutine. A dialog with a progress bar
// appears when the work takes longer than a moment; finish gets the result on
// the UI goroutine. The window waits for the job (Wait) before it closes.
func (r *Runner) RunProgress(j ProgressJob, work func(progress func(done, total int)) error, finish func(error)) {
	label := widget.NewLabel(j.Title)
	label.Wrapping = fyne.TextWrapBreak
	bar := widget.NewProgressBar()
	bar.Hide()
	infinite := widget.NewProgressBarInfinite()
	count := widget.NewLabel("")
	box := container.NewVBox(label, infinite, bar)
	if j.Unit != "" {
		box.Add(count)
	}
	if j.Cancel != nil {
		stop := widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() {
			j.Cancel()
			label.SetText("正在取消…")
		})
		box.Add(container.NewHBox(layout.NewSpacer(), stop))
	}
	heading := j.Heading
	if heading == "" {
		heading = "请稍候"
	}
	d := dialog.NewCustomWithoutButtons(heading, box, r.Win)
	d.Resize(fyne.NewSize(440, box.MinSize().Height+80))
	// Show the dialog only when the work takes a noticeable time.
	finished := false
	if !Inline {
		time.AfterFunc(150*time.Millisecond, func() {
			fyne.Do(func() {
				if !finished {
					d.Show()
				}
			})
		})
	}
	var last time.Time
	progress := func(n, total int) {
		if time.Since(last) < 50*time.Millisecond && n < total {
			return
		}
		last = time.Now()
		fyne.Do(func() {
			if total <= 0 {
				return
			}
			infinite.Hide()
			infinite.Stop()
			bar.Show()
			bar.Max = float64(total)
			bar.SetValue(float64(n))
			count.SetText(fmt.Sprintf("已完成 %d / %d %s", n, total, j.Unit))
		})
	}
	var err error
	r.Background(func() { err = work(progress) }, func() {
		finished = true
		infinite.Stop()
		d.Hide()
		finish(err)
	})
}

// Inline makes background run its work at once, on the calling
// goroutine. Tests set it: Fyne's test driver runs fyne.Do on the calling
// goroutine, so work done in another goroutine would race with the test.
var Inline = false

// Background runs work off the UI goroutine, then done on it, counting the
// job in r.busy so the window can wait for it before it closes.
func (r *Runner) Background(work, done func()) {
	r.busy.Add(1)
	OffThread(work, func() {
		defer r.busy.Done()
		done()
	})
}

// OffThread runs work off the UI goroutine, then done on it (both at once
// when Inline is set).
func OffThread(work, done func()) {
	run := func() {
		work()
		fyne.Do(done)
	}
	if Inline {
		run()
		return
	}
	go run()
}

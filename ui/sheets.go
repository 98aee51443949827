package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data/sheet"
)

// The Excel buttons of the list screens: export the list as filtered, a blank
// template, and import. The work runs off the UI goroutine; its result comes
// back through fyne.Do.

// exportFile writes the records passing the filter to an .xlsx file.
func (p *recordsPage[T]) exportFile() {
	p.a.saveFileDialog(p.r.noun+"名单.xlsx", p.exportTo)
}

// exportTo writes the records passing the filter to path, off the UI goroutine.
func (p *recordsPage[T]) exportTo(path string) {
	rows := p.tbl.VisibleRows()
	p.a.runBusy("正在导出"+p.r.noun+"…", func(func(done, total int)) error {
		return p.r.export(path, rows)
	}, func() {
		p.a.setStatus("已导出 %d 条%s到 %s", len(rows), p.r.noun, path)
		dialog.ShowInformation("导出完成", fmt.Sprintf("已导出 %d 条%s到\n%s", len(rows), p.r.noun, path), p.a.win)
	})
}

// templateFile writes a blank sheet with the list's headers.
func (p *recordsPage[T]) templateFile() {
	p.a.saveFileDialog(p.r.noun+"名单模板.xlsx", func(path string) {
		p.a.runBusy("正在生成模板…", func(func(done, total int)) error {
			return sheet.Template(sheet.Kind(p.r.sheet), path)
		}, func() {
			p.a.setStatus("空白模板已保存到 %s", path)
		})
	})
}

// saveFileDialog asks where to save, then calls fn with the local path.
func (a *App) saveFileDialog(name string, fn func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			a.showError("无法保存文件", err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
			path += ".xlsx"
		}
		fn(path)
	}, a.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.Resize(fyne.NewSize(820, 560))
	d.Show()
}

// openFileDialog asks for an .xlsx file to read.
func (a *App) openFileDialog(fn func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			a.showError("无法打开文件", err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		fn(path)
	}, a.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".XLSX"}))
	d.Resize(fyne.NewSize(820, 560))
	d.Show()
}

// runBusy runs work off the UI goroutine behind a progress dialog; work may
// report progress. done runs on the UI goroutine when work succeeded, an
// error is shown in a dialog.
func (a *App) runBusy(title string, work func(progress func(done, total int)) error, done func()) {
	a.runBusyErr(title, work, func(err error) {
		if err != nil {
			a.showError(title+"失败", err)
			return
		}
		done()
	})
}

// runBusyErr is runBusy handing any error to finish.
func (a *App) runBusyErr(title string, work func(progress func(done, total int)) error, finish func(error)) {
	bar := widget.NewProgressBar()
	infinite := widget.NewProgressBarInfinite()
	bar.Hide()
	label := widget.NewLabel(title)
	d := dialog.NewCustomWithoutButtons("请稍候", container.NewVBox(label, infinite, bar), a.win)
	d.Resize(fyne.NewSize(420, 140))
	// Show the dialog only when the work takes a noticeable time.
	finished := false
	time.AfterFunc(150*time.Millisecond, func() {
		fyne.Do(func() {
			if !finished {
				d.Show()
			}
		})
	})
	var last time.Time
	progress := func(n, total int) {
		if time.Since(last) < 50*time.Millisecond && n < total {
			return
		}
		last = time.Now()
		fyne.Do(func() {
			if total > 0 {
				infinite.Hide()
				infinite.Stop()
				bar.Show()
				bar.Max = float64(total)
				bar.SetValue(float64(n))
			}
		})
	}
	a.busy.Add(1)
	go func() {
		err := work(progress)
		fyne.Do(func() {
			defer a.busy.Done()
			finished = true
			infinite.Stop()
			d.Hide()
			finish(err)
		})
	}()
}

// importFile reads an .xlsx file into the store: all of it or, on any
// problem, nothing, with every problem listed.
func (p *recordsPage[T]) importFile() {
	p.a.openFileDialog(func(path string) { p.a.importSheet(sheet.Kind(p.r.sheet), p.r.noun, path, p.reload) })
}

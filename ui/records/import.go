package records

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data/sheet"
	"jiayuan/ui/documents"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// importSheet reads path into the store off the UI goroutine, behind a
// progress bar. The import is all or nothing: on any problem nothing is
// written and every problem is listed as row, column, value and reason.
// after runs when records were written.
func importSheet(a shell.Shell, kind sheet.Kind, noun, path string, after func()) {
	var res *sheet.Result
	var warn []string
	a.RunBusyErr("正在导入 "+filepath.Base(path)+"…", func(progress func(done, total int)) error {
		var err error
		res, err = sheet.Import(a.Store(), kind, path, progress)
		if err == nil {
			warn = unprintableWarning(a, kind)
		}
		return err
	}, func(err error) {
		var ie *sheet.ImportError
		switch {
		case errors.As(err, &ie):
			showImportProblems(a, filepath.Base(path), ie.Problems)
		case err != nil:
			a.ShowError("导入失败", err)
		default:
			after()
			msg := fmt.Sprintf("从 %s 导入%s：新增 %d 条，更新 %d 条，未变 %d 条。",
				filepath.Base(path), noun, res.Added, res.Updated, res.Unchanged)
			if len(res.Ignored) > 0 {
				msg += "\n以下列不认识，未导入：" + strings.Join(res.Ignored, "、")
			}
			a.SetStatus("%s", strings.ReplaceAll(msg, "\n", " "))
			if len(warn) == 0 {
				dialog.ShowInformation("导入完成", msg, a.Window())
				return
			}
			shell.ShowImportWarning(a, msg, warn)
		}
	})
}

// unprintableWarning lists the records of the kind with characters the print
// fonts cannot draw (see documents.Unprintable), at most 20 lines.
func unprintableWarning(a shell.Shell, kind sheet.Kind) []string {
	return shell.UnprintableWarning(documents.Unprintable(a.Store(), string(kind)))
}

// showImportProblems lists every problem of a refused import in a table.
// The worksheet is named in the header line when every problem names the
// same one, else in a column of its own.
func showImportProblems(a shell.Shell, file string, problems []sheet.Problem) {
	sheets := problemSheets(problems)
	t := widgets.ReadTable(func() []sheet.Problem { return problems }, problemColumns(len(sheets) > 1))
	// The reason of the row picked is shown whole below the table.
	detail := widget.NewLabel("点一行可看到完整的说明。")
	detail.Wrapping = fyne.TextWrapBreak
	t.OnSelected = func(c widget.TableCellID) {
		if c.Row >= 0 && c.Row < len(problems) {
			detail.SetText(problems[c.Row].String())
		}
	}
	where := file + " "
	if len(sheets) == 1 {
		where = file + " 的工作表“" + sheets[0] + "”"
	}
	head := widget.NewLabel(fmt.Sprintf("%s有 %d 处问题，没有导入任何数据。请在 Excel 中改正后重新导入。", where, len(problems)))
	head.Wrapping = fyne.TextWrapBreak
	copyBtn := widget.NewButton("复制全部问题", func() {
		lines := make([]string, len(problems))
		for i, p := range problems {
			lines[i] = p.String()
		}
		a.App().Clipboard().SetContent(strings.Join(lines, "\n"))
		a.SetStatus("已复制 %d 处问题", len(problems))
	})
	body := container.NewBorder(head, container.NewBorder(nil, nil, nil, copyBtn, detail), nil, nil, t)
	d := dialog.NewCustom("导入未完成", "关闭", body, a.Window())
	d.Resize(fyne.NewSize(860, 540))
	d.Show()
}

// problemSheets lists the worksheets the problems name, each once, in order.
func problemSheets(problems []sheet.Problem) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range problems {
		if p.Sheet != "" && !seen[p.Sheet] {
			seen[p.Sheet] = true
			out = append(out, p.Sheet)
		}
	}
	return out
}

// problemColumns are the columns of the problem list, 工作表 first when withSheet.
func problemColumns(withSheet bool) []widgets.Column[sheet.Problem] {
	cols := []widgets.Column[sheet.Problem]{
		{Title: "行", Width: 70, Text: func(p *sheet.Problem) string {
			if p.Row > 0 {
				return fmt.Sprint(p.Row)
			}
			return "整个文件"
		}},
		{Title: "列", Width: 120, Text: func(p *sheet.Problem) string { return p.Column }},
		{Title: "内容", Width: 160, Text: func(p *sheet.Problem) string { return p.Value }},
		{Title: "问题", Width: 420, Text: func(p *sheet.Problem) string { return p.Reason }},
	}
	if !withSheet {
		return cols
	}
	sheetCol := widgets.Column[sheet.Problem]{Title: "工作表", Width: 120, Text: func(p *sheet.Problem) string { return p.Sheet }}
	return append([]widgets.Column[sheet.Problem]{sheetCol}, cols...)
}

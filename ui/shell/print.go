package shell

import (
	"context"
	"errors"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/documents"
	"jiayuan/ui/widgets"
)

// Printing from the window: every document is saved as a PDF where the clerk
// chooses and opened in the system's PDF viewer, from which it is printed. The
// document itself comes from package documents, as on the command line.

// PrintWork writes one document; progress may be called for batches.
type PrintWork = func(ctx context.Context, w io.Writer, progress func(done, total int)) error

// PrintJob asks where to save the PDF (suggestedName in the save dialog), runs
// job off the UI goroutine behind a progress dialog with a cancel button, writes
// through a temporary file renamed into place on success, then opens the PDF.
// Errors are shown in Chinese; a cancelled job just says so in the status bar.
func (b *Base) PrintJob(title, suggestedName string, job PrintWork) {
	b.SaveFileDialogExt(safeFileName(suggestedName), ".pdf", func(path string) {
		b.printTo(title, path, job)
	})
}

// safeFileName keeps a suggested name usable on Windows and macOS.
func safeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	if !strings.EqualFold(filepath.Ext(s), ".pdf") {
		s += ".pdf"
	}
	return s
}

// printTo runs job into path (see PrintJob). The save dialog creates no file
// (widgets/savedialog.go) and the document is written through a temporary file,
// so a job that fails leaves nothing behind.
func (b *Base) printTo(title, path string, job PrintWork) {
	ctx, cancel := context.WithCancel(context.Background())
	start := time.Now()
	var size int64
	var fallback string
	b.runner.RunProgress(widgets.ProgressJob{Title: "正在生成：" + title, Heading: "打印", Unit: "页", Cancel: cancel},
		func(progress func(done, total int)) error {
			defer cancel()
			var err error
			size, fallback, err = documents.WriteFileTelling(b.store.Dir(), path, func(w io.Writer) error { return job(ctx, w, progress) })
			return err
		},
		func(err error) {
			switch {
			case errors.Is(err, context.Canceled):
				b.SetStatus("已取消：%s", title)
			case err != nil:
				b.ShowError(title+"未能生成", err)
			default:
				b.SetStatus("%s已保存到 %s（%.0f KB，用时 %.1f 秒）",
					title, path, float64(size)/1024, time.Since(start).Seconds())
				b.printed(title, path, fallback)
			}
		})
}

// printed tries to open the saved PDF in the system's viewer, then says what
// happened in one message, with buttons to open the file or its folder;
// fallback (may be "") tells which characters came from a fallback font.
func (b *Base) printed(title, path, fallback string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	text := "「" + title + "」已保存到：\n" + abs + "\n\n"
	if b.openPath(abs) == nil {
		text += "已用 PDF 阅读器打开，请在阅读器中打印。"
	} else {
		text += "未能自动打开。请点「打开文件」，或在文件夹中双击打开后打印。"
	}
	if fallback != "" {
		text += "\n\n" + fallback + "。这些字的字形可能与前后的字略有不同，可在“设置—打印”中选用含这些字的字体。"
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapBreak
	var d dialog.Dialog
	openFile := widget.NewButtonWithIcon("打开文件", theme.FileIcon(), func() { b.openOrSay(abs) })
	openDir := widget.NewButtonWithIcon("打开所在文件夹", theme.FolderOpenIcon(), func() { b.openOrSay(filepath.Dir(abs)) })
	body := container.NewVBox(msg, container.NewHBox(openFile, openDir))
	d = dialog.NewCustom("已保存", "关闭", body, b.win)
	d.Resize(DialogSize(body, 520))
	d.Show()
}

// openPath opens a file or folder with the system's program for it.
func (b *Base) openPath(abs string) error {
	u, err := url.Parse(storage.NewFileURI(abs).String())
	if err == nil {
		err = b.fyne.OpenURL(u)
	}
	return err
}

// openOrSay opens abs, saying so in the status line when it cannot.
func (b *Base) openOrSay(abs string) {
	if err := b.openPath(abs); err != nil {
		b.SetStatus("未能打开 %s，请在文件管理器中找到它", abs)
	}
}

// PrintButton is a button that prints one document through PrintJob; name
// gives the suggested file name when clicked (it may read the current selection).
func (b *Base) PrintButton(label string, name func() string, job PrintWork) *widget.Button {
	return widget.NewButtonWithIcon(label, theme.DocumentPrintIcon(), func() {
		b.PrintJob(strings.TrimPrefix(label, "打印"), name(), job)
	})
}

// roundPrintButtons are the print buttons of a round: the notice, the
// certificates, the score sheets (as entered, or blank), the summary and the
// naming decision.
// round returns the round shown (ID 0: none).
func (b *Base) roundPrintButtons(round func() data.Round) []*widget.Button {
	name := func(doc string) func() string {
		return func() string { return doc + "-" + round().Title }
	}
	id := func() int64 { return round().ID }
	return []*widget.Button{
		b.PrintButton("打印公示", name("公示"), func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return documents.Notice(b.store, id(), w)
		}),
		b.scoreSheetButton(round),
		b.PrintButton("打印评审汇总表", name("评审汇总表"), func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return documents.Summary(b.store, id(), w)
		}),
		b.PrintButton("打印命名决定", name("命名决定"), func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return documents.Decision(b.store, id(), w)
		}),
		b.PrintButton("打印证书", name("证书"), func(ctx context.Context, w io.Writer, p func(int, int)) error {
			return documents.Certificates(ctx, b.store, id(), w, p)
		}),
	}
}

// scoreSheetMenu offers the round's score sheets as entered (blank where no
// scores are in yet) or all blank, for scoring on paper.
func (b *Base) scoreSheetMenu(round func() data.Round) *fyne.Menu {
	id := func() int64 { return round().ID }
	return fyne.NewMenu("",
		fyne.NewMenuItem("按已录入的分数打印（未评的为空白）", func() {
			b.PrintJob("评分表", "评分表-"+round().Title, func(ctx context.Context, w io.Writer, p func(int, int)) error {
				return documents.ScoreSheets(ctx, b.store, id(), w, p)
			})
		}),
		fyne.NewMenuItem("全部打印为空白评分表", func() {
			b.PrintJob("空白评分表", "空白评分表-"+round().Title, func(ctx context.Context, w io.Writer, p func(int, int)) error {
				return documents.BlankScoreSheets(ctx, b.store, id(), w, p)
			})
		}))
}

// scoreSheetButton opens scoreSheetMenu under itself.
func (sh *Base) scoreSheetButton(round func() data.Round) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon("打印评分表", theme.DocumentPrintIcon(), func() {
		c := fyne.CurrentApp().Driver().CanvasForObject(b)
		if c == nil {
			return
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).AddXY(0, b.Size().Height)
		widget.ShowPopUpMenuAtPosition(sh.scoreSheetMenu(round), c, pos)
	})
	return b
}

// RoundPrintBar lays the round's print buttons out in a row.
func (b *Base) RoundPrintBar(round func() data.Round) fyne.CanvasObject {
	row := container.NewHBox()
	for _, b := range b.roundPrintButtons(round) {
		row.Add(b)
	}
	return row
}

// NominationPrintButton prints the 申报表 of the nomination id returns.
func (b *Base) NominationPrintButton(nom func() data.Nomination) *widget.Button {
	return b.PrintButton("打印申报表", func() string { return "申报表-" + nom().NomineeName },
		func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return documents.Nomination(b.store, nom().ID, w)
		})
}

// RecordsPrintButton prints the list of communities, compounds or Party
// organisations (documents.KindCommunities, KindCompounds, KindOrgs).
func (b *Base) RecordsPrintButton(kind string) *widget.Button {
	noun := map[string]string{documents.KindCommunities: "社区", documents.KindCompounds: "小区", documents.KindOrgs: "党组织"}[kind]
	return b.PrintButton("打印"+noun+"名册", func() string { return b.settings.OfficeName + noun + "名册" },
		func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return documents.Records(b.store, kind, w)
		})
}

// printSettingsPanel is the 打印 tab of 设置: the notice and decision templates

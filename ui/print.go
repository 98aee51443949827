package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/reports"
	"jiayuan/ui/docs"
)

// Printing from the window: every document is saved as a PDF where the clerk
// chooses and opened in the system's PDF viewer, from which it is printed. The
// document itself comes from package docs, as on the command line.

// printWork writes one document; progress may be called for batches.
type printWork = func(ctx context.Context, w io.Writer, progress func(done, total int)) error

// printJob asks where to save the PDF (suggestedName in the save dialog), runs
// job off the UI goroutine behind a progress dialog with a cancel button, writes
// through a temporary file renamed into place on success, then opens the PDF.
// Errors are shown in Chinese; a cancelled job just says so in the status bar.
func (a *App) printJob(title, suggestedName string, job printWork) {
	a.saveFileDialogExt(safeFileName(suggestedName), ".pdf", func(path string) {
		// The dialog has just created the file: an empty one is ours to remove if the job fails.
		fi, err := os.Stat(path)
		a.printTo(title, path, err == nil && fi.Size() == 0, job)
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

// printTo runs job into path (see printJob). removeOnFail removes an empty file
// the save dialog created when the job does not succeed.
func (a *App) printTo(title, path string, removeOnFail bool, job printWork) {
	ctx, cancel := context.WithCancel(context.Background())
	start := time.Now()
	var size int64
	a.runProgress(progressJob{title: "正在生成：" + title, heading: "打印", unit: "页", cancel: cancel},
		func(progress func(done, total int)) error {
			defer cancel()
			var err error
			size, err = docs.WriteFile(a.store.Dir(), path, func(w io.Writer) error { return job(ctx, w, progress) })
			if err != nil && removeOnFail {
				if fi, e := os.Stat(path); e == nil && fi.Size() == 0 {
					os.Remove(path)
				}
			}
			return err
		},
		func(err error) {
			switch {
			case errors.Is(err, context.Canceled):
				a.setStatus("已取消：%s", title)
			case err != nil:
				a.showError(title+"未能生成", err)
			default:
				a.setStatus("%s已保存到 %s（%.0f KB，用时 %.1f 秒），正在用 PDF 阅读器打开",
					title, path, float64(size)/1024, time.Since(start).Seconds())
				a.openPDF(path)
			}
		})
}

// openPDF opens a saved PDF in the system's viewer.
func (a *App) openPDF(path string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	u, err := url.Parse(storage.NewFileURI(abs).String())
	if err == nil {
		err = a.fyne.OpenURL(u)
	}
	if err != nil {
		dialog.ShowInformation("已保存", "PDF 已保存到\n"+abs+"\n\n未能自动打开，请在文件夹中双击打开后打印。", a.win)
	}
}

// printButton is a button that prints one document through printJob; name
// gives the suggested file name when clicked (it may read the current selection).
func (a *App) printButton(label string, name func() string, job printWork) *widget.Button {
	return widget.NewButtonWithIcon(label, theme.DocumentPrintIcon(), func() {
		a.printJob(strings.TrimPrefix(label, "打印"), name(), job)
	})
}

// roundPrintButtons are the print buttons of a round: the notice, the
// certificates, the score sheets (as entered, or blank), the summary and the
// naming decision.
// round returns the round shown (ID 0: none).
func (a *App) roundPrintButtons(round func() data.Round) []*widget.Button {
	name := func(doc string) func() string {
		return func() string { return doc + "-" + round().Title }
	}
	id := func() int64 { return round().ID }
	return []*widget.Button{
		a.printButton("打印公示", name("公示"), func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return docs.Notice(a.store, id(), w)
		}),
		a.scoreSheetButton(round),
		a.printButton("打印评审汇总表", name("评审汇总表"), func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return docs.Summary(a.store, id(), w)
		}),
		a.printButton("打印命名决定", name("命名决定"), func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return docs.Decision(a.store, id(), w)
		}),
		a.printButton("打印证书", name("证书"), func(ctx context.Context, w io.Writer, p func(int, int)) error {
			return docs.Certificates(ctx, a.store, id(), w, p)
		}),
	}
}

// scoreSheetMenu offers the round's score sheets as entered (blank where no
// scores are in yet) or all blank, for scoring on paper.
func (a *App) scoreSheetMenu(round func() data.Round) *fyne.Menu {
	id := func() int64 { return round().ID }
	return fyne.NewMenu("",
		fyne.NewMenuItem("按已录入的分数打印（未评的为空白）", func() {
			a.printJob("评分表", "评分表-"+round().Title, func(ctx context.Context, w io.Writer, p func(int, int)) error {
				return docs.ScoreSheets(ctx, a.store, id(), w, p)
			})
		}),
		fyne.NewMenuItem("全部打印为空白评分表", func() {
			a.printJob("空白评分表", "空白评分表-"+round().Title, func(ctx context.Context, w io.Writer, p func(int, int)) error {
				return docs.BlankScoreSheets(ctx, a.store, id(), w, p)
			})
		}))
}

// scoreSheetButton opens scoreSheetMenu under itself.
func (a *App) scoreSheetButton(round func() data.Round) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon("打印评分表", theme.DocumentPrintIcon(), func() {
		c := fyne.CurrentApp().Driver().CanvasForObject(b)
		if c == nil {
			return
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).AddXY(0, b.Size().Height)
		widget.ShowPopUpMenuAtPosition(a.scoreSheetMenu(round), c, pos)
	})
	return b
}

// roundPrintBar lays the round's print buttons out in a row.
func (a *App) roundPrintBar(round func() data.Round) fyne.CanvasObject {
	row := container.NewHBox()
	for _, b := range a.roundPrintButtons(round) {
		row.Add(b)
	}
	return row
}

// nominationPrintButton prints the 申报表 of the nomination id returns.
func (a *App) nominationPrintButton(nom func() data.Nomination) *widget.Button {
	return a.printButton("打印申报表", func() string { return "申报表-" + nom().NomineeName },
		func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return docs.Nomination(a.store, nom().ID, w)
		})
}

// recordsPrintButton prints the list of communities, compounds or Party
// organisations (docs.KindCommunities, KindCompounds, KindOrgs).
func (a *App) recordsPrintButton(kind string) *widget.Button {
	noun := map[string]string{docs.KindCommunities: "社区", docs.KindCompounds: "小区", docs.KindOrgs: "党组织"}[kind]
	return a.printButton("打印"+noun+"名册", func() string { return a.settings.OfficeName + noun + "名册" },
		func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return docs.Records(a.store, kind, w)
		})
}

// printSettingsPanel is the 打印 tab of 设置: the notice and decision templates
// with their placeholders, a system font per role, and the certificate paper,
// pre-printed-stock offsets and calibration page.
func (a *App) printSettingsPanel() fyne.CanvasObject {
	c, _ := a.printSettings()
	return c
}

// printSettings is printSettingsPanel and its save action (nil when the
// settings could not be read), for Ctrl+S.
func (a *App) printSettings() (fyne.CanvasObject, func()) {
	s, err := a.store.Settings()
	if err != nil {
		return widget.NewLabel("无法读取设置：" + err.Error()), nil
	}
	lay, layErr := docs.ParseCertLayout(s.CertLayout)

	// Templates.
	notice := widget.NewMultiLineEntry()
	notice.Wrapping = fyne.TextWrapWord
	notice.SetText(s.Notice())
	notice.SetMinRowsVisible(6)
	decision := widget.NewMultiLineEntry()
	decision.Wrapping = fyne.TextWrapWord
	decision.SetText(s.Decision())
	decision.SetMinRowsVisible(5)
	phGrid := container.NewGridWithColumns(3)
	for _, p := range data.TemplatePlaceholders {
		phGrid.Add(widget.NewLabel(p[0] + "　" + p[1]))
	}
	phLabel := container.NewVBox(widget.NewLabelWithStyle("可用的占位符（打印时换成实际内容）；每行一段，名单排在第一个含“以下”二字的段落之后：",
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), phGrid)
	resetNotice := widget.NewButton("恢复默认公示正文", func() { notice.SetText(data.DefaultNoticeTemplate) })
	resetDecision := widget.NewButton("恢复默认命名决定正文", func() { decision.SetText(data.DefaultDecisionTemplate) })
	templates := widget.NewCard("公示与命名决定的正文", "", container.NewVBox(
		widget.NewLabel("公示正文（标题自动为“关于……拟命名对象的公示”）"), notice, container.NewHBox(resetNotice),
		widget.NewLabel("命名决定正文"), decision, container.NewHBox(resetDecision), phLabel))

	// Fonts per role.
	fontSpecs := map[reports.Role]*string{}
	fontBox := container.NewVBox(widget.NewLabel("默认使用程序内置字体（已覆盖全部 GBK 汉字）。也可改用本机安装的字体，如仿宋（simfang.ttf）、黑体（simhei.ttf）、楷体（simkai.ttf）、方正小标宋；缺字时自动由内置字体补上。"))
	fontBox.Objects[0].(*widget.Label).Wrapping = fyne.TextWrapBreak
	for _, fr := range docs.FontRoles {
		role := fr.Role
		spec := *fr.Field(&s)
		fontSpecs[role] = &spec
		current := widget.NewLabel("")
		current.Truncation = fyne.TextTruncateEllipsis
		show := func() {
			if strings.TrimSpace(*fontSpecs[role]) == "" {
				current.SetText("内置字体")
				return
			}
			current.SetText(*fontSpecs[role])
		}
		show()
		choose := widget.NewButtonWithIcon("选择字体…", theme.FolderOpenIcon(), func() {
			a.chooseFont(role, func(v string) { *fontSpecs[role] = v; show() })
		})
		builtin := widget.NewButton("用内置", func() { *fontSpecs[role] = ""; show() })
		fontBox.Add(container.NewBorder(nil, nil, widget.NewLabelWithStyle(role.String(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			container.NewHBox(choose, builtin), current))
	}
	fonts := widget.NewCard("打印字体", "", fontBox)

	// Certificate paper and stock.
	var paperNames []string
	for _, p := range docs.Papers {
		paperNames = append(paperNames, p.Name)
	}
	paperNames = append(paperNames, "自定义")
	pw, the := widget.NewEntry(), widget.NewEntry()
	pw.SetPlaceHolder("宽（毫米）")
	the.SetPlaceHolder("高（毫米）")
	paper := newChoice(paperNames, func(v string) {
		for _, p := range docs.Papers {
			if p.Name == v {
				pw.SetText(fmt.Sprint(p.W))
				the.SetText(fmt.Sprint(p.H))
			}
		}
	})
	paper.PlaceHolder = "（请选择纸张）"
	paper.SetSelected(paperNames[0])
	if lay.PaperW > 0 {
		paper.SetSelected("自定义")
		for _, p := range docs.Papers {
			if p.W == lay.PaperW && p.H == lay.PaperH {
				paper.SetSelected(p.Name)
			}
		}
		pw.SetText(fmt.Sprint(lay.PaperW))
		the.SetText(fmt.Sprint(lay.PaperH))
	}
	certTitle := widget.NewEntry()
	certTitle.SetPlaceHolder("荣誉证书")
	certTitle.SetText(lay.Title)
	dateStyles := []string{"2021年12月10日", "二〇二一年十二月十日", "二〇二一年十二月"}
	dateCodes := []string{docs.DateArabic, docs.DateChinese, docs.DateChineseMonth}
	dateStyle := newChoice(dateStyles, nil)
	dateStyle.PlaceHolder = "（请选择日期写法）"
	dateStyle.SetSelected(dateStyles[0])
	for i, c := range dateCodes {
		if c == lay.DateStyle {
			dateStyle.SetSelected(dateStyles[i])
		}
	}
	stock := widget.NewCheck("套打：证书纸已印好边框和标题，只打印名称、内容、落款、日期和编号", nil)
	stock.SetChecked(lay.Stock)
	offX, offY := widget.NewEntry(), widget.NewEntry()
	offX.SetText(fmt.Sprint(lay.OffsetX))
	offY.SetText(fmt.Sprint(lay.OffsetY))
	// Where each variable text goes on the stock: the design's places until the
	// clerk measures the bought paper and types its own.
	boxes := newStockBoxEditor()
	curPaper := func() reports.Paper {
		var w, h float64
		fmt.Sscan(strings.TrimSpace(pw.Text), &w)
		fmt.Sscan(strings.TrimSpace(the.Text), &h)
		return reports.Paper{W: w, H: h}
	}
	if lay.Boxes != nil {
		boxes.set(*lay.Boxes)
	} else {
		boxes.set(reports.DefaultStockLayout(curPaper()))
	}
	paper.OnChanged = func(v string) {
		for _, p := range docs.Papers {
			if p.Name == v {
				pw.SetText(fmt.Sprint(p.W))
				the.SetText(fmt.Sprint(p.H))
				boxes.set(reports.DefaultStockLayout(reports.Paper{W: p.W, H: p.H}))
			}
		}
	}
	resetBoxes := widget.NewButton("按纸张恢复默认位置", func() { boxes.set(reports.DefaultStockLayout(curPaper())) })
	seal := lay.Seal
	sealLabel := widget.NewLabel("")
	showSeal := func() {
		if seal == "" {
			sealLabel.SetText("不套印印章（留出盖章位置）")
		} else {
			sealLabel.SetText(seal)
		}
	}
	showSeal()
	chooseSeal := widget.NewButton("选择印章图片…", func() {
		a.openFileDialogExt([]string{".png", ".jpg", ".jpeg"}, func(path string) {
			seal = path
			showSeal()
		})
	})
	clearSeal := widget.NewButton("不用印章图片", func() { seal = ""; showSeal() })
	// readLayout collects the certificate fields.
	readLayout := func() (docs.CertLayout, error) {
		l := lay
		l.Title = strings.TrimSpace(certTitle.Text)
		var w, h float64
		if _, err := fmt.Sscan(strings.TrimSpace(pw.Text), &w); err != nil {
			return l, fmt.Errorf("纸张宽度应为数字（毫米）")
		}
		if _, err := fmt.Sscan(strings.TrimSpace(the.Text), &h); err != nil {
			return l, fmt.Errorf("纸张高度应为数字（毫米）")
		}
		if w < 100 || h < 100 || w > 600 || h > 600 {
			return l, fmt.Errorf("纸张尺寸 %g×%g 毫米不合理（应在 100～600 毫米之间）", w, h)
		}
		l.PaperW, l.PaperH = w, h
		if w == 297 && h == 210 {
			l.PaperW, l.PaperH = 0, 0
		}
		for i, s := range dateStyles {
			if s == dateStyle.Selected {
				l.DateStyle = dateCodes[i]
			}
		}
		l.Stock = stock.Checked
		b, err := boxes.read(reports.Paper{W: w, H: h})
		if err != nil {
			return l, err
		}
		l.Boxes = nil
		if !sameBoxes(b, reports.DefaultStockLayout(reports.Paper{W: w, H: h})) {
			l.Boxes = &b
		}
		for _, f := range []struct {
			e   *widget.Entry
			dst *float64
			n   string
		}{{offX, &l.OffsetX, "水平偏移"}, {offY, &l.OffsetY, "垂直偏移"}} {
			t := strings.TrimSpace(f.e.Text)
			if t == "" {
				*f.dst = 0
				continue
			}
			if _, err := fmt.Sscan(t, f.dst); err != nil || *f.dst < -30 || *f.dst > 30 {
				return l, fmt.Errorf("%s应为 -30～30 之间的毫米数", f.n)
			}
		}
		l.Seal = seal
		return l, nil
	}
	calib := widget.NewButtonWithIcon("打印校准页", theme.DocumentPrintIcon(), func() {
		l, err := readLayout()
		if err != nil {
			a.showError("证书版式有误", err)
			return
		}
		a.printJob("打印校准页", "证书打印校准页", func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return docs.Calibration(w, l)
		})
	})
	certForm := widget.NewForm(
		widget.NewFormItem("证书标题", certTitle),
		widget.NewFormItem("纸张", container.NewGridWithColumns(2, paper, container.NewGridWithColumns(2, pw, the))),
		widget.NewFormItem("日期写法", dateStyle),
		widget.NewFormItem("", stock),
		widget.NewFormItem("套打偏移", container.NewGridWithColumns(4, widget.NewLabel("水平（右为正）"), offX, widget.NewLabel("垂直（下为正）"), offY)),
		widget.NewFormItem("套打位置", container.NewVBox(boxes.object(), container.NewHBox(resetBoxes))),
		widget.NewFormItem("印章", container.NewBorder(nil, nil, nil, container.NewHBox(chooseSeal, clearSeal), sealLabel)),
	)
	calibHint := widget.NewLabel("用证书纸同样大小的白纸打印校准页，按页上的说明量出打印机的偏移，填入“套打偏移”。")
	calibHint.Wrapping = fyne.TextWrapBreak
	certs := widget.NewCard("证书", "", container.NewVBox(certForm, container.NewBorder(nil, nil, nil, calib, calibHint)))
	if layErr != nil {
		certs.SetSubTitle(layErr.Error())
	}

	doSave := func() {
		cur, err := a.store.Settings()
		if err != nil {
			a.showError("无法读取设置", err)
			return
		}
		l, err := readLayout()
		if err != nil {
			a.showError("证书版式有误", err)
			return
		}
		cur.NoticeTemplate = templateValue(notice.Text, data.DefaultNoticeTemplate)
		cur.DecisionTemplate = templateValue(decision.Text, data.DefaultDecisionTemplate)
		for _, fr := range docs.FontRoles {
			*fr.Field(&cur) = *fontSpecs[fr.Role]
		}
		if _, err := docs.Fonts(cur); err != nil {
			a.showError("字体不能使用", err)
			return
		}
		cur.CertLayout = l.String()
		if err := a.store.SaveSettings(cur); err != nil {
			a.showError("无法保存打印设置", err)
			return
		}
		a.applySettings(cur)
		a.setStatus("打印设置已保存")
	}
	save := widget.NewButtonWithIcon("保存打印设置（Ctrl+S）", theme.DocumentSaveIcon(), doSave)
	save.Importance = widget.HighImportance
	return container.NewBorder(nil, container.NewHBox(layoutSpacer(), save), nil, nil,
		container.NewVScroll(container.NewPadded(container.NewVBox(templates, fonts, certs)))), doSave
}

// templateValue stores "" for the default text, so later default wording applies.
func templateValue(text, def string) string {
	t := strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if t == strings.TrimSpace(def) {
		return ""
	}
	return t
}

// fontFolders are where systems keep their fonts, for the font chooser to start in.
func fontFolders() []string {
	switch runtime.GOOS {
	case "windows":
		dirs := []string{filepath.Join(os.Getenv("WINDIR"), "Fonts"), `C:\Windows\Fonts`}
		if la := os.Getenv("LOCALAPPDATA"); la != "" {
			dirs = append(dirs, filepath.Join(la, "Microsoft", "Windows", "Fonts"))
		}
		return dirs
	case "darwin":
		home, _ := os.UserHomeDir()
		return []string{"/Library/Fonts", filepath.Join(home, "Library", "Fonts"), "/System/Library/Fonts"}
	}
	return []string{"/usr/share/fonts/truetype", "/usr/share/fonts"}
}

// chooseFont asks for a font file, then for one of its faces when it is a
// collection, and hands the settings value ("path" or "path#face") to set. A
// font that cannot print (CFF outlines, missing GB 2312 characters) is refused
// with the reason.
func (a *App) chooseFont(role reports.Role, set func(spec string)) {
	openFileFrom(a.win, "选择字体文件", []string{".ttf", ".ttc", ".otf"}, fontFolders(), func(path string) {
		faces, err := reports.FontFaces(path)
		if err != nil {
			a.showError("字体不能使用", err)
			return
		}
		var usable []reports.FontFace
		for _, f := range faces {
			if f.Err == nil {
				usable = append(usable, f)
			}
		}
		switch {
		case len(usable) == 0:
			why := "文件里没有字体"
			if len(faces) > 0 && faces[0].Err != nil {
				why = faces[0].Err.Error()
			}
			a.showError(role.String()+"不能使用这个字体",
				fmt.Errorf("“%s”不能用于打印：%s。请选择 TrueType 字体（.ttf，或 .ttc 字体集中的一种）", filepath.Base(path), why))
		case len(usable) == 1:
			set(docs.FontSpec(path, usable[0].Index))
		default:
			var names []string
			for _, f := range usable {
				names = append(names, fmt.Sprintf("%d. %s", f.Index+1, f.Name))
			}
			pick := widget.NewRadioGroup(names, nil)
			pick.SetSelected(names[0])
			dialog.ShowCustomConfirm("选择字体集中的字体", "使用", "取消", pick, func(ok bool) {
				if !ok {
					return
				}
				for i, n := range names {
					if n == pick.Selected {
						set(docs.FontSpec(path, usable[i].Index))
					}
				}
			}, a.win)
		}
	}, func(err error) { a.showError("无法打开字体文件", err) })
}

// stockFields name the variable texts of a certificate, in StockLayout's order.
var stockFields = []string{"名称", "内容", "落款单位", "日期", "证书编号"}

func stockBoxes(s *reports.StockLayout) []*reports.TextBox {
	return []*reports.TextBox{&s.Name, &s.Honour, &s.Issuer, &s.Date, &s.Number}
}

// stockBoxEditor edits where each variable text goes on pre-printed stock: the
// left and top of its first line and the width it may fill, in millimetres from
// the paper's top-left corner, and its size in points.
type stockBoxEditor struct {
	e [][4]*widget.Entry
}

func newStockBoxEditor() *stockBoxEditor {
	ed := &stockBoxEditor{e: make([][4]*widget.Entry, len(stockFields))}
	for i := range ed.e {
		for j := range ed.e[i] {
			ed.e[i][j] = widget.NewEntry()
		}
	}
	return ed
}

func (ed *stockBoxEditor) object() fyne.CanvasObject {
	g := container.NewGridWithColumns(5, widget.NewLabel(""), widget.NewLabel("左（毫米）"), widget.NewLabel("上（毫米）"),
		widget.NewLabel("宽（毫米，0 不打印）"), widget.NewLabel("字号（磅）"))
	for i, name := range stockFields {
		g.Add(widget.NewLabel(name))
		for _, e := range ed.e[i] {
			g.Add(e)
		}
	}
	return g
}

// set shows a layout, to a tenth of a millimetre.
func (ed *stockBoxEditor) set(s reports.StockLayout) {
	for i, b := range stockBoxes(&s) {
		for j, v := range []float64{b.X, b.Y, b.W, b.Size} {
			ed.e[i][j].SetText(strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64))
		}
	}
}

// read takes the positions back, each checked against the paper.
func (ed *stockBoxEditor) read(p reports.Paper) (reports.StockLayout, error) {
	var s reports.StockLayout
	for i, b := range stockBoxes(&s) {
		dst := []*float64{&b.X, &b.Y, &b.W, &b.Size}
		for j, e := range ed.e[i] {
			t := strings.TrimSpace(e.Text)
			if t == "" {
				continue
			}
			v, err := strconv.ParseFloat(t, 64)
			if err != nil {
				return s, fmt.Errorf("套打位置：“%s”的%s应为数字，现在是“%s”", stockFields[i], []string{"左边距", "上边距", "宽度", "字号"}[j], t)
			}
			*dst[j] = v
		}
		switch {
		case b.W == 0:
		case b.X < 0 || b.Y < 0 || b.W < 0 || b.X+b.W > p.W+0.05 || b.Y > p.H:
			return s, fmt.Errorf("套打位置：“%s”（左 %g，上 %g，宽 %g 毫米）超出了 %g×%g 毫米的纸张", stockFields[i], b.X, b.Y, b.W, p.W, p.H)
		case b.Size != 0 && (b.Size < 6 || b.Size > 72):
			return s, fmt.Errorf("套打位置：“%s”的字号应在 6～72 磅之间（0 为默认），现在是 %g", stockFields[i], b.Size)
		}
	}
	return s, nil
}

// sameBoxes tells whether two layouts agree to the tenth of a millimetre the editor shows.
func sameBoxes(a, b reports.StockLayout) bool {
	r := func(v float64) float64 { return math.Round(v * 10) }
	bb := stockBoxes(&b)
	for i, x := range stockBoxes(&a) {
		y := bb[i]
		if r(x.X) != r(y.X) || r(x.Y) != r(y.Y) || r(x.W) != r(y.W) || r(x.Size) != r(y.Size) {
			return false
		}
	}
	return true
}

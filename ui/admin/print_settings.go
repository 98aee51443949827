package admin

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fyne.io/fyne/v2/layout"
	"jiayuan/data"
	"jiayuan/reports"
	"jiayuan/ui/documents"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// printSettingsPanel is the 打印 tab of 设置: the notice and decision templates
// with their placeholders, a system font per role, and the certificate paper,
// pre-printed-stock offsets and calibration page.
func printSettingsPanel(a shell.Shell) fyne.CanvasObject {
	c, _ := printSettings(a)
	return c
}

// printSettings is printSettingsPanel and its save action (nil when the
// settings could not be read), for Ctrl+S.
func printSettings(a shell.Shell) (fyne.CanvasObject, func()) {
	s, err := a.Store().Settings()
	if err != nil {
		return widget.NewLabel("无法读取设置：" + err.Error()), nil
	}
	lay, layErr := documents.ParseCertLayout(s.CertLayout)

	notice, decision, templates := templatesCard(s)
	fontSpecs, fonts := fontsCard(a, s)
	docs := newDocSection(s)

	cert := newCertSection(lay, s)
	certs := cert.card(a, layErr)
	readLayout := cert.read

	doSave := func() {
		cur, err := a.Store().Settings()
		if err != nil {
			a.ShowError("无法读取设置", err)
			return
		}
		l, err := readLayout()
		if err != nil {
			a.ShowError("证书版式有误", err)
			return
		}
		cur.NoticeTemplate = templateValue(notice.Text, data.DefaultNoticeTemplate)
		cur.DecisionTemplate = templateValue(decision.Text, data.DefaultDecisionTemplate)
		for _, fr := range documents.FontRoles {
			*fr.Field(&cur) = *fontSpecs[fr.Role]
		}
		if _, err := documents.Fonts(cur); err != nil {
			a.ShowError("字体不能使用", err)
			return
		}
		cur.CertLayout = l.String()
		cert.apply(&cur)
		docs.apply(&cur)
		if err := a.Store().SaveSettings(cur); err != nil {
			a.ShowError("无法保存打印设置", err)
			return
		}
		a.ApplySettings(cur)
		a.SetStatus("打印设置已保存")
	}
	save := widget.NewButtonWithIcon("保存打印设置（Ctrl+S）", theme.DocumentSaveIcon(), doSave)
	save.Importance = widget.HighImportance
	return container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), save), nil, nil,
		container.NewVScroll(container.NewPadded(container.NewVBox(templates, docs.card(a), fonts, certs)))), doSave
}

// templatesCard is the card of the notice and decision bodies, with their entries.
func templatesCard(s data.Settings) (notice, decision *widget.Entry, card fyne.CanvasObject) {
	notice = widget.NewMultiLineEntry()
	notice.Wrapping = fyne.TextWrapWord
	notice.SetText(s.Notice())
	notice.SetMinRowsVisible(6)
	decision = widget.NewMultiLineEntry()
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
	card = widget.NewCard("公示与命名决定的正文", "", container.NewVBox(
		widget.NewLabel("公示正文（标题自动为“关于……拟命名对象的公示”）"), notice, container.NewHBox(resetNotice),
		widget.NewLabel("命名决定正文"), decision, container.NewHBox(resetDecision), phLabel))

	return notice, decision, card
}

// fontsCard is the card of a system font per role; the map holds the chosen specs.
func fontsCard(a shell.Shell, s data.Settings) (map[reports.Role]*string, fyne.CanvasObject) {
	fontSpecs := map[reports.Role]*string{}
	fontBox := container.NewVBox(widget.NewLabel("默认使用程序内置字体（已覆盖全部 GBK 汉字）。也可改用本机安装的字体，如仿宋（simfang.ttf）、黑体（simhei.ttf）、楷体（simkai.ttf）、方正小标宋；缺字时自动由内置字体补上。"))
	fontBox.Objects[0].(*widget.Label).Wrapping = fyne.TextWrapBreak
	for _, fr := range documents.FontRoles {
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
			chooseFont(a, role, func(v string) { *fontSpecs[role] = v; show() })
		})
		builtin := widget.NewButton("用内置", func() { *fontSpecs[role] = ""; show() })
		fontBox.Add(container.NewBorder(nil, nil, widget.NewLabelWithStyle(role.String(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			container.NewHBox(choose, builtin), current))
	}
	return fontSpecs, widget.NewCard("打印字体", "", fontBox)

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
func chooseFont(a shell.Shell, role reports.Role, set func(spec string)) {
	widgets.OpenFileFrom(a.Window(), "选择字体文件", []string{".ttf", ".ttc", ".otf"}, fontFolders(), func(path string) {
		faces, err := reports.FontFaces(path)
		if err != nil {
			a.ShowError("字体不能使用", err)
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
			a.ShowError(role.String()+"不能使用这个字体",
				fmt.Errorf("“%s”不能用于打印：%s。请选择 TrueType 字体（.ttf，或 .ttc 字体集中的一种）", filepath.Base(path), why))
		case len(usable) == 1:
			set(documents.FontSpec(path, usable[0].Index))
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
						set(documents.FontSpec(path, usable[i].Index))
					}
				}
			}, a.Window())
		}
	}, func(err error) { a.ShowError("无法打开字体文件", err) })
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

package admin

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/reports"
	"jiayuan/ui/documents"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// dateFormLabels are how the date forms of documents.DateForms read, in their order.
func dateFormLabels() []string {
	var out []string
	for _, f := range documents.DateForms {
		out = append(out, f[1])
	}
	return out
}

// dateFormLabel is the label of a DateForm setting value; def when unset.
func dateFormLabel(value, def string) string {
	for _, f := range documents.DateForms {
		if f[0] == value {
			return f[1]
		}
	}
	return dateFormLabel(def, data.DateFormChinese)
}

// dateFormValue is the DateForm setting value of a label.
func dateFormValue(label string) string {
	for _, f := range documents.DateForms {
		if f[1] == label {
			return f[0]
		}
	}
	return ""
}

// certDateSetting is the certificates' date form as the window shows it: the
// setting when made, else an older layout's own choice, else the Chinese form.
func certDateSetting(s data.Settings, lay documents.CertLayout) string {
	if s.DateFormCert != "" {
		return s.DateFormCert
	}
	switch lay.DateStyle {
	case documents.DateChinese:
		return data.DateFormChinese
	case documents.DateChineseMonth:
		return data.DateFormChineseMonth
	}
	return data.DateFormChinese
}

// certSection is the 证书 card of 设置—打印: paper, date style, pre-printed stock
// offsets and positions, seal, calibration page.
type certSection struct {
	lay                            documents.CertLayout
	pw, the, certTitle, offX, offY *widget.Entry
	paper, dateStyle, listDate     *widget.Select
	stock, stockSeal               *widget.Check
	boxes                          *stockBoxEditor
	seal                           string
	sealLabel                      *widget.Label
}

func paperNames() []string {
	var out []string
	for _, p := range documents.Papers {
		out = append(out, p.Name)
	}
	return append(out, "自定义")
}

func newCertSection(lay documents.CertLayout, s data.Settings) *certSection {
	c := &certSection{lay: lay, pw: widget.NewEntry(), the: widget.NewEntry(), certTitle: widget.NewEntry(),
		offX: widget.NewEntry(), offY: widget.NewEntry(), boxes: newStockBoxEditor(), seal: lay.Seal, sealLabel: widget.NewLabel("")}
	names := paperNames()
	c.pw.SetPlaceHolder("宽（毫米）")
	c.the.SetPlaceHolder("高（毫米）")
	c.paper = widgets.NewChoice(names, nil)
	c.paper.PlaceHolder = "（请选择纸张）"
	c.paper.SetSelected(names[0])
	c.pw.SetText("297")
	c.the.SetText("210")
	if lay.PaperW > 0 {
		c.paper.SetSelected("自定义")
		for _, p := range documents.Papers {
			if p.W == lay.PaperW && p.H == lay.PaperH {
				c.paper.SetSelected(p.Name)
			}
		}
		c.pw.SetText(fmt.Sprint(lay.PaperW))
		c.the.SetText(fmt.Sprint(lay.PaperH))
	}
	c.certTitle.SetPlaceHolder("荣誉证书")
	c.certTitle.SetText(lay.Title)
	c.dateStyle = widgets.NewChoice(dateFormLabels(), nil)
	c.dateStyle.PlaceHolder = "（请选择日期写法）"
	c.dateStyle.SetSelected(dateFormLabel(certDateSetting(s, lay), data.DateFormChinese))
	c.listDate = widgets.NewChoice(dateFormLabels(), nil)
	c.listDate.PlaceHolder = "（请选择日期写法）"
	c.listDate.SetSelected(dateFormLabel(s.DateFormLists, data.DateFormArabic))
	c.stock = widget.NewCheck("套打：证书纸已印好边框和标题，只打印名称、内容、落款、日期和编号", nil)
	c.stock.SetChecked(lay.Stock)
	c.stockSeal = widget.NewCheck("套打时也印印章图片（不勾则留给手工盖章）", nil)
	c.stockSeal.SetChecked(s.CertStockSeal != "off")
	c.offX.SetText(fmt.Sprint(lay.OffsetX))
	c.offY.SetText(fmt.Sprint(lay.OffsetY))
	// Where each variable text goes on the stock: the design's places until the
	// clerk measures the bought paper and types its own.
	if lay.Boxes != nil {
		c.boxes.set(*lay.Boxes)
	} else {
		c.boxes.set(reports.DefaultStockLayout(c.curPaper()))
	}
	c.paper.OnChanged = func(v string) {
		for _, p := range documents.Papers {
			if p.Name == v {
				c.pw.SetText(fmt.Sprint(p.W))
				c.the.SetText(fmt.Sprint(p.H))
				c.boxes.set(reports.DefaultStockLayout(reports.Paper{W: p.W, H: p.H}))
			}
		}
	}
	c.showSeal()
	return c
}

func (c *certSection) curPaper() reports.Paper {
	var w, h float64
	fmt.Sscan(strings.TrimSpace(c.pw.Text), &w)
	fmt.Sscan(strings.TrimSpace(c.the.Text), &h)
	return reports.Paper{W: w, H: h}
}

func (c *certSection) showSeal() {
	if c.seal == "" {
		c.sealLabel.SetText("不套印印章（留出盖章位置）")
	} else {
		c.sealLabel.SetText(c.seal)
	}
}

// read collects the certificate fields into a layout.
func (c *certSection) read() (documents.CertLayout, error) {
	l := c.lay
	l.Title = strings.TrimSpace(c.certTitle.Text)
	var w, h float64
	if _, err := fmt.Sscan(strings.TrimSpace(c.pw.Text), &w); err != nil {
		return l, fmt.Errorf("纸张宽度应为数字（毫米）")
	}
	if _, err := fmt.Sscan(strings.TrimSpace(c.the.Text), &h); err != nil {
		return l, fmt.Errorf("纸张高度应为数字（毫米）")
	}
	if w < 100 || h < 100 || w > 600 || h > 600 {
		return l, fmt.Errorf("纸张尺寸 %g×%g 毫米不合理（应在 100～600 毫米之间）", w, h)
	}
	l.PaperW, l.PaperH = w, h
	if w == 297 && h == 210 {
		l.PaperW, l.PaperH = 0, 0
	}
	l.Stock = c.stock.Checked
	b, err := c.boxes.read(reports.Paper{W: w, H: h})
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
	}{{c.offX, &l.OffsetX, "水平偏移"}, {c.offY, &l.OffsetY, "垂直偏移"}} {
		t := strings.TrimSpace(f.e.Text)
		if t == "" {
			*f.dst = 0
			continue
		}
		if _, err := fmt.Sscan(t, f.dst); err != nil || *f.dst < -30 || *f.dst > 30 {
			return l, fmt.Errorf("%s应为 -30～30 之间的毫米数", f.n)
		}
	}
	l.Seal = c.seal
	return l, nil
}

// apply writes the section's settings kept outside the layout: the date forms
// of certificates and of lists, and whether the seal prints on stock.
func (c *certSection) apply(s *data.Settings) {
	s.DateFormCert = dateFormValue(c.dateStyle.Selected)
	s.DateFormLists = dateFormValue(c.listDate.Selected)
	s.CertStockSeal = ""
	if !c.stockSeal.Checked {
		s.CertStockSeal = "off"
	}
}

// card lays the section out with the seal choice and the calibration page.
func (c *certSection) card(a shell.Shell, layErr error) *widget.Card {
	resetBoxes := widget.NewButton("按纸张恢复默认位置", func() { c.boxes.set(reports.DefaultStockLayout(c.curPaper())) })
	chooseSeal := widget.NewButton("选择印章图片…", func() {
		a.OpenFileDialogExt([]string{".png", ".jpg", ".jpeg"}, func(path string) {
			c.seal = path
			c.showSeal()
		})
	})
	clearSeal := widget.NewButton("不用印章图片", func() { c.seal = ""; c.showSeal() })
	calib := widget.NewButtonWithIcon("打印校准页", theme.DocumentPrintIcon(), func() {
		l, err := c.read()
		if err != nil {
			a.ShowError("证书版式有误", err)
			return
		}
		a.PrintJob("打印校准页", "证书打印校准页", func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return documents.Calibration(w, l)
		})
	})
	certForm := widget.NewForm(
		widget.NewFormItem("证书标题", c.certTitle),
		widget.NewFormItem("纸张", container.NewGridWithColumns(2, c.paper, container.NewGridWithColumns(2, c.pw, c.the))),
		widget.NewFormItem("证书日期", c.dateStyle),
		widget.NewFormItem("名册日期", c.listDate),
		widget.NewFormItem("", c.stock),
		widget.NewFormItem("", c.stockSeal),
		widget.NewFormItem("套打偏移", container.NewGridWithColumns(4, widget.NewLabel("水平（右为正）"), c.offX, widget.NewLabel("垂直（下为正）"), c.offY)),
		widget.NewFormItem("套打位置", container.NewVBox(c.boxes.object(), container.NewHBox(resetBoxes))),
		widget.NewFormItem("印章", container.NewBorder(nil, nil, nil, container.NewHBox(chooseSeal, clearSeal), c.sealLabel)),
	)
	calibHint := widget.NewLabel("用证书纸同样大小的白纸打印校准页，按页上的说明量出打印机的偏移，填入“套打偏移”。")
	calibHint.Wrapping = fyne.TextWrapBreak
	certs := widget.NewCard("证书", "", container.NewVBox(certForm, container.NewBorder(nil, nil, nil, calib, calibHint)))
	if layErr != nil {
		certs.SetSubTitle(layErr.Error())
	}
	return certs
}

package admin

import (
	"context"
	"fmt"
	"io"

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

// docSection is the 公文 card of 设置—打印: the 版头 per document, the 发文机关
// with their 机关代字, 主送机关, 版记, the 红头纸 heights and the seal.
type docSection struct {
	decisionMode, noticeMode                      *widget.Select
	red, organs, decisionTo, noticeTo, copyTo, by *widget.Entry
	whMM, bodyMM, seal                            *widget.Entry
}

func headerLabels() []string {
	var out []string
	for _, m := range data.HeaderModes {
		out = append(out, m[1])
	}
	return out
}

func headerLabel(mode string) string {
	for _, m := range data.HeaderModes {
		if m[0] == mode {
			return m[1]
		}
	}
	return ""
}

func headerValue(label string) string {
	for _, m := range data.HeaderModes {
		if m[1] == label {
			return m[0]
		}
	}
	return ""
}

func newDocSection(s data.Settings) *docSection {
	entry := func(v, hint string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(v)
		e.SetPlaceHolder(hint)
		return e
	}
	d := &docSection{
		decisionMode: widgets.NewChoice(headerLabels(), nil),
		noticeMode:   widgets.NewChoice(headerLabels(), nil),
		red:          entry(s.HeaderRed, "230,0,0"),
		organs:       widget.NewMultiLineEntry(),
		decisionTo:   entry(s.DecisionAddressee, "各社区："),
		noticeTo:     entry(s.NoticeAddressee, "（不写则不印）"),
		copyTo:       entry(s.CopyTo, "（不写则不印），如 天府新区党工委组织部，天府新区社区发展治理局"),
		by:           entry(s.PrintedBy, "（不写则不印），如 华阳街道党政办公室"),
		whMM:         entry(s.LetterheadWenhao, "如 107.3"),
		bodyMM:       entry(s.LetterheadBody, "如 137.4"),
		seal:         entry(s.DocSeal, "（不用印章图片则空着）PNG 或 JPEG 文件的路径"),
	}
	d.decisionMode.SetSelected(headerLabel(s.Header(data.DocDecision)))
	d.noticeMode.SetSelected(headerLabel(s.Header(data.DocNotice)))
	d.organs.SetText(s.Organs)
	d.organs.SetPlaceHolder("每行一个发文机关：名称|机关代字，主办机关在前，如\n中共华阳街道工作委员会|华阳街道党工委发\n华阳街道办事处|华阳街道办发")
	d.organs.SetMinRowsVisible(3)
	return d
}

// card lays the section out, with the 红头纸 calibration button.
func (d *docSection) card(a shell.Shell) fyne.CanvasObject {
	wh, body := reports.LetterheadDefaults()
	calib := widget.NewButtonWithIcon("打印红头纸校准页", theme.DocumentPrintIcon(), func() {
		a.PrintJob("打印红头纸校准页", "红头纸校准页", func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return documents.LetterheadCalibration(a.Store(), w)
		})
	})
	hint := widget.NewLabel(fmt.Sprintf("红头纸的位置从纸张上边缘量起，单位毫米；空着则按标准位置（发文字号 %.1f，正文 %.1f）。先保存，再打印校准页对着红头纸核对。", wh, body))
	hint.Wrapping = fyne.TextWrapBreak
	form := widget.NewForm(
		widget.NewFormItem("命名决定版头", d.decisionMode),
		widget.NewFormItem("公示版头", d.noticeMode),
		widget.NewFormItem("发文机关及机关代字", d.organs),
		widget.NewFormItem("版头红色（R,G,B）", d.red),
		widget.NewFormItem("命名决定主送机关", d.decisionTo),
		widget.NewFormItem("公示主送机关", d.noticeTo),
		widget.NewFormItem("抄送机关", d.copyTo),
		widget.NewFormItem("印发机关", d.by),
		widget.NewFormItem("红头纸发文字号位置", d.whMM),
		widget.NewFormItem("红头纸正文起始位置", d.bodyMM),
		widget.NewFormItem("公文印章图片", d.seal),
	)
	return widget.NewCard("公文（版头、发文字号、版记）", "", container.NewVBox(form, container.NewBorder(nil, nil, nil, calib, hint)))
}

// apply copies the section into the settings to save (SaveSettings checks them).
func (d *docSection) apply(s *data.Settings) {
	s.HeaderDecision = headerValue(d.decisionMode.Selected)
	s.HeaderNotice = headerValue(d.noticeMode.Selected)
	s.Organs, s.HeaderRed = d.organs.Text, d.red.Text
	s.DecisionAddressee, s.NoticeAddressee = d.decisionTo.Text, d.noticeTo.Text
	s.CopyTo, s.PrintedBy = d.copyTo.Text, d.by.Text
	s.LetterheadWenhao, s.LetterheadBody, s.DocSeal = d.whMM.Text, d.bodyMM.Text, d.seal.Text
}

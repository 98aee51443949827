package nomination

import (
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/shell"
)

// AskReason asks the clerk why, under title with prompt, and calls fn with
// the reason given; it does not call fn when the clerk cancels.
type AskReason func(title, prompt string, fn func(reason string))

// AttachmentsBox lists a nomination's attachments with open, add and remove;
// adding or removing one on a locked nomination asks for a reason first.
func AttachmentsBox(a shell.Shell, n *data.Nomination, askReason AskReason) fyne.CanvasObject {
	box := container.NewVBox()
	var fill func()
	fill = func() {
		box.Objects = nil
		box.Add(widget.NewLabelWithStyle("附件", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		atts, err := a.Store().Attachments(n.ID, false)
		if err != nil {
			box.Add(widget.NewLabel(err.Error()))
		}
		for _, at := range atts {
			at := at
			open := widget.NewButton("打开", func() {
				u := storage.NewFileURI(a.Store().AttachmentPath(at))
				if err := a.App().OpenURL(uriToURL(u)); err != nil {
					a.ShowError("无法打开附件", err)
				}
			})
			remove := widget.NewButton("移除", func() {
				do := func(reason string) {
					if err := a.Store().RemoveAttachment(at.ID, reason); err != nil {
						a.ShowError("附件未移除", err)
						return
					}
					fill()
				}
				if n.State.Editable() {
					do("")
				} else {
					askReason("移除附件", "申报已锁定，移除附件须写明原因：", do)
				}
			})
			box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(open, remove),
				widget.NewLabel(fmt.Sprintf("%s（%s）", at.Name, sizeText(at.Size)))))
		}
		add := widget.NewButton("添加附件…", func() {
			a.OpenFileDialogExt(data.AcceptedExtensions(), func(path string) {
				do := func(reason string) {
					if _, err := a.Store().AddAttachment(n.ID, path, reason); err != nil {
						a.ShowError("附件未添加", err)
						return
					}
					fill()
				}
				if n.State.Editable() {
					do("")
				} else {
					askReason("补充附件", "申报已锁定，补充附件须写明原因：", do)
				}
			})
		})
		box.Add(container.NewHBox(add, widget.NewLabel(fmt.Sprintf("可接受图片、PDF、Word、Excel 等，单个不超过 %d MB", data.AttachmentMaxSize>>20))))
		box.Refresh()
	}
	fill()
	return box
}

func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// ShowVersions shows a nomination's submitted and amended versions.
func ShowVersions(a shell.Shell, n data.Nomination) {
	vs, err := a.Store().Versions(n.ID)
	if err != nil {
		a.ShowError("无法读取历史版本", err)
		return
	}
	box := container.NewVBox()
	if len(vs) == 0 {
		box.Add(widget.NewLabel("尚未提交，没有历史版本。"))
	}
	for _, ver := range vs {
		old, err := ver.Nomination()
		if err != nil {
			box.Add(widget.NewLabel(err.Error()))
			continue
		}
		at := strings.Replace(ver.At, "T", " ", 1)
		if len(at) > 16 {
			at = at[:16]
		}
		head := fmt.Sprintf("第%d版 · %s · %s", ver.Version, at, ver.Operator)
		if ver.Reason != "" {
			head += " · " + ver.Reason
		}
		box.Add(widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		body := widget.NewLabel(fmt.Sprintf("主要做法：%s\n特色亮点：%s\n自评分合计：%s\n联系人：%s %s\n社区意见：%s",
			old.Methods, old.Highlights, old.SelfScores.Total(), old.Contact, old.ContactPhone, old.Opinion))
		body.Wrapping = fyne.TextWrapBreak
		box.Add(body)
		box.Add(widget.NewSeparator())
	}
	scroll := container.NewVScroll(box)
	scroll.SetMinSize(fyne.NewSize(640, 420))
	dialog.NewCustom(n.Label()+"的历史版本", "关闭", scroll, a.Window()).Show()
}

func uriToURL(u fyne.URI) *url.URL {
	p, _ := url.Parse(u.String())
	return p
}

// Package connect is where this PC's window finds its data: the 数据存放
// tab of 设置 (the local data folder or the office server, remembered
// without the password, see data.LoadConnection), and the start window that
// asks the server's password and, when the server cannot be used, says why
// in Chinese and offers 重试 or the local data folder instead.
//
// It imports data, widgets and Fyne; the window (package ui) and 设置
// (ui/admin) use it.
package connect

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/widgets"
)

// The choices of 数据存放.
const (
	FolderLabel = "本机数据文件夹"
	ServerLabel = "办公室服务器"
)

// Panel is 设置 › 数据存放: where is the store in use now (Store.Where()),
// status the window's status line. The choice takes effect at the next start.
type Panel struct {
	form  *widgets.Form
	conn  data.Connection
	kind  string
	where string
	save  *widget.Button
	// status shows a line in the window's status bar.
	status func(format string, args ...any)
}

// NewPanel is the 数据存放 tab.
func NewPanel(where string, status func(format string, args ...any)) *Panel {
	return &Panel{where: where, status: status}
}

// Content builds the tab, reading the choice remembered.
func (p *Panel) Content() fyne.CanvasObject {
	conn, err := data.LoadConnection()
	p.conn = conn
	p.kind = FolderLabel
	if conn.IsServer() {
		p.kind = ServerLabel
	}
	if p.conn.SSLMode == "" {
		p.conn.SSLMode = "prefer"
	}
	p.form = widgets.NewForm(func() error { return p.conn.Check() })
	kind := p.form.Choice("Kind", "数据存放在", []string{FolderLabel, ServerLabel}, &p.kind)
	p.form.AfterRead(func() { p.conn.Kind = kindValue(p.kind) })
	server := []fyne.Disableable{
		p.form.Entry("Host", "服务器地址", &p.conn.Host, "如 192.168.1.20 或 db.office.local"),
		p.form.Number("Port", "端口", &p.conn.Port, "默认 5432"),
		p.form.Entry("Database", "数据库", &p.conn.Database, "如 jiayuan"),
		p.form.Entry("User", "用户名", &p.conn.User, "服务器上为您开的账号"),
		p.form.Choice("SSLMode", "加密方式", data.SSLModes, &p.conn.SSLMode),
	}
	follow := func() {
		for _, w := range server {
			if kindValue(kind.Selected) == data.ConnServer {
				w.Enable()
			} else {
				w.Disable()
			}
		}
	}
	follow()
	onKind := kind.OnChanged
	kind.OnChanged = func(v string) { onKind(v); follow() }

	now := widget.NewLabel("现在使用的数据：" + p.where)
	now.Wrapping = fyne.TextWrapBreak
	note := widget.NewLabel("密码不保存在本机，每次启动时询问。更改在下次启动本程序时生效；" +
		"服务器暂时连不上时，启动时可以改用本机数据文件夹。")
	note.Wrapping = fyne.TextWrapBreak
	note.Importance = widget.LowImportance
	top := []fyne.CanvasObject{now}
	if err != nil {
		bad := widget.NewLabel(err.Error())
		bad.Wrapping = fyne.TextWrapBreak
		bad.Importance = widget.WarningImportance
		top = append(top, bad)
	}
	p.save = widget.NewButtonWithIcon("保存数据存放设置", theme.DocumentSaveIcon(), p.Save)
	p.save.Importance = widget.HighImportance
	return container.NewBorder(container.NewVBox(top...), container.NewHBox(layout.NewSpacer(), p.save), nil, nil,
		container.NewVScroll(container.NewPadded(container.NewVBox(p.form.Content(), note))))
}

// Save checks and remembers the choice (never the password).
func (p *Panel) Save() {
	if p.form == nil {
		return
	}
	p.form.ShowAll = true
	if !p.form.Check() {
		p.status("数据存放设置未保存：请先改正标红的内容")
		return
	}
	c := p.conn
	if !c.IsServer() {
		c = data.Connection{Kind: data.ConnFolder}
	}
	err := data.SaveConnection(c)
	var ve *data.ValidationError
	switch {
	case errors.As(err, &ve):
		p.form.Show(ve)
		p.status("数据存放设置未保存：请先改正标红的内容")
	case err != nil:
		p.status("%s", err.Error())
	case c.IsServer():
		p.status("已保存：下次启动时连接办公室服务器 %s", data.RedactURL(c.URL("")))
	default:
		p.status("已保存：下次启动时使用本机数据文件夹")
	}
}

func kindValue(label string) string {
	if label == ServerLabel {
		return data.ConnServer
	}
	return data.ConnFolder
}

// describe is the server of c for the clerk: address, database and user.
func describe(c data.Connection) string {
	return fmt.Sprintf("%s（用户 %s）", data.RedactURL(c.URL("")), c.User)
}

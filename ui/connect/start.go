package connect

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/widgets"
)

// Start is the start window's content when the data is on the office
// server: it asks the password of the server chosen in 设置 (unless the
// address was given with -db), connects off the window's goroutine and,
// when the server cannot be used, shows why with 重试 and
// 改用本机数据文件夹. Nothing is written anywhere until the store is open.
type Start struct {
	Win fyne.Window
	// Open opens the store at a server address (data.OpenServer with this PC's cache folder).
	Open func(url string) (*data.Store, error)
	// OnOpen gets the open store; OnLocal opens the local data folder instead.
	OnOpen  func(st *data.Store)
	OnLocal func()
}

// Begin starts at url (-db), or, when it is "", at the server remembered in 设置.
func (s *Start) Begin(url string) {
	if url != "" {
		s.connect(url, func() { s.connect(url, nil) })
		return
	}
	conn, err := data.LoadConnection()
	if err != nil {
		s.failed(err, func() { s.Begin("") })
		return
	}
	if pw, err := Keychain.Get(secretKey(conn)); err == nil {
		// the keychain's password; when the server refuses it, ask (and forget it)
		s.connectThen(conn.URL(pw), func() { s.askPassword(conn) }, nil, func(err error) {
			if isLoginRefused(err) {
				Keychain.Delete(secretKey(conn))
			}
		})
		return
	}
	s.askPassword(conn)
}

// isLoginRefused reports whether the server refused the login itself.
func isLoginRefused(err error) bool {
	var se *data.ServerError
	return errors.As(err, &se) && strings.Contains(se.Reason, "密码")
}

// askPassword shows the server chosen and asks its password.
func (s *Start) askPassword(conn data.Connection) {
	title := widget.NewLabelWithStyle("连接办公室服务器", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	server := widget.NewLabel("服务器：" + describe(conn))
	server.Wrapping = fyne.TextWrapBreak
	pw := widget.NewPasswordEntry()
	pw.SetPlaceHolder("服务器账号的密码（没有密码可留空）")
	remember := widget.NewCheck("在系统钥匙串中记住密码（下次不再询问）", nil)
	remember.SetChecked(true)
	connect := func() {
		typed := pw.Text
		s.connectThen(conn.URL(typed), func() { s.askPassword(conn) }, func() {
			if remember.Checked && typed != "" {
				Keychain.Set(secretKey(conn), typed) // no keychain here: asked again next time
			}
		}, nil)
	}
	pw.OnSubmitted = func(string) { connect() }
	ok := widget.NewButtonWithIcon("连接", theme.LoginIcon(), connect)
	ok.Importance = widget.HighImportance
	note := widget.NewLabel("密码只存在系统钥匙串里（Windows 凭据管理器、macOS 钥匙串或桌面的密钥环）；没有钥匙串时每次启动询问，从不写入文件。")
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	form := container.New(layout.NewFormLayout(), widget.NewLabel("密码"), pw)
	s.show(container.NewVBox(title, server, form, remember, note), s.localButton(), ok)
	s.Win.Canvas().Focus(pw)
}

// connect opens the store at url; retry is what 重试 does after a failure.
func (s *Start) connect(url string, retry func()) { s.connectThen(url, retry, nil, nil) }

// connectThen is connect with what to do after it opened (ok) or failed (bad).
func (s *Start) connectThen(url string, retry, ok func(), bad func(error)) {
	wait := widget.NewLabel("正在连接办公室服务器 " + data.RedactURL(url) + " …")
	bar := widget.NewProgressBarInfinite()
	s.show(container.NewVBox(wait, bar))
	var st *data.Store
	var err error
	widgets.OffThread(func() { st, err = s.Open(url) }, func() {
		bar.Stop()
		if err != nil {
			if bad != nil {
				bad(err)
			}
			if retry == nil {
				retry = func() { s.connect(url, nil) }
			}
			s.failed(err, retry)
			return
		}
		if ok != nil {
			ok()
		}
		s.OnOpen(st)
	})
}

// failed says why the server cannot be used, with 重试 and the local folder.
func (s *Start) failed(err error, retry func()) {
	title := widget.NewLabelWithStyle("无法使用办公室服务器", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	text := err.Error()
	if errors.Is(err, data.ErrTooNew) {
		text += "\n\n可以先改用本机数据文件夹继续工作。"
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapBreak
	msg.Importance = widget.DangerImportance
	again := widget.NewButtonWithIcon("重试", theme.ViewRefreshIcon(), retry)
	again.Importance = widget.HighImportance
	s.show(container.NewVBox(title, msg), s.localButton(), again)
}

func (s *Start) localButton() *widget.Button {
	return widget.NewButtonWithIcon("改用本机数据文件夹", theme.FolderOpenIcon(), s.OnLocal)
}

// show puts body in the window with the buttons at the bottom right.
func (s *Start) show(body fyne.CanvasObject, buttons ...fyne.CanvasObject) {
	bar := container.NewHBox(append([]fyne.CanvasObject{layout.NewSpacer()}, buttons...)...)
	s.Win.SetContent(container.NewBorder(nil, bar, nil, nil, container.NewPadded(body)))
}

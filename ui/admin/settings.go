package admin

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fyne.io/fyne/v2/layout"
	"jiayuan/data"
	"jiayuan/ui/connect"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// Role labels as the clerk picks them.
const (
	roleOfficeLabel    = "街道办事处（管理全部社区）"
	roleCommunityLabel = "社区（只管本社区）"
)

// settingsPage is 设置: who uses this copy, the office's name, the issuing
// units and contacts printed on notices, and the operator's name; its tabs
// add printing, the working-day calendar, backups and where the data is
// (数据存放, ui/connect).
type settingsPage struct {
	a    shell.Shell
	body *fyne.Container
	form *widgets.Form
	rec  data.Settings
	tabs *container.AppTabs
	// savePrint saves the 打印 tab (nil when it could not be built).
	savePrint func()
}

func NewSettingsPage(a shell.Shell) *settingsPage { return &settingsPage{a: a} }

func (p *settingsPage) Content() fyne.CanvasObject {
	p.body = container.NewStack()
	save := widget.NewButtonWithIcon("保存设置（Ctrl+S）", theme.DocumentSaveIcon(), p.saveGeneral)
	save.Importance = widget.HighImportance
	title := widget.NewLabelWithStyle("设置", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	general := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), save), nil, nil,
		container.NewVScroll(container.NewPadded(p.body)))
	var printPanel fyne.CanvasObject
	printPanel, p.savePrint = printSettings(p.a)
	p.tabs = container.NewAppTabs(
		container.NewTabItem("基本设置", general),
		container.NewTabItem("打印", printPanel),
		container.NewTabItem("工作日历", calendarPanel(p.a)),
		container.NewTabItem("备份与恢复", backupPanel(p.a)),
		container.NewTabItem("数据存放", connect.NewPanel(p.a.Store().Where(), p.a.SetStatus).Content()),
	)
	return container.NewBorder(container.NewVBox(title, widget.NewSeparator()), nil, nil, nil, p.tabs)
}

func (p *settingsPage) Reload() {
	s, err := p.a.Store().Settings()
	if err != nil {
		p.a.ShowError("无法读取设置", err)
		return
	}
	p.rec = s
	p.form = widgets.NewForm(func() error { return checkSettings(&p.rec) })
	settingsFields(p.a, p.form, &p.rec)
	p.body.Objects = []fyne.CanvasObject{p.form.Content()}
	p.body.Refresh()
}

// settingsFields adds the settings' fields to f.
func settingsFields(a shell.Shell, f *widgets.Form, s *data.Settings) {
	f.Section("使用单位")
	role := roleLabel(s.Role)
	roleSel := f.Choice("Role", "使用单位类型", []string{roleOfficeLabel, roleCommunityLabel}, &role)
	f.AfterRead(func() { s.Role = roleValue(role) })
	var commID int64
	for _, c := range a.CommunityOptions() {
		if uuid, _ := communityUUID(a, c.ID); uuid == s.CommunityUUID && uuid != "" {
			commID = c.ID
		}
	}
	comm := f.Pick("CommunityUUID", "本社区", a.CommunityOptions, &commID, "")
	f.AfterRead(func() {
		s.CommunityUUID, _ = communityUUID(a, commID)
		if s.Role != data.RoleCommunity {
			s.CommunityUUID = ""
		}
	})
	showComm := func() {
		if roleValue(roleSel.Selected) == data.RoleCommunity {
			comm.Enable()
		} else {
			comm.Disable()
		}
	}
	showComm()
	onRole := roleSel.OnChanged
	roleSel.OnChanged = func(v string) { onRole(v); showComm() }
	f.Entry("OfficeName", "街道名称", &s.OfficeName, "如 华阳街道")
	f.Entry("Operator", "操作人", &s.Operator, "记入操作记录的姓名")
	dates := windowDateLabel(s.DateFormWindow)
	f.Choice("DateFormWindow", "日期写法", []string{dateISOLabel, dateChineseLabel}, &dates)
	f.AfterRead(func() { s.DateFormWindow = windowDateValue(dates) })
	f.Section("公文与证书落款")
	f.Entry("IssuingUnit", "发文单位", &s.IssuingUnit, "如 四川天府新区华阳街道办事处")
	f.Entry("CertIssuer", "证书落款单位", &s.CertIssuer, "")
	f.Section("联系方式（用于公示）")
	f.Entry("Hotline", "热线电话", &s.Hotline, "如 96110")
	f.Entry("Address", "通讯地址", &s.Address, "")
	f.Entry("ContactPerson", "联系人", &s.ContactPerson, "")
	f.Entry("ContactPhone", "联系电话", &s.ContactPhone, "")
}

func roleLabel(role string) string {
	switch role {
	case data.RoleOffice:
		return roleOfficeLabel
	case data.RoleCommunity:
		return roleCommunityLabel
	}
	return ""
}

func roleValue(label string) string {
	switch label {
	case roleOfficeLabel:
		return data.RoleOffice
	case roleCommunityLabel:
		return data.RoleCommunity
	}
	return ""
}

// communityUUID is the UUID of community id ("" for 0).
func communityUUID(a shell.Shell, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	c, err := a.Store().Community(id)
	return c.UUID, err
}

// checkSettings checks, as the clerk types, what SaveSettings will check.
func checkSettings(s *data.Settings) error {
	ve := &data.ValidationError{Record: "设置"}
	if data.Normalize(s.OfficeName) == "" {
		ve.Fields = append(ve.Fields, data.FieldError{Field: "OfficeName", Label: "街道名称", Msg: "不能为空"})
	}
	switch s.Role {
	case data.RoleOffice:
	case data.RoleCommunity:
		if s.CommunityUUID == "" {
			ve.Fields = append(ve.Fields, data.FieldError{Field: "CommunityUUID", Label: "本社区", Msg: "社区使用时请选择是哪个社区"})
		}
	default:
		ve.Fields = append(ve.Fields, data.FieldError{Field: "Role", Label: "使用单位类型", Msg: "请选择街道办事处或社区"})
	}
	for _, ph := range []struct{ field, label, v string }{
		{"Hotline", "热线电话", s.Hotline}, {"ContactPhone", "联系电话", s.ContactPhone},
	} {
		if err := data.CheckPhone(ph.v); err != nil {
			ve.Fields = append(ve.Fields, data.FieldError{Field: ph.field, Label: ph.label, Msg: err.Error()})
		}
	}
	if len(ve.Fields) == 0 {
		return nil
	}
	return ve
}

// Save is Ctrl+S: it saves the tab shown, 基本设置 or 打印 (the other
// tabs save as they go).
func (p *settingsPage) Save() {
	if p.tabs != nil {
		switch p.tabs.SelectedIndex() {
		case 0:
			p.saveGeneral()
		case 1:
			if p.savePrint != nil {
				p.savePrint()
			}
		}
		return
	}
	p.saveGeneral()
}

// saveGeneral saves the 基本设置 tab.
func (p *settingsPage) saveGeneral() {
	if p.form == nil {
		return
	}
	p.form.ShowAll = true
	if !p.form.Check() {
		p.a.SetStatus("设置未保存：请先改正标红的内容")
		return
	}
	err := p.a.Store().SaveSettings(p.rec)
	var ve *data.ValidationError
	switch {
	case errors.As(err, &ve):
		p.form.Show(ve)
		return
	case err != nil:
		p.a.ShowError("无法保存设置", err)
		return
	}
	p.a.ApplySettings(p.rec)
	p.a.SetStatus("设置已保存")
}

// The choices of 「日期写法」: how the window writes dates.
const (
	dateISOLabel     = "2021-12-06"
	dateChineseLabel = "2021年12月6日"
)

func windowDateLabel(form string) string {
	if form == data.DateFormArabic {
		return dateChineseLabel
	}
	return dateISOLabel
}

func windowDateValue(label string) string {
	if label == dateChineseLabel {
		return data.DateFormArabic
	}
	return ""
}

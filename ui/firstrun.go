package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// firstRun asks, on first start, who uses this copy: the office (街道) or
// one community (an existing one, or a new one typed here), the office's
// name and the operator's; on an empty store it offers the demo data.
type firstRun struct {
	a            *App
	role         *widget.RadioGroup
	community    *widget.Select
	newCommunity *widget.Entry
	communityBox *fyne.Container
	office       *widget.Entry
	operator     *widget.Entry
	demo         *widget.Check
	problem      *widget.Label
	start        *widget.Button
}

const (
	firstRoleOffice    = "街道办事处：管理全街道的社区、小区和党组织，组织评选"
	firstRoleCommunity = "社区：只管理本社区的记录，准备申报材料"
)

func (a *App) showFirstRun() {
	f := &firstRun{a: a}
	a.first = f
	a.Window().SetContent(f.content())
}

func (f *firstRun) content() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("欢迎使用家园", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel("开始之前请回答几个问题，以后可以在“设置”里修改。")

	f.community = widget.NewSelect(nil, func(string) { f.newCommunity.SetText("") })
	f.community.PlaceHolder = "选择已有的社区"
	f.newCommunity = widget.NewEntry()
	f.newCommunity.SetPlaceHolder("或输入新社区的名称，如 龙河社区")
	f.fillCommunities()
	communityBox := container.NewVBox(f.community, f.newCommunity)
	f.communityBox = communityBox

	var box *fyne.Container
	f.role = widget.NewRadioGroup([]string{firstRoleOffice, firstRoleCommunity}, func(v string) {
		if v == firstRoleCommunity {
			communityBox.Show()
		} else {
			communityBox.Hide()
		}
		box.Refresh()
	})
	f.office = widget.NewEntry()
	f.office.SetPlaceHolder("如 华阳街道")
	f.operator = widget.NewEntry()
	f.operator.SetPlaceHolder("您的姓名，记入操作记录")
	f.demo = widget.NewCheck("载入演示数据（华阳街道 2021 年“双百佳”的示例社区、小区和党组织）", func(on bool) {
		if on && f.office.Text == "" {
			f.office.SetText("华阳街道")
		}
	})
	if empty, err := f.a.Store().Empty(); err != nil || !empty {
		f.demo.Hide()
	}
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapBreak
	f.start = widget.NewButtonWithIcon("开始使用", theme.ConfirmIcon(), f.submit)
	f.start.Importance = widget.HighImportance

	q := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	box = container.NewVBox(title, intro, widget.NewSeparator(),
		q("1. 这份家园由谁使用？"), f.role, communityBox,
		q("2. 街道名称"), f.office,
		q("3. 操作人姓名"), f.operator,
		f.demo, f.problem,
		container.NewHBox(layoutSpacer(), f.start))
	// Sized with the community's fields shown, so choosing 社区 does not overflow.
	card := container.NewGridWrap(fyne.NewSize(620, box.MinSize().Height+60), container.NewPadded(box))
	communityBox.Hide()
	return container.NewCenter(card)
}

func (f *firstRun) fillCommunities() {
	cs, _ := f.a.Store().Communities()
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	f.community.Options = names
	if len(names) == 0 {
		f.community.Hide()
		f.newCommunity.SetPlaceHolder("本社区的名称，如 龙河社区")
	} else {
		f.community.Show()
		f.newCommunity.SetPlaceHolder("或输入新社区的名称")
	}
}

// submit checks the answers, loads the demo data when asked, creates a new
// community when one was typed, saves the settings and opens the main screen.
func (f *firstRun) submit() {
	if err := f.apply(); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			msgs := make([]string, len(ve.Fields))
			for i, fe := range ve.Fields {
				msgs[i] = fe.Error()
			}
			f.problem.SetText(strings.Join(msgs, "\n"))
		} else {
			f.problem.SetText(err.Error())
		}
		return
	}
	f.a.first = nil
	f.a.showMain()
}

func (f *firstRun) apply() error {
	office := data.Normalize(f.office.Text)
	operator := data.Normalize(f.operator.Text)
	var missing []string
	if f.role.Selected == "" {
		missing = append(missing, "请选择由谁使用")
	}
	newName := data.Normalize(f.newCommunity.Text)
	if f.role.Selected == firstRoleCommunity && f.community.Selected == "" && newName == "" {
		missing = append(missing, "请选择或输入本社区的名称")
	}
	if office == "" {
		missing = append(missing, "请填写街道名称")
	}
	if operator == "" {
		missing = append(missing, "请填写操作人姓名")
	}
	if len(missing) > 0 {
		return errors.New(strings.Join(missing, "；"))
	}
	st := f.a.Store()
	st.Operator = operator
	if f.demo.Visible() && f.demo.Checked {
		if err := data.LoadDemo(st); err != nil {
			return fmt.Errorf("无法载入演示数据：%w", err)
		}
		st.Operator = operator
	}
	s, err := st.Settings()
	if err != nil {
		return err
	}
	s.OfficeName, s.Operator, s.Role, s.CommunityUUID = office, operator, data.RoleOffice, ""
	if f.role.Selected == firstRoleCommunity {
		s.Role = data.RoleCommunity
		name := newName
		if name == "" {
			name = f.community.Selected
		}
		c, err := f.findOrCreateCommunity(name)
		if err != nil {
			return err
		}
		s.CommunityUUID = c.UUID
	}
	if err := st.SaveSettings(s); err != nil {
		return err
	}
	f.a.ApplySettings(s)
	return nil
}

func (f *firstRun) findOrCreateCommunity(name string) (data.Community, error) {
	cs, err := f.a.Store().Communities()
	if err != nil {
		return data.Community{}, err
	}
	for _, c := range cs {
		if c.Name == name {
			return c, nil
		}
	}
	c := data.Community{Name: name}
	if err := f.a.Store().SaveCommunity(&c); err != nil {
		return c, err
	}
	return c, nil
}

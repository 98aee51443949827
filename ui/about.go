package ui

import (
	jtheme "jiayuan/ui/theme"

	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// aboutText is what 帮助 › 关于家园 says: the program, its version and build,
// and where this copy keeps its data.
func (a *App) aboutText(m fyne.AppMetadata) string {
	name := m.Name
	if name == "" {
		name = "家园"
	}
	who := a.Settings().OfficeName
	if who == "" {
		who = "（未设置）"
	}
	return fmt.Sprintf("%s %s（构建 %d）\n街道社区记录与“双百佳”评选\n\n使用单位：%s（%s）\n数据目录：%s\n数据版本：%d",
		name, m.Version, m.Build, who, a.Settings().RoleLabel(), a.Store().Dir(), data.SchemaVersion())
}

// showAbout shows the program's name, version and data folder.
func (a *App) showAbout() {
	icon := canvas.NewImageFromResource(jtheme.AppIcon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	text := widget.NewLabel(a.aboutText(a.App().Metadata()))
	text.Wrapping = fyne.TextWrapBreak
	body := container.NewBorder(nil, nil, container.NewVBox(icon), nil, text)
	d := dialog.NewCustom("关于家园", "确定", body, a.Window())
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}

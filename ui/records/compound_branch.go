package records

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// branchesOf lists the Party organisations seated in compound c (its 小区党支部
// and any other organisation whose 所在小区 it is).
func branchesOf(st *data.Store, c *data.Compound) ([]data.Org, error) {
	if c.ID == 0 {
		return nil, nil
	}
	orgs, err := st.Orgs(c.CommunityID)
	if err != nil {
		return nil, err
	}
	var out []data.Org
	for _, o := range orgs {
		if o.CompoundID != nil && *o.CompoundID == c.ID {
			out = append(out, o)
		}
	}
	return out, nil
}

// compoundBranch adds the compound's Party branch to its form: each
// organisation's name, kind and secretary, with a button that opens it on the
// 党组织 screen; or a line saying there is none.
func compoundBranch(a shell.Shell, f *widgets.Form, c *data.Compound) {
	f.Section("党组织")
	orgs, err := branchesOf(a.Store(), c)
	var rows []fyne.CanvasObject
	switch {
	case err != nil:
		rows = append(rows, widget.NewLabel("无法读取党组织"))
	case c.ID == 0:
		rows = append(rows, widget.NewLabel("保存小区后，可在“党组织”中为它建立小区党支部"))
	case len(orgs) == 0:
		rows = append(rows, widget.NewLabel("还没有小区党支部（在“党组织”中新建，所在小区选本小区）"))
	}
	for _, o := range orgs {
		parts := []string{o.Name, o.Kind}
		if o.Secretary != "" {
			parts = append(parts, "书记 "+o.Secretary)
		}
		l := widget.NewLabel(strings.Join(parts, "　"))
		l.Wrapping = fyne.TextWrapWord
		id := o.ID
		open := widget.NewButtonWithIcon("打开党组织", theme.NavigateNextIcon(), func() { openOrg(a, id) })
		rows = append(rows, container.NewBorder(nil, nil, nil, open, l))
	}
	f.Add("Branch", "小区党支部", container.NewVBox(rows...), func() string { return "" })
}

// openOrg shows the Party organisation with id on the 党组织 screen.
func openOrg(a shell.Shell, id int64) {
	a.OpenTitled("党组织")
	if p, ok := a.CurrentPage().(interface{ Show(id int64) }); ok {
		p.Show(id)
	}
}

package rounds

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/rounds/nomination"
	"jiayuan/ui/widgets"
)

// nomTab is a filterable list of a round's nominations with buttons for
// the state steps; ticked rows are acted on together.
type nomTab struct {
	v       *roundView
	title   string
	states  []data.State // the states this tab shows; nil for all
	actions []data.Action
	editing bool // the 申报 tab: new, edit, versions, export

	table    *nomTable
	catSel   *widget.Select
	commSel  *widget.Select
	stateSel *widget.Select
	search   *widget.Entry
	count    *widget.Label
	buttons  map[data.Action]*widget.Button
	communes []data.Community
}

func newNomTab(v *roundView, title string, states []data.State, actions []data.Action, editing bool) *nomTab {
	return &nomTab{v: v, title: title, states: states, actions: actions, editing: editing, buttons: map[data.Action]*widget.Button{}}
}

func (t *nomTab) content() fyne.CanvasObject {
	t.table = newNomTable([]nomColumn{
		{"类别", 110, func(n *data.Nomination) string { return n.CategoryName }},
		{"申报对象", 140, func(n *data.Nomination) string { return n.NomineeName }},
		{"所属社区", 96, func(n *data.Nomination) string { return n.CommunityName }},
		{"状态", 80, func(n *data.Nomination) string { return n.State.Label() }},
		{"版本", 56, func(n *data.Nomination) string {
			if n.Version == 0 {
				return ""
			}
			return fmt.Sprintf("第%d版", n.Version)
		}},
		{"联系人", 150, func(n *data.Nomination) string { return n.Contact }},
		{"说明", 240, func(n *data.Nomination) string { return n.StateReason }},
	})
	t.table.OnChecked = t.updateButtons
	if t.editing {
		t.table.OnCurrent = func(n *data.Nomination) {}
	}
	t.catSel = widgets.NewChoice(t.v.categoryOptions(), nil)
	t.catSel.SetSelected("全部类别")
	t.commSel = widgets.NewChoice(nil, nil)
	t.stateSel = widgets.NewChoice(t.stateOptions(), nil)
	t.stateSel.SetSelected("全部状态")
	t.search = widget.NewEntry()
	t.search.SetPlaceHolder("按名称查找")
	t.search.OnChanged = func(string) { t.reload() }
	t.catSel.OnChanged = func(string) { t.reload() }
	t.stateSel.OnChanged = func(string) { t.reload() }
	t.count = widget.NewLabel("")
	filters := container.NewHBox(widget.NewLabel("筛选："), t.catSel, t.commSel, t.stateSel, container.NewGridWrap(fyne.NewSize(160, 36), t.search), t.count)

	var bar []fyne.CanvasObject
	bar = append(bar, widget.NewButton("全选", func() { t.table.checkAll(true) }), widget.NewButton("全不选", func() { t.table.checkAll(false) }))
	if t.editing {
		bar = append(bar, widget.NewButton("新建申报", func() { t.v.editNomination(nil) }),
			widget.NewButton("查看/修改", func() {
				n := t.table.currentRow()
				if n == nil {
					t.v.a.ShowError("查看申报", errors.New("请先点选一份申报"))
					return
				}
				t.v.editNomination(n)
			}),
			widget.NewButton("历史版本", func() {
				n := t.table.currentRow()
				if n == nil {
					t.v.a.ShowError("历史版本", errors.New("请先点选一份申报"))
					return
				}
				nomination.ShowVersions(t.v.a, *n)
			}))
	}
	// Ticked rows, or when none is ticked the whole round.
	bar = append(bar, widget.NewButton("导出所选", func() { t.v.exportRound(t.table.checkedIDs()) }))
	bar = append(bar, t.feedbackButton())
	for _, act := range t.actions {
		tr, _ := data.TransitionFor(act)
		if tr.OfficeOnly && !t.v.office() {
			continue
		}
		act := act
		b := widget.NewButton(tr.Label, func() { t.v.act(t.table.checkedIDs(), act) })
		t.buttons[act] = b
		bar = append(bar, b)
	}
	return container.NewBorder(container.NewVBox(filters, container.NewHBox(bar...)), nil, nil, nil, t.table)
}

func (t *nomTab) stateOptions() []string {
	out := []string{"全部状态"}
	list := t.states
	if list == nil {
		list = data.States
	}
	for _, s := range list {
		out = append(out, s.Label())
	}
	return out
}

// reload reads the nominations with the filters; the progress is e.g. 初审 "已审 3 / 5".
func (t *nomTab) reload() string {
	if t.table == nil {
		return ""
	}
	if cs, err := t.v.a.Store().Communities(); err == nil {
		t.communes = cs
		opts := []string{"全部社区"}
		for _, c := range cs {
			opts = append(opts, c.Name)
		}
		t.commSel.OnChanged = nil
		t.commSel.SetOptions(opts)
		if t.commSel.Selected == "" {
			t.commSel.SetSelected("全部社区")
		}
		t.commSel.OnChanged = func(string) { t.reload() }
	}
	f := data.NominationFilter{CategoryID: t.v.categoryID(t.catSel.Selected), Text: strings.TrimSpace(t.search.Text)}
	for _, c := range t.communes {
		if c.Name == t.commSel.Selected {
			f.CommunityID = c.ID
		}
	}
	if s, ok := data.ParseState(t.stateSel.Selected); ok {
		f.States = []data.State{s}
	} else {
		f.States = t.states
	}
	rows, err := t.v.a.Store().Nominations(t.v.r.ID, f)
	if err != nil {
		t.v.a.ShowError("无法读取申报", err)
		return ""
	}
	t.table.setRows(rows)
	t.count.SetText(fmt.Sprintf("共 %d 份", len(rows)))
	t.updateButtons()
	return t.progress()
}

func (t *nomTab) progress() string {
	all, err := t.v.a.Store().Nominations(t.v.r.ID, data.NominationFilter{})
	if err != nil {
		return ""
	}
	if len(all) == 0 {
		return "无申报"
	}
	if t.editing {
		sub := 0
		for _, n := range all {
			if n.State != data.StateDraft && n.State != data.StateReturned {
				sub++
			}
		}
		return fmt.Sprintf("已提交 %d/%d", sub, len(all))
	}
	done, due := 0, 0
	for _, n := range all {
		switch n.State {
		case data.StateDraft, data.StateWithdrawn:
		case data.StateSubmitted, data.StateReturned:
			due++
		default:
			due++
			done++
		}
	}
	return fmt.Sprintf("已审 %d/%d", done, due)
}

// updateButtons enables a step's button only when every ticked row allows it.
func (t *nomTab) updateButtons() {
	ids := map[int64]bool{}
	for _, id := range t.table.checkedIDs() {
		ids[id] = true
	}
	for act, b := range t.buttons {
		tr, _ := data.TransitionFor(act)
		ok := len(ids) > 0
		for _, n := range t.table.rows {
			if ids[n.ID] && !tr.Allows(n.State) {
				ok = false
			}
		}
		if ok {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

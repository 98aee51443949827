package records

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/sheet"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// The 党组织 screen: the Party organisations as a list and as a tree
// (社区党委 → 小区党支部 → 党小组), with elections (换届) due within 90 days
// in amber and overdue ones in red.
func NewOrgsPage(a shell.Shell) *recordsPage[data.Org] {
	var p *recordsPage[data.Org]
	tree := newOrgTree(a)
	p = newRecordsPage(a, records[data.Org]{
		entity:      data.EntityOrg,
		noun:        "党组织",
		sheet:       "orgs",
		export:      sheet.ExportOrgs,
		cols:        orgColumns(a),
		id:          func(o *data.Org) int64 { return o.ID },
		name:        func(o *data.Org) string { return o.Name },
		search:      orgSearch,
		communityOf: func(o *data.Org) int64 { return o.CommunityID },
		load:        func() ([]data.Org, error) { return a.Store().Orgs(0) },
		blank: func() data.Org {
			return data.Org{CommunityID: p.defaultCommunity()}
		},
		validate: a.Store().ValidateOrg,
		save:     a.Store().SaveOrg,
		get:      a.Store().Org,
		fields:   func(f *widgets.Form, o *data.Org) { orgFields(a, f, o) },
		around: func(p *recordsPage[data.Org], list fyne.CanvasObject) fyne.CanvasObject {
			tree.widget.onDelete = p.DeleteSelected
			tree.onPick = func(o data.Org) {
				p.leaveForm(func() {
					p.tbl.SelectID(o.ID)
					p.edit(o)
				})
			}
			return container.NewAppTabs(
				container.NewTabItem("列表", list),
				container.NewTabItem("树状", tree.widget),
			)
		},
	})
	p.onShown = tree.set
	return p
}

func orgColumns(a shell.Shell) []widgets.Column[data.Org] {
	state := func(o *data.Org) widget.Importance { return ElectionImportance(o.ElectionState(a.Today())) }
	return []widgets.Column[data.Org]{
		{Title: "组织名称", Width: 180, Text: func(o *data.Org) string { return o.Name }},
		{Title: "类型", Width: 100, Text: func(o *data.Org) string { return o.Kind }},
		{Title: "所属社区", Width: 90, Text: func(o *data.Org) string { return o.CommunityName }},
		{Title: "换届状态", Width: 90, Text: func(o *data.Org) string { return ElectionText(o.ElectionState(a.Today())) },
			Importance: state},
		{Title: "应换届", Width: 100, Text: func(o *data.Org) string { return widgets.DateText(o.ElectionDue()) },
			Importance: state},
		{Title: "书记", Width: 80, Text: func(o *data.Org) string { return o.Secretary }},
		{Title: "党员", Width: 60, Text: func(o *data.Org) string { return o.Members.String() },
			Num: func(o *data.Org) float64 { return countNum(o.Members) }},
		{Title: "上级组织", Width: 150, Text: func(o *data.Org) string { return o.ParentName }},
		{Title: "上次换届", Width: 100, Text: func(o *data.Org) string { return widgets.DateText(o.LastElection) }},
	}
}

func orgSearch(o *data.Org) string {
	return o.Name + "\x00" + o.Secretary + "\x00" + o.Kind + "\x00" + o.CompoundName + "\x00" + o.CommunityName + "\x00" + o.SecretaryPhone
}

// ElectionText and ElectionImportance show an election state: amber when
// due within 90 days, red when overdue.
func ElectionText(state string) string {
	switch state {
	case data.ElectionSoon:
		return "即将换届"
	case data.ElectionOverdue:
		return "已逾期"
	case data.ElectionOK:
		return "正常"
	}
	return ""
}

func ElectionImportance(state string) widget.Importance {
	switch state {
	case data.ElectionSoon:
		return widget.WarningImportance
	case data.ElectionOverdue:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

func orgFields(a shell.Shell, f *widgets.Form, o *data.Org) {
	f.Section("基本信息")
	f.Entry("Name", "组织名称", &o.Name, "如 南湖尚景小区党支部")
	kind := f.Choice("Kind", "类型", data.OrgKinds, &o.Kind)
	f.Pick("CommunityID", "所属社区", a.CommunityOptions, &o.CommunityID, "")
	f.PickPtr("CompoundID", "所在小区", func() []widgets.Option { return compoundOptions(a, o.CommunityID) }, &o.CompoundID, "（不属于某个小区）")
	f.PickPtr("ParentID", "上级组织", func() []widgets.Option { return parentOptions(a, o) }, &o.ParentID, "（无上级）")
	f.Entry("Secretary", "书记", &o.Secretary, "")
	f.Entry("SecretaryPhone", "书记电话", &o.SecretaryPhone, "")
	f.Count("Members", "党员人数", &o.Members)
	f.Section("换届")
	f.Date("Founded", "成立时间", &o.Founded)
	f.Date("LastElection", "上次换届", &o.LastElection)
	term := f.Number("TermYears", "任期（年）", &o.TermYears, "社区党委 5 年，支部 3 年")
	onKind := kind.OnChanged
	kind.OnChanged = func(k string) {
		if strings.TrimSpace(term.Text) == "" && data.DefaultTermYears(k) > 0 {
			term.SetText(strconv.Itoa(data.DefaultTermYears(k)))
		}
		onKind(k)
	}
	electionFields(a, f, o)
	f.Section("其他")
	f.Multiline("Notes", "备注", &o.Notes)
}

// electionFields adds the read-only 下次换届 line under the election fields:
// the date due and whether it is overdue (red) or due within 90 days (amber),
// following 上次换届 and 任期 as the clerk types them.
func electionFields(a shell.Shell, f *widgets.Form, o *data.Org) {
	next := widget.NewLabel("")
	next.Wrapping = fyne.TextWrapBreak
	f.Add("ElectionDue", "下次换届", next, func() string {
		text, imp := electionLine(o, a.Today())
		next.Importance = imp
		next.SetText(text)
		return ""
	})
}

// electionLine is the 下次换届 line of o on today, and its colour.
func electionLine(o *data.Org, today time.Time) (string, widget.Importance) {
	due := o.ElectionDue()
	if due.IsZero() {
		return "（填写上次换届时间和任期后显示）", widget.MediumImportance
	}
	state := o.ElectionState(today)
	text := due.String()
	switch state {
	case data.ElectionOverdue:
		text += "（已到期，请尽快换届）"
	case data.ElectionSoon:
		text += "（将到期，90 天内应换届）"
	default:
		text += "（未到期）"
	}
	return text, ElectionImportance(state)
}

// compoundOptions lists the compounds of a community for a picker.
func compoundOptions(a shell.Shell, communityID int64) []widgets.Option {
	if communityID == 0 {
		return nil
	}
	xs, err := a.Store().Compounds(communityID)
	if err != nil {
		return nil
	}
	out := make([]widgets.Option, len(xs))
	for i, x := range xs {
		out[i] = widgets.Option{ID: x.ID, Name: x.Name}
	}
	return out
}

// parentOptions lists the organisations that may be o's parent: those of its
// community (any community for 两新 organisations), never o itself nor a 党小组.
func parentOptions(a shell.Shell, o *data.Org) []widgets.Option {
	all, err := a.Store().Orgs(0)
	if err != nil {
		return nil
	}
	var out []widgets.Option
	for _, p := range all {
		if p.ID == o.ID || p.Kind == data.OrgGroup {
			continue
		}
		name := p.Name
		if p.CommunityID != o.CommunityID {
			if !strings.HasPrefix(o.Kind, "两新") {
				continue
			}
			name = fmt.Sprintf("%s（%s）", p.Name, p.CommunityName)
		}
		out = append(out, widgets.Option{ID: p.ID, Name: name})
	}
	return out
}

// orgTree shows the organisations by parent, under their community.
type orgTree struct {
	a        shell.Shell
	widget   *keyTree
	children map[string][]string
	orgs     map[string]data.Org
	labels   map[string]string
	onPick   func(data.Org)
}

func newOrgTree(a shell.Shell) *orgTree {
	t := &orgTree{a: a, children: map[string][]string{}, orgs: map[string]data.Org{}, labels: map[string]string{}}
	t.widget = &keyTree{}
	t.widget.ChildUIDs = func(id widget.TreeNodeID) []widget.TreeNodeID { return t.children[id] }
	t.widget.IsBranch = func(id widget.TreeNodeID) bool {
		return len(t.children[id]) > 0 || id == "" || strings.HasPrefix(id, "c")
	}
	t.widget.CreateNode = func(bool) fyne.CanvasObject { return widget.NewLabel("") }
	t.widget.UpdateNode = func(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.Importance = widget.MediumImportance
		l.TextStyle = fyne.TextStyle{Bold: strings.HasPrefix(id, "c")}
		if org, ok := t.orgs[id]; ok {
			l.Importance = ElectionImportance(org.ElectionState(a.Today()))
		}
		l.SetText(t.labels[id])
	}
	t.widget.ExtendBaseWidget(t.widget)
	t.widget.OnSelected = func(id widget.TreeNodeID) {
		if org, ok := t.orgs[id]; ok && t.onPick != nil {
			t.onPick(org)
		}
	}
	return t
}

// keyTree is a tree that hands the Delete key to onDelete, as the list does.
type keyTree struct {
	widget.Tree
	onDelete func()
}

// TypedKey handles Delete; every other key goes to the tree.
func (t *keyTree) TypedKey(e *fyne.KeyEvent) {
	if (e.Name == fyne.KeyDelete || e.Name == fyne.KeyBackspace) && t.onDelete != nil {
		t.onDelete()
		return
	}
	t.Tree.TypedKey(e)
}

// set rebuilds the tree from the organisations.
func (t *orgTree) set(orgs []data.Org) {
	t.children = map[string][]string{}
	t.orgs = map[string]data.Org{}
	t.labels = map[string]string{}
	ids := map[int64]bool{}
	for _, o := range orgs {
		ids[o.ID] = true
	}
	seen := map[int64]bool{}
	for _, o := range orgs {
		id := "o" + strconv.FormatInt(o.ID, 10)
		t.orgs[id] = o
		label := o.Name + "（" + o.Kind
		if o.Members.Set {
			label += "，" + o.Members.String() + "名党员"
		}
		label += "）"
		if s := ElectionText(o.ElectionState(t.a.Today())); s == "即将换届" || s == "已逾期" {
			label += "  " + s
		}
		t.labels[id] = label
		parent := ""
		if o.ParentID != nil && ids[*o.ParentID] {
			parent = "o" + strconv.FormatInt(*o.ParentID, 10)
		} else {
			parent = "c" + strconv.FormatInt(o.CommunityID, 10)
			if !seen[o.CommunityID] {
				seen[o.CommunityID] = true
				t.children[""] = append(t.children[""], parent)
				t.labels[parent] = o.CommunityName
			}
		}
		t.children[parent] = append(t.children[parent], id)
	}
	t.widget.OpenAllBranches()
	t.widget.Refresh()
}

package rounds

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/score"
	"jiayuan/ui/rounds/nomination"
	"jiayuan/ui/widgets"
)

// nomineeOption is one entry of the nominee drop-down.
type nomineeOption struct {
	label       string
	communityID int64
	compoundID  int64
	kind        string
}

func (v *roundView) nomineeOptions() []nomineeOption {
	var out []nomineeOption
	own := v.a.OwnCommunityID()
	cs, _ := v.a.Store().Communities()
	for _, c := range cs {
		if own == 0 || c.ID == own {
			out = append(out, nomineeOption{label: "社区：" + c.Name, communityID: c.ID, kind: data.NomineeCommunity})
		}
	}
	xs, _ := v.a.Store().Compounds(own)
	for _, x := range xs {
		out = append(out, nomineeOption{label: fmt.Sprintf("小区：%s（%s）", x.Name, x.CommunityName),
			communityID: x.CommunityID, compoundID: x.ID, kind: data.NomineeCompound})
	}
	return out
}

// nomEditor is the open nomination dialog (tests reach in through it).
type nomEditor struct {
	n        data.Nomination
	f        *widgets.Form
	d        *dialog.CustomDialog
	nominee  *widget.Select
	category *widget.Select
	methods  *widget.Entry
	counter  *widget.Label
	scores   map[int64]*widget.Entry
	save     *widget.Button
}

// editNomination opens a nomination (nil for a new one). Drafts are edited
// and saved; a submitted nomination is read-only except as an amendment,
// which asks for a reason and becomes a new version.
func (v *roundView) editNomination(src *data.Nomination) *nomEditor {
	ed := &nomEditor{scores: map[int64]*widget.Entry{}}
	if src != nil {
		n, err := v.a.Store().Nomination(src.ID)
		if err != nil {
			v.a.ShowError("无法打开申报", err)
			return nil
		}
		ed.n = n
	} else {
		ed.n = data.Nomination{RoundID: v.r.ID, State: data.StateDraft}
	}
	n := &ed.n
	if n.SelfScores == nil {
		n.SelfScores = data.CriterionScores{}
	}
	editable := n.ID == 0 || n.State.Editable()
	amendable := n.ID != 0 && n.State.Amendable()
	ed.f = widgets.NewForm(func() error { return v.a.Store().ValidateNomination(n, false) })
	ed.addNominee(v)
	ed.addContent(v)
	ed.addSelfScores(v)
	ed.f.Section("联系人和意见")
	ed.f.Entry("Contact", "联系人", &n.Contact, "")
	ed.f.Entry("ContactPhone", "联系电话", &n.ContactPhone, "如 028-85611001 或手机号")
	ed.f.Multiline("Opinion", "社区意见", &n.Opinion)
	if !editable {
		ed.lock(amendable)
	}
	body := container.NewVBox()
	if box := nomination.SubmittedBox(v.a, n); box != nil {
		body.Add(box)
		body.Add(widget.NewSeparator())
	}
	body.Add(ed.f.Content())
	if n.ID != 0 {
		body.Add(widget.NewSeparator())
		body.Add(nomination.AttachmentsBox(v.a, n, v.askReason))
	}
	state := widget.NewLabel(nominationState(n, editable, amendable))
	state.Wrapping = fyne.TextWrapBreak
	scroll := container.NewVScroll(body)
	ed.d = dialog.NewCustomWithoutButtons(nominationTitle(n), container.NewBorder(state, nil, nil, nil, scroll), v.a.Window())
	ed.d.SetButtons(ed.buttons(v, editable, amendable))
	ed.d.Resize(fyne.NewSize(760, 640))
	ed.d.Show()
	return ed
}

// addNominee adds the nominee (a community or a compound) and the category,
// which follows the nominee's kind.
func (ed *nomEditor) addNominee(v *roundView) {
	f, n := ed.f, &ed.n
	f.Section("申报对象")
	opts := v.nomineeOptions()
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = o.label
	}
	ed.nominee = widgets.NewChoice(labels, nil)
	for _, o := range opts {
		if (n.CompoundID != nil && o.compoundID == *n.CompoundID) || (n.CompoundID == nil && o.compoundID == 0 && o.communityID == n.CommunityID) {
			ed.nominee.SetSelected(o.label)
		}
	}
	nf := f.Add("CommunityID", "社区或小区", ed.nominee, func() string {
		for _, o := range opts {
			if o.label == ed.nominee.Selected {
				n.CommunityID = o.communityID
				n.CompoundID = nil
				if o.compoundID != 0 {
					id := o.compoundID
					n.CompoundID = &id
				}
			}
		}
		return ""
	})
	catNames := make([]string, len(v.r.Categories))
	for i, c := range v.r.Categories {
		catNames[i] = c.Name
	}
	ed.category = widgets.NewChoice(catNames, nil)
	if c, ok := v.r.Category(n.CategoryID); ok {
		ed.category.SetSelected(c.Name)
	}
	cf := f.Add("CategoryID", "类别", ed.category, func() string { n.CategoryID = v.categoryID(ed.category.Selected); return "" })
	ed.nominee.OnChanged = func(s string) {
		for _, o := range opts {
			if o.label == s {
				ed.followKind(v, o.kind)
			}
		}
		f.Changed(nf)
	}
	ed.category.OnChanged = func(string) { f.Changed(cf) }
}

// followKind picks the first category for nominees of kind, unless the one
// chosen already is.
func (ed *nomEditor) followKind(v *roundView, kind string) {
	if c, ok := v.r.Category(v.categoryID(ed.category.Selected)); ok && c.NomineeKind == kind {
		return
	}
	for _, c := range v.r.Categories {
		if c.NomineeKind == kind {
			ed.category.SetSelected(c.Name)
			return
		}
	}
}

// addContent adds the methods and the highlights, each with its live count
// of characters against the limit.
func (ed *nomEditor) addContent(v *roundView) {
	f, n := ed.f, &ed.n
	f.Section("申报内容")
	ed.methods = f.Multiline("Methods", "主要做法", &n.Methods)
	ed.methods.SetMinRowsVisible(6)
	ed.counter = widget.NewLabel("")
	count := func() {
		k := len([]rune(strings.TrimSpace(ed.methods.Text)))
		ed.counter.SetText(fmt.Sprintf("已写 %d 字，上限 %d 字", k, v.r.TextLimit))
		if k > v.r.TextLimit {
			ed.counter.Importance = widget.DangerImportance
		} else {
			ed.counter.Importance = widget.MediumImportance
		}
		ed.counter.Refresh()
	}
	prev := ed.methods.OnChanged
	ed.methods.OnChanged = func(s string) { prev(s); count() }
	count()
	f.Add("MethodsCount", "", ed.counter, func() string { return "" })
	hl := f.Multiline("Highlights", "特色亮点", &n.Highlights)
	hlCount := widget.NewLabel("")
	hlPrev := hl.OnChanged
	hlUpdate := func() {
		hlCount.SetText(fmt.Sprintf("已写 %d 字，上限 %d 字", len([]rune(strings.TrimSpace(hl.Text))), data.HighlightsLimit))
	}
	hl.OnChanged = func(s string) { hlPrev(s); hlUpdate() }
	hlUpdate()
	f.Add("HighlightsCount", "", hlCount, func() string { return "" })
}

// addSelfScores adds a box per criterion for the community's own score.
func (ed *nomEditor) addSelfScores(v *roundView) {
	f, n := ed.f, &ed.n
	f.Section("自评分")
	for _, c := range v.r.Criteria {
		c := c
		e := widget.NewEntry()
		e.SetPlaceHolder(fmt.Sprintf("满分 %s", c.Max))
		if d, ok := n.SelfScores[c.ID]; ok {
			e.SetText(d.String())
		}
		ed.scores[c.ID] = e
		ff := f.Add("SelfScores", c.Name, e, func() string {
			if strings.TrimSpace(e.Text) == "" {
				delete(n.SelfScores, c.ID)
				return ""
			}
			d, err := score.ParseScore(e.Text, c.Max)
			if err != nil {
				return err.Error()
			}
			n.SelfScores[c.ID] = d
			return ""
		})
		e.OnChanged = func(string) { f.Changed(ff) }
	}
}

// lock keeps a submitted nomination's nominee and category from changing,
// and its content too unless it can be amended.
func (ed *nomEditor) lock(amendable bool) {
	ed.nominee.Disable()
	ed.category.Disable()
	if amendable {
		return
	}
	for _, w := range ed.f.Widgets() {
		if d, ok := w.(fyne.Disableable); ok {
			d.Disable()
		}
	}
}

// nominationState is the line above the form: the state, and what can still be changed.
func nominationState(n *data.Nomination, editable, amendable bool) string {
	switch {
	case n.ID == 0:
		return "新申报，保存后为草稿"
	case editable:
		return fmt.Sprintf("现为“%s”%s", n.State.Label(), reasonSuffix(n.StateReason))
	case amendable:
		return fmt.Sprintf("现为“%s”（第%d版），内容已锁定；修改将作为补正保存为新版本", n.State.Label(), n.Version)
	}
	return fmt.Sprintf("现为“%s”，不能再修改", n.State.Label())
}

// buttons are the dialog's buttons: close, print (once saved), and save, or
// amend with a reason.
func (ed *nomEditor) buttons(v *roundView, editable, amendable bool) []fyne.CanvasObject {
	n := &ed.n
	buttons := []fyne.CanvasObject{widget.NewButton("关闭", func() { ed.d.Hide() })}
	if n.ID != 0 {
		buttons = append(buttons, v.a.NominationPrintButton(func() data.Nomination { return *n }))
	}
	switch {
	case editable:
		ed.save = widget.NewButton("保存", func() {
			ed.f.ShowAll = true
			if !ed.f.Check() {
				return
			}
			ed.store(v, true, "")
		})
	case amendable:
		ed.save = widget.NewButton("补正保存…", func() {
			ed.f.ShowAll = true
			if !ed.f.Check() {
				return
			}
			v.askReason("补正", "补正将保存为新版本，原版本仍可查看。请写明补正原因：", func(reason string) {
				ed.store(v, false, reason)
			})
		})
	}
	if ed.save != nil {
		ed.save.Importance = widget.HighImportance
		buttons = append(buttons, ed.save)
	}
	return buttons
}

// store saves the nomination (a draft) or amends it with reason (as a new
// version); a refusal marks the fields concerned and leaves the dialog open.
func (ed *nomEditor) store(v *roundView, editable bool, reason string) {
	n := &ed.n
	var err error
	if editable {
		err = v.a.Store().SaveNomination(n)
	} else {
		err = v.a.Store().Amend(n, reason)
	}
	if err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			ed.f.ShowAll = true
			ed.f.Show(ve)
		}
		v.a.ShowError("申报未保存", err)
		return
	}
	ed.d.Hide()
	v.a.SetStatus("已保存%s", n.Label())
	v.changed()
}

func nominationTitle(n *data.Nomination) string {
	if n.ID == 0 {
		return "新建申报"
	}
	return n.Label()
}

func reasonSuffix(r string) string {
	if r == "" {
		return ""
	}
	return "：" + r
}

package rounds

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/score"
	"jiayuan/ui/widgets"
)

// settingsTab edits the round: its facts, categories with quotas and
// certificate patterns, the scoring sheet and the veto items.
type settingsTab struct {
	v     *roundView
	box   *fyne.Container
	r     data.Round
	f     *widgets.Form
	cats  []catRow
	crits []critRow
	vetos []*widget.Entry
	save  *widget.Button
}

type catRow struct {
	id                   int64
	name, quota, pattern *widget.Entry
	kind                 *widget.Select
}

type critRow struct {
	id              int64
	name, max, desc *widget.Entry
}

var kindOptions = []string{"社区", "小区"}

func newSettingsTab(v *roundView) *settingsTab { return &settingsTab{v: v} }

func (t *settingsTab) content() fyne.CanvasObject {
	t.box = container.NewVBox()
	t.save = widget.NewButton("保存设置", t.doSave)
	t.save.Importance = widget.HighImportance
	del := widget.NewButton("删除本评选", func() {
		p, err := t.v.a.Store().DeleteRoundPreview(t.v.r.ID)
		if err != nil {
			t.v.a.ShowError("未删除", err)
			return
		}
		widgets.ConfirmStep(t.v.a.Window(), "删除评选", p.What(), p.Irreversible(), func() {
			if err := t.v.a.Store().DeleteRound(t.v.r.ID); err != nil {
				t.v.a.ShowError("未删除", err)
				return
			}
			t.v.u.view = nil
			t.v.u.detail.Objects = []fyne.CanvasObject{widget.NewLabel("已删除。")}
			t.v.u.detail.Refresh()
			t.v.u.reload()
		})
	})
	del.Importance = widget.DangerImportance
	var bar fyne.CanvasObject = widget.NewLabel("本机是社区使用的家园，评选设置由街道办事处确定。")
	if t.v.office() {
		bar = container.NewHBox(t.save, del)
	}
	return container.NewBorder(nil, bar, nil, nil, container.NewVScroll(t.box))
}

// reload lays out the round's settings afresh: the facts, the categories,
// the scoring sheet and the veto items.
func (t *settingsTab) reload() string {
	t.r = t.v.r
	t.box.Objects = nil
	t.box.Add(t.factsForm())
	t.addCategories()
	t.addCriteria()
	t.addVetoes()
	t.box.Refresh()
	return ""
}

// heading is a bold line that starts a part of the settings.
func heading(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// factsForm is the form of the round's own facts (year, title, deadline…).
func (t *settingsTab) factsForm() fyne.CanvasObject {
	r := &t.r
	t.f = widgets.NewForm(func() error { return nil })
	f := t.f
	f.Section("评选活动")
	f.Number("Year", "年度", &r.Year, "")
	f.Entry("Title", "活动名称", &r.Title, "")
	f.Entry("Organizer", "组织单位", &r.Organizer, "")
	f.Date("Deadline", "申报截止日期", &r.Deadline)
	f.Number("NoticeDays", "公示期（工作日）", &r.NoticeDays, "默认 5")
	f.Number("TextLimit", "主要做法字数上限", &r.TextLimit, "")
	bonus := widget.NewEntry()
	bonus.SetText(r.BonusCap.String())
	bf := f.Add("BonusCap", "加分上限", bonus, func() string {
		d, err := score.ParseDecimal(bonus.Text)
		if err != nil {
			return err.Error()
		}
		r.BonusCap = d
		return ""
	})
	bonus.OnChanged = func(string) { f.Changed(bf) }
	f.Entry("BonusNote", "加分说明", &r.BonusNote, "如：获市级以上表彰的加分")
	f.Multiline("CertTemplate", "证书文字", &r.CertTemplate)
	return f.Content()
}

// addCategories adds the rows of the categories, and the button for one more.
func (t *settingsTab) addCategories() {
	t.box.Add(widget.NewSeparator())
	t.box.Add(heading("评选类别（名额；证书编号格式中 {year} 为年度，{seq:03} 为三位序号）"))
	t.cats = nil
	catBox := container.NewVBox()
	addCat := func(c data.Category) {
		row := catRow{id: c.ID, name: widget.NewEntry(), quota: widget.NewEntry(), pattern: widget.NewEntry(), kind: widgets.NewChoice(kindOptions, nil)}
		row.name.SetText(c.Name)
		if c.Quota > 0 {
			row.quota.SetText(strconv.Itoa(c.Quota))
		}
		row.pattern.SetText(c.CertPattern)
		row.kind.SetSelected(data.NomineeKindLabel(c.NomineeKind))
		t.cats = append(t.cats, row)
		catBox.Add(container.NewGridWithColumns(4, row.name, row.kind, row.quota, row.pattern))
	}
	catBox.Add(container.NewGridWithColumns(4, widget.NewLabel("类别名称"), widget.NewLabel("评选对象"), widget.NewLabel("名额"), widget.NewLabel("证书编号格式")))
	for _, c := range t.r.Categories {
		addCat(c)
	}
	t.box.Add(catBox)
	t.box.Add(widget.NewButton("增加类别", func() { addCat(data.Category{NomineeKind: data.NomineeCommunity}) }))
}

// addCriteria adds the rows of the scoring sheet, and the button for one more.
func (t *settingsTab) addCriteria() {
	r := &t.r
	t.box.Add(widget.NewSeparator())
	t.box.Add(heading(fmt.Sprintf("评分标准（满分合计 %s，另加分上限 %s）", sumMax(r.Criteria), r.BonusCap)))
	t.crits = nil
	critBox := container.NewVBox(widgets.NewColumnsRow([]float32{180, 80}, widget.NewLabel("评分项"), widget.NewLabel("满分"), widget.NewLabel("评分要点")))
	addCrit := func(c data.Criterion) {
		row := critRow{id: c.ID, name: widget.NewEntry(), max: widget.NewEntry(), desc: widget.NewEntry()}
		row.name.SetText(c.Name)
		if !c.Max.IsZero() {
			row.max.SetText(c.Max.String())
		}
		row.desc.SetText(c.Description)
		t.crits = append(t.crits, row)
		critBox.Add(widgets.NewColumnsRow([]float32{180, 80}, row.name, row.max, row.desc))
	}
	for _, c := range r.Criteria {
		addCrit(c)
	}
	t.box.Add(critBox)
	t.box.Add(widget.NewButton("增加评分项", func() { addCrit(data.Criterion{}) }))
}

// addVetoes adds the veto items, one entry each, and the button for one more.
func (t *settingsTab) addVetoes() {
	t.box.Add(widget.NewSeparator())
	t.box.Add(heading("一票否决事项（每行一项，留空即删除）"))
	t.vetos = nil
	vetoBox := container.NewVBox()
	addVeto := func(s string) {
		e := widget.NewEntry()
		e.SetText(s)
		t.vetos = append(t.vetos, e)
		vetoBox.Add(e)
	}
	for _, v := range t.r.Vetoes {
		addVeto(v.Text)
	}
	t.box.Add(vetoBox)
	t.box.Add(widget.NewButton("增加否决事项", func() { addVeto("") }))
}

func sumMax(cs []data.Criterion) score.Decimal {
	var t score.Decimal
	for _, c := range cs {
		t = t.Add(c.Max)
	}
	return t
}

// read copies the widgets into the round; a typing problem is an error.
func (t *settingsTab) read() (data.Round, error) {
	t.f.ShowAll = true
	if !t.f.Check() {
		return t.r, errors.New("请先改正标红的项目")
	}
	r := t.r
	var problems []string
	r.Categories = nil
	for i, c := range t.cats {
		if strings.TrimSpace(c.name.Text) == "" && strings.TrimSpace(c.quota.Text) == "" {
			continue // an empty new line
		}
		q, err := strconv.Atoi(data.Normalize(c.quota.Text))
		if err != nil {
			problems = append(problems, fmt.Sprintf("第%d个类别的名额“%s”不是整数", i+1, c.quota.Text))
		}
		kind := data.NomineeCommunity
		if c.kind.Selected == "小区" {
			kind = data.NomineeCompound
		}
		r.Categories = append(r.Categories, data.Category{ID: c.id, Name: c.name.Text, NomineeKind: kind, Quota: q, CertPattern: c.pattern.Text})
	}
	r.Criteria = nil
	for i, c := range t.crits {
		if strings.TrimSpace(c.name.Text) == "" && strings.TrimSpace(c.max.Text) == "" {
			continue
		}
		m, err := score.ParseDecimal(c.max.Text)
		if err != nil {
			problems = append(problems, fmt.Sprintf("第%d项评分标准的满分：%v", i+1, err))
		}
		r.Criteria = append(r.Criteria, data.Criterion{ID: c.id, Name: c.name.Text, Max: m, Description: c.desc.Text})
	}
	r.Vetoes = nil
	for _, e := range t.vetos {
		if strings.TrimSpace(e.Text) != "" {
			r.Vetoes = append(r.Vetoes, data.VetoItem{Text: e.Text})
		}
	}
	if len(problems) > 0 {
		return r, errors.New(strings.Join(problems, "\n"))
	}
	return r, nil
}

func (t *settingsTab) doSave() {
	r, err := t.read()
	if err != nil {
		t.v.a.ShowError("设置未保存", err)
		return
	}
	if err := t.v.a.Store().SaveRound(&r); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			t.f.Show(ve)
		}
		t.v.a.ShowError("设置未保存", err)
		return
	}
	t.v.a.SetStatus("已保存%s的设置", r.Label())
	t.v.changed()
}

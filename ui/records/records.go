package records

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"fyne.io/fyne/v2/layout"
	"jiayuan/data"
	"jiayuan/ui/documents"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// records describes one kind of record to a recordsPage: its columns, its
// form and the store calls that read, check and save it.
type records[T any] struct {
	entity string // data.EntityCommunity …
	noun   string // 社区 …
	sheet  string // the kind name for import, export and template
	cols   []widgets.Column[T]
	id     func(*T) int64
	name   func(*T) string
	search func(*T) string
	// communityOf, when set, adds the filter by community.
	communityOf func(*T) int64
	load        func() ([]T, error)
	blank       func() T
	fields      func(f *widgets.Form, rec *T)
	validate    func(*T) error
	save        func(*T) error
	// get reads one record as stored (after another clerk saved it).
	get func(int64) (T, error)
	// around, when set, wraps the table (the Party organisations add a tree).
	around func(p *recordsPage[T], list fyne.CanvasObject) fyne.CanvasObject
	// export writes the rows to an .xlsx file.
	export func(path string, rows []T) error
}

// recordsPage is a list screen: a tool bar, the table of records on the
// left and the form of the selected record on the right.
type recordsPage[T any] struct {
	a   shell.Shell
	r   records[T]
	tbl *widgets.RecordTable[T]

	search       *widget.Entry
	community    *widget.Select
	communityIDs map[string]int64
	count        *widget.Label
	empty        *widget.Label // says why the table is empty

	editTitle  *widget.Label
	editBody   *fyne.Container
	saveBtn    *widget.Button
	revertBtn  *widget.Button
	deleteBtn  *widget.Button
	historyBtn *widget.Button
	form       *widgets.Form
	editing    *T // the copy in the form, nil when the form is empty
	opened     T  // the record as it was when put in the form (what a conflict is judged against)
	loaded     bool
	// conflictView is the open dialog of a refused save (conflict.go), nil when none is.
	conflictView *conflictView
	// onShown runs with the records passing the filter whenever they change
	// (the Party organisations' tree follows the list).
	onShown func(rows []T)
}

const allCommunities = "全部社区"

// printKinds names each list's printed 名册 for documents.Records.
var printKinds = map[string]string{
	data.EntityCommunity: documents.KindCommunities,
	data.EntityCompound:  documents.KindCompounds,
	data.EntityOrg:       documents.KindOrgs,
}

func newRecordsPage[T any](a shell.Shell, r records[T]) *recordsPage[T] {
	p := &recordsPage[T]{a: a, r: r}
	p.tbl = widgets.NewRecordTable(r.cols, r.id, r.search)
	p.tbl.CommunityOf = r.communityOf
	p.tbl.OnSelect = func(rec *T) {
		if rec == nil {
			return
		}
		r := *rec
		p.leaveForm(func() { p.edit(r) })
	}
	p.tbl.OnDelete = p.DeleteSelected
	return p
}

func (p *recordsPage[T]) Content() fyne.CanvasObject {
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder("搜索名称、地址、电话、人名…（Ctrl+F）")
	p.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	p.search.OnChanged = func(string) { p.applyFilter() }
	p.count = widget.NewLabel("")

	filters := []fyne.CanvasObject{}
	if p.r.communityOf != nil {
		p.community = widget.NewSelect(nil, func(string) { p.applyFilter() })
		p.community.PlaceHolder = allCommunities
		filters = append(filters, p.community)
	}
	filters = append(filters, p.count)
	tools := container.NewHBox(
		widget.NewButtonWithIcon("新建", theme.ContentAddIcon(), p.NewRecord),
		widget.NewButtonWithIcon("导入…", theme.UploadIcon(), p.importFile),
		widget.NewButtonWithIcon("导出…", theme.DownloadIcon(), p.exportFile),
		widget.NewButtonWithIcon("空白模板…", theme.DocumentIcon(), p.templateFile),
		widget.NewButtonWithIcon("批量修改…", theme.DocumentCreateIcon(), p.batchEdit),
		p.a.RecordsPrintButton(printKinds[p.r.entity]),
	)
	// The search box takes the room the buttons leave (a fixed width made
	// the screen wider than a 1024-pixel screen).
	bar := container.NewBorder(nil, nil, nil, tools,
		container.NewBorder(nil, nil, nil, container.NewHBox(filters...), p.search))

	p.empty = widget.NewLabel("")
	p.empty.Alignment = fyne.TextAlignCenter
	p.empty.Hide()
	var list fyne.CanvasObject = container.NewStack(p.tbl, container.NewCenter(p.empty))
	if p.r.around != nil {
		list = p.r.around(p, list)
	}

	p.editTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.editTitle.Truncation = fyne.TextTruncateEllipsis
	p.editBody = container.NewStack()
	p.saveBtn = widget.NewButtonWithIcon("保存（Ctrl+S）", theme.DocumentSaveIcon(), p.Save)
	p.saveBtn.Importance = widget.HighImportance
	p.revertBtn = widget.NewButton("还原", func() {
		if p.editing != nil {
			p.reopen()
		}
	})
	p.deleteBtn = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), p.DeleteSelected)
	p.deleteBtn.Importance = widget.DangerImportance
	p.historyBtn = widget.NewButtonWithIcon("操作记录", theme.HistoryIcon(), func() {
		if p.editing != nil && p.r.id(p.editing) != 0 {
			p.a.ShowHistory(p.r.entity, p.r.id(p.editing), p.r.noun+"“"+p.r.name(p.editing)+"”")
		}
	})
	buttons := container.NewHBox(p.deleteBtn, p.historyBtn, layout.NewSpacer(), p.revertBtn, p.saveBtn)
	editor := container.NewBorder(container.NewVBox(p.editTitle, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), buttons), nil, nil, p.editBody)
	p.clearEditor()

	split := container.NewHSplit(list, container.NewPadded(editor))
	split.Offset = 0.56
	return container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), nil, nil, nil, split)
}

// Reload reads the records again and refreshes the community filter.
func (p *recordsPage[T]) Reload() {
	rows, err := p.r.load()
	if err != nil {
		p.a.ShowError("无法读取"+p.r.noun, err)
		return
	}
	if p.community != nil {
		p.fillCommunities()
	}
	p.tbl.SetRows(rows)
	if !p.loaded {
		p.loaded = true
		p.applyFilter()
	}
	p.updateCount()
	p.shownChanged()
}

func (p *recordsPage[T]) shownChanged() {
	if p.onShown != nil {
		p.onShown(p.tbl.VisibleRows())
	}
}

func (p *recordsPage[T]) fillCommunities() {
	cs, err := p.a.Store().Communities()
	if err != nil {
		return
	}
	names := []string{allCommunities}
	p.communityIDs = map[string]int64{}
	for _, c := range cs {
		names = append(names, c.Name)
		p.communityIDs[c.Name] = c.ID
	}
	p.community.Options = names
	if p.community.Selected == "" {
		if own := p.a.OwnCommunityID(); own != 0 {
			for n, id := range p.communityIDs {
				if id == own {
					p.community.Selected = n
				}
			}
		}
	}
	if _, ok := p.communityIDs[p.community.Selected]; !ok {
		p.community.Selected = ""
	}
	p.community.Refresh()
}

// selectedCommunity is the community filtered on, 0 for all.
func (p *recordsPage[T]) selectedCommunity() int64 {
	if p.community == nil {
		return 0
	}
	return p.communityIDs[p.community.Selected]
}

func (p *recordsPage[T]) applyFilter() {
	p.tbl.SetFilter(p.search.Text, p.selectedCommunity())
	p.updateCount()
	p.shownChanged()
}

func (p *recordsPage[T]) updateCount() {
	if p.count == nil {
		return
	}
	n, all := p.tbl.Shown(), p.tbl.Total()
	if n == all {
		p.count.SetText(fmt.Sprintf("共 %d 条", all))
	} else {
		p.count.SetText(fmt.Sprintf("%d / %d 条", n, all))
	}
	switch {
	case all == 0:
		p.empty.SetText("还没有" + p.r.noun + "。点“新建”（Ctrl+N）添加，或点“导入…”从 Excel 导入。")
		p.empty.Show()
	case n == 0:
		p.empty.SetText("没有符合条件的" + p.r.noun + "。")
		p.empty.Show()
	default:
		p.empty.Hide()
	}
}

func (p *recordsPage[T]) FocusSearch() {
	p.a.Window().Canvas().Focus(p.search)
}

// NewRecord opens an empty form (Ctrl+N).
func (p *recordsPage[T]) NewRecord() {
	p.leaveForm(func() {
		p.tbl.ClearSelection()
		p.edit(p.r.blank())
	})
}

// leaveForm runs next, first asking whether to drop unsaved changes in the
// form; when the clerk keeps them, the table goes back to the record edited.
func (p *recordsPage[T]) leaveForm(next func()) {
	if p.form == nil || !p.form.Dirty() || p.editing == nil {
		next()
		return
	}
	editing := p.r.id(p.editing)
	name := p.r.name(p.editing)
	if name == "" {
		name = "新" + p.r.noun
	}
	d := dialog.NewConfirm("放弃修改？", fmt.Sprintf("对“%s”的修改还没有保存。\n放弃这些修改？", name), func(drop bool) {
		if drop {
			next()
			return
		}
		if editing == 0 {
			p.tbl.ClearSelection()
		} else {
			p.tbl.SelectID(editing)
		}
	}, p.a.Window())
	d.SetConfirmText("放弃修改")
	d.SetDismissText("继续编辑")
	d.Show()
}

// edit shows rec in the form.
func (p *recordsPage[T]) edit(rec T) {
	p.opened = rec
	p.editing = &rec
	if p.r.id(&rec) == 0 {
		p.editTitle.SetText("新建" + p.r.noun)
		p.deleteBtn.Disable()
		p.historyBtn.Disable()
	} else {
		p.editTitle.SetText(p.r.noun + "：" + p.r.name(&rec))
		p.deleteBtn.Enable()
		p.historyBtn.Enable()
	}
	p.form = widgets.NewForm(func() error { return p.r.validate(p.editing) })
	p.r.fields(p.form, p.editing)
	p.editBody.Objects = []fyne.CanvasObject{container.NewVScroll(p.form.Content())}
	p.editBody.Refresh()
	p.saveBtn.Enable()
	p.revertBtn.Enable()
	if ws := p.form.Widgets(); len(ws) > 0 && p.r.id(&rec) == 0 {
		if f, ok := ws[0].(fyne.Focusable); ok {
			p.a.Window().Canvas().Focus(f)
		}
	}
}

// reopen shows the record being edited as stored, dropping the changes.
func (p *recordsPage[T]) reopen() {
	id := p.r.id(p.editing)
	if id == 0 {
		p.edit(p.r.blank())
		return
	}
	if rec := p.tbl.Selected(); rec != nil && p.r.id(rec) == id {
		p.edit(*rec)
	}
}

func (p *recordsPage[T]) clearEditor() {
	p.editing = nil
	p.form = nil
	p.editTitle.SetText(p.r.noun)
	hint := widget.NewLabel("在左侧选择一条记录查看和修改，\n或点“新建”（Ctrl+N）添加" + p.r.noun + "。")
	hint.Alignment = fyne.TextAlignCenter
	p.editBody.Objects = []fyne.CanvasObject{container.NewCenter(hint)}
	p.editBody.Refresh()
	p.saveBtn.Disable()
	p.revertBtn.Disable()
	p.deleteBtn.Disable()
	p.historyBtn.Disable()
}

// Save checks and saves the form (Ctrl+S). Problems stay in the form, under
// their fields.
func (p *recordsPage[T]) Save() {
	if p.editing == nil || p.form == nil {
		return
	}
	p.form.ShowAll = true
	if !p.form.Check() {
		p.a.SetStatus("未保存：请先改正表单中标红的内容")
		return
	}
	rec := *p.editing
	err := p.r.save(&rec)
	var ve *data.ValidationError
	var ce *data.ConflictError
	switch {
	case errors.As(err, &ve):
		p.form.Show(ve)
		p.a.SetStatus("未保存：请先改正表单中标红的内容")
		return
	case errors.As(err, &ce):
		p.showConflict(ce, p.opened, rec)
		return
	case err != nil:
		p.a.ShowError("保存失败", err)
		return
	}
	p.saved(rec, p.r.id(p.editing) == 0)
}

// saved shows rec, just saved, selected in the list and in the form.
func (p *recordsPage[T]) saved(rec T, isNew bool) {
	p.Reload()
	p.tbl.SelectID(p.r.id(&rec))
	if saved := p.tbl.Selected(); saved != nil {
		p.edit(*saved)
	} else {
		p.edit(rec)
	}
	if isNew {
		p.a.SetStatus("已添加%s“%s”", p.r.noun, p.r.name(&rec))
	} else {
		p.a.SetStatus("已保存%s“%s”", p.r.noun, p.r.name(&rec))
	}
}

// DeleteSelected asks, then moves the selected record to the recycle bin.
// A record others depend on is refused with the list of dependents.
func (p *recordsPage[T]) DeleteSelected() {
	rec := p.tbl.Selected()
	if rec == nil {
		if p.editing != nil && p.r.id(p.editing) != 0 {
			rec = p.editing
		} else {
			return
		}
	}
	id, name := p.r.id(rec), p.r.name(rec)
	// A record others depend on is refused at once, with the list, rather
	// than after the clerk has confirmed.
	if deps, err := p.a.Store().Dependents(p.r.entity, id); err == nil && len(deps) > 0 {
		p.a.ShowError("不能删除", &data.DependentsError{Record: p.r.noun + "“" + name + "”", Dependents: deps})
		return
	}
	msg := fmt.Sprintf("删除%s“%s”？\n删除后可以在“回收站”里恢复。", p.r.noun, name)
	d := dialog.NewConfirm("删除"+p.r.noun, msg, func(ok bool) {
		if ok {
			p.deleteNow(id, name)
		}
	}, p.a.Window())
	d.SetConfirmText("删除")
	d.SetDismissText("取消")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (p *recordsPage[T]) deleteNow(id int64, name string) {
	if err := p.a.Store().Delete(p.r.entity, id); err != nil {
		p.a.ShowError("不能删除", err)
		return
	}
	p.tbl.ClearSelection()
	p.clearEditor()
	p.Reload()
	p.a.SetStatus("已删除%s“%s”，可在回收站恢复", p.r.noun, name)
}

// Show opens the record with id in the form, clearing the filter when it hides
// it (概览 opens a Party organisation due for election this way).
func (p *recordsPage[T]) Show(id int64) {
	p.leaveForm(func() {
		p.tbl.SelectID(id)
		if p.tbl.Selected() == nil || !p.tbl.IsShown(id) {
			p.search.SetText("")
			if p.community != nil {
				p.community.SetSelected(allCommunities)
			}
			p.tbl.SelectID(id)
		}
		if rec := p.tbl.Selected(); rec != nil {
			p.edit(*rec)
		}
	})
}

// ShowCommunity filters the list on one community.
func (p *recordsPage[T]) ShowCommunity(communityID int64) {
	for name, id := range p.communityIDs {
		if id == communityID {
			p.community.SetSelected(name)
		}
	}
}

// RefreshData shows the records as another clerk left them, keeping the
// selection and the form: a form with unsaved changes stays as it is (its
// save is then refused with the side-by-side view), an unchanged form shows
// the record as stored now.
func (p *recordsPage[T]) RefreshData() {
	if !p.loaded {
		return
	}
	p.Reload()
	if sel := p.tbl.Selected(); sel != nil {
		p.tbl.SelectID(p.r.id(sel)) // the table's own row follows the record
	}
	if p.editing == nil || p.r.id(p.editing) == 0 {
		return
	}
	stored, err := p.r.get(p.r.id(p.editing))
	if err != nil || len(data.Diff(p.opened, stored)) == 0 {
		return
	}
	if p.form != nil && p.form.Dirty() {
		p.a.SetStatus("%s“%s”已被他人修改；保存时可以比较双方的内容", p.r.noun, p.r.name(&p.opened))
		return
	}
	p.edit(stored)
}

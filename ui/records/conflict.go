package records

import (
	"errors"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// A save refused because another clerk saved the record after this one
// opened it (data.ConflictError) opens a side-by-side view of the fields
// where the two differ: keep theirs, keep mine, or choose field by field.
// The clerk's typed values stay in the form until they choose.

// Choices of a conflicting field.
const (
	takeTheirs = "对方的"
	takeMine   = "我的"
)

// conflictView is the open dialog, kept for the tests.
type conflictView struct {
	d       dialog.Dialog
	changes []data.Change
	choice  []*widget.RadioGroup
}

// showConflict shows ce; opened is the record as it was put in the form,
// mine what the clerk tried to save. A field the clerk changed starts on
// 我的, one only the other clerk changed on 对方的, so 按所选合并 at once
// keeps both clerks' work.
func (p *recordsPage[T]) showConflict(ce *data.ConflictError, opened, mine T) {
	p.a.SetStatus("未保存：%s 已被他人修改，请选择保留哪一方", p.r.name(&mine))
	touched := map[string]bool{}
	for _, c := range data.Diff(opened, mine) {
		touched[c.Field] = true
	}
	v := &conflictView{changes: ce.Changes}
	rows := container.NewVBox(conflictRow(widget.NewLabelWithStyle("项目", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		boldLabel("对方保存的"), boldLabel("我的修改"), nil))
	for _, c := range ce.Changes {
		r := widget.NewRadioGroup([]string{takeTheirs, takeMine}, nil)
		r.Horizontal, r.Required = true, true
		r.SetSelected(takeTheirs)
		if touched[c.Field] {
			r.SetSelected(takeMine)
		}
		v.choice = append(v.choice, r)
		l := widget.NewLabel(c.Label)
		l.Alignment = fyne.TextAlignTrailing
		rows.Add(widget.NewSeparator())
		rows.Add(conflictRow(l, valueLabel(c.Old), valueLabel(c.New), r))
	}
	msg := widget.NewLabel(ce.Error())
	msg.Wrapping = fyne.TextWrapBreak
	msg.Importance = widget.WarningImportance
	choose := func(how string) func() {
		return func() {
			v.d.Hide()
			p.conflictView = nil
			p.resolve(how, v, mine)
		}
	}
	theirs := widget.NewButton("保留对方的", choose(takeTheirs))
	keep := widget.NewButton("保留我的", choose(takeMine))
	merge := widget.NewButton("按所选合并", choose("merge"))
	merge.Importance = widget.HighImportance
	back := widget.NewButton("返回表单", func() { v.d.Hide(); p.conflictView = nil })
	buttons := container.NewHBox(back, layout.NewSpacer(), theirs, keep, merge)
	body := container.NewBorder(msg, container.NewVBox(widget.NewSeparator(), buttons), nil, nil, container.NewVScroll(rows))
	v.d = dialog.NewCustomWithoutButtons("保存冲突："+ce.Record, body, p.a.Window())
	v.d.Resize(fyne.NewSize(860, 520))
	p.conflictView = v
	v.d.Show()
}

// conflictRow lays out one row: the label, theirs and mine side by side, the choice.
func conflictRow(label fyne.CanvasObject, theirs, mine fyne.CanvasObject, choice *widget.RadioGroup) fyne.CanvasObject {
	pad := canvas.NewRectangle(color.Transparent)
	pad.SetMinSize(fyne.NewSize(120, 1))
	var right fyne.CanvasObject = widget.NewLabelWithStyle("采用", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(170, 1))
	if choice != nil {
		right = choice
	}
	return container.NewBorder(nil, nil, container.NewStack(pad, label), container.NewStack(width, right),
		container.NewGridWithColumns(2, theirs, mine))
}

func boldLabel(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func valueLabel(s string) *widget.Label {
	if s == "" {
		s = "（空）"
	}
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapBreak
	return l
}

// resolve reads the record again (for the version now stored) and shows
// theirs, or puts the chosen fields of mine on it and saves it again.
func (p *recordsPage[T]) resolve(how string, v *conflictView, mine T) {
	id := p.r.id(&mine)
	fresh, err := p.r.get(id)
	if err != nil {
		p.a.ShowError("无法读取"+p.r.noun, err)
		return
	}
	if how == takeTheirs {
		p.Reload()
		p.tbl.SelectID(id)
		p.edit(fresh)
		p.a.SetStatus("已改为他人保存的%s“%s”，您的修改已放弃", p.r.noun, p.r.name(&fresh))
		return
	}
	var fields []string
	for i, c := range v.changes {
		if how == takeMine || v.choice[i].Selected == takeMine {
			fields = append(fields, c.Field)
		}
	}
	rec := fresh
	data.CopyFields(&rec, &mine, fields)
	err = p.r.save(&rec)
	var ve *data.ValidationError
	var ce *data.ConflictError
	switch {
	case errors.As(err, &ce): // saved again by someone else meanwhile
		p.showConflict(ce, fresh, rec)
	case errors.As(err, &ve):
		p.edit(rec)
		p.form.ShowAll = true
		p.form.Show(ve)
		p.a.SetStatus("未保存：合并后的内容有标红的问题，请改正后再保存")
	case err != nil:
		p.a.ShowError("保存失败", err)
	default:
		p.saved(rec, false)
	}
}

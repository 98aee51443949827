package records

// 批量修改…: one field set to one value on the rows marked in the list
// (Ctrl+click, Shift+click), previewed, then written by Store.BatchSet in one
// transaction, or refused whole with each record that would break a rule.

import (
	"fmt"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// batchForm is the batch edit dialog's content.
type batchForm struct {
	fields  []data.BatchField
	field   *widget.Select
	value   *widget.Entry
	reason  *widget.Entry
	preview *widget.Label
	content fyne.CanvasObject
}

// previewLimit is how many records the preview lists by name.
const previewLimit = 12

// newBatchForm builds the dialog's fields and its preview of recs.
func (p *recordsPage[T]) newBatchForm(recs []T) *batchForm {
	b := &batchForm{fields: data.BatchFields(p.r.entity)}
	labels := make([]string, len(b.fields))
	for i, f := range b.fields {
		labels[i] = f.Label
	}
	b.value = widget.NewEntry()
	b.reason = widget.NewEntry()
	b.reason.SetPlaceHolder("如 2024 年集中换届（写入每条记录的操作记录）")
	b.preview = widget.NewLabel("")
	b.preview.Wrapping = fyne.TextWrapWord
	update := func() { b.preview.SetText(p.batchPreview(recs, b)) }
	b.field = widget.NewSelect(labels, func(string) { update() })
	b.field.PlaceHolder = "选择要修改的一项"
	b.value.OnChanged = func(string) { update() }
	update()
	form := widget.NewForm(widget.NewFormItem("修改哪一项", b.field), widget.NewFormItem("改为", b.value),
		widget.NewFormItem("原因", b.reason))
	b.content = container.NewBorder(form, nil, nil, nil, container.NewVScroll(b.preview))
	return b
}

// chosen is the field picked, ok false when none is.
func (b *batchForm) chosen() (data.BatchField, bool) {
	i := b.field.SelectedIndex()
	if i < 0 {
		return data.BatchField{}, false
	}
	return b.fields[i], true
}

// batchPreview lists what will change: each record's old value and the new one.
func (p *recordsPage[T]) batchPreview(recs []T, b *batchForm) string {
	f, ok := b.chosen()
	if !ok {
		return fmt.Sprintf("已选 %d 条%s。选择要修改的一项并填写新的值，这里会列出每条记录的改动。", len(recs), p.r.noun)
	}
	newText := strings.TrimSpace(b.value.Text)
	if newText == "" {
		newText = "（空）"
	}
	lines := []string{fmt.Sprintf("将把 %d 条%s的“%s”改为“%s”：", len(recs), p.r.noun, f.Label, newText)}
	for i := range recs {
		if i == previewLimit {
			lines = append(lines, fmt.Sprintf("……另有 %d 条", len(recs)-previewLimit))
			break
		}
		old := fieldText(reflect.ValueOf(recs[i]).FieldByName(f.Field))
		if old == "" {
			old = "（空）"
		}
		lines = append(lines, fmt.Sprintf("%s：%s → %s", p.r.name(&recs[i]), old, newText))
	}
	lines = append(lines, "每条记录都按平时的规则检查；只要有一条不符合，就一条也不改。")
	return strings.Join(lines, "\n")
}

// fieldText shows a record's field as the form does.
func fieldText(v reflect.Value) string {
	if !v.IsValid() {
		return ""
	}
	switch x := v.Interface().(type) {
	case bool:
		if x {
			return "是"
		}
		return "否"
	case int:
		if x == 0 {
			return ""
		}
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v.Interface())
}

// batchEdit opens the batch edit dialog on the marked rows.
func (p *recordsPage[T]) batchEdit() {
	recs := p.tbl.Marked()
	if len(recs) < 2 {
		p.a.ShowError("批量修改", fmt.Errorf("请先在列表中选中要修改的%s：按住 Ctrl 逐条点选，或按住 Shift 点选一段（至少两条）", p.r.noun))
		return
	}
	b := p.newBatchForm(recs)
	d := dialog.NewCustomConfirm(fmt.Sprintf("批量修改 %d 条%s", len(recs), p.r.noun), "修改", "取消", b.content,
		func(ok bool) {
			if ok {
				p.applyBatch(recs, b)
			}
		}, p.a.Window())
	d.Resize(fyne.NewSize(560, 480))
	d.Show()
}

// applyBatch writes the batch, or shows why nothing was written.
func (p *recordsPage[T]) applyBatch(recs []T, b *batchForm) {
	f, ok := b.chosen()
	if !ok {
		p.a.ShowError("批量修改没有执行", fmt.Errorf("没有选择要修改的一项"))
		return
	}
	ids := make([]int64, len(recs))
	for i := range recs {
		ids[i] = p.r.id(&recs[i])
	}
	n, err := p.a.Store().BatchSet(p.r.entity, ids, f.Field, b.value.Text, b.reason.Text)
	if err != nil {
		p.a.ShowError("批量修改没有执行", err)
		return
	}
	p.tbl.ClearMarks()
	p.Reload()
	if p.editing != nil {
		p.reopen()
	}
	p.a.SetStatus("已批量修改 %d 条%s的“%s”", n, p.r.noun, f.Label)
}

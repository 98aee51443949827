package admin

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// auditPage is 操作记录: every create, update, delete and restore, newest
// first, filtered by kind of record, operator, text and dates.
type auditPage struct {
	a        shell.Shell
	entity   *widget.Select
	operator *widget.Entry
	text     *widget.Entry
	from, to *widget.Entry
	problem  *widget.Label
	table    *widget.Table
	detail   *widget.Label
	rows     []data.AuditEntry
	count    *widget.Label
}

const allKinds = "全部类别"

var auditEntities = data.AuditEntities()

func NewAuditPage(a shell.Shell) *auditPage { return &auditPage{a: a} }

func (p *auditPage) Content() fyne.CanvasObject {
	kinds := []string{allKinds}
	for _, e := range auditEntities {
		kinds = append(kinds, data.EntityLabel(e))
	}
	p.entity = widgets.NewChoice(kinds, func(string) { p.Reload() })
	p.entity.SetSelected(allKinds)
	entry := func(ph string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(ph)
		e.OnChanged = func(string) { p.Reload() }
		return e
	}
	p.operator = entry("操作人")
	p.text = entry("记录名称或内容")
	p.from = entry("起，如 2021-12-01")
	p.to = entry("止，如 2021-12-31")
	p.problem = widget.NewLabel("")
	p.problem.Importance = widget.DangerImportance
	p.count = widget.NewLabel("")
	fixed := func(w float32, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	bar := container.NewHBox(p.entity, fixed(120, p.operator), fixed(200, p.text),
		fixed(140, p.from), fixed(140, p.to), p.count, p.problem)

	p.table = widgets.ReadTable(func() []data.AuditEntry { return p.rows }, []widgets.Column[data.AuditEntry]{
		{Title: "时间", Width: 160, Text: func(e *data.AuditEntry) string { return localTime(e.At) }},
		{Title: "操作人", Width: 90, Text: func(e *data.AuditEntry) string { return e.Operator }},
		{Title: "类别", Width: 70, Text: func(e *data.AuditEntry) string { return data.EntityLabel(e.Entity) }},
		{Title: "记录", Width: 180, Text: func(e *data.AuditEntry) string { return e.Record }},
		{Title: "操作", Width: 90, Text: func(e *data.AuditEntry) string { return data.ActionLabel(e.Action) }},
		{Title: "内容", Width: 520, Text: func(e *data.AuditEntry) string { return e.Summary() }},
	})
	p.detail = widget.NewLabel("点一行查看改动的全部内容。")
	p.detail.Wrapping = fyne.TextWrapBreak
	p.table.OnSelected = func(c widget.TableCellID) {
		if c.Row < 0 || c.Row >= len(p.rows) {
			return
		}
		e := p.rows[c.Row]
		var b strings.Builder
		fmt.Fprintf(&b, "%s  %s %s%s“%s”\n", localTime(e.At), e.Operator,
			data.ActionLabel(e.Action), data.EntityLabel(e.Entity), e.Record)
		for _, ch := range e.Changes() {
			fmt.Fprintf(&b, "  %s：%s → %s\n", ch.Label, orDash(ch.Old), orDash(ch.New))
		}
		if e.Reason != "" {
			fmt.Fprintf(&b, "  原因：%s\n", e.Reason)
		}
		p.detail.SetText(b.String())
	}
	detail := container.NewVScroll(p.detail)
	detail.SetMinSize(fyne.NewSize(100, 110))
	// 导出… sits beside the detail: the filter bar has no room left on a 1024-pixel screen.
	export := widget.NewButtonWithIcon("导出…", theme.DownloadIcon(), p.exportFile)
	bottom := container.NewBorder(nil, nil, nil, container.NewVBox(export), detail)
	return container.NewBorder(container.NewVBox(bar, widget.NewSeparator()), bottom, nil, nil, p.table)
}

// localTime shows a stored RFC 3339 time in the local zone, to the second.
func localTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

func orDash(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

func (p *auditPage) filter() (data.AuditFilter, string) {
	f := data.AuditFilter{Operator: strings.TrimSpace(p.operator.Text), Text: strings.TrimSpace(p.text.Text), Limit: 2000}
	for _, e := range auditEntities {
		if data.EntityLabel(e) == p.entity.Selected {
			f.Entity = e
		}
	}
	for _, d := range []struct {
		in  *widget.Entry
		out *string
	}{{p.from, &f.From}, {p.to, &f.To}} {
		v, err := data.ParseDate(d.in.Text)
		if err != nil {
			return f, err.Error()
		}
		if v.MonthOnly() {
			v.Day = 1
			if d.out == &f.To {
				v.Day = v.Time().AddDate(0, 1, -1).Day()
			}
		}
		*d.out = v.String()
	}
	return f, ""
}

func (p *auditPage) Reload() {
	if p.table == nil {
		return
	}
	f, problem := p.filter()
	p.problem.SetText(problem)
	if problem != "" {
		return
	}
	rows, err := p.a.Store().AuditLog(f)
	if err != nil {
		p.a.ShowError("无法读取操作记录", err)
		return
	}
	p.rows = rows
	p.count.SetText(fmt.Sprintf("%d 条", len(rows)))
	p.table.UnselectAll()
	p.table.Refresh()
}

// ShowHistory lists every change to one record, newest first, in a dialog.
func ShowHistory(a shell.Shell, entity string, id int64, label string) {
	rows, err := a.Store().AuditLog(data.AuditFilter{Entity: entity, EntityID: id})
	if err != nil {
		a.ShowError("无法读取操作记录", err)
		return
	}
	var b strings.Builder
	for _, e := range rows {
		fmt.Fprintf(&b, "%s  %s  %s\n", localTime(e.At), orDash(e.Operator), data.ActionLabel(e.Action))
		for _, ch := range e.Changes() {
			fmt.Fprintf(&b, "    %s：%s → %s\n", ch.Label, orDash(ch.Old), orDash(ch.New))
		}
		if e.Reason != "" {
			fmt.Fprintf(&b, "    原因：%s\n", e.Reason)
		}
	}
	if len(rows) == 0 {
		b.WriteString("没有操作记录。")
	}
	l := widget.NewLabel(b.String())
	l.Wrapping = fyne.TextWrapBreak
	scroll := container.NewVScroll(l)
	d := dialog.NewCustom(label+"的操作记录", "关闭", scroll, a.Window())
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

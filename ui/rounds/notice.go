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
	"jiayuan/data/sheet"
	"jiayuan/ui/widgets"
)

// noticeTab publishes the notice (start date → end date by working days)
// and keeps the objection register.
type noticeTab struct {
	v        *roundView
	start    *widget.Entry
	preview  *widget.Label
	publish  *widget.Button
	period   *widget.Label
	listed   *widget.Label
	objs     []data.Objection
	objList  *widget.Table
	objEmpty *widget.Label // says what the register is for while it is empty
	picked   int
}

func newNoticeTab(v *roundView) *noticeTab { return &noticeTab{v: v, picked: -1} }

func (t *noticeTab) content() fyne.CanvasObject {
	t.start = widget.NewEntry()
	t.start.SetPlaceHolder("公示开始日期，如 2021-12-06")
	t.preview = widget.NewLabel("")
	t.start.OnChanged = func(string) { t.updatePreview() }
	t.publish = widget.NewButton("发布公示", t.doPublish)
	t.publish.Importance = widget.HighImportance
	t.period = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.listed = widget.NewLabel("")
	t.listed.Wrapping = fyne.TextWrapBreak
	startRow := container.NewBorder(nil, nil, widget.NewLabel("开始日期："),
		container.NewHBox(widget.NewButton("节假日调整…", func() {
			t.v.a.EditHolidays(t.updatePreview)
		}), t.publish), t.start)
	t.objList = widgets.ReadTable(func() []data.Objection { return t.objs }, objectionColumns)
	t.objList.OnSelected = func(id widget.TableCellID) { t.picked = id.Row }
	var objButtons []fyne.CanvasObject
	if t.v.office() {
		objButtons = append(objButtons, widget.NewButton("登记异议", func() { t.editObjection(nil) }),
			widget.NewButton("核查办结", func() {
				if t.picked < 0 || t.picked >= len(t.objs) {
					t.v.a.ShowError("核查办结", errors.New("请先点选一件异议"))
					return
				}
				o := t.objs[t.picked]
				t.editObjection(&o)
			}))
	}
	top := container.NewVBox(t.period, t.listed)
	if t.v.office() {
		top.Objects = append([]fyne.CanvasObject{startRow, t.preview}, top.Objects...)
	}
	top.Add(widget.NewSeparator())
	objButtons = append(objButtons, widget.NewButton("导出异议登记…", t.exportObjections))
	top.Add(container.NewBorder(nil, nil, widget.NewLabelWithStyle("异议登记", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil,
		container.NewHBox(objButtons...)))
	t.objEmpty = widget.NewLabel("公示期间收到的异议在此登记（收到日期、方式、来自谁、对哪个对象、内容、核查情况和结论）。尚无异议。")
	t.objEmpty.Wrapping = fyne.TextWrapBreak
	return container.NewBorder(top, nil, nil, nil, container.NewStack(t.objList, container.NewVBox(t.objEmpty)))
}

// objectionColumns are the register's columns: every field of an
// objection, an anonymous one marked as such.
var objectionColumns = []widgets.Column[data.Objection]{
	{Title: "收到日期", Width: 100, Text: func(o *data.Objection) string { return o.Received.String() }},
	{Title: "逾期受理", Width: 160, Text: objectionLate},
	{Title: "方式", Width: 56, Text: func(o *data.Objection) string { return o.Channel }},
	{Title: "来自", Width: 140, Text: objectionFrom},
	{Title: "异议对象", Width: 110, Text: func(o *data.Objection) string { return o.NomineeName }},
	{Title: "异议内容", Width: 200, Text: func(o *data.Objection) string { return o.Content }},
	{Title: "核查结论", Width: 96, Text: func(o *data.Objection) string { return data.OutcomeLabel(o.Outcome) }},
	{Title: "办结日期", Width: 100, Text: func(o *data.Objection) string { return o.OutcomeDate.String() }},
	{Title: "核查情况", Width: 240, Text: func(o *data.Objection) string { return o.CheckNotes }},
}

// objectionLate is the register's mark of an objection received outside the
// notice period and taken all the same: 逾期受理：reason.
func objectionLate(o *data.Objection) string {
	if !o.Late {
		return ""
	}
	return "逾期受理：" + o.LateReason
}

// objectionFrom is who objected: 单位·name, 个人·name, or 匿名（已标注）.
func objectionFrom(o *data.Objection) string {
	if o.Anonymous() {
		return "匿名（已标注）"
	}
	if o.FromName != "" {
		return o.FromKind + "·" + o.FromName
	}
	return o.FromKind
}

func (t *noticeTab) updatePreview() {
	d, err := data.ParseDate(t.start.Text)
	if err != nil || d.IsZero() || d.MonthOnly() {
		t.preview.SetText(fmt.Sprintf("填写开始日期（年-月-日），即按 %d 个工作日算出公示期的最后一天。", t.v.r.NoticeDays))
		return
	}
	cal, err := t.v.a.Store().Calendar()
	if err != nil {
		t.preview.SetText(err.Error())
		return
	}
	end, err := cal.PeriodEnd(d.Time(), t.v.r.NoticeDays)
	if err != nil {
		t.preview.SetText(err.Error())
		return
	}
	t.preview.SetText(fmt.Sprintf("%d 个工作日，至 %s 结束（法定节假日不计，调休上班日计入）", t.v.r.NoticeDays, data.DateOf(end)))
}

func (t *noticeTab) reload() string {
	r := t.v.r
	if r.NoticeStart.IsZero() {
		t.period.SetText("尚未发布公示")
		t.publish.Enable()
		t.start.Enable()
		t.updatePreview()
	} else {
		t.period.SetText(fmt.Sprintf("公示期：%s 至 %s（%d 个工作日）", r.NoticeStart, r.NoticeEnd, r.NoticeDays))
		t.publish.Disable()
		t.start.SetText(r.NoticeStart.String())
		t.start.Disable()
	}
	noms, _ := t.v.a.Store().Nominations(r.ID, data.NominationFilter{States: []data.State{data.StateProposed, data.StateOnNotice, data.StateNamed, data.StateRemoved}})
	var parts []string
	for _, n := range noms {
		parts = append(parts, fmt.Sprintf("%s（%s，%s）", n.NomineeName, n.CategoryName, n.State.Label()))
	}
	if len(parts) == 0 {
		t.listed.SetText("还没有拟命名对象。")
	} else {
		t.listed.SetText("公示对象：" + strings.Join(parts, "；"))
	}
	objs, err := t.v.a.Store().Objections(r.ID)
	if err == nil {
		t.objs = objs
	}
	t.picked = -1
	t.objList.UnselectAll()
	t.objList.Refresh()
	if len(t.objs) == 0 {
		t.objEmpty.Show()
		t.objList.Hide()
	} else {
		t.objEmpty.Hide()
		t.objList.Show()
	}
	pending := 0
	for _, o := range t.objs {
		if o.Outcome == data.OutcomePending {
			pending++
		}
	}
	switch {
	case r.NoticeStart.IsZero():
		return "未发布"
	case pending > 0:
		return fmt.Sprintf("异议 %d 件，待办 %d", len(t.objs), pending)
	}
	return fmt.Sprintf("异议 %d 件", len(t.objs))
}

// exportObjections asks where to save the round's objection register.
func (t *noticeTab) exportObjections() {
	t.v.a.SaveFileDialogExt(fmt.Sprintf("%d年度评选异议登记.xlsx", t.v.r.Year), ".xlsx", t.exportObjectionsTo)
}

// exportObjectionsTo writes the round's objection register, as the store
// holds it now, to path off the UI goroutine.
func (t *noticeTab) exportObjectionsTo(path string) {
	st, id := t.v.a.Store(), t.v.r.ID
	var n int
	t.v.a.RunBusy("正在导出异议登记…", func(func(done, total int)) error {
		rows, err := st.Objections(id)
		if err != nil {
			return err
		}
		n = len(rows)
		return sheet.ExportObjections(path, rows)
	}, func() {
		t.v.a.SetStatus("已导出 %d 件异议到 %s", n, path)
	})
}

// doPublish says what publishing will do (period, nominees) and publishes on
// confirmation; a start in the past or far ahead is confirmed a second time.
func (t *noticeTab) doPublish() {
	d, err := data.ParseDate(t.start.Text)
	if err != nil {
		t.v.a.ShowError("公示未发布", err)
		return
	}
	p, err := t.v.a.Store().NoticePreview(t.v.r.ID, d)
	if err != nil {
		t.v.a.ShowError("公示未发布", err)
		return
	}
	win := t.v.a.Window()
	widgets.ConfirmStep(win, "发布公示", p.What(), p.Irreversible(), func() {
		if !p.NeedsSecondConfirm() {
			t.publishFrom(d)
			return
		}
		widgets.ConfirmStep(win, "按此日期发布", p.DateWarning()+"\n请再核对一次开始日期。", p.Irreversible(),
			func() { t.publishFrom(d) })
	})
}

// publishFrom publishes the notice from d.
func (t *noticeTab) publishFrom(d data.Date) {
	r, err := t.v.a.Store().StartNotice(t.v.r.ID, d)
	if err != nil {
		t.v.a.ShowError("公示未发布", err)
		return
	}
	t.v.a.SetStatus("已发布公示：%s 至 %s", r.NoticeStart, r.NoticeEnd)
	t.v.changed()
}

// editObjection logs a new objection (o nil) or records how one was checked.
func (t *noticeTab) editObjection(o *data.Objection) {
	isNew := o == nil
	if isNew {
		o = &data.Objection{RoundID: t.v.r.ID, Received: data.DateOf(t.v.a.Today())}
	}
	noms, _ := t.v.a.Store().Nominations(t.v.r.ID, data.NominationFilter{States: []data.State{data.StateOnNotice}})
	if isNew && len(noms) == 0 {
		t.v.a.ShowError("登记异议", errors.New("没有公示中的对象：公示发布后，才能对公示中的对象登记异议"))
		return
	}
	f := newObjectionForm(o, noms)
	title := "登记异议"
	if !isNew {
		title = "核查办结"
	}
	var d *dialog.FormDialog
	d = dialog.NewForm(title, "保存", "取消", f.items(o, isNew), func(ok bool) {
		if !ok {
			return
		}
		if err := f.read(o, noms, isNew); err != nil {
			t.v.a.Refuse(d, "异议未登记", err)
			return
		}
		t.saveObjection(d, o)
	}, t.v.a.Window())
	d.Resize(fyne.NewSize(560, 560))
	d.Show()
}

// objectionForm is the objection dialog's fields.
type objectionForm struct {
	target, channel, from, outcome              *widget.Select
	received, fromName, content, notes, outDate *widget.Entry
	late                                        *widget.Check // 逾期受理: received outside the notice period
	lateReason                                  *widget.Entry
}

// newObjectionForm is the dialog's fields filled from o; noms are the
// nominations on notice it may be about.
func newObjectionForm(o *data.Objection, noms []data.Nomination) *objectionForm {
	f := &objectionForm{target: widgets.NewChoice(nil, nil)}
	for _, n := range noms {
		f.target.Options = append(f.target.Options, n.NomineeName)
		if n.ID == o.NominationID {
			f.target.SetSelected(n.NomineeName)
		}
	}
	f.received = widget.NewEntry()
	f.received.SetText(o.Received.String())
	f.channel = widgets.NewChoice(data.Channels, nil)
	f.channel.SetSelected(o.Channel)
	f.from = widgets.NewChoice(data.FromKinds, nil)
	f.from.SetSelected(o.FromKind)
	f.fromName = widget.NewEntry()
	f.fromName.SetText(o.FromName)
	f.fromName.SetPlaceHolder("单位名称（盖章）或真实姓名；匿名不填")
	f.content = widget.NewMultiLineEntry()
	f.content.Wrapping = fyne.TextWrapWord
	f.content.SetText(o.Content)
	f.notes = widget.NewMultiLineEntry()
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetText(o.CheckNotes)
	f.outcome = widgets.NewChoice([]string{"待核查", "异议不成立", "异议成立"}, nil)
	f.outcome.SetSelected(data.OutcomeLabel(o.Outcome))
	f.outDate = widget.NewEntry()
	f.outDate.SetText(o.OutcomeDate.String())
	f.outDate.SetPlaceHolder("默认今天")
	f.late = widget.NewCheck("逾期受理", nil)
	f.late.SetChecked(o.Late)
	f.lateReason = widget.NewEntry()
	f.lateReason.SetText(o.LateReason)
	f.lateReason.SetPlaceHolder("公示期外收到仍受理的理由（记入登记和操作记录）")
	return f
}

// items lays the fields out; the nomination is chosen only for a new objection.
func (f *objectionForm) items(o *data.Objection, isNew bool) []*widget.FormItem {
	var items []*widget.FormItem
	if isNew {
		items = append(items, widget.NewFormItem("异议对象", f.target))
	} else {
		items = append(items, widget.NewFormItem("异议对象", widget.NewLabel(o.NomineeName)))
	}
	return append(items,
		widget.NewFormItem("收到日期", f.received), widget.NewFormItem("方式", f.channel),
		widget.NewFormItem("来源", f.from), widget.NewFormItem("署名", f.fromName),
		widget.NewFormItem("异议内容", f.content), widget.NewFormItem("核查情况", f.notes),
		widget.NewFormItem("核查结论", f.outcome), widget.NewFormItem("办结日期", f.outDate),
		widget.NewFormItem("公示期外", container.NewBorder(nil, nil, f.late, nil, f.lateReason)))
}

// read copies the fields into o, or says what keeps it from being logged.
func (f *objectionForm) read(o *data.Objection, noms []data.Nomination, isNew bool) error {
	for _, n := range noms {
		if isNew && n.NomineeName == f.target.Selected {
			o.NominationID = n.ID
		}
	}
	if isNew && o.NominationID == 0 {
		return errors.New("请选择异议对象（公示中的对象）")
	}
	var err error
	if o.Received, err = data.ParseDate(f.received.Text); err != nil {
		return err
	}
	if o.OutcomeDate, err = data.ParseDate(f.outDate.Text); err != nil {
		return err
	}
	o.Channel, o.FromKind, o.FromName = f.channel.Selected, f.from.Selected, f.fromName.Text
	o.Content, o.CheckNotes = f.content.Text, f.notes.Text
	o.Late, o.LateReason = f.late.Checked, f.lateReason.Text
	switch f.outcome.Selected {
	case "异议成立":
		o.Outcome = data.OutcomeUpheld
	case "异议不成立":
		o.Outcome = data.OutcomeRejected
	default:
		o.Outcome = data.OutcomePending
	}
	return nil
}

// saveObjection saves o, asking first when it is upheld (which withdraws the
// nomination from the naming); a refusal brings the dialog d back.
func (t *noticeTab) saveObjection(d dialog.Dialog, o *data.Objection) {
	save := func() {
		if err := t.v.a.Store().SaveObjection(o); err != nil {
			t.v.a.Refuse(d, "异议未保存", err)
			return
		}
		if o.Outcome == data.OutcomeUpheld {
			t.v.a.SetStatus("异议成立：已撤销“%s”的拟命名", o.NomineeName)
		}
		t.v.changed()
	}
	if o.Outcome == data.OutcomeUpheld {
		dialog.ShowConfirm("异议成立", fmt.Sprintf("异议成立将撤销“%s”，使其不再列入命名名单。确定吗？", o.NomineeName),
			func(yes bool) {
				if yes {
					save()
				}
			}, t.v.a.Window())
		return
	}
	save()
}

// namedColumns are the columns of the named list.
var namedColumns = []widgets.Column[data.NamedEntry]{
	{Title: "证书编号", Width: 130, Text: func(e *data.NamedEntry) string { return e.Certificate }},
	{Title: "类别", Width: 120, Text: func(e *data.NamedEntry) string { return e.Category.Name }},
	{Title: "命名对象", Width: 160, Text: func(e *data.NamedEntry) string { return e.NomineeName }},
	{Title: "所属社区", Width: 110, Text: func(e *data.NamedEntry) string { return e.CommunityName }},
	{Title: "最终得分", Width: 90, Text: func(e *data.NamedEntry) string { return e.Final }},
	{Title: "名次", Width: 60, Text: func(e *data.NamedEntry) string {
		if e.Rank == 0 {
			return ""
		}
		return fmt.Sprint(e.Rank)
	}},
}

// namingTab names the list after the notice period and shows the
// certificates; revocation keeps the number retired.
type namingTab struct {
	v      *roundView
	status *widget.Label
	list   *widget.Table
	named  []data.NamedEntry
	retire *widget.Label
	picked int
	name   *widget.Button
	early  *widget.Button
	revoke *widget.Button
}

func newNamingTab(v *roundView) *namingTab { return &namingTab{v: v, picked: -1} }

func (t *namingTab) content() fyne.CanvasObject {
	t.status = widget.NewLabel("")
	t.status.Wrapping = fyne.TextWrapBreak
	t.name = widget.NewButton("命名（公示期满）", func() { t.nameAll("") })
	t.name.Importance = widget.HighImportance
	t.early = widget.NewButton("提前命名…", func() {
		t.v.askReason("提前命名", "公示期未满提前命名须写明理由（记入操作记录）：", t.nameAll)
	})
	t.revoke = widget.NewButton("撤销命名…", t.doRevoke)
	t.revoke.Importance = widget.DangerImportance
	t.list = widgets.ReadTable(func() []data.NamedEntry { return t.named }, namedColumns)
	t.list.OnSelected = func(id widget.TableCellID) { t.picked = id.Row }
	t.retire = widget.NewLabel("")
	t.retire.Wrapping = fyne.TextWrapBreak
	var bar fyne.CanvasObject = widget.NewLabel("")
	if t.v.office() {
		bar = container.NewHBox(t.name, t.early, t.revoke)
	}
	return container.NewBorder(container.NewVBox(t.status, bar, widget.NewSeparator()), t.retire, nil, nil, t.list)
}

func (t *namingTab) reload() string {
	r := t.v.r
	onNotice, _ := t.v.a.Store().Nominations(r.ID, data.NominationFilter{States: []data.State{data.StateOnNotice}})
	named, err := t.v.a.Store().Named(r.ID)
	if err == nil {
		t.named = named
	}
	t.picked = -1
	t.list.UnselectAll()
	t.list.Refresh()
	today := data.DateOf(t.v.a.Today())
	switch {
	case r.NoticeEnd.IsZero():
		t.status.SetText("公示发布后，期满即可命名。")
	case len(onNotice) == 0 && !r.NamedOn.IsZero():
		t.status.SetText(fmt.Sprintf("已于 %s 命名。", r.NamedOn) + issuedText(t.v.a.Store(), r.ID))
	case r.NoticeEnd.Before(today):
		t.status.SetText(fmt.Sprintf("公示期已于 %s 届满，%d 个对象待命名。", r.NoticeEnd, len(onNotice)))
	default:
		t.status.SetText(fmt.Sprintf("公示期至 %s 结束；%d 个对象公示中。期满前命名须“提前命名”并写明理由。", r.NoticeEnd, len(onNotice)))
	}
	if len(onNotice) == 0 {
		t.name.Disable()
		t.early.Disable()
	} else {
		t.name.Enable()
		t.early.Enable()
	}
	certs, _ := t.v.a.Store().Certificates(r.ID)
	var retired []string
	for _, c := range certs {
		if c.RevokedAt != "" {
			retired = append(retired, c.Number)
		}
	}
	t.retire.SetText("")
	if len(retired) > 0 {
		t.retire.SetText("已撤销命名、编号停用（不再使用）：" + strings.Join(retired, "、"))
	}
	if len(onNotice) == 0 {
		return fmt.Sprintf("已命名 %d", len(t.named))
	}
	return fmt.Sprintf("已命名 %d/%d", len(t.named), len(t.named)+len(onNotice))
}

// nameAll says who will be named with which certificate number, and names on confirmation.
func (t *namingTab) nameAll(override string) {
	p, err := t.v.a.Store().NamingPreview(t.v.r.ID, override)
	if err != nil {
		t.v.a.ShowError("未命名", err)
		return
	}
	widgets.ConfirmStep(t.v.a.Window(), "命名", p.What(), p.Irreversible(), func() {
		if err := t.v.a.Store().NameAll(t.v.r.ID, override); err != nil {
			t.v.a.ShowError("未命名", err)
			return
		}
		t.v.a.SetStatus("已命名 %d 个对象并编发证书编号", len(p.Certificates))
		t.v.changed()
	})
}

// doRevoke says which certificate number revoking the picked nominee retires,
// then asks the reason and revokes.
func (t *namingTab) doRevoke() {
	if t.picked < 0 || t.picked >= len(t.named) {
		t.v.a.ShowError("撤销命名", errors.New("请先点选一个已命名对象"))
		return
	}
	id := t.named[t.picked].ID
	p, err := t.v.a.Store().RevokePreview(id)
	if err != nil {
		t.v.a.ShowError("撤销命名", err)
		return
	}
	widgets.ConfirmStep(t.v.a.Window(), "撤销命名", p.What(), p.Irreversible(), func() {
		t.v.act([]int64{id}, data.ActRevoke)
	})
}

// issuedText names the 发文字号 the round's decision and notice were issued under.
func issuedText(st *data.Store, roundID int64) string {
	var parts []string
	for _, doc := range []string{data.DocDecision, data.DocNotice} {
		if w, ok, err := st.IssuedWenhao(roundID, doc); err == nil && ok {
			parts = append(parts, fmt.Sprintf("%s发文字号：%s（%s印发）", data.DocLabel(doc), w.String(), w.IssuedOn))
		}
	}
	return strings.Join(parts, "；")
}

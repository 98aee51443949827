package admin

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data/exchange"
	"jiayuan/ui/documents"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// Choice labels of a conflict.
const (
	keepOurs   = "保留本机"
	takeTheirs = "采用对方"
)

// ExchangeScreen is 交换文件: export this copy's records for a community (or
// all of them) as a .jyx file, and import one with a preview: what will be
// added, what changed, what conflicts (side by side, decided one by one) and
// which records are matched by name (merged only after confirmation).
type ExchangeScreen struct {
	x    *exchangeView
	view fyne.CanvasObject
}

// NewExchangeScreen is 交换文件 for the window's navigation.
func NewExchangeScreen(a shell.Shell) *ExchangeScreen {
	return &ExchangeScreen{x: &exchangeView{a: a}}
}

// Content builds the screen once.
func (s *ExchangeScreen) Content() fyne.CanvasObject {
	if s.view == nil {
		s.view = s.x.content()
	}
	return s.view
}

// Reload does nothing: the preview stays until imported or cancelled.
func (s *ExchangeScreen) Reload() {}

// Open previews the exchange file at path (one opened with the program), as
// if the clerk had chosen it with 选择交换文件并预览…: nothing is imported
// until 导入 is pressed.
func (s *ExchangeScreen) Open(path string) {
	s.Content()
	s.x.load(path)
}

type exchangeView struct {
	a       shell.Shell
	preview *fyne.Container
	scope   *widget.Select
}

func (x *exchangeView) content() fyne.CanvasObject {
	a := x.a
	title := widget.NewLabelWithStyle("交换文件", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText

	// export
	const all = "全部社区"
	var opts []string
	if a.Settings().IsOffice() {
		opts = append(opts, all)
		if cs, err := a.Store().Communities(); err == nil {
			for _, c := range cs {
				opts = append(opts, c.Name)
			}
		}
	} else if c, err := a.OwnCommunity(); err == nil {
		opts = append(opts, c.Name)
	} else {
		opts = append(opts, all)
	}
	x.scope = widgets.NewChoice(opts, nil)
	x.scope.PlaceHolder = "（请选择导出范围）"
	x.scope.SetSelectedIndex(0)
	export := widget.NewButtonWithIcon("导出交换文件…", theme.UploadIcon(), func() {
		scope := x.scope.Selected
		community := scope
		if scope == all {
			community = ""
		}
		name := fmt.Sprintf("%s-%s%s", strings.ReplaceAll(scope, " ", ""), time.Now().Format("20060102"), exchange.Ext)
		a.SaveFileDialogExt(name, exchange.Ext, func(path string) {
			var m exchange.Manifest
			a.RunBusy("正在导出交换文件…", func(func(int, int)) error {
				var err error
				m, err = exchange.Export(a.Store(), path, exchange.Options{Community: community})
				return err
			}, func() {
				msg := fmt.Sprintf("已导出到\n%s\n\n%s。", path, exportCounts(m))
				a.SetStatus("已导出交换文件 %s", filepath.Base(path))
				dialog.ShowInformation("导出完成", msg, a.Window())
			})
		})
	})
	export.Importance = widget.HighImportance
	exportHelp := widget.NewLabel("社区导出本社区的记录和申报交给街道；街道导出某个社区的记录、进行中的评选活动和该社区各份申报的办理结果发给该社区。回收站里的记录也随文件告知对方。")
	exportHelp.Wrapping = fyne.TextWrapBreak

	// import
	open := widget.NewButtonWithIcon("选择交换文件并预览…", theme.DownloadIcon(), func() {
		a.OpenFileDialogExt([]string{exchange.Ext}, x.load)
	})
	importHelp := widget.NewLabel("先预览新增、改动和冲突，冲突逐条决定；确认后一次写入，要么全部导入，要么不作改动。")
	importHelp.Wrapping = fyne.TextWrapBreak
	x.preview = container.NewVBox()

	top := container.NewVBox(title, widget.NewSeparator(),
		widget.NewLabelWithStyle("导出", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), exportHelp,
		container.NewHBox(widget.NewLabel("范围"), x.scope, export),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("导入", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), importHelp,
		container.NewHBox(open))
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewPadded(x.preview)))
}

// load reads and previews an exchange file.
func (x *exchangeView) load(path string) {
	var pkg *exchange.Package
	var plan *exchange.Plan
	x.a.RunBusy("正在检查交换文件…", func(func(int, int)) error {
		var err error
		if pkg, err = exchange.Read(path); err != nil {
			return err
		}
		plan, err = exchange.Preview(x.a.Store(), pkg)
		return err
	}, func() { x.show(pkg, plan) })
}

// show lays out the preview and the import button.
func (x *exchangeView) show(pkg *exchange.Package, plan *exchange.Plan) {
	objs := previewHeader(pkg, plan)
	if len(plan.Invalid) > 0 {
		x.setPreview(append(objs, invalidSection(plan)...))
		return
	}
	if plan.NoOp() {
		objs = append(objs, widget.NewLabel("文件中的记录与本机完全相同或本机较新，没有需要导入的内容。"))
		objs = append(objs, olderSection(plan)...)
		x.setPreview(append(objs, blockedSection(plan)...))
		if plan.AgesToRemember() {
			x.rememberAges(pkg)
		}
		return
	}
	links, linkCheck := linkSection(plan)
	conflicts, choices := conflictSection(plan)
	objs = append(objs, links...)
	objs = append(objs, conflicts...)
	objs = append(objs, itemSections(plan)...)
	objs = append(objs, olderSection(plan)...)
	objs = append(objs, blockedSection(plan)...)

	doImport := widget.NewButtonWithIcon("导入", theme.ConfirmIcon(), func() {
		dec, ok := x.decisions(plan, linkCheck, choices)
		if ok {
			x.apply(pkg, dec)
		}
	})
	doImport.Importance = widget.HighImportance
	cancel := widget.NewButton("取消", func() { x.setPreview(nil) })
	objs = append(objs, widget.NewSeparator(), container.NewHBox(doImport, cancel))
	x.setPreview(objs)
}

// previewHeader names the file, its sender and what importing it does, and
// warns when the file cannot tell how old its records are.
func previewHeader(pkg *exchange.Package, plan *exchange.Plan) []fyne.CanvasObject {
	m := pkg.Manifest
	objs := []fyne.CanvasObject{
		widget.NewLabelWithStyle("预览："+filepath.Base(pkg.Path), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrapLabel(fmt.Sprintf("来自 %s，生成于 %s。%s。", m.Sender.Label(), m.CreatedText(), plan.Summary())),
	}
	if plan.AgeUnknown {
		l := wrapLabel("注意：这个文件由较早版本的家园生成，看不出其中各条记录是何时修改的，无法判断它是否比本机已收到的文件旧；各条记录按内容与本机比较。")
		l.Importance = widget.WarningImportance
		objs = append(objs, l)
	}
	return objs
}

// invalidSection lists the records that fail the checks: the file cannot be imported.
func invalidSection(plan *exchange.Plan) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{warn("以下记录未通过检查，这个文件不能导入（不会作任何改动），请对方改正后重新导出：")}
	for _, msg := range plan.Invalid {
		objs = append(objs, bulletLabel(msg))
	}
	return objs
}

// blockedSection lists the deletions and restorations this copy cannot make.
func blockedSection(plan *exchange.Plan) []fyne.CanvasObject {
	items := plan.Filter(exchange.Blocked)
	if len(items) == 0 {
		return nil
	}
	objs := []fyne.CanvasObject{section(fmt.Sprintf("本机不能照办，保留本机现状（%d）", len(items))),
		warn("以下删除或恢复本机不能照办：请先处理列出的记录，再导入同一个文件。其余内容照常导入。")}
	for _, it := range items {
		objs = append(objs, bulletLabel(it.Label()+"："+it.Problem))
	}
	return objs
}

// olderSection lists the records the file holds in a version older than one
// already taken in from the same sender: left as they are here.
func olderSection(plan *exchange.Plan) []fyne.CanvasObject {
	items := plan.Older()
	if len(items) == 0 {
		return nil
	}
	objs := []fyne.CanvasObject{section(fmt.Sprintf("文件较旧，未采用（%d）", len(items))),
		wrapLabel("对方此后发来的文件已导入过这些记录较新的内容；这个较旧的文件不会把它们改回去。")}
	for _, it := range items {
		objs = append(objs, bulletLabel(itemLine(it)))
	}
	return objs
}

// linkSection lists the records matched by name, with the box the clerk
// ticks to confirm them (nil when there are none).
func linkSection(plan *exchange.Plan) ([]fyne.CanvasObject, *widget.Check) {
	links := plan.Links()
	if len(links) == 0 {
		return nil, nil
	}
	objs := []fyne.CanvasObject{section(fmt.Sprintf("按名称对应（%d）", len(links))),
		wrapLabel("以下记录在本机已有同名记录，但此前从未交换过。确认它们是同一个单位后，两边会合并为同一条记录（本机记录采用对方的编号），不会重复。")}
	for _, it := range links {
		objs = append(objs, bulletLabel(it.Label()+"："+it.Status.Label()))
	}
	check := widget.NewCheck("以上同名记录确是同一单位，合并为同一条", nil)
	return append(objs, check), check
}

// conflictSection shows each conflict side by side with its choice, by item key.
func conflictSection(plan *exchange.Plan) ([]fyne.CanvasObject, map[string]*widget.RadioGroup) {
	choices := map[string]*widget.RadioGroup{}
	cs := plan.Filter(exchange.Conflict)
	if len(cs) == 0 {
		return nil, choices
	}
	objs := []fyne.CanvasObject{section(fmt.Sprintf("冲突（%d）：双方都改过，请逐条决定", len(cs)))}
	for _, it := range cs {
		radio := widget.NewRadioGroup([]string{keepOurs, takeTheirs}, nil)
		radio.Horizontal = true
		choices[it.Key()] = radio
		body := container.NewVBox(diffGrid(it.Diffs), radio)
		if it.Problem != "" { // theirs is a deletion the store would refuse
			body.Add(warn("如采用对方，本机不能照办，将保留本机现状：" + it.Problem))
		}
		objs = append(objs, widget.NewCard("", it.Label(), body))
	}
	return objs, choices
}

// itemSections lists what importing adds, changes, deletes and restores, and
// what it keeps because ours is newer (the older file's items apart).
func itemSections(plan *exchange.Plan) []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	list := func(s exchange.Status, title string, states bool) {
		var items []*exchange.Item
		for _, it := range plan.Filter(s) {
			if it.IsState() == states && !it.Older {
				items = append(items, it)
			}
		}
		if len(items) == 0 {
			return
		}
		objs = append(objs, section(fmt.Sprintf("%s（%d）", title, len(items))))
		for _, it := range items {
			objs = append(objs, bulletLabel(itemLine(it)))
		}
	}
	list(exchange.Added, "新增", false)
	list(exchange.Changed, "对方有改动，将更新", false)
	list(exchange.Changed, "街道办事处的办理结果，将更新本机申报的状态", true)
	list(exchange.Removed, "对方已删除，将移到本机回收站", false)
	list(exchange.Restored, "对方已从回收站恢复，本机也将恢复", false)
	list(exchange.OursNewer, "本机较新，保留本机", false)
	list(exchange.OursNewer, "办理结果不采用，保留本机", true)
	return objs
}

// itemLine is an item with its note and, one a line, the fields that differ.
func itemLine(it *exchange.Item) string {
	line := it.Label()
	if it.Note != "" {
		line += "（" + it.Note + "）"
	}
	for _, d := range it.Diffs {
		line += fmt.Sprintf("\n      %s：%s → %s", d.Label, orDash(d.Ours), orDash(d.Theirs))
	}
	return line
}

// decisions reads the clerk's answers; false (the reason shown) when a match
// by name is not confirmed or a conflict not decided.
func (x *exchangeView) decisions(plan *exchange.Plan, linkCheck *widget.Check, choices map[string]*widget.RadioGroup) (exchange.Decisions, bool) {
	dec := exchange.Decisions{Choices: map[string]string{}}
	if linkCheck != nil {
		if !linkCheck.Checked {
			x.a.ShowError("还不能导入", fmt.Errorf("请先确认按名称对应的记录是同一单位（勾选“合并为同一条”），否则无法导入"))
			return dec, false
		}
		dec.LinkByName = true
	}
	var undecided []string
	for _, it := range plan.Filter(exchange.Conflict) {
		switch choices[it.Key()].Selected {
		case keepOurs:
			dec.Choices[it.Key()] = exchange.Ours
		case takeTheirs:
			dec.Choices[it.Key()] = exchange.Theirs
		default:
			undecided = append(undecided, it.Label())
		}
	}
	if len(undecided) > 0 {
		x.a.ShowError("还不能导入", fmt.Errorf("以下冲突还没有决定采用哪一方：\n%s", strings.Join(undecided, "\n")))
		return dec, false
	}
	return dec, true
}

// apply imports the file as decided and says what it wrote.
func (x *exchangeView) apply(pkg *exchange.Package, dec exchange.Decisions) {
	a := x.a
	var res exchange.Result
	var warn []string
	a.RunBusy("正在导入…", func(progress func(int, int)) error {
		dec.Progress = progress
		var err error
		res, err = exchange.Apply(a.Store(), pkg, dec)
		if err == nil {
			warn = shell.UnprintableWarning(documents.UnprintableTexts(a.Store(), res.Plan.WrittenTexts()))
		}
		return err
	}, func() {
		a.AfterRestore()
		x.setPreview(nil)
		msg := fmt.Sprintf("已从 %s 导入：写入 %d 条记录。\n%s。", filepath.Base(pkg.Path), res.Written, res.Plan.Summary())
		if n := res.Plan.Count(exchange.Blocked); n > 0 {
			msg += fmt.Sprintf("\n有 %d 项删除或恢复本机不能照办，已保留本机现状（见预览中列出的原因）。", n)
		}
		a.SetStatus("%s", strings.ReplaceAll(msg, "\n", " "))
		if len(warn) > 0 {
			shell.ShowImportWarning(a, msg, warn)
			return
		}
		dialog.ShowInformation("导入完成", msg, a.Window())
	})
}

// rememberAges imports a file with nothing to import all the same: no record
// is written, but the ages of its records, newer than the ones taken in
// before, are kept, so a still older file opened later is told as older.
func (x *exchangeView) rememberAges(pkg *exchange.Package) {
	a := x.a
	a.RunBusy("正在记下文件中各条记录的修改时间…", func(progress func(int, int)) error {
		_, err := exchange.Apply(a.Store(), pkg, exchange.Decisions{Progress: progress})
		return err
	}, func() {
		a.SetStatus("%s：没有需要导入的内容，未改动任何记录；已记下其中各条记录的修改时间，以后收到更早的文件时不会采用", filepath.Base(pkg.Path))
	})
}

// exportCounts describes what an exported file holds.
func exportCounts(m exchange.Manifest) string {
	s := fmt.Sprintf("%d 个社区，%d 个小区，%d 个党组织", m.Counts["communities"], m.Counts["compounds"], m.Counts["orgs"])
	if n := m.Counts["deleted"]; n > 0 {
		s += fmt.Sprintf("（其中 %d 条在回收站）", n)
	}
	if n := m.Counts["rounds"]; n > 0 {
		s += fmt.Sprintf("，%d 个进行中的评选活动", n)
	}
	if n := m.Counts["nominations"]; n > 0 {
		s += fmt.Sprintf("，%d 份申报", n)
	}
	if n := m.Counts["states"]; n > 0 {
		s += fmt.Sprintf("，%d 份申报的办理结果", n)
	}
	return s
}

func (x *exchangeView) setPreview(objs []fyne.CanvasObject) {
	x.preview.Objects = objs
	x.preview.Refresh()
}

// diffGrid shows a conflict side by side: field, ours, theirs.
func diffGrid(diffs []exchange.Diff) fyne.CanvasObject {
	bold := fyne.TextStyle{Bold: true}
	cells := []fyne.CanvasObject{
		widget.NewLabelWithStyle("字段", fyne.TextAlignLeading, bold),
		widget.NewLabelWithStyle("本机", fyne.TextAlignLeading, bold),
		widget.NewLabelWithStyle("对方（文件）", fyne.TextAlignLeading, bold),
	}
	for _, d := range diffs {
		cells = append(cells, widget.NewLabel(d.Label), wrapLabel(orDash(d.Ours)), wrapLabel(orDash(d.Theirs)))
	}
	return container.NewGridWithColumns(3, cells...)
}

func section(title string) fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(), widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
}

func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapBreak
	return l
}

// bulletLabel is a line of a list, "  · " and s, wrapped anywhere so the
// bullet stays with the start of long Chinese text (word wrapping would
// leave it alone on its line).
func bulletLabel(s string) *widget.Label {
	l := widget.NewLabel("  · " + s)
	l.Wrapping = fyne.TextWrapBreak
	return l
}

func warn(s string) *widget.Label {
	l := wrapLabel(s)
	l.Importance = widget.DangerImportance
	return l
}

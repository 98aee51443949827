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
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// Choice labels of a conflict.
const (
	keepOurs   = "保留本机"
	takeTheirs = "采用对方"
)

// ExchangePage is 交换文件: export this copy's records for a community (or
// all of them) as a .jyx file, and import one with a preview: what will be
// added, what changed, what conflicts (side by side, decided one by one) and
// which records are matched by name (merged only after confirmation).
func ExchangePage(a shell.Shell) fyne.CanvasObject {
	x := &exchangeView{a: a}
	return x.content()
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
	a := x.a
	m := pkg.Manifest
	objs := []fyne.CanvasObject{
		widget.NewLabelWithStyle("预览："+filepath.Base(pkg.Path), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(fmt.Sprintf("来自 %s，生成于 %s。%s。", m.Sender.Label(), createdText(m.Created), plan.Summary())),
	}
	if len(plan.Invalid) > 0 {
		objs = append(objs, warn("以下记录未通过检查，这个文件不能导入（不会作任何改动），请对方改正后重新导出："))
		for _, msg := range plan.Invalid {
			objs = append(objs, bulletLabel(msg))
		}
		x.setPreview(objs)
		return
	}
	blocked := func() {
		items := plan.Filter(exchange.Blocked)
		if len(items) == 0 {
			return
		}
		objs = append(objs, section(fmt.Sprintf("本机不能照办，保留本机现状（%d）", len(items))),
			warn("以下删除或恢复本机不能照办：请先处理列出的记录，再导入同一个文件。其余内容照常导入。"))
		for _, it := range items {
			objs = append(objs, bulletLabel(it.Label()+"："+it.Problem))
		}
	}
	if plan.NoOp() {
		objs = append(objs, widget.NewLabel("文件中的记录与本机完全相同或本机较新，没有需要导入的内容。"))
		blocked()
		x.setPreview(objs)
		return
	}

	var linkCheck *widget.Check
	if links := plan.Links(); len(links) > 0 {
		objs = append(objs, section(fmt.Sprintf("按名称对应（%d）", len(links))),
			wrapLabel("以下记录在本机已有同名记录，但此前从未交换过。确认它们是同一个单位后，两边会合并为同一条记录（本机记录采用对方的编号），不会重复。"))
		for _, it := range links {
			objs = append(objs, bulletLabel(it.Label()+"："+it.Status.Label()))
		}
		linkCheck = widget.NewCheck("以上同名记录确是同一单位，合并为同一条", nil)
		objs = append(objs, linkCheck)
	}
	choices := map[string]*widget.RadioGroup{}
	if cs := plan.Filter(exchange.Conflict); len(cs) > 0 {
		objs = append(objs, section(fmt.Sprintf("冲突（%d）：双方都改过，请逐条决定", len(cs))))
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
	}
	list := func(s exchange.Status, title string, states bool) {
		var items []*exchange.Item
		for _, it := range plan.Filter(s) {
			if it.IsState() == states {
				items = append(items, it)
			}
		}
		if len(items) == 0 {
			return
		}
		objs = append(objs, section(fmt.Sprintf("%s（%d）", title, len(items))))
		for _, it := range items {
			line := it.Label()
			if it.Note != "" {
				line += "（" + it.Note + "）"
			}
			for _, d := range it.Diffs {
				line += fmt.Sprintf("\n      %s：%s → %s", d.Label, orDash(d.Ours), orDash(d.Theirs))
			}
			objs = append(objs, bulletLabel(line))
		}
	}
	list(exchange.Added, "新增", false)
	list(exchange.Changed, "对方有改动，将更新", false)
	list(exchange.Changed, "街道办事处的办理结果，将更新本机申报的状态", true)
	list(exchange.Removed, "对方已删除，将移到本机回收站", false)
	list(exchange.Restored, "对方已从回收站恢复，本机也将恢复", false)
	list(exchange.OursNewer, "本机较新，保留本机", false)
	list(exchange.OursNewer, "办理结果不采用，保留本机", true)
	blocked()

	doImport := widget.NewButtonWithIcon("导入", theme.ConfirmIcon(), func() {
		dec := exchange.Decisions{Choices: map[string]string{}}
		if linkCheck != nil {
			if !linkCheck.Checked {
				a.ShowError("还不能导入", fmt.Errorf("请先确认按名称对应的记录是同一单位（勾选“合并为同一条”），否则无法导入"))
				return
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
			a.ShowError("还不能导入", fmt.Errorf("以下冲突还没有决定采用哪一方：\n%s", strings.Join(undecided, "\n")))
			return
		}
		var res exchange.Result
		a.RunBusy("正在导入…", func(progress func(int, int)) error {
			dec.Progress = progress
			var err error
			res, err = exchange.Apply(a.Store(), pkg, dec)
			return err
		}, func() {
			a.AfterRestore()
			x.setPreview(nil)
			msg := fmt.Sprintf("已从 %s 导入：写入 %d 条记录。\n%s。", filepath.Base(pkg.Path), res.Written, res.Plan.Summary())
			if n := res.Plan.Count(exchange.Blocked); n > 0 {
				msg += fmt.Sprintf("\n有 %d 项删除或恢复本机不能照办，已保留本机现状（见预览中列出的原因）。", n)
			}
			a.SetStatus("%s", strings.ReplaceAll(msg, "\n", " "))
			dialog.ShowInformation("导入完成", msg, a.Window())
		})
	})
	doImport.Importance = widget.HighImportance
	cancel := widget.NewButton("取消", func() { x.setPreview(nil) })
	objs = append(objs, widget.NewSeparator(), container.NewHBox(doImport, cancel))
	x.setPreview(objs)
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

func createdText(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.Local().Format("2006-01-02 15:04")
}

package ui

import (
	jtheme "jiayuan/ui/theme"

	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/sheet"
	"jiayuan/ui/records"
	"jiayuan/ui/widgets"
)

// firstScreen is what the window reads before its first frame: the
// settings, the overview's counts and due elections, and the records they
// were counted from (the lean read), which the summary and charts reuse.
type firstScreen struct {
	Settings data.Settings
	Overview data.Overview
	recs     statsRecords
}

// statsRecords are the live records as data.Store.StatsRecords reads them.
type statsRecords struct {
	cs   []data.Community
	xs   []data.Compound
	orgs []data.Org
}

// loadFirstScreen reads what 概览 shows.
func loadFirstScreen(st *data.Store, today time.Time) (firstScreen, error) {
	var fs firstScreen
	var err error
	if fs.Settings, err = st.Settings(); err != nil {
		return fs, err
	}
	r := &fs.recs
	if r.cs, r.xs, r.orgs, err = st.StatsRecords(); err != nil {
		return fs, err
	}
	fs.Overview = data.OverviewOf(r.cs, r.xs, r.orgs, today)
	return fs, nil
}

// overviewPage is 概览: the counts of records and the Party organisations
// whose election (换届) is overdue (red) or due within 90 days (amber).
type overviewPage struct {
	a       *App
	title   *widget.Label
	counts  [4]*canvas.Text
	due     *widget.Table
	dueRows []data.Org
	dueNote *widget.Label
	tabs    *container.AppTabs

	summary     *widget.Table
	summaryRows []communityRow

	charts   *overviewCharts
	lastList string // title of the last list a chart opened (tests)
}

func newOverviewPage(a *App) *overviewPage { return &overviewPage{a: a} }

func (p *overviewPage) Content() fyne.CanvasObject {
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.SizeName = theme.SizeNameHeadingText
	names := [4]string{"社区", "小区", "党组织", "党员"}
	targets := [4]string{"社区", "小区", "党组织", "党组织"}
	cards := container.NewGridWithColumns(4)
	for i := range p.counts {
		t := canvas.NewText("0", jtheme.Accent)
		t.TextSize = 34
		t.TextStyle.Bold = true
		t.Alignment = fyne.TextAlignCenter
		p.counts[i] = t
		target := targets[i]
		open := widget.NewButton("查看"+target, func() { p.a.OpenTitled(target) })
		open.Importance = widget.LowImportance
		cards.Add(widget.NewCard("", names[i], container.NewVBox(t, open)))
	}

	state := func(o *data.Org) widget.Importance { return records.ElectionImportance(o.ElectionState(p.a.Today())) }
	p.due = widgets.ReadTable(func() []data.Org { return p.dueRows }, []widgets.Column[data.Org]{
		{Title: "状态", Width: 90, Importance: state, Text: func(o *data.Org) string { return records.ElectionText(o.ElectionState(p.a.Today())) }},
		{Title: "党组织", Width: 220, Importance: state, Text: func(o *data.Org) string { return o.Name }},
		{Title: "类型", Width: 110, Importance: state, Text: func(o *data.Org) string { return o.Kind }},
		{Title: "所属社区", Width: 110, Importance: state, Text: func(o *data.Org) string { return o.CommunityName }},
		{Title: "上次换届", Width: 110, Importance: state, Text: func(o *data.Org) string { return o.LastElection.String() }},
		{Title: "应换届", Width: 110, Importance: state, Text: func(o *data.Org) string { return o.ElectionDue().String() }},
	})
	p.due.OnSelected = func(c widget.TableCellID) {
		p.due.UnselectAll()
		if c.Row >= 0 && c.Row < len(p.dueRows) {
			p.a.showOrg(p.dueRows[c.Row].ID)
		}
	}
	p.dueNote = widget.NewLabel("")
	legend := container.NewHBox(
		coloured("■ 已逾期", widget.DangerImportance), coloured("■ 90 天内到期", widget.WarningImportance))
	dueTab := container.NewBorder(container.NewBorder(nil, nil, nil, legend, p.dueNote), nil, nil, nil, p.due)

	p.tabs = container.NewAppTabs(
		container.NewTabItem("换届提醒", dueTab),
		container.NewTabItem("各社区概况", p.summaryTable()),
		container.NewTabItem("图表", p.chartsTab()),
	)
	top := container.NewVBox(p.title, cards)
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, p.tabs))
}

// communityRow is one line of 各社区概况.
type communityRow = data.CommunityFigures

// summaryTable lists every community with its compounds, organisations,
// Party members and elections due; a row opens the community's compounds.
func (p *overviewPage) summaryTable() fyne.CanvasObject {
	due := func(r *communityRow) string {
		switch {
		case r.Overdue > 0 && r.Soon > 0:
			return fmt.Sprintf("%d 个逾期，%d 个将到期", r.Overdue, r.Soon)
		case r.Overdue > 0:
			return fmt.Sprintf("%d 个逾期", r.Overdue)
		case r.Soon > 0:
			return fmt.Sprintf("%d 个将到期", r.Soon)
		}
		return ""
	}
	dueColour := func(r *communityRow) widget.Importance {
		switch {
		case r.Overdue > 0:
			return widget.DangerImportance
		case r.Soon > 0:
			return widget.WarningImportance
		}
		return widget.MediumImportance
	}
	p.summary = widgets.ReadTable(func() []communityRow { return p.summaryRows }, []widgets.Column[communityRow]{
		{Title: "社区", Width: 120, Text: func(r *communityRow) string { return r.Community.Name }},
		{Title: "党组织书记", Width: 110, Text: func(r *communityRow) string { return r.Community.Secretary }},
		{Title: "户数", Width: 80, Text: func(r *communityRow) string { return r.Community.Households.String() }},
		{Title: "服务人口", Width: 90, Text: func(r *communityRow) string { return r.Community.Population.String() }},
		{Title: "小区", Width: 60, Text: func(r *communityRow) string { return fmt.Sprint(r.Compounds) }},
		{Title: "党组织", Width: 70, Text: func(r *communityRow) string { return fmt.Sprint(r.Orgs) }},
		{Title: "党员", Width: 70, Text: func(r *communityRow) string { return fmt.Sprint(r.Members.N) }},
		{Title: "换届提醒", Width: 200, Text: due, Importance: dueColour},
	})
	p.summary.OnSelected = func(c widget.TableCellID) {
		p.summary.UnselectAll()
		if c.Row >= 0 && c.Row < len(p.summaryRows) {
			p.a.showCompoundsOf(p.summaryRows[c.Row].Community.ID)
		}
	}
	export := widget.NewButtonWithIcon("导出 Excel…", theme.DownloadIcon(), p.exportSummary)
	export.Importance = widget.LowImportance
	bar := container.NewBorder(nil, nil, widget.NewLabel("点一行打开该社区的小区。"), export)
	return container.NewBorder(bar, nil, nil, nil, p.summary)
}

// exportSummary asks where to save 各社区概况.
func (p *overviewPage) exportSummary() {
	p.a.SaveFileDialogExt("各社区概况.xlsx", ".xlsx", p.exportSummaryTo)
}

// exportSummaryTo writes 各社区概况, as the store has it today, to path
// off the UI goroutine.
func (p *overviewPage) exportSummaryTo(path string) {
	st, today := p.a.Store(), p.a.Today()
	var n int
	p.a.RunBusy("正在导出各社区概况…", func(func(done, total int)) error {
		rows, err := st.CommunityOverview(today)
		if err != nil {
			return err
		}
		n = len(rows)
		return sheet.ExportOverview(path, rows)
	}, func() {
		p.a.SetStatus("已导出 %d 个社区的概况到 %s", n, path)
	})
}

// loadSummary reads the per-community figures and the charts' data off the
// UI goroutine (it reads every compound), after the first frame is drawn.
func (p *overviewPage) loadSummary(recs statsRecords) {
	st, today := p.a.Store(), p.a.Today()
	var d overviewData
	var err error
	p.a.Background(func() { d, err = loadOverviewData(st, recs, today) }, func() {
		if err != nil {
			p.a.SetStatus("无法统计各社区概况：%v", err)
			return
		}
		p.summaryRows = d.rows
		p.summary.Refresh()
		p.charts.show(d)
	})
}

func coloured(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = imp
	return l
}

func (p *overviewPage) Reload() {
	fs, err := loadFirstScreen(p.a.Store(), p.a.Today())
	if err != nil {
		p.a.ShowError("无法读取概览", err)
		return
	}
	p.show(fs)
	p.loadSummary(fs.recs)
}

// RefreshData shows the figures after another clerk's change.
func (p *overviewPage) RefreshData() { p.Reload() }

func (p *overviewPage) show(fs firstScreen) {
	o := fs.Overview
	name := fs.Settings.OfficeName
	if !fs.Settings.IsOffice() {
		if c, err := p.a.OwnCommunity(); err == nil {
			name = c.Name
		}
	}
	if name == "" {
		name = "家园"
	}
	p.title.SetText(name + " · 概览")
	for i, n := range []int64{int64(o.Communities), int64(o.Compounds), int64(o.Orgs), o.Members} {
		p.counts[i].Text = fmt.Sprint(n)
		p.counts[i].Refresh()
	}
	p.dueRows = append(append([]data.Org{}, o.ElectionsOverdue...), o.ElectionsSoon...)
	switch {
	case len(p.dueRows) == 0:
		p.dueNote.SetText("没有逾期或 90 天内到期的换届。")
	default:
		p.dueNote.SetText(fmt.Sprintf("%d 个党组织已逾期，%d 个将在 90 天内到期。点一行打开该党组织。",
			len(o.ElectionsOverdue), len(o.ElectionsSoon)))
	}
	p.tabs.Items[0].Text = fmt.Sprintf("换届提醒（%d）", len(p.dueRows))
	p.tabs.Refresh()
	p.due.Refresh()
}

// showOrg opens the Party organisation with id on its screen.
func (a *App) showOrg(id int64) {
	a.OpenTitled("党组织")
	if p, ok := a.currentPage().(interface{ Show(id int64) }); ok {
		p.Show(id)
	}
}

// showCompoundsOf opens 小区 filtered on one community.
func (a *App) showCompoundsOf(communityID int64) {
	a.OpenTitled("小区")
	if p, ok := a.currentPage().(interface{ ShowCommunity(id int64) }); ok {
		p.ShowCommunity(communityID)
	}
}

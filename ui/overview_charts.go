package ui

import (
	"fmt"
	"path/filepath"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/reports"
	"jiayuan/ui/documents"
	"jiayuan/ui/widgets"
)

// overviewData is what 概览's summary and charts are computed from, read
// once off the UI goroutine.
type overviewData struct {
	rows   []communityRow
	stats  data.Stats
	orgs   []data.Org
	months []data.MonthCount
	round  data.Round
	noms   []data.Nomination
}

// loadOverviewData takes the records the first screen read (the lean read:
// the fields the figures, the summary and the lists use) and computes the summary, the
// report's figures, the elections by month and the latest round's nominations.
func loadOverviewData(st *data.Store, recs statsRecords, today time.Time) (overviewData, error) {
	var d overviewData
	cs, xs, orgs := append([]data.Community(nil), recs.cs...), recs.xs, recs.orgs
	d.orgs = orgs
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Name < cs[j].Name })
	d.rows = data.CommunityFiguresOf(cs, xs, d.orgs, today)
	d.stats = data.ComputeStats(cs, xs, d.orgs, today)
	d.months = data.ElectionsByMonth(d.orgs, today)
	rs, err := st.Rounds()
	if err != nil {
		return d, err
	}
	if len(rs) > 0 {
		d.round = rs[0]
		if d.noms, err = st.Nominations(d.round.ID, data.NominationFilter{}); err != nil {
			return d, err
		}
	}
	return d, nil
}

// overviewCharts is the 图表 tab of 概览.
type overviewCharts struct {
	p                   *overviewPage
	d                   overviewData
	metric              *widget.Select
	byName              *widget.Check
	community, election *widgets.Chart
	months, noms        *widgets.Chart
	communityIDs        []int64
	electionIDs         []int64
	nomStates           []data.State
	box                 *fyne.Container
}

func (p *overviewPage) chartsTab() fyne.CanvasObject {
	c := &overviewCharts{p: p}
	p.charts = c
	var titles []string
	for _, m := range documents.CommunityMetrics {
		titles = append(titles, m.Title)
	}
	c.metric = widget.NewSelect(titles, func(string) { c.refresh() })
	c.metric.PlaceHolder = "（请选择指标）"
	c.metric.SetSelectedIndex(0)
	c.byName = widget.NewCheck("按社区名称排序", func(bool) { c.refresh() })
	c.community = widgets.NewChart(reports.Chart{}, c.openCommunity)
	c.election = widgets.NewChart(reports.Chart{}, c.openElection)
	c.months = widgets.NewChart(reports.Chart{}, c.openMonth)
	c.noms = widgets.NewChart(reports.Chart{}, c.openNominations)
	bar := container.NewHBox(widget.NewLabel("指标："), c.metric, c.byName)
	c.box = container.NewVBox(
		container.NewBorder(nil, nil, nil, c.saveButton(c.community), bar), c.community, widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, c.saveButton(c.election)), c.election, widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, c.saveButton(c.months)), c.months, widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, c.saveButton(c.noms)), c.noms,
	)
	hint := widget.NewLabel("点一个条形打开它所统计的记录。")
	return container.NewBorder(hint, nil, nil, nil, container.NewVScroll(c.box))
}

// show draws the charts of d.
func (c *overviewCharts) show(d overviewData) {
	c.d = d
	c.refresh()
}

func (c *overviewCharts) refresh() {
	if c.community == nil {
		return
	}
	key := documents.CommunityMetrics[max(0, c.metric.SelectedIndex())].Key
	var ch reports.Chart
	ch, c.communityIDs = documents.CommunityChart(c.d.stats, key, c.byName.Checked, documents.ChartRows)
	c.community.SetChart(ch)
	ch, c.electionIDs = documents.ElectionChart(c.d.stats, documents.ChartRows)
	c.election.SetChart(ch)
	c.months.SetChart(documents.MonthChart(c.d.months))
	if c.d.round.ID != 0 {
		ch, c.nomStates = documents.NominationChart(c.d.round, c.d.noms)
		if len(c.d.noms) == 0 {
			ch.Note = "这次评选还没有申报。"
		}
		c.noms.SetChart(ch)
	} else {
		c.noms.SetChart(reports.Chart{Title: "评选申报情况", Note: "还没有评选活动。"})
	}
	c.box.Refresh()
}

// saveButton saves the chart as PNG for slides.
func (c *overviewCharts) saveButton(w *widgets.Chart) *widget.Button {
	b := widget.NewButton("保存为图片", func() {
		m := w.Model()
		c.p.a.SaveFileDialogExt(m.Title+".png", ".png", func(path string) {
			if _, err := documents.WriteChartPNG(c.p.a.Store().Dir(), path, m); err != nil {
				c.p.a.ShowError("无法保存图表“"+m.Title+"”", err)
				return
			}
			c.p.a.SetStatus("已把图表“%s”保存到 %s", m.Title, filepath.Base(path))
		})
	})
	b.Importance = widget.LowImportance
	return b
}

// openCommunity opens the list a per-community bar counts.
func (c *overviewCharts) openCommunity(i, _ int) {
	if i >= len(c.communityIDs) {
		return
	}
	id := c.communityIDs[i]
	switch documents.CommunityMetrics[max(0, c.metric.SelectedIndex())].Key {
	case "compounds":
		c.p.a.showCompoundsOf(id)
	case "households":
		c.p.a.OpenTitled("社区")
		if pg, ok := c.p.a.currentPage().(interface{ Show(id int64) }); ok {
			pg.Show(id)
		}
	default:
		c.p.a.showOrgsOf(id)
	}
}

// openElection lists the community's organisations in the tapped state.
func (c *overviewCharts) openElection(i, series int) {
	if i >= len(c.electionIDs) {
		return
	}
	state := []string{data.ElectionOverdue, data.ElectionSoon}[series]
	var orgs []data.Org
	for _, o := range c.d.orgs {
		if o.CommunityID == c.electionIDs[i] && o.ElectionState(c.p.a.Today()) == state {
			orgs = append(orgs, o)
		}
	}
	m := c.election.Model()
	c.p.orgsDialog(fmt.Sprintf("%s：%s的党组织", m.Labels[i], m.Series[series].Name), orgs)
}

// openMonth lists the organisations due in the tapped month.
func (c *overviewCharts) openMonth(i, _ int) {
	if i >= len(c.d.months) {
		return
	}
	mc := c.d.months[i]
	var orgs []data.Org
	for _, o := range c.d.orgs {
		if due := o.ElectionDue(); !due.IsZero() && due.Year == mc.Year && due.Month == mc.Month {
			orgs = append(orgs, o)
		}
	}
	c.p.orgsDialog(fmt.Sprintf("%d年%d月应换届的党组织", mc.Year, mc.Month), orgs)
}

// openNominations lists the round's nominations in the tapped state and category.
func (c *overviewCharts) openNominations(i, series int) {
	if i >= len(c.nomStates) || series >= len(c.d.round.Categories) {
		return
	}
	cat := c.d.round.Categories[series]
	var noms []data.Nomination
	for _, n := range c.d.noms {
		if n.State == c.nomStates[i] && n.CategoryID == cat.ID {
			noms = append(noms, n)
		}
	}
	t := widgets.ReadTable(func() []data.Nomination { return noms }, []widgets.Column[data.Nomination]{
		{Title: "申报对象", Width: 220, Text: func(n *data.Nomination) string { return n.NomineeName }},
		{Title: "所属社区", Width: 140, Text: func(n *data.Nomination) string { return n.CommunityName }},
		{Title: "类别", Width: 160, Text: func(n *data.Nomination) string { return n.CategoryName }},
		{Title: "状态", Width: 100, Text: func(n *data.Nomination) string { return n.State.Label() }},
	})
	c.p.listDialog(fmt.Sprintf("%s：%s（%d 个）", cat.Name, c.nomStates[i].Label(), len(noms)), t)
}

// orgsDialog shows a list of organisations; a row opens the organisation.
func (p *overviewPage) orgsDialog(title string, orgs []data.Org) {
	var d dialog.Dialog
	t := widgets.ReadTable(func() []data.Org { return orgs }, []widgets.Column[data.Org]{
		{Title: "党组织", Width: 220, Text: func(o *data.Org) string { return o.Name }},
		{Title: "类型", Width: 110, Text: func(o *data.Org) string { return o.Kind }},
		{Title: "所属社区", Width: 120, Text: func(o *data.Org) string { return o.CommunityName }},
		{Title: "应换届", Width: 100, Text: func(o *data.Org) string { return o.ElectionDue().String() }},
	})
	t.OnSelected = func(c widget.TableCellID) {
		if c.Row >= 0 && c.Row < len(orgs) {
			d.Hide()
			p.a.showOrg(orgs[c.Row].ID)
		}
	}
	d = p.listDialog(fmt.Sprintf("%s（%d 个）", title, len(orgs)), t)
}

// listDialog shows a read-only list over the window; the last one is kept for tests.
func (p *overviewPage) listDialog(title string, list fyne.CanvasObject) dialog.Dialog {
	d := dialog.NewCustom(title, "关闭", list, p.a.Window())
	d.Resize(fyne.NewSize(680, 420))
	p.lastList = title
	d.Show()
	return d
}

// showOrgsOf opens 党组织 filtered on one community.
func (a *App) showOrgsOf(communityID int64) {
	a.OpenTitled("党组织")
	if p, ok := a.currentPage().(interface{ ShowCommunity(id int64) }); ok {
		p.ShowCommunity(communityID)
	}
}

package records

import (
	"jiayuan/data"
	"jiayuan/data/sheet"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// The 小区 screen: every compound (院落) of every community.
func NewCompoundsPage(a shell.Shell) *recordsPage[data.Compound] {
	var p *recordsPage[data.Compound]
	p = newRecordsPage(a, records[data.Compound]{
		entity:      data.EntityCompound,
		noun:        "小区",
		sheet:       "compounds",
		export:      sheet.ExportCompounds,
		cols:        compoundColumns(),
		id:          func(c *data.Compound) int64 { return c.ID },
		name:        func(c *data.Compound) string { return c.Name },
		search:      compoundSearch,
		communityOf: func(c *data.Compound) int64 { return c.CommunityID },
		load:        func() ([]data.Compound, error) { return a.Store().Compounds(0) },
		blank: func() data.Compound {
			return data.Compound{CommunityID: p.defaultCommunity()}
		},
		validate: a.Store().ValidateCompound,
		save:     a.Store().SaveCompound,
		get:      a.Store().Compound,
		fields: func(f *widgets.Form, c *data.Compound) {
			f.Section("基本信息")
			f.Entry("Name", "小区名称", &c.Name, "如 南湖尚景小区")
			f.Pick("CommunityID", "所属社区", a.CommunityOptions, &c.CommunityID, "")
			f.Choice("Kind", "类型", data.CompoundKinds, &c.Kind)
			f.Entry("Address", "地址", &c.Address, "")
			f.Number("YearBuilt", "建成年份", &c.YearBuilt, "如 2008")
			f.Count("Buildings", "楼栋数", &c.Buildings)
			f.Count("Households", "户数", &c.Households)
			f.Count("Residents", "居民人数", &c.Residents)
			f.Entry("GovernanceMethod", "治理方法", &c.GovernanceMethod, "如 “365”工作法")
			compoundBranch(a, f, c)
			f.Section("物业与业委会")
			f.Entry("PropertyCompany", "物业服务企业", &c.PropertyCompany, "")
			f.Entry("PropertyContact", "物业联系人", &c.PropertyContact, "")
			f.Entry("PropertyPhone", "物业电话", &c.PropertyPhone, "")
			f.Flag("OwnersCommittee", "业委会", "已成立业主委员会", &c.OwnersCommittee)
			f.Entry("CommitteeChair", "业委会主任", &c.CommitteeChair, "")
			f.Date("CommitteeFormed", "业委会成立时间", &c.CommitteeFormed)
			f.Section("其他")
			f.Multiline("Notes", "备注", &c.Notes)
		},
	})
	return p
}

func compoundColumns() []widgets.Column[data.Compound] {
	return []widgets.Column[data.Compound]{
		{Title: "小区名称", Width: 150, Text: func(c *data.Compound) string { return c.Name }},
		{Title: "所属社区", Width: 100, Text: func(c *data.Compound) string { return c.CommunityName }},
		{Title: "类型", Width: 80, Text: func(c *data.Compound) string { return c.Kind }},
		{Title: "建成", Width: 60, Text: func(c *data.Compound) string { return itoa(c.YearBuilt) },
			Num: func(c *data.Compound) float64 { return float64(c.YearBuilt) }},
		{Title: "户数", Width: 70, Text: func(c *data.Compound) string { return c.Households.String() },
			Num: func(c *data.Compound) float64 { return countNum(c.Households) }},
		{Title: "物业服务企业", Width: 150, Text: func(c *data.Compound) string { return c.PropertyCompany }},
		{Title: "业委会", Width: 60, Text: func(c *data.Compound) string { return yesNo(c.OwnersCommittee) }},
		{Title: "地址", Width: 220, Text: func(c *data.Compound) string { return c.Address }},
	}
}

// compoundSearch is what the search box looks in besides the columns shown:
// the people (committee chair, property contact) and the property's phone.
func compoundSearch(c *data.Compound) string {
	return c.Name + "\x00" + c.Address + "\x00" + c.CommitteeChair + "\x00" + c.PropertyContact + "\x00" +
		c.PropertyCompany + "\x00" + c.CommunityName + "\x00" + c.PropertyPhone
}

func yesNo(b bool) string {
	if b {
		return "有"
	}
	return "无"
}

// defaultCommunity is the community a new record starts in: the one filtered
// on, else a community copy's own.
func (p *recordsPage[T]) defaultCommunity() int64 {
	if id := p.selectedCommunity(); id != 0 {
		return id
	}
	return p.a.OwnCommunityID()
}

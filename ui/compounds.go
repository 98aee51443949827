package ui

import (
	"jiayuan/data"
	"jiayuan/data/sheet"
)

// The 小区 screen: every compound (院落) of every community.
func newCompoundsPage(a *App) *recordsPage[data.Compound] {
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
		load:        func() ([]data.Compound, error) { return a.store.Compounds(0) },
		blank: func() data.Compound {
			return data.Compound{CommunityID: p.defaultCommunity()}
		},
		validate: a.store.ValidateCompound,
		save:     a.store.SaveCompound,
		fields: func(f *form, c *data.Compound) {
			f.section("基本信息")
			f.entry("Name", "小区名称", &c.Name, "如 南湖尚景小区")
			f.pick("CommunityID", "所属社区", a.communityOptions, &c.CommunityID, "")
			f.choice("Kind", "类型", data.CompoundKinds, &c.Kind)
			f.entry("Address", "地址", &c.Address, "")
			f.number("YearBuilt", "建成年份", &c.YearBuilt, "如 2008")
			f.count("Buildings", "楼栋数", &c.Buildings)
			f.count("Households", "户数", &c.Households)
			f.count("Residents", "居民人数", &c.Residents)
			f.entry("GovernanceMethod", "治理方法", &c.GovernanceMethod, "如 “365”工作法")
			f.section("物业与业委会")
			f.entry("PropertyCompany", "物业服务企业", &c.PropertyCompany, "")
			f.entry("PropertyContact", "物业联系人", &c.PropertyContact, "")
			f.entry("PropertyPhone", "物业电话", &c.PropertyPhone, "")
			f.flag("OwnersCommittee", "业委会", "已成立业主委员会", &c.OwnersCommittee)
			f.entry("CommitteeChair", "业委会主任", &c.CommitteeChair, "")
			f.date("CommitteeFormed", "业委会成立时间", &c.CommitteeFormed)
			f.section("其他")
			f.multiline("Notes", "备注", &c.Notes)
		},
	})
	return p
}

func compoundColumns() []column[data.Compound] {
	return []column[data.Compound]{
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

// compoundSearch is the text the search box looks in: name, address, the
// people (committee chair, property contact) and the community.
func compoundSearch(c *data.Compound) string {
	return c.Name + "\x00" + c.Address + "\x00" + c.CommitteeChair + "\x00" + c.PropertyContact + "\x00" +
		c.PropertyCompany + "\x00" + c.CommunityName
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
	return p.a.ownCommunityID()
}

// communityOptions lists the communities for a picker.
func (a *App) communityOptions() []option {
	cs, err := a.store.Communities()
	if err != nil {
		return nil
	}
	out := make([]option, len(cs))
	for i, c := range cs {
		out[i] = option{ID: c.ID, Name: c.Name}
	}
	return out
}

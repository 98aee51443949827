package records

import (
	"strconv"

	"jiayuan/data"
	"jiayuan/data/sheet"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

// The 社区 screen: every community of the office, with its people,
// figures and named work method.
func NewCommunitiesPage(a shell.Shell) *recordsPage[data.Community] {
	return newRecordsPage(a, records[data.Community]{
		entity: data.EntityCommunity,
		noun:   "社区",
		sheet:  "communities",
		export: sheet.ExportCommunities,
		cols: []widgets.Column[data.Community]{
			{Title: "社区名称", Width: 130, Text: func(c *data.Community) string { return c.Name }},
			{Title: "党组织书记", Width: 100, Text: func(c *data.Community) string { return c.Secretary }},
			{Title: "书记电话", Width: 120, Text: func(c *data.Community) string { return c.SecretaryPhone }},
			{Title: "户数", Width: 80, Text: func(c *data.Community) string { return c.Households.String() },
				Num: func(c *data.Community) float64 { return countNum(c.Households) }},
			{Title: "服务人口", Width: 90, Text: func(c *data.Community) string { return c.Population.String() },
				Num: func(c *data.Community) float64 { return countNum(c.Population) }},
			{Title: "网格", Width: 60, Text: func(c *data.Community) string { return c.Grids.String() },
				Num: func(c *data.Community) float64 { return countNum(c.Grids) }},
			{Title: "成立时间", Width: 100, Text: func(c *data.Community) string { return widgets.DateText(c.Founded) }},
			{Title: "工作法", Width: 150, Text: func(c *data.Community) string { return c.WorkMethod }},
			{Title: "地址", Width: 240, Text: func(c *data.Community) string { return c.Address }},
		},
		id:   func(c *data.Community) int64 { return c.ID },
		name: func(c *data.Community) string { return c.Name },
		search: func(c *data.Community) string {
			return c.Name + "\x00" + c.Address + "\x00" + c.Secretary + "\x00" + c.Director + "\x00" + c.WorkMethod +
				"\x00" + c.DivisionCode + "\x00" + c.SecretaryPhone + "\x00" + c.DirectorPhone
		},
		load:     a.Store().Communities,
		blank:    func() data.Community { return data.Community{} },
		validate: a.Store().ValidateCommunity,
		save:     a.Store().SaveCommunity,
		get:      a.Store().Community,
		fields:   communityFields,
	})
}

func communityFields(f *widgets.Form, c *data.Community) {
	f.Section("基本信息")
	f.Entry("Name", "社区名称", &c.Name, "如 滨江社区")
	f.Entry("DivisionCode", "区划代码", &c.DivisionCode, "12 位统计用区划代码")
	f.Date("Founded", "成立时间", &c.Founded)
	f.Entry("Area", "面积（平方公里）", &c.Area, "如 2.35")
	f.Count("Households", "户数", &c.Households)
	f.Count("Population", "服务人口", &c.Population)
	f.Count("Grids", "网格数", &c.Grids)
	f.Entry("Address", "地址", &c.Address, "")
	f.Entry("WorkMethod", "工作法", &c.WorkMethod, "如 一干三支")
	f.Section("负责人")
	f.Entry("Secretary", "党组织书记", &c.Secretary, "")
	f.Entry("SecretaryPhone", "书记电话", &c.SecretaryPhone, "")
	f.Entry("Director", "居委会主任", &c.Director, "")
	f.Entry("DirectorPhone", "主任电话", &c.DirectorPhone, "")
	f.Section("资源与活动")
	f.Count("SocialOrgs", "社会组织", &c.SocialOrgs)
	f.Count("SelfOrgs", "居民自组织", &c.SelfOrgs)
	f.Count("VolunteerTeams", "志愿服务队", &c.VolunteerTeams)
	f.Count("Enterprises", "辖区企业", &c.Enterprises)
	f.Count("OfficeBuildings", "商务楼宇", &c.OfficeBuildings)
	f.Count("BusinessStreets", "商业街区", &c.BusinessStreets)
	f.Count("Incubators", "孵化器", &c.Incubators)
	f.Count("Activities", "年活动场次", &c.Activities)
	f.Section("其他")
	f.Multiline("Notes", "备注", &c.Notes)
}

// countNum sorts an unknown count before every known one.
func countNum(c data.Count) float64 {
	if !c.Set {
		return -1
	}
	return float64(c.N)
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

package data

import (
	"errors"
	"fmt"
)

// demoSteps add further demo data (selection rounds, say) after the records,
// in the same transaction. Other files of the package append to it from init.
var demoSteps []func(tx *Tx) error

// ErrNotEmpty refuses demo data over real records.
var ErrNotEmpty = errors.New("数据库里已经有记录")

// LoadDemo fills an empty store with demo data taken from the seed (华阳街道's
// 2021 selection): settings, communities, compounds and Party organisations,
// all marked as demo data, in one transaction.
func LoadDemo(st *Store) error {
	empty, err := st.Empty()
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("%w，演示数据只能装入空的数据目录", ErrNotEmpty)
	}
	settings := Settings{
		OfficeName:    "华阳街道",
		Role:          RoleOffice,
		Operator:      "演示管理员",
		IssuingUnit:   "四川天府新区华阳街道办事处",
		CertIssuer:    "成都市城乡社区发展治理工作领导小组办公室",
		Hotline:       "96110",
		Address:       "四川天府新区华阳街道华阳大道一段（演示地址）",
		ContactPerson: "张敏（演示）",
		ContactPhone:  "028-85600000",
		Demo:          "1",
		// The decision goes out jointly under the 党工委 and the 办事处.
		Organs:            "中共华阳街道工作委员会|华阳街道党工委发\n华阳街道办事处|华阳街道办发",
		DecisionAddressee: "各社区党委、居委会：",
		CopyTo:            "天府新区党工委组织部，天府新区社区发展治理和社会保障局",
		PrintedBy:         "华阳街道党政办公室",
	}
	if err := st.SaveSettings(settings); err != nil {
		return err
	}
	if st.Operator == "" {
		st.Operator = settings.Operator
	}
	return st.Write(func(tx *Tx) error {
		if err := demoRecords(tx); err != nil {
			return err
		}
		for _, step := range demoSteps {
			if err := step(tx); err != nil {
				return err
			}
		}
		return nil
	})
}

func demoRecords(tx *Tx) error {
	communities := []Community{
		{Name: "滨江社区", DivisionCode: "510116005001", Founded: Date{2010, 6, 0}, Area: "2.6",
			Households: Exact(12800), Population: About(36000), Grids: Exact(24),
			Secretary: "李华（演示）", SecretaryPhone: "028-85611001", Director: "王芳（演示）", DirectorPhone: "028-85611002",
			Address: "华阳街道滨江路（演示地址）", WorkMethod: "一干三支",
			SocialOrgs: Exact(16), SelfOrgs: Exact(12), VolunteerTeams: Exact(9), Enterprises: Exact(5), Activities: About(100),
			Notes: "基层党建为“干”，多元协同、社区营造、文化服务为“支”；社区美空间十余处。"},
		{Name: "龙河社区", DivisionCode: "510116005002", Founded: Date{2015, 8, 0}, Area: "3.1",
			Households: Exact(41000), Population: About(140000), Grids: Exact(38),
			Secretary: "陈刚（演示）", SecretaryPhone: "028-85622001", Director: "刘洋（演示）", DirectorPhone: "13800000002",
			Address: "华阳街道龙河路（演示地址）", WorkMethod: "红领社企共同体",
			SocialOrgs: Exact(8), SelfOrgs: Exact(10), VolunteerTeams: Exact(36), Enterprises: Exact(1500),
			OfficeBuildings: Exact(6), BusinessStreets: Exact(2), Incubators: Exact(2), Activities: About(120),
			Notes: "服务人口14万余人；商圈联盟18家商企；36支志愿服务队联合86家企业。"},
		{Name: "通济社区", DivisionCode: "510116005003", Founded: Date{2004, 3, 0}, Households: Exact(6500),
			Population: Exact(18000), Grids: Exact(12), Secretary: "赵敏（演示）", SecretaryPhone: "028-85633001",
			Address: "华阳街道通济桥路（演示地址）", SocialOrgs: Exact(6), SelfOrgs: Exact(5), VolunteerTeams: Exact(7)},
		{Name: "华新社区", DivisionCode: "510116005004", Founded: Date{2008, 11, 20}, Households: Exact(9200),
			Population: Exact(25000), Grids: Exact(16), Secretary: "孙丽（演示）", SecretaryPhone: "13900000004",
			Address: "华阳街道华新路（演示地址）", SocialOrgs: Exact(9), SelfOrgs: Exact(7), VolunteerTeams: Exact(11)},
	}
	ids := map[string]int64{}
	for i := range communities {
		c := &communities[i]
		c.Demo = true
		if err := tx.SaveCommunity(c); err != nil {
			return err
		}
		ids[c.Name] = c.ID
	}
	type cp struct {
		community, name, kind string
		year                  int
		households            int64
		method                string
		committee             bool
	}
	compounds := []cp{
		{"滨江社区", "南湖尚景小区", "商品房", 2012, 1860, "党建引领“邻里荟”议事", true},
		{"滨江社区", "滨江花园小区", "商品房", 2009, 1240, "", true},
		{"滨江社区", "锦江苑小区", "商品房", 2011, 960, "", false},
		{"滨江社区", "河池院落", "老旧院落", 1996, 180, "院落自治", false},
		{"滨江社区", "滨河安置小区", "安置小区", 2014, 1520, "", false},
		{"龙河社区", "龙河湾小区", "商品房", 2016, 2100, "“365”小区治理工作法", true},
		{"龙河社区", "蓝润城小区", "商品房", 2017, 2600, "“365”小区治理工作法", true},
		{"龙河社区", "龙湖时代小区", "商品房", 2018, 1980, "", true},
		{"龙河社区", "华府花园小区", "商品房", 2015, 1430, "", false},
		{"龙河社区", "龙河安置小区", "安置小区", 2016, 1750, "", false},
		{"龙河社区", "天府家园小区", "商品房", 2019, 1200, "", false},
		{"龙河社区", "供电局宿舍院落", "单位院落", 1998, 160, "", false},
		{"通济社区", "通济桥院落", "老旧院落", 1992, 210, "", false},
		{"华新社区", "华新花园小区", "商品房", 2010, 880, "", true},
	}
	compoundIDs := map[string]int64{}
	for _, x := range compounds {
		c := &Compound{CommunityID: ids[x.community], Name: x.name, Kind: x.kind, YearBuilt: x.year,
			Households: Exact(x.households), Residents: Exact(x.households * 3), GovernanceMethod: x.method,
			OwnersCommittee: x.committee, Address: x.community + "辖区（演示地址）", Demo: true}
		if x.committee {
			c.CommitteeFormed = Date{x.year + 3, 5, 0}
		}
		if x.kind == "商品房" {
			c.PropertyCompany = "演示物业服务有限公司"
			c.PropertyPhone = "028-85690000"
		}
		if err := tx.SaveCompound(c); err != nil {
			return err
		}
		compoundIDs[x.name] = c.ID
	}
	// Each organisation's secretary (a community committee's is the
	// community's secretary), marked as demo people are.
	type og struct {
		community, name, kind, parent, compound string
		members                                 int64
		founded, elected                        Date
		secretary                               string
	}
	orgs := []og{
		{"滨江社区", "中共滨江社区委员会", OrgCommunityCommittee, "", "", 286, Date{2010, 6, 0}, Date{2021, 11, 0}, "李华（演示）"},
		{"滨江社区", "南湖尚景小区党支部", OrgCompoundBranch, "中共滨江社区委员会", "南湖尚景小区", 42, Date{2018, 4, 0}, Date{2023, 12, 15}, "杨建华（演示）"},
		{"滨江社区", "第一党小组", OrgGroup, "南湖尚景小区党支部", "南湖尚景小区", 14, Date{2018, 4, 0}, Date{}, "黄丽萍（演示）"},
		{"滨江社区", "滨江花园小区党支部", OrgCompoundBranch, "中共滨江社区委员会", "滨江花园小区", 31, Date{2018, 4, 0}, Date{2023, 4, 10}, "周永红（演示）"},
		{"滨江社区", "锦江苑小区党支部", OrgCompoundBranch, "中共滨江社区委员会", "锦江苑小区", 19, Date{2019, 3, 0}, Date{2022, 3, 8}, "吴国庆（演示）"},
		{"滨江社区", "河池滨河联合党支部", OrgJointBranch, "中共滨江社区委员会", "", 23, Date{2019, 6, 0}, Date{2024, 2, 26}, "徐春梅（演示）"},
		{"龙河社区", "中共龙河社区委员会", OrgCommunityCommittee, "", "", 346, Date{2015, 8, 0}, Date{2021, 12, 0}, "陈刚（演示）"},
		{"龙河社区", "龙河社区两新党委", OrgNewCommittee, "", "", 96, Date{2019, 7, 0}, Date{2022, 7, 1}, "马俊（演示）"},
		{"龙河社区", "蓝润商圈两新联合支部", OrgNewJointBranch, "龙河社区两新党委", "", 38, Date{2020, 5, 0}, Date{2023, 5, 20}, "朱晓燕（演示）"},
		{"龙河社区", "龙河湾小区党支部", OrgCompoundBranch, "中共龙河社区委员会", "龙河湾小区", 27, Date{2017, 9, 0}, Date{2023, 3, 1}, "胡志刚（演示）"},
		{"龙河社区", "蓝润城小区党支部", OrgCompoundBranch, "中共龙河社区委员会", "蓝润城小区", 33, Date{2018, 3, 0}, Date{2024, 1, 12}, "郭明（演示）"},
		{"龙河社区", "龙湖时代小区党支部", OrgCompoundBranch, "中共龙河社区委员会", "龙湖时代小区", 21, Date{2019, 1, 0}, Date{2024, 1, 20}, "林秀英（演示）"},
		{"龙河社区", "华府花园小区党支部", OrgCompoundBranch, "中共龙河社区委员会", "华府花园小区", 18, Date{2018, 6, 0}, Date{2021, 6, 18}, "罗建平（演示）"},
		{"龙河社区", "龙河安置小区党支部", OrgCompoundBranch, "中共龙河社区委员会", "龙河安置小区", 25, Date{2018, 6, 0}, Date{2024, 6, 5}, "梁德明（演示）"},
		{"龙河社区", "天府家园小区党支部", OrgCompoundBranch, "中共龙河社区委员会", "天府家园小区", 12, Date{2020, 10, 0}, Date{2023, 11, 30}, "宋玉兰（演示）"},
		{"龙河社区", "供电局宿舍院落党支部", OrgCompoundBranch, "中共龙河社区委员会", "供电局宿舍院落", 9, Date{2018, 6, 0}, Date{2023, 12, 28}, "唐永福（演示）"},
		{"通济社区", "中共通济社区委员会", OrgCommunityCommittee, "", "", 158, Date{2004, 3, 0}, Date{2021, 10, 0}, "赵敏（演示）"},
		{"华新社区", "中共华新社区委员会", OrgCommunityCommittee, "", "", 203, Date{2008, 11, 0}, Date{2021, 10, 0}, "孙丽（演示）"},
	}
	orgIDs := map[string]int64{}
	for _, x := range orgs {
		o := &Org{CommunityID: ids[x.community], Name: x.name, Kind: x.kind, Members: Exact(x.members),
			Founded: x.founded, LastElection: x.elected, TermYears: DefaultTermYears(x.kind), Demo: true,
			Secretary: x.secretary}
		if x.parent != "" {
			id := orgIDs[x.parent]
			o.ParentID = &id
		}
		if x.compound != "" {
			id := compoundIDs[x.compound]
			o.CompoundID = &id
		}
		if err := tx.SaveOrg(o); err != nil {
			return err
		}
		orgIDs[x.name] = o.ID
	}
	return nil
}

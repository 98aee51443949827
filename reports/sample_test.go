package reports

import (
	"fmt"
	"time"
)

// sampleNotice is a realistic notice with n named objects in two categories.
func sampleNotice(n int) NoticeDoc {
	doc := NoticeDoc{
		Title: "关于2021年度党建引领百佳示范社区和百佳示范小区拟命名对象的公示",
		Body: []string{
			"根据《关于开展2021年度党建引领百佳示范社区和百佳示范小区评选工作的通知》要求，经社区申报、街道初审、实地查看和评审委员会评审，拟命名滨江社区等为“2021年度党建引领百佳示范社区”，南湖尚景小区等为“2021年度党建引领百佳示范小区”。现将拟命名对象予以公示，公示期为2021年12月6日至2021年12月10日（5个工作日）。",
			"一、公示范围。公示对象为本街道辖区内经评审拟命名的社区和小区，名单附后。",
			"（一）社区类。共有社区参加评选，评审采用百分制，按得分由高到低确定拟命名对象。",
		},
		Objection: []string{
			"公示期间，如对拟命名对象有异议，可通过来电、来信、来访等方式向街道党工委反映。反映情况应实事求是，以单位名义反映的须加盖公章，以个人名义反映的须署真实姓名并提供联系方式（电话：028-85123456），以便核实。",
		},
		Contact: []string{
			"联系人：王晓明  联系电话：028-85123456",
			"地址：成都市高新区华阳街道天府大道南段1088号党群服务中心3楼",
		},
		Issuer: "中共成都市华阳街道工作委员会",
		Date:   time.Date(2021, 12, 6, 0, 0, 0, 0, time.Local),
	}
	var g1, g2 ListGroup
	g1.Heading = "一、党建引领百佳示范社区"
	g2.Heading = "二、党建引领百佳示范小区"
	for i := 0; i < n; i++ {
		if i%3 == 0 {
			g1.Items = append(g1.Items, ListItem{Name: fmt.Sprintf("华阳街道第%d社区", i+1)})
		} else {
			g2.Items = append(g2.Items, ListItem{Name: fmt.Sprintf("南湖尚景%d期小区", i+1), Community: "滨江社区"})
		}
	}
	g1.Heading += fmt.Sprintf("（%d个）", len(g1.Items))
	g2.Heading += fmt.Sprintf("（%d个）", len(g2.Items))
	doc.Groups = []ListGroup{g1, g2}
	return doc
}

package data

import (
	"fmt"
	"time"

	"jiayuan/data/score"
)

func init() { demoSteps = append(demoSteps, demoRounds) }

// demoRounds adds the 2021 round from the seed (滨江社区 and 龙河社区 named
// 百佳示范社区, 南湖尚景小区 named 百佳示范小区, others not selected, one
// objection not upheld) and an open 2022 round in the scoring stage. Each
// step is stamped on a day of its round (demoAt), not on the day the demo is
// loaded: nominations are saved and submitted before the deadline, checked
// and scored after it, so the nominations, their snapshots and the audit
// trail tell the round's story in order.
func demoRounds(tx *Tx) error {
	loaded := tx.at
	defer func() { tx.at = loaded }()
	if err := demoRound2021(tx); err != nil {
		return fmt.Errorf("演示数据（2021年度评选）：%w", err)
	}
	if err := demoRound2022(tx); err != nil {
		return fmt.Errorf("演示数据（2022年度评选）：%w", err)
	}
	return nil
}

type demoNominee struct {
	name       string
	community  string // for a compound: its community
	compound   bool
	methods    string // 主要做法
	highlights string // 特色亮点
	pct        []int  // per reviewer, percent of each criterion's maximum
}

// demoAt stamps what follows in the demo's transaction as done on day d at
// hour (local time), as the transaction's own time would be.
func demoAt(tx *Tx, d Date, hour int) {
	tx.at = time.Date(d.Year, time.Month(d.Month), d.Day, hour, 0, 0, 0, time.Local).Format(time.RFC3339)
}

// demoDates are the days a demo round's steps are stamped with.
type demoDates struct {
	opened    Date // the round and its panel are set up
	submitted Date // the first nomination is submitted; each next one a day later
	checked   Date // 资格初审 passed and sent to review (after the deadline)
	scored    Date // the panel's sheets
}

var demoReviewers = []Reviewer{
	{Name: "周建国（演示）", Unit: "天府新区社区治理和社会事业局", Phone: "028-85700001"},
	{Name: "吴晓梅（演示）", Unit: "天府新区党工委组织部", Phone: "028-85700002"},
	{Name: "郑立新（演示）", Unit: "四川大学公共管理学院", Phone: "028-85700003"},
	{Name: "冯蓉（演示）", Unit: "华阳街道党工委", Phone: "028-85700004"},
	{Name: "何志强（演示）", Unit: "天府新区民政和社会事务局", Phone: "028-85700005"},
}

func demoLookup(tx *Tx, nm demoNominee) (communityID int64, compoundID *int64, err error) {
	comm := nm.name
	if nm.compound {
		comm = nm.community
	}
	if err := tx.q.Get(&communityID, `SELECT id FROM communities WHERE name = ? AND deleted_at IS NULL`, comm); err != nil {
		return 0, nil, fmt.Errorf("找不到社区“%s”：%w", comm, err)
	}
	if nm.compound {
		var id int64
		if err := tx.q.Get(&id, `SELECT id FROM compounds WHERE name = ? AND community_id = ? AND deleted_at IS NULL`, nm.name, communityID); err != nil {
			return 0, nil, fmt.Errorf("找不到小区“%s”：%w", nm.name, err)
		}
		compoundID = &id
	}
	return communityID, compoundID, nil
}

// demoSheet scores every criterion at pct percent of its maximum, rounded
// down to half points.
func demoSheet(r Round, pct int) CriterionScores {
	out := CriterionScores{}
	for _, c := range r.Criteria {
		h := c.Max.Hundredths() * int64(pct) / 100
		out[c.ID] = score.FromHundredths(h - h%50)
	}
	return out
}

// demoSetup saves the round, its panel and the nominations, taken as far as
// 评审中, each step on its day of dd.
func demoSetup(tx *Tx, r *Round, dd demoDates, nominees []demoNominee) ([]Reviewer, []Nomination, error) {
	demoAt(tx, dd.opened, 9)
	if err := tx.saveRound(r, asOffice); err != nil {
		return nil, nil, err
	}
	var revs []Reviewer
	for _, v := range demoReviewers {
		v.RoundID = r.ID
		if err := tx.saveReviewer(&v, asOffice); err != nil {
			return nil, nil, err
		}
		revs = append(revs, v)
	}
	var noms []Nomination
	for i, nm := range nominees {
		cid, xid, err := demoLookup(tx, nm)
		if err != nil {
			return nil, nil, err
		}
		day := dd.submitted.Time().AddDate(0, 0, i)
		demoAt(tx, DateOf(day), 10)
		n := Nomination{RoundID: r.ID, CommunityID: cid, CompoundID: xid, Demo: true,
			Methods: nm.methods, Highlights: nm.highlights, Contact: "社区党委办公室（演示）", ContactPhone: "028-85611000",
			Opinion: "经社区党委会议研究，同意推荐。", SelfScores: demoSheet(*r, 95)}
		n.CategoryID = r.Categories[0].ID
		if nm.compound {
			n.CategoryID = r.Categories[1].ID
		}
		if err := tx.saveNomination(&n, asOffice); err != nil {
			return nil, nil, err
		}
		if _, err := tx.transition(n.ID, ActSubmit, "", asOffice, tOpts{}); err != nil {
			return nil, nil, err
		}
		noms = append(noms, n)
	}
	demoAt(tx, dd.checked, 15)
	for _, n := range noms {
		for _, a := range []Action{ActPass, ActReview} {
			if _, err := tx.transition(n.ID, a, "", asOffice, tOpts{}); err != nil {
				return nil, nil, err
			}
		}
	}
	demoAt(tx, dd.scored, 14)
	return revs, noms, nil
}

func demoScore(tx *Tx, r Round, revs []Reviewer, n Nomination, pct []int) error {
	for i, p := range pct {
		if p == 0 {
			continue // not scored yet
		}
		sh := ScoreSheet{NominationID: n.ID, ReviewerID: revs[i].ID, Scores: demoSheet(r, p)}
		if err := tx.saveScoreSheet(&sh, asOffice); err != nil {
			return err
		}
	}
	return nil
}

func demoRound2021(tx *Tx) error {
	r := NewRound(2021)
	r.Demo = true
	r.Deadline = Date{2021, 10, 29}
	r.Notes = "演示数据，据《华阳社区报》2021年度“双百佳”报道编写。"
	nominees := []demoNominee{
		{name: "滨江社区", pct: []int{94, 92, 95, 90, 93},
			methods: "探索“一干三支”工作法。以基层党建为“干”：成立21个小区党支部（联合支部）、19个党小组，深化涵盖5个在地企事业单位的区域化党建；" +
				"以多元协同、社区营造、文化服务为“支”：孵化社区社会组织16个、居民自组织12个，建立“自治委员会”，整合网格员、志愿者、楼栋长、物业等力量。",
			highlights: "明确“水润华阳、生态滨江”定位，沿锦江打造拾光公园、元气港、滨江驿、通济园等社区美空间十余处，" +
				"举办“忆·乡心、河池文化”等系列活动，实现从河边田园到公园社区的蜕变。"},
		{name: "龙河社区", pct: []int{92, 93, 90, 91, 94},
			methods: "以“红领社企共同体”理念，从强化组织、创立机制、提升服务、丰富活动四个方面盘活社企资源：" +
				"建立党群共治、商居互哺、社企共荣三大机制，联动18家商企建立商圈联盟，探索“365”小区治理工作法。",
			highlights: "联合86家企业成立36支特色志愿服务队，常态化开展环保、急救等12类服务项目，服务居民1万余人次；" +
				"蓝润商圈2021年获评四川省“第二批两新党建示范楼宇”。"},
		{name: "通济社区", pct: []int{85, 86, 84, 88, 83},
			methods:    "老旧院落“院落议事会”自治：院落党小组牵头，居民议定院落公约和改造事项。",
			highlights: "院落微更新由居民投票确定改造项目，改造后逐户回访。"},
		{name: "华新社区", pct: []int{82, 80, 84, 81, 83},
			methods:    "网格化服务：16个网格配备专职网格员，居民自组织参与治理。",
			highlights: "组建志愿服务队11支，开展邻里互助和关爱独居老人活动。"},
		{name: "南湖尚景小区", community: "滨江社区", compound: true, pct: []int{93, 95, 92, 94, 91},
			methods:    "党建引领“邻里荟”议事：小区党支部牵头，业委会、物业、党支部三方协同，定期议事解决停车、绿化等小区事务。",
			highlights: "打造“南湖尚景·邻里荟”睦邻空间，为居民提供议事、阅读和活动场所。"},
		{name: "龙河湾小区", community: "龙河社区", compound: true, pct: []int{88, 87, 90, 86, 89},
			methods:    "“365”小区治理工作法：提升党建引领力、居民自治力、服务保障力、文化凝聚力、法治约束力。",
			highlights: "商圈联盟商家常态化开展便民服务进小区。"},
		{name: "华新花园小区", community: "华新社区", compound: true, pct: []int{80, 82, 79, 81, 83},
			methods:    "推行楼栋长制度：每栋推选楼栋长，收集居民诉求、组织邻里互助。",
			highlights: "党员与高龄老人结对帮扶，每年举办邻里节。"},
	}
	dd := demoDates{opened: Date{2021, 9, 1}, submitted: Date{2021, 10, 11}, checked: Date{2021, 11, 3}, scored: Date{2021, 11, 17}}
	revs, noms, err := demoSetup(tx, &r, dd, nominees)
	if err != nil {
		return err
	}
	for i, n := range noms {
		if err := demoScore(tx, r, revs, n, nominees[i].pct); err != nil {
			return err
		}
	}
	demoAt(tx, Date{2021, 11, 24}, 16)
	chosen := map[string]bool{"滨江社区": true, "龙河社区": true, "南湖尚景小区": true}
	for _, n := range noms {
		act := ActReject
		if chosen[n.NomineeName] {
			act = ActPropose
		}
		if _, err := tx.transition(n.ID, act, "", asOffice, tOpts{}); err != nil {
			return err
		}
	}
	demoAt(tx, Date{2021, 11, 29}, 9)
	if _, err := tx.startNotice(r.ID, Date{2021, 11, 29}, asOffice); err != nil {
		return err
	}
	var longhe Nomination
	for _, n := range noms {
		if n.NomineeName == "龙河社区" {
			longhe = n
		}
	}
	o := Objection{NominationID: longhe.ID, Received: Date{2021, 12, 1}, Channel: ChannelPhone, FromKind: FromPerson,
		FromName: "居民刘某（演示）", Content: "反映辖区某商业街夜间噪音扰民，认为不宜命名。", Demo: true}
	demoAt(tx, Date{2021, 12, 1}, 11)
	if err := tx.saveObjection(&o, asOffice); err != nil {
		return err
	}
	demoAt(tx, Date{2021, 12, 3}, 17)
	o.CheckNotes = "经实地查看并走访商户，噪音问题已由商圈联盟协调整改，不影响命名条件。"
	o.Outcome, o.OutcomeDate = OutcomeRejected, Date{2021, 12, 3}
	if err := tx.saveObjection(&o, asOffice); err != nil {
		return err
	}
	demoAt(tx, Date{2021, 12, 10}, 10)
	if err := tx.nameAll(r.ID, "", asOffice); err != nil {
		return err
	}
	_, err = tx.q.Exec(`UPDATE rounds SET named_on = '2021-12-10' WHERE id = ?`, r.ID)
	return err
}

func demoRound2022(tx *Tx) error {
	r := NewRound(2022)
	r.Demo = true
	r.Deadline = Date{2022, 10, 28}
	r.Notes = "演示数据：评审进行中。"
	nominees := []demoNominee{
		{name: "通济社区", pct: []int{88, 86, 0, 87, 0},
			methods:    "老旧院落改造中的“居民点单、社区派单”：居民提出需求，社区统筹派单，院落议事会监督落实。",
			highlights: "改造事项由院落议事会表决，完工后由居民验收评议。"},
		{name: "华新社区", pct: []int{84, 85, 83, 0, 0},
			methods:    "打造“华新邻里节”社区文化品牌，以文化活动凝聚居民。",
			highlights: "邻里节由居民自组织承办文艺、美食、义诊等活动。"},
		{name: "滨河安置小区", community: "滨江社区", compound: true, pct: []int{90, 0, 89, 0, 0},
			methods:    "安置小区党建引领自治，成立居民议事会，共同制定小区公约。",
			highlights: "议事会协商化解物业费、停车等矛盾，安置居民参与小区管理。"},
		{name: "蓝润城小区", community: "龙河社区", compound: true, pct: []int{0, 0, 0, 0, 0},
			methods:    "“365”小区治理工作法，党支部、业委会、物业联席议事。",
			highlights: "小区党支部联合蓝润商圈开展便民服务进小区。"},
	}
	dd := demoDates{opened: Date{2022, 9, 1}, submitted: Date{2022, 10, 10}, checked: Date{2022, 11, 2}, scored: Date{2022, 11, 4}}
	revs, noms, err := demoSetup(tx, &r, dd, nominees)
	if err != nil {
		return err
	}
	// 冯蓉 also works for 滨江社区: recused from it and its compounds.
	var binjiang int64
	if err := tx.q.Get(&binjiang, `SELECT id FROM communities WHERE name = '滨江社区' AND deleted_at IS NULL`); err != nil {
		return err
	}
	if err := tx.addConflict(&Conflict{ReviewerID: revs[3].ID, CommunityID: &binjiang, Reason: "在滨江社区兼职（演示）"}, &asOffice); err != nil {
		return err
	}
	for i, n := range noms {
		if err := demoScore(tx, r, revs, n, nominees[i].pct); err != nil {
			return err
		}
	}
	return nil
}

package data

import (
	"fmt"

	"jiayuan/data/score"
)

func init() { demoSteps = append(demoSteps, demoRounds) }

// demoRounds adds the 2021 round from the seed (滨江社区 and 龙河社区 named
// 百佳示范社区, 南湖尚景小区 named 百佳示范小区, others not selected, one
// objection not upheld) and an open 2022 round in the scoring stage.
func demoRounds(tx *Tx) error {
	if err := demoRound2021(tx); err != nil {
		return fmt.Errorf("演示数据（2021年度评选）：%w", err)
	}
	if err := demoRound2022(tx); err != nil {
		return fmt.Errorf("演示数据（2022年度评选）：%w", err)
	}
	return nil
}

type demoNominee struct {
	name      string
	community string // for a compound: its community
	compound  bool
	methods   string
	pct       []int // per reviewer, percent of each criterion's maximum
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

// demoSetup saves the round, its panel and the nominations, taken as far as 评审中.
func demoSetup(tx *Tx, r *Round, nominees []demoNominee) ([]Reviewer, []Nomination, error) {
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
	for _, nm := range nominees {
		cid, xid, err := demoLookup(tx, nm)
		if err != nil {
			return nil, nil, err
		}
		n := Nomination{RoundID: r.ID, CommunityID: cid, CompoundID: xid, Demo: true,
			Methods: nm.methods, Highlights: nm.methods, Contact: "社区党委办公室（演示）", ContactPhone: "028-85611000",
			Opinion: "经社区党委会议研究，同意推荐。", SelfScores: demoSheet(*r, 95)}
		n.CategoryID = r.Categories[0].ID
		if nm.compound {
			n.CategoryID = r.Categories[1].ID
		}
		if err := tx.saveNomination(&n, asOffice); err != nil {
			return nil, nil, err
		}
		for _, a := range []Action{ActSubmit, ActPass, ActReview} {
			if _, err := tx.transition(n.ID, a, "", asOffice, tOpts{}); err != nil {
				return nil, nil, err
			}
		}
		noms = append(noms, n)
	}
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
		{name: "滨江社区", methods: "“一干三支”工作法：以基层党建为“干”，多元协同、社区营造、文化服务为“支”。", pct: []int{94, 92, 95, 90, 93}},
		{name: "龙河社区", methods: "“红领社企共同体”：联合辖区1500家企业，组建商圈联盟和36支志愿服务队。", pct: []int{92, 93, 90, 91, 94}},
		{name: "通济社区", methods: "老旧院落“院落议事会”自治。", pct: []int{85, 86, 84, 88, 83}},
		{name: "华新社区", methods: "网格化服务，居民自组织参与治理。", pct: []int{82, 80, 84, 81, 83}},
		{name: "南湖尚景小区", community: "滨江社区", compound: true, methods: "党建引领“邻里荟”议事，业委会、物业、党支部三方协同。", pct: []int{93, 95, 92, 94, 91}},
		{name: "龙河湾小区", community: "龙河社区", compound: true, methods: "“365”小区治理工作法。", pct: []int{88, 87, 90, 86, 89}},
		{name: "华新花园小区", community: "华新社区", compound: true, methods: "楼栋长制度，邻里互助。", pct: []int{80, 82, 79, 81, 83}},
	}
	revs, noms, err := demoSetup(tx, &r, nominees)
	if err != nil {
		return err
	}
	for i, n := range noms {
		if err := demoScore(tx, r, revs, n, nominees[i].pct); err != nil {
			return err
		}
	}
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
	if err := tx.saveObjection(&o, asOffice); err != nil {
		return err
	}
	o.CheckNotes = "经实地查看并走访商户，噪音问题已由商圈联盟协调整改，不影响命名条件。"
	o.Outcome, o.OutcomeDate = OutcomeRejected, Date{2021, 12, 3}
	if err := tx.saveObjection(&o, asOffice); err != nil {
		return err
	}
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
		{name: "通济社区", methods: "老旧院落改造中的“居民点单、社区派单”。", pct: []int{88, 86, 0, 87, 0}},
		{name: "华新社区", methods: "“华新邻里节”社区文化品牌。", pct: []int{84, 85, 83, 0, 0}},
		{name: "滨河安置小区", community: "滨江社区", compound: true, methods: "安置小区党建引领自治，成立居民议事会。", pct: []int{90, 0, 89, 0, 0}},
		{name: "蓝润城小区", community: "龙河社区", compound: true, methods: "“365”小区治理工作法。", pct: []int{0, 0, 0, 0, 0}},
	}
	revs, noms, err := demoSetup(tx, &r, nominees)
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

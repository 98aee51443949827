package data

import (
	"errors"
	"strings"
	"testing"
)

// scoreAll enters one total per reviewer for a nomination.
func (f *roundFixture) scoreAll(t *testing.T, nomID int64, totals ...string) {
	t.Helper()
	for i, s := range totals {
		f.score(t, nomID, i, s)
	}
}

// The panel's totals 80, 80, 80, 80, 60 on a 100-point sheet: spread 20 is
// above the default 15, σ = 8.00, and 陈晨's 60 lies 20 from the others'
// 80 (> 2σ = 16). 85, 86, 84, 85, 85 is not flagged.
func TestDisagreementFlags(t *testing.T) {
	f := newRoundFixture(t, 5)
	a, b := f.nominate(t, "滨江社区"), f.nominate(t, "龙河社区")
	f.toReviewing(t, a.ID)
	f.toReviewing(t, b.ID)
	f.scoreAll(t, a.ID, "80", "80", "80", "80", "60")
	f.scoreAll(t, b.ID, "85", "86", "84", "85", "85")
	dis, err := f.st.Disagreements(f.r.ID)
	if err != nil {
		t.Fatal(err)
	}
	da, db := dis[a.ID], dis[b.ID]
	if !da.Flagged() || !da.Wide || da.Spread.SDDisplay != "8.00" || da.Limit.String() != "15" {
		t.Errorf("滨江社区: %+v, want wide with σ 8.00 and limit 15", da)
	}
	if len(da.Outliers) != 1 || da.Outliers[0] != "陈晨" || !strings.Contains(da.Text(), "分差 20 超过 15") {
		t.Errorf("滨江社区 flags %q, outliers %v", da.Text(), da.Outliers)
	}
	if db.Flagged() || db.Spread.Range.String() != "2" || db.Spread.SDDisplay != "0.63" { // var 0.4, √0.4 = 0.632…
		t.Errorf("龙河社区: %+v, want not flagged, spread 2, σ 0.63", db)
	}
	// A round with a threshold of 25 keeps only the outlier flag.
	if err := f.st.SavePanelSettings(PanelSettings{RoundID: f.r.ID, Threshold: "２５"}); err != nil {
		t.Fatal(err)
	}
	dis, _ = f.st.Disagreements(f.r.ID)
	if d := dis[a.ID]; d.Wide || !d.Flagged() || d.Limit.String() != "25" {
		t.Errorf("threshold 25: %+v, want not wide but still flagged", d)
	}
	if err := f.st.SavePanelSettings(PanelSettings{RoundID: f.r.ID, Threshold: "101"}); err == nil || !strings.Contains(err.Error(), "分差提示线") {
		t.Errorf("threshold above the sheet's maximum: %v", err)
	}
}

// Confirming the ranking with a flag open is refused without a note; with
// one it goes through and the note is kept with the ranking and in the
// audit trail, beside the flags it answered.
func TestConfirmWithOpenFlagsNeedsNote(t *testing.T) {
	f := newRoundFixture(t, 5)
	a := f.nominate(t, "滨江社区")
	f.toReviewing(t, a.ID)
	f.scoreAll(t, a.ID, "80", "80", "80", "80", "60")
	err := f.st.Decide(f.r.ID, []int64{a.ID}, nil)
	var open *OpenFlagsError
	if !errors.As(err, &open) || !strings.Contains(err.Error(), "滨江社区") {
		t.Fatalf("confirmed with an open flag and no note: %v", err)
	}
	if s := f.state(t, a.ID); s != StateReviewing {
		t.Fatalf("refused confirmation moved the nomination to %s", s)
	}
	if err := f.st.DecideNote(f.r.ID, []int64{a.ID}, nil, "  "); !errors.As(err, &open) {
		t.Fatalf("a blank note was taken: %v", err)
	}
	note := "已请评审组长复核陈晨的评分，评分无误"
	if err := f.st.DecideNote(f.r.ID, []int64{a.ID}, nil, note); err != nil {
		t.Fatal(err)
	}
	if s := f.state(t, a.ID); s != StateProposed {
		t.Fatalf("after confirming: %s", s)
	}
	notes, err := f.st.RankingNotes(f.r.ID)
	if err != nil || len(notes) != 1 || notes[0].Note != note || !strings.Contains(notes[0].Flags, "分差 20 超过 15") {
		t.Fatalf("ranking notes %+v, %v", notes, err)
	}
	log, _ := f.st.AuditLog(AuditFilter{Entity: EntityRound, EntityID: f.r.ID})
	found := false
	for _, e := range log {
		found = found || e.Action == ActionDecide && e.Reason == note && strings.Contains(e.ChangesRaw, "滨江社区")
	}
	if !found {
		t.Fatalf("note not in the audit trail: %+v", log)
	}
}

// A reviewer whose 单位 is the nominee's community, the compound's
// community, the compound's 物业, or who listed the community as related, is
// suggested for recusal; each suggestion is accepted or dismissed with a
// reason recorded in the audit trail.
func TestConflictSuggestions(t *testing.T) {
	f := newRoundFixture(t, 4)
	set := func(i int, unit string) {
		f.revs[i].Unit = unit
		if err := f.st.SaveReviewer(&f.revs[i]); err != nil {
			t.Fatal(err)
		}
	}
	set(0, "滨江社区居委会")
	set(1, "成都锦华物业服务有限公司")
	lh := f.comp["龙河湾小区"]
	lh.PropertyCompany = "锦华物业服务有限公司"
	if err := f.st.SaveCompound(lh); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SetReviewerRelations(f.revs[2].ID, []int64{f.comm["通济社区"].ID}); err != nil {
		t.Fatal(err)
	}
	noms := map[string]*Nomination{}
	for _, n := range []string{"滨江社区", "南湖尚景小区", "龙河湾小区", "通济社区", "华新社区"} {
		noms[n] = f.nominate(t, n)
		if err := f.st.Transition(noms[n].ID, ActSubmit, ""); err != nil {
			t.Fatal(err)
		}
	}
	sgs, err := f.st.ConflictSuggestions(f.r.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range sgs {
		got[s.Reviewer.Name+"/"+s.Nomination.NomineeName] = s.Basis
	}
	want := map[string]string{
		"张伟/滨江社区":   "属申报社区",
		"张伟/南湖尚景小区": "属小区所在的滨江社区",
		"王静/龙河湾小区":  "是小区的物业服务企业（锦华物业服务有限公司）",
		"李强/通济社区":   "登记的相关社区含通济社区",
	}
	if len(got) != len(want) {
		t.Errorf("suggestions %v, want %v", got, want)
	}
	for k, w := range want {
		if !strings.Contains(got[k], w) {
			t.Errorf("%s: basis %q, want it to say %q", k, got[k], w)
		}
	}
	// A reason is required either way.
	if err := f.st.DecideSuggestion(f.revs[0].ID, noms["滨江社区"].ID, true, ""); err == nil || !strings.Contains(err.Error(), "理由") {
		t.Fatalf("accepted without a reason: %v", err)
	}
	if err := f.st.DecideSuggestion(f.revs[0].ID, noms["滨江社区"].ID, true, "本人在该社区任职"); err != nil {
		t.Fatal(err)
	}
	if err := f.st.DecideSuggestion(f.revs[1].ID, noms["龙河湾小区"].ID, false, "已于2020年离职，与该物业无往来"); err != nil {
		t.Fatal(err)
	}
	if err := f.st.DecideSuggestion(f.revs[1].ID, noms["龙河湾小区"].ID, true, "改主意"); err == nil || !strings.Contains(err.Error(), "已处理") {
		t.Fatalf("decided twice: %v", err)
	}
	if rec, _ := f.st.Recused(f.revs[0].ID, *noms["滨江社区"]); !rec {
		t.Error("accepted suggestion did not recuse 张伟 from 滨江社区")
	}
	if rec, _ := f.st.Recused(f.revs[1].ID, *noms["龙河湾小区"]); rec {
		t.Error("dismissed suggestion recused 王静")
	}
	log, _ := f.st.AuditLog(AuditFilter{Entity: EntityReviewer})
	var acc, dis bool
	for _, e := range log {
		acc = acc || e.EntityID == f.revs[0].ID && e.Reason == "本人在该社区任职" && strings.Contains(e.ChangesRaw, "采纳")
		dis = dis || e.EntityID == f.revs[1].ID && e.Reason == "已于2020年离职，与该物业无往来" && strings.Contains(e.ChangesRaw, "不采纳")
	}
	if !acc || !dis {
		t.Errorf("decisions in the audit trail: accepted %v dismissed %v", acc, dis)
	}
	sgs, _ = f.st.ConflictSuggestions(f.r.ID)
	for _, s := range sgs {
		if s.Reviewer.ID == f.revs[1].ID && (!s.Decided || s.Accepted || s.Reason == "") {
			t.Errorf("dismissed suggestion listed as %+v", s)
		}
	}
}

// The review's case: 龙河社区's totals 90, 90.5, 90, 90, 92.5 (spread 2.5,
// σ 0.97) were flagged because 92.5 is more than 2σ from the others' mean;
// the gap (2.375) is far under half the threshold, so it is not. A real
// outlier, 90, 91, 89, 90, 70, is flagged and named with the rule.
func TestDisagreementNeedsRealGap(t *testing.T) {
	f := newRoundFixture(t, 5)
	a, b := f.nominate(t, "龙河社区"), f.nominate(t, "滨江社区")
	f.toReviewing(t, a.ID)
	f.toReviewing(t, b.ID)
	f.scoreAll(t, a.ID, "90", "90.5", "90", "90", "92.5")
	f.scoreAll(t, b.ID, "90", "91", "89", "90", "70")
	dis, err := f.st.Disagreements(f.r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := dis[a.ID]; d.Flagged() || d.Spread.SDDisplay != "0.97" {
		t.Errorf("90, 90.5, 90, 90, 92.5: flagged %q (σ %s), want not flagged", d.Text(), d.Spread.SDDisplay)
	}
	d := dis[b.ID]
	if !d.Flagged() || len(d.Outliers) != 1 || !d.Wide {
		t.Fatalf("90, 91, 89, 90, 70: %+v, want wide and one outlier", d)
	}
	if want := "的总分偏离其他评审均值超过 2 个标准差且不少于 7.5 分"; !strings.Contains(d.Text(), d.Outliers[0]+want) {
		t.Errorf("text %q, want %q", d.Text(), d.Outliers[0]+want)
	}
}

// The demo's 2021 panel agrees closely (spreads of 2.5 to 6 points out of
// 100): no nominee is flagged.
func TestDemo2021NoDisagreement(t *testing.T) {
	st := openTest(t)
	if err := LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	rs, err := st.RoundSummaries()
	if err != nil || len(rs) != 2 {
		t.Fatalf("rounds %d, %v", len(rs), err)
	}
	dis, err := st.Disagreements(rs[1].ID)
	if err != nil || len(dis) != 7 {
		t.Fatalf("disagreements %d, %v", len(dis), err)
	}
	for id, d := range dis {
		if d.Flagged() {
			t.Errorf("nomination %d flagged: %s", id, d.Text())
		}
	}
}

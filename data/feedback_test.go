package data

import (
	"errors"
	"reflect"
	"testing"
)

// namedRound takes a round with two community nominations scored by three
// reviewers (滨江社区 90/88/86 with notes, 龙河社区 80/80/80) to naming,
// quota 1: 滨江社区 named, 龙河社区 not selected.
func namedRound(t *testing.T, share bool) (*roundFixture, *Nomination, *Nomination) {
	t.Helper()
	f := newRoundFixture(t, 3)
	f.r.Categories[0].Quota = 1
	if err := f.st.SaveRound(&f.r); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SavePanelSettings(PanelSettings{RoundID: f.r.ID, ShareComments: share}); err != nil {
		t.Fatal(err)
	}
	a, b := f.nominate(t, "滨江社区"), f.nominate(t, "龙河社区")
	f.toReviewing(t, a.ID)
	f.toReviewing(t, b.ID)
	notes := []string{"议事会运行规范", "", "特色不够突出"}
	for i, total := range []string{"90", "88", "86"} {
		sh := &ScoreSheet{NominationID: a.ID, ReviewerID: f.revs[i].ID, Scores: f.sheetFor(t, total), Note: notes[i]}
		if err := f.st.SaveScoreSheet(sh); err != nil {
			t.Fatal(err)
		}
	}
	f.scoreAll(t, b.ID, "80", "80", "80")
	if _, err := f.st.Feedback(f.r.ID); !errors.Is(err, ErrNotNamed) {
		t.Fatalf("feedback before naming: %v", err)
	}
	if err := f.st.Decide(f.r.ID, []int64{a.ID}, nil); err != nil {
		t.Fatal(err)
	}
	f.setClock(2021, 12, 1)
	if _, err := f.st.StartNotice(f.r.ID, Date{2021, 12, 1}); err != nil {
		t.Fatal(err)
	}
	f.setClock(2021, 12, 20)
	if err := f.st.NameAll(f.r.ID, ""); err != nil {
		t.Fatal(err)
	}
	return f, a, b
}

// The feedback's numbers are the ranking's (what the 评审汇总表 prints), and
// the criterion averages are worked by hand: sheetFor fills the criteria in
// order, so 90/88/86 give 环境 10, 10, 10 and 特色亮点 5, 3, 1 (mean 3.00);
// 80 gives 环境 5 and 特色亮点 0. The category's 环境 is (30+15)/6 = 7.50,
// its 特色亮点 9/6 = 1.50.
func TestFeedbackMatchesSummary(t *testing.T) {
	f, a, b := namedRound(t, true)
	fbs, err := f.st.Feedback(f.r.ID)
	if err != nil {
		t.Fatal(err)
	}
	rk, _ := f.st.Ranking(f.r.ID)
	byUUID := map[string]Feedback{}
	for _, fb := range fbs {
		byUUID[fb.Nomination] = fb
	}
	for _, row := range rk[0].Rows {
		fb := byUUID[row.UUID]
		if fb.Final != row.Result.Display || fb.Rank != row.Rank || fb.Quota != rk[0].Category.Quota {
			t.Errorf("%s: feedback %s rank %d, ranking %s rank %d", row.NomineeName, fb.Final, fb.Rank, row.Result.Display, row.Rank)
		}
	}
	fa, fb := byUUID[a.UUID], byUUID[b.UUID]
	if fa.Final != "88.00" || fa.Rank != 1 || fa.State != "已命名" || fa.LineScore != "88.00" || fa.Ranked != 2 {
		t.Errorf("滨江社区 feedback %+v", fa)
	}
	if fb.Final != "80.00" || fb.Rank != 2 || fb.State != StateNotSelected.Label() {
		t.Errorf("龙河社区 feedback %+v", fb)
	}
	last := len(fa.Criteria) - 1
	if c := fa.Criteria[last-1]; c.Name != "环境" || c.Own != "10.00" || c.Category != "7.50" {
		t.Errorf("环境: %+v, want own 10.00, category 7.50", c)
	}
	if c := fa.Criteria[last]; c.Name != "特色亮点" || c.Own != "3.00" || c.Category != "1.50" || fb.Criteria[last].Own != "0.00" {
		t.Errorf("特色亮点: %+v / 龙河 %+v", c, fb.Criteria[last])
	}
	if !reflect.DeepEqual(fa.Comments, []string{"特色不够突出", "议事会运行规范"}) || len(fb.Comments) != 0 {
		t.Errorf("comments %q / %q", fa.Comments, fb.Comments)
	}
	one, ok, err := f.st.NominationFeedback(a.ID)
	if err != nil || !ok || !reflect.DeepEqual(one, fa) {
		t.Errorf("one nomination's feedback %+v %v %v", one, ok, err)
	}
}

// A round that does not share comments sends none.
func TestFeedbackWithoutComments(t *testing.T) {
	f, a, _ := namedRound(t, false)
	fb, ok, err := f.st.NominationFeedback(a.ID)
	if err != nil || !ok || len(fb.Comments) != 0 || fb.Shared {
		t.Errorf("feedback without sharing: %+v %v %v", fb, ok, err)
	}
}

// With five sheets the final score drops the highest and the lowest total
// while the averages use all five: the feedback carries both counts, and the
// bonus average (capped as in the totals) that with the criteria makes up
// the mean of all the totals.
func TestFeedbackCountsAndBonus(t *testing.T) {
	f := newRoundFixture(t, 5)
	a := f.nominate(t, "滨江社区")
	f.toReviewing(t, a.ID)
	for i, total := range []string{"80", "82", "84", "86", "88"} {
		sh := &ScoreSheet{NominationID: a.ID, ReviewerID: f.revs[i].ID, Scores: f.sheetFor(t, total)}
		if i == 2 {
			sh.Bonus = f.r.BonusCap // 5 on the default round: totals 80, 82, 89, 86, 88
		}
		if err := f.st.SaveScoreSheet(sh); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.st.Decide(f.r.ID, []int64{a.ID}, nil); err != nil {
		t.Fatal(err)
	}
	f.setClock(2021, 12, 1)
	if _, err := f.st.StartNotice(f.r.ID, Date{2021, 12, 1}); err != nil {
		t.Fatal(err)
	}
	f.setClock(2021, 12, 20)
	if err := f.st.NameAll(f.r.ID, ""); err != nil {
		t.Fatal(err)
	}
	fb, ok, err := f.st.NominationFeedback(a.ID)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if fb.Sheets != 5 || fb.Counted != 3 || !fb.Trimmed {
		t.Errorf("sheets %d counted %d trimmed %v, want 5, 3, true", fb.Sheets, fb.Counted, fb.Trimmed)
	}
	if fb.Bonus == nil || fb.Bonus.Own != "1.00" || fb.Bonus.Max != "5" {
		t.Errorf("bonus %+v, want own 1.00 (5/5) of at most 5", fb.Bonus)
	}
	if got := FeedbackLine(fb); got != "最终得分85.33，第1名（共1个，名额2个），已命名" {
		t.Errorf("line %q", got)
	}
}

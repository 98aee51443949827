package review

import (
	"strings"
	"testing"

	"jiayuan/data"
)

// panelRound is an office store with one round: 滨江社区 and 龙河社区 in
// review; 张伟 scored both, 王静 nothing, 李强 is recused from 龙河社区 and
// scored 滨江社区, 刘洋 nothing yet. It returns the round and the panel.
func panelRound(t *testing.T) (*data.Store, data.Round, []data.Nomination, []data.Reviewer) {
	t.Helper()
	st := newTestStore(t, false)
	if err := st.SaveSettings(data.Settings{OfficeName: "华阳街道", Role: data.RoleOffice, Operator: "测试员"}); err != nil {
		t.Fatal(err)
	}
	r := data.NewRound(2023)
	if err := st.SaveRound(&r); err != nil {
		t.Fatal(err)
	}
	var revs []data.Reviewer
	for _, name := range []string{"张伟", "王静", "李强", "刘洋"} {
		v := data.Reviewer{RoundID: r.ID, Name: name}
		if err := st.SaveReviewer(&v); err != nil {
			t.Fatal(err)
		}
		revs = append(revs, v)
	}
	var noms []data.Nomination
	for _, name := range []string{"滨江社区", "龙河社区"} {
		c := &data.Community{Name: name}
		if err := st.SaveCommunity(c); err != nil {
			t.Fatal(err)
		}
		if name == "龙河社区" {
			if err := st.AddConflict(&data.Conflict{ReviewerID: revs[2].ID, CommunityID: &c.ID, Reason: "在该社区工作"}); err != nil {
				t.Fatal(err)
			}
		}
		n := &data.Nomination{RoundID: r.ID, CommunityID: c.ID, CategoryID: r.Categories[0].ID,
			Methods: "做法", Contact: "李华", ContactPhone: "13800000000", Opinion: "同意", SelfScores: data.CriterionScores{}}
		for _, k := range r.Criteria {
			n.SelfScores[k.ID] = k.Max
		}
		if err := st.SaveNomination(n); err != nil {
			t.Fatal(err)
		}
		for _, act := range []data.Action{data.ActSubmit, data.ActPass, data.ActReview} {
			if err := st.Transition(n.ID, act, ""); err != nil {
				t.Fatal(err)
			}
		}
		noms = append(noms, *n)
	}
	for _, sc := range [][2]int{{0, 0}, {0, 1}, {2, 0}} {
		sh := &data.ScoreSheet{NominationID: noms[sc[1]].ID, ReviewerID: revs[sc[0]].ID, Scores: data.CriterionScores{}}
		for _, k := range r.Criteria {
			sh.Scores[k.ID] = k.Max
		}
		if err := st.SaveScoreSheet(sh); err != nil {
			t.Fatal(err)
		}
	}
	return st, r, noms, revs
}

// The panel says where each reviewer stands, in the window, before and after
// naming: what was never handed in stays visible; a reviewer is marked
// absent with a reason in the 评审 tab.
func TestPanelStatusInReviewTab(t *testing.T) {
	st, r, noms, revs := panelRound(t)
	a := newTestApp(t, st)
	x := &testRound{st: st, r: r}
	x.tab = New(a, x)
	a.win.SetContent(x.tab.Content())
	x.progress = x.tab.Reload()
	g := x.tab

	g.reviewer.SetSelected("刘洋")
	tapButton(t, a, "缺席…")
	overlayEntry(t, a).SetText("出差，未到会")
	tapButton(t, a, "登记")
	if v, _ := st.Reviewers(r.ID); v[3].AbsentReason != "出差，未到会" {
		t.Fatalf("absence not saved: %+v", v[3])
	}
	if !showsText(a, "已登记缺席（出差，未到会），不录入评分") {
		t.Error("the absent reviewer's grid does not say so")
	}
	want := map[string]string{
		"张伟": "张伟：已评完 2/2",
		"王静": "王静：已评 0/2；还欠 2 份",
		"李强": "李强：已评完 1/1；回避 1 份",
		"刘洋": "刘洋：缺席（出差，未到会），不参与评分",
	}
	for i, v := range revs {
		if got := g.owedLine(v); !strings.HasPrefix(got, want[v.Name]) {
			t.Errorf("before deciding, line %d: %q, want %q…", i, got, want[v.Name])
		}
	}
	if x.progress != "已评 3/5" {
		t.Errorf("progress %q, want 已评 3/5 (the absent reviewer owes nothing)", x.progress)
	}

	ids := []int64{noms[0].ID, noms[1].ID}
	reasons := map[int64]string{ids[0]: "王静未到会", ids[1]: "王静未到会"}
	if err := st.Decide(r.ID, ids, reasons); err != nil {
		t.Fatal(err)
	}
	today := data.DateOf(a.Today())
	if _, err := st.StartNotice(r.ID, today); err != nil {
		t.Skipf("no notice from today (this year's holidays unknown?): %v", err)
	}
	if err := st.NameAll(r.ID, "上级要求提前报送"); err != nil {
		t.Fatal(err)
	}
	x.Changed()
	got := g.owedLine(revs[1])
	if !strings.Contains(got, "缺 2 份，已按已交评分计") || strings.Contains(got, "已评完") {
		t.Errorf("after naming, 王静: %q", got)
	}
	for _, v := range []data.Reviewer{revs[0], revs[2], revs[3]} {
		if got := g.owedLine(v); !strings.HasPrefix(got, want[v.Name]) {
			t.Errorf("after naming, %q, want %q…", got, want[v.Name])
		}
	}
}

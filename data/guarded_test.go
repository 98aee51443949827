package data

import (
	"strings"
	"testing"
)

// noticeFixture is a round with 滨江社区 and 龙河社区 proposed (one reviewer,
// scored) and the notice published from 2021-09-28 to 2021-10-09.
func noticeFixture(t *testing.T) (*roundFixture, *Nomination, *Nomination) {
	t.Helper()
	f := newRoundFixture(t, 1)
	a, b := f.nominate(t, "滨江社区"), f.nominate(t, "龙河社区")
	for i, n := range []*Nomination{a, b} {
		f.toReviewing(t, n.ID)
		f.score(t, n.ID, 0, []string{"90", "88"}[i])
	}
	if err := f.st.Decide(f.r.ID, []int64{a.ID, b.ID}, nil); err != nil {
		t.Fatal(err)
	}
	f.setClock(2021, 9, 27)
	if _, err := f.st.StartNotice(f.r.ID, Date{2021, 9, 28}); err != nil {
		t.Fatal(err)
	}
	return f, a, b
}

// An objection received after the notice ended (or before it started) is
// refused by the store itself unless taken as 逾期受理 with a reason; the
// register and the audit trail then show it.
func TestLateObjectionNeedsFlagAndReason(t *testing.T) {
	f, a, _ := noticeFixture(t)
	f.setClock(2021, 10, 12)
	for _, received := range []Date{{2021, 10, 12}, {2021, 9, 27}} {
		o := &Objection{NominationID: a.ID, Received: received, Channel: ChannelLetter, FromKind: FromPerson, FromName: "王五", Content: "材料不实"}
		if err := f.st.SaveObjection(o); err == nil || !strings.Contains(err.Error(), "逾期受理") {
			t.Fatalf("an objection received %s without 逾期受理: %v", received, err)
		}
		o.Late = true
		if err := f.st.SaveObjection(o); err == nil || !strings.Contains(err.Error(), "写明理由") {
			t.Fatalf("逾期受理 without a reason, received %s: %v", received, err)
		}
	}
	if objs, _ := f.st.Objections(f.r.ID); len(objs) != 0 {
		t.Fatalf("%d objections logged by refused saves", len(objs))
	}
	o := &Objection{NominationID: a.ID, Received: Date{2021, 10, 12}, Channel: ChannelLetter, FromKind: FromPerson, FromName: "王五",
		Content: "材料不实", Late: true, LateReason: "邮戳日期在公示期内"}
	if err := f.st.SaveObjection(o); err != nil {
		t.Fatal(err)
	}
	objs, err := f.st.Objections(f.r.ID)
	if err != nil || len(objs) != 1 || !objs[0].Late || objs[0].LateReason != "邮戳日期在公示期内" {
		t.Fatalf("register: %+v, %v", objs, err)
	}
	log, _ := f.st.AuditLog(AuditFilter{Entity: EntityObjection, EntityID: o.ID, Limit: 1})
	found := false
	for _, c := range log[0].Changes() {
		found = found || c.Label == "逾期受理理由" && c.New == "邮戳日期在公示期内"
	}
	if !found {
		t.Fatalf("the audit trail does not show the late reason: %+v", log[0].Changes())
	}
	// Within the period, the mark means nothing and is not kept.
	in := &Objection{NominationID: a.ID, Received: Date{2021, 10, 9}, Channel: ChannelPhone, FromKind: FromAnonymous,
		Content: "环境差", Late: true, LateReason: "误勾"}
	if err := f.st.SaveObjection(in); err != nil {
		t.Fatal(err)
	}
	if in.Late || in.LateReason != "" {
		t.Fatalf("an objection within the period kept 逾期受理: %+v", in)
	}
	// Moving a logged objection's date out of the period is refused the same way.
	in.Received = Date{2021, 10, 11}
	if err := f.st.SaveObjection(in); err == nil || !strings.Contains(err.Error(), "逾期受理") {
		t.Fatalf("an edit moved the date out of the period: %v", err)
	}
}

// The panel's status tells the truth before and after naming: the sheets a
// reviewer never handed in stay visible, recusal and absence with its reason.
func TestPanelStatusBeforeAndAfterNaming(t *testing.T) {
	f := newRoundFixture(t, 4) // 张伟 scores all; 王静 none (listed in ranking order: 龙河社区 90, 滨江社区 88.5); 李强 recused from 龙河社区; 刘洋 absent
	a, b := f.nominate(t, "滨江社区"), f.nominate(t, "龙河社区")
	lid := f.comm["龙河社区"].ID
	if err := f.st.AddConflict(&Conflict{ReviewerID: f.revs[2].ID, CommunityID: &lid, Reason: "在该社区工作"}); err != nil {
		t.Fatal(err)
	}
	for i, n := range []*Nomination{a, b} {
		f.toReviewing(t, n.ID)
		f.score(t, n.ID, 0, []string{"92", "90"}[i])
	}
	f.score(t, a.ID, 2, "85")
	if err := f.st.MarkAbsent(f.revs[0].ID, "出差"); err == nil || !strings.Contains(err.Error(), "已交 2 份") {
		t.Fatalf("a reviewer with sheets marked absent: %v", err)
	}
	if err := f.st.MarkAbsent(f.revs[3].ID, "  出差  "); err != nil {
		t.Fatal(err)
	}
	sh := &ScoreSheet{NominationID: a.ID, ReviewerID: f.revs[3].ID, Scores: f.sheetFor(t, "80")}
	if err := f.st.SaveScoreSheet(sh); err == nil || !strings.Contains(err.Error(), "缺席") {
		t.Fatalf("an absent reviewer's sheet was saved: %v", err)
	}
	status := func() map[string]ReviewerStatus {
		ps, err := f.st.PanelStatus(f.r.ID)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]ReviewerStatus{}
		for _, s := range ps {
			out[s.Reviewer.Name] = s
		}
		return out
	}
	before := status()
	wantText := map[string]string{
		"张伟": "已评完 2/2",
		"王静": "已评 0/2；还欠 2 份：龙河社区、滨江社区",
		"李强": "已评完 1/1；回避 1 份",
		"刘洋": "缺席（出差），不参与评分",
	}
	for name, want := range wantText {
		if got := before[name].Text(); got != want {
			t.Errorf("before deciding, %s: %q, want %q", name, got, want)
		}
	}
	rk, _ := f.st.Ranking(f.r.ID)
	if rk[0].Expected != 5 || rk[0].Scored != 3 {
		t.Errorf("category counts %d/%d, want 3/5 (the absent reviewer expected nowhere)", rk[0].Scored, rk[0].Expected)
	}
	reasons := map[int64]string{a.ID: "王静未到会，按已交评分计", b.ID: "王静未到会，按已交评分计"}
	if err := f.st.Decide(f.r.ID, []int64{a.ID, b.ID}, reasons); err != nil {
		t.Fatal(err)
	}
	f.setClock(2021, 9, 27)
	if _, err := f.st.StartNotice(f.r.ID, Date{2021, 9, 28}); err != nil {
		t.Fatal(err)
	}
	f.setClock(2021, 10, 11)
	if err := f.st.NameAll(f.r.ID, ""); err != nil {
		t.Fatal(err)
	}
	after := status()
	if got := after["王静"].Text(); got != "已评 0/2；缺 2 份，已按已交评分计：龙河社区、滨江社区" {
		t.Errorf("after naming, 王静: %q", got)
	}
	if strings.Contains(after["王静"].Text(), "已评完") || len(after["王静"].Missing) != 2 || len(after["王静"].Owed) != 0 {
		t.Errorf("after naming, 王静 shows as done: %+v", after["王静"])
	}
	for name, want := range map[string]string{"张伟": "已评完 2/2", "李强": "已评完 1/1；回避 1 份", "刘洋": "缺席（出差），不参与评分"} {
		if got := after[name].Text(); got != want {
			t.Errorf("after naming, %s: %q, want %q", name, got, want)
		}
	}
	if err := f.st.MarkAbsent(f.revs[3].ID, ""); err != nil {
		t.Fatal(err)
	}
	if s := status()["刘洋"]; s.Absent() || len(s.Missing) != 2 {
		t.Errorf("present again, 刘洋: %+v", s)
	}
}

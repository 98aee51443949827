package rounds

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/dbtest"
	"jiayuan/data/score"
)

// proposedStore is roundStore's two nominations scored by one reviewer and
// proposed (滨江社区 first), ready for the notice.
func proposedStore(t *testing.T) (*data.Store, data.Round, []int64) {
	t.Helper()
	st, ids := roundStore(t, data.RoleOffice)
	rs, _ := st.Rounds()
	round := rs[0]
	scoreAll(t, st, round, ids, func(i int) int64 { return int64(20 - i) })
	if err := st.Decide(round.ID, ids, nil); err != nil {
		t.Fatal(err)
	}
	return st, round, ids
}

// scoreAll takes ids through 初审 to 评审中 and enters 张伟's sheet for each:
// full marks, but the first criterion at first(i) when first is set.
func scoreAll(t *testing.T, st *data.Store, round data.Round, ids []int64, first func(i int) int64) {
	t.Helper()
	rev := data.Reviewer{RoundID: round.ID, Name: "张伟"}
	if err := st.SaveReviewer(&rev); err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		for _, act := range []data.Action{data.ActPass, data.ActReview} {
			if err := st.Transition(id, act, ""); err != nil {
				t.Fatal(err)
			}
		}
		sh := &data.ScoreSheet{NominationID: id, ReviewerID: rev.ID, Scores: data.CriterionScores{}}
		for _, c := range round.Criteria {
			sh.Scores[c.ID] = c.Max
		}
		if first != nil {
			sh.Scores[round.Criteria[0].ID] = score.FromInt(first(i))
		}
		if err := st.SaveScoreSheet(sh); err != nil {
			t.Fatal(err)
		}
	}
}

// noticeEnd is the last day of a 5-working-day notice from start, or skips
// the test when the calendar does not know that year.
func noticeEnd(t *testing.T, st *data.Store, start data.Date) data.Date {
	t.Helper()
	cal, _ := st.Calendar()
	end, err := cal.PeriodEnd(start.Time(), 5)
	if err != nil {
		t.Skipf("this year's holidays are not known: %v", err)
	}
	return data.DateOf(end)
}

func assertNotPublished(t *testing.T, st *data.Store, round data.Round, ids []int64) {
	t.Helper()
	r, _ := st.Round(round.ID)
	if !r.NoticeStart.IsZero() {
		t.Fatalf("the notice was published from %s", r.NoticeStart)
	}
	for _, id := range ids {
		if n, _ := st.Nomination(id); n.State != data.StateProposed {
			t.Fatalf("%s after cancelling", n.State)
		}
	}
}

// 发布公示 asks first with the period and the nominees; cancelling changes nothing.
func TestPublishNoticeAsksFirst(t *testing.T) {
	st, round, ids := proposedStore(t)
	a := newTestApp(t, st)
	v := openRounds(t, a).view
	selectTab(t, v, "公示")
	start := data.DateOf(a.Today())
	end := noticeEnd(t, st, start)
	test.Type(v.notice.start, start.String())
	tapButton(t, a, "发布公示")
	for _, want := range []string{fmt.Sprintf("公示期：%s 至 %s（5 个工作日）", start, end),
		"2 个拟命名对象转为“公示中”：滨江社区、龙河社区", "不可撤销：公示发布后"} {
		if !showsText(a, want) {
			t.Errorf("the confirmation lacks %q: %q", want, shownTexts(a))
		}
	}
	tapButton(t, a, "取消")
	assertNotPublished(t, st, round, ids)
	tapButton(t, a, "发布公示")
	tapButton(t, a, "确认发布公示")
	if showsText(a, "按此日期发布") {
		t.Fatal("a start today asked a second time")
	}
	if r, _ := st.Round(round.ID); r.NoticeStart != start || r.NoticeEnd != end {
		t.Fatalf("published %s to %s", r.NoticeStart, r.NoticeEnd)
	}
}

// A start eleven days in the past (or over 30 days ahead) needs a second confirmation.
func TestUnusualNoticeStartAsksTwice(t *testing.T) {
	for _, days := range []int{-11, 45} {
		t.Run(fmt.Sprint(days), func(t *testing.T) {
			st, round, ids := proposedStore(t)
			a := newTestApp(t, st)
			v := openRounds(t, a).view
			selectTab(t, v, "公示")
			start := data.DateOf(a.Today().AddDate(0, 0, days))
			noticeEnd(t, st, start)
			test.Type(v.notice.start, start.String())
			warn := fmt.Sprintf("早 %d 天", -days)
			if days > 0 {
				warn = fmt.Sprintf("晚 %d 天", days)
			}
			tapButton(t, a, "发布公示")
			tapButton(t, a, "确认发布公示")
			if !showsText(a, warn) || !showsText(a, start.String()) {
				t.Fatalf("the second confirmation lacks %q: %q", warn, shownTexts(a))
			}
			tapButton(t, a, "取消")
			assertNotPublished(t, st, round, ids)
			tapButton(t, a, "发布公示")
			tapButton(t, a, "确认发布公示")
			tapButton(t, a, "确认按此日期发布")
			if r, _ := st.Round(round.ID); r.NoticeStart != start {
				t.Fatalf("published from %s, want %s", r.NoticeStart, start)
			}
		})
	}
}

// 命名 names the certificate numbers it will issue; 撤销命名 the one it retires.
func TestNamingAndRevokingAskFirst(t *testing.T) {
	st, round, ids := proposedStore(t)
	a := newTestApp(t, st)
	start := data.DateOf(a.Today())
	noticeEnd(t, st, start)
	if _, err := st.StartNotice(round.ID, start); err != nil {
		t.Fatal(err)
	}
	v := openRounds(t, a).view
	selectTab(t, v, "命名")
	first, second := fmt.Sprintf("%d-SQ-001", round.Year), fmt.Sprintf("%d-SQ-002", round.Year)
	name := func() {
		tapButton(t, a, "提前命名…")
		test.Type(overlayEntry(t, a), "上级要求提前报送")
		tapButton(t, a, "确定")
	}
	name()
	for _, want := range []string{first + "　滨江社区", second + "　龙河社区", "命名日期 " + start.String(), "提前命名，理由：上级要求提前报送", "不可撤销：证书编号"} {
		if !showsText(a, want) {
			t.Errorf("the confirmation lacks %q: %q", want, shownTexts(a))
		}
	}
	tapButton(t, a, "取消")
	if certs, _ := st.Certificates(round.ID); len(certs) != 0 {
		t.Fatalf("cancelled, yet %d certificates issued", len(certs))
	}
	name()
	tapButton(t, a, "确认命名")
	if len(v.naming.named) != 2 || v.naming.named[1].Certificate != second {
		t.Fatalf("named %+v", v.naming.named)
	}
	v.naming.list.Select(widget.TableCellID{Row: 1})
	tapButton(t, a, "撤销命名…")
	if !showsText(a, "撤销“龙河社区”") || !showsText(a, second+" 停用") {
		t.Fatalf("the revocation's confirmation: %q", shownTexts(a))
	}
	tapButton(t, a, "取消")
	if n, _ := st.Nomination(ids[1]); n.State != data.StateNamed {
		t.Fatalf("cancelled, yet %s", n.State)
	}
	tapButton(t, a, "撤销命名…")
	tapButton(t, a, "确认撤销命名")
	test.Type(overlayEntry(t, a), "发生重大安全事故")
	tapButton(t, a, "确定")
	if n, _ := st.Nomination(ids[1]); n.State != data.StateRevoked {
		t.Fatalf("after confirming: %s", n.State)
	}
}

// 删除本评选 says what goes with the round; cancelling keeps it.
func TestDeleteRoundAsksFirst(t *testing.T) {
	st := newTestStore(t, false)
	if err := st.SaveSettings(data.Settings{OfficeName: "华阳街道", Role: data.RoleOffice, Operator: "测试员"}); err != nil {
		t.Fatal(err)
	}
	r := data.NewRound(time.Now().Year())
	if err := st.SaveRound(&r); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, st)
	v := openRounds(t, a).view
	selectTab(t, v, "设置")
	tapButton(t, a, "删除本评选")
	if !showsText(a, "2 个类别、7 条评分标准、2 项一票否决事项、0 位评审和 0 条回避登记") || !showsText(a, "不进回收站") {
		t.Fatalf("the confirmation: %q", shownTexts(a))
	}
	tapButton(t, a, "取消")
	if rs, _ := st.Rounds(); len(rs) != 1 {
		t.Fatal("cancelled, yet deleted")
	}
	tapButton(t, a, "删除本评选")
	tapButton(t, a, "确认删除评选")
	if rs, _ := st.Rounds(); len(rs) != 0 {
		t.Fatal("confirmed, yet kept")
	}
}

// An objection received after the notice ended is refused in the window
// unless 逾期受理 is ticked with a reason; the register then shows it.
func TestLateObjectionInWindow(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	u := openRounds(t, a)
	u.selectID(u.rounds[1].ID) // the 2021 round (notice 2021-11-29 to 2021-12-03): put 滨江社区 back on notice
	v := u.view
	ns, _ := st.Nominations(v.r.ID, data.NominationFilter{Text: "滨江社区"})
	if _, err := dbtest.Open(t, st.Dir()).Exec(`UPDATE nominations SET state = 'on_notice' WHERE id = ?`, ns[0].ID); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Objections(v.r.ID)
	selectTab(t, v, "公示")
	tapButton(t, a, "登记异议")
	form := a.win.Canvas().Overlays().Top()
	var entries []*widget.Entry
	var selects []*widget.Select
	var late *widget.Check
	walk(form, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Entry:
			entries = append(entries, w)
		case *widget.Select:
			selects = append(selects, w)
		case *widget.Check:
			late = w
		}
	})
	selects[0].SetSelected("滨江社区")
	selects[1].SetSelected(data.ChannelLetter)
	selects[2].SetSelected(data.FromAnonymous)
	entries[0].SetText("2021-12-08")
	entries[2].SetText("反映停车位规划不合理")
	tapButton(t, a, "保存")
	if got, _ := st.Objections(v.r.ID); len(got) != len(before) {
		t.Fatal("a late objection was logged without 逾期受理")
	}
	if !showsText(a, "逾期受理") || !showsText(a, "2021-12-03") {
		t.Errorf("the refusal does not say why: %q", shownTexts(a))
	}
	tapButton(t, a, "知道了")
	late.SetChecked(true)
	entries[5].SetText("信件邮戳为公示期内")
	tapButton(t, a, "保存")
	after, _ := st.Objections(v.r.ID)
	if len(after) != len(before)+1 {
		t.Fatalf("%d objections, want %d", len(after), len(before)+1)
	}
	if !showsText(a, "逾期受理：信件邮戳为公示期内") {
		t.Errorf("the register does not show the late objection: %q", shownTexts(a))
	}
}

package rounds

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/dbtest"
	"jiayuan/ui/internal/uitest"
)

// openRounds shows the 评选 screen alone in the window and returns it.
func openRounds(t *testing.T, a *App) *roundsUI {
	t.Helper()
	u := newRoundsUI(a)
	a.win.SetContent(u.content())
	if u.view == nil {
		t.Fatal("no round opened")
	}
	return u
}

// selectTab shows a round's stage by its title, through the stepper.
func selectTab(t *testing.T, v *roundView, title string) {
	t.Helper()
	if !v.selectStage(title) {
		t.Fatalf("no stage %s", title)
	}
}

// roundStore is a store with one round and nominations submitted by
// 滨江社区 and 龙河社区, in a community's copy (滨江社区) when role says so.
func roundStore(t *testing.T, role string) (*data.Store, []int64) {
	t.Helper()
	return uitest.RoundStore(t, role)
}

func TestStateButtons(t *testing.T) {
	st, ids := roundStore(t, data.RoleOffice)
	a := newTestApp(t, st)
	v := openRounds(t, a).view
	selectTab(t, v, "初审")
	chk := v.check
	if len(chk.table.rows) != 2 {
		t.Fatalf("初审 lists %d nominations, want 2", len(chk.table.rows))
	}
	if !chk.buttons[data.ActPass].Disabled() {
		t.Error("初审通过 enabled with nothing ticked")
	}
	tapButton(t, a, "全选")
	if chk.buttons[data.ActPass].Disabled() || chk.buttons[data.ActReturn].Disabled() {
		t.Fatal("初审通过 / 退回修改 disabled for submitted nominations")
	}
	if !chk.buttons[data.ActReview].Disabled() {
		t.Error("进入评审 enabled for nominations not yet passed")
	}

	// 退回修改 wants a reason: an empty one is refused in the dialog.
	tapButton(t, a, "退回修改")
	tapButton(t, a, "确定")
	if !showsText(a, "原因不能为空") {
		t.Fatal("an empty reason was accepted")
	}
	for _, id := range ids {
		if n, _ := st.Nomination(id); n.State != data.StateSubmitted {
			t.Fatalf("state %s after an empty reason", n.State)
		}
	}
	test.Type(overlayEntry(t, a), "缺少照片")
	tapButton(t, a, "确定")
	for _, id := range ids {
		n, _ := st.Nomination(id)
		if n.State != data.StateReturned || n.StateReason != "缺少照片" {
			t.Fatalf("after 退回修改: %s %q", n.State, n.StateReason)
		}
	}

	// Back to submitted by data, then pass both with one tap.
	for _, id := range ids {
		if err := st.Transition(id, data.ActSubmit, ""); err != nil {
			t.Fatal(err)
		}
	}
	v.reload()
	tapButton(t, a, "全选")
	tapButton(t, a, "初审通过")
	for _, id := range ids {
		if n, _ := st.Nomination(id); n.State != data.StatePassed {
			t.Fatalf("after 初审通过: %s", n.State)
		}
	}
	if !strings.Contains(v.tab("初审").Text, "已审 2/2") {
		t.Errorf("初审 tab progress %q", v.tab("初审").Text)
	}
	tapButton(t, a, "全选")
	tapButton(t, a, "进入评审")
	if n, _ := st.Nomination(ids[0]); n.State != data.StateReviewing {
		t.Fatalf("after 进入评审: %s", n.State)
	}
}

func TestCommunityCopyHasNoOfficeButtons(t *testing.T) {
	st, _ := roundStore(t, data.RoleCommunity)
	a := newTestApp(t, st)
	v := openRounds(t, a).view
	selectTab(t, v, "初审")
	for _, label := range []string{"初审通过", "退回修改", "进入评审"} {
		if showsText(a, label) {
			t.Errorf("community copy shows %s", label)
		}
	}
	selectTab(t, v, "申报")
	if !showsText(a, "提交") || showsText(a, "撤回") {
		t.Error("community copy: 提交 should show, 撤回 should not")
	}
	if !showsText(a, "新建申报") {
		t.Error("community copy cannot draft")
	}
}

func TestNominationEditor(t *testing.T) {
	st, ids := roundStore(t, data.RoleOffice)
	third := &data.Community{Name: "通济社区"}
	if err := st.SaveCommunity(third); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, st)
	v := openRounds(t, a).view
	selectTab(t, v, "申报")

	// A new draft: the category follows the nominee, the count is live.
	ed := v.editNomination(nil)
	ed.nominee.SetSelected("社区：通济社区")
	if ed.category.Selected != "百佳示范社区" {
		t.Fatalf("category %q after picking a community", ed.category.Selected)
	}
	ed.methods.SetText(strings.Repeat("治", v.r.TextLimit+1))
	if !strings.Contains(ed.counter.Text, fmt.Sprintf("已写 %d 字", v.r.TextLimit+1)) || ed.counter.Importance != widget.DangerImportance {
		t.Fatalf("counter %q", ed.counter.Text)
	}
	test.Tap(ed.save)
	if n, _ := st.Nominations(v.r.ID, data.NominationFilter{CommunityID: third.ID}); len(n) != 0 {
		t.Fatal("a draft over the limit was saved")
	}
	ed.methods.SetText("院落议事会")
	test.Tap(ed.save)
	if n, _ := st.Nominations(v.r.ID, data.NominationFilter{CommunityID: third.ID}); len(n) != 1 || n[0].State != data.StateDraft {
		t.Fatalf("draft not saved: %+v", n)
	}
	dismissDialogs(a)

	// A submitted one: locked, changed only as an amendment with a reason.
	n, _ := st.Nomination(ids[0])
	ed = v.editNomination(&n)
	if !ed.nominee.Disabled() || ed.save == nil || ed.save.Text != "补正保存…" {
		t.Fatal("a submitted nomination is not locked to amendments")
	}
	ed.methods.SetText("补充后的做法")
	test.Tap(ed.save)
	test.Type(overlayEntry(t, a), "补充数据")
	tapButton(t, a, "确定")
	vs, _ := st.Versions(ids[0])
	if len(vs) != 2 || vs[1].Reason != "补充数据" {
		t.Fatalf("versions after the amendment: %+v", vs)
	}
	if old, _ := vs[0].Nomination(); old.Methods != "做法" {
		t.Errorf("version 1 reads %q", old.Methods)
	}
}

func TestRankTabTieAtQuotaLineNeedsReason(t *testing.T) {
	st, ids := roundStore(t, data.RoleOffice)
	r, _ := st.Rounds()
	round := r[0]
	round.Categories[0].Quota = 1
	if err := st.SaveRound(&round); err != nil {
		t.Fatal(err)
	}
	scoreAll(t, st, round, ids, nil)
	a := newTestApp(t, st)
	v := openRounds(t, a).view
	selectTab(t, v, "排名")
	if !showsText(a, "名额线上有同分并列") || !showsText(a, "名额线并列") {
		t.Fatal("the tie at the quota line is not flagged")
	}
	for _, id := range ids {
		if v.rank.picks[id].Checked {
			t.Fatal("a nomination tied at the line was ticked by default")
		}
	}
	v.rank.picks[ids[0]].SetChecked(true)
	tapButton(t, a, "确定拟命名名单")
	if !showsText(a, "拟命名 1 个：滨江社区") || !showsText(a, "未入选 1 个：龙河社区") || !showsText(a, "不可撤销") {
		t.Fatalf("the confirmation does not say what deciding does: %q", shownTexts(a))
	}
	tapButton(t, a, "取消")
	if n, _ := st.Nomination(ids[1]); n.State != data.StateReviewing {
		t.Fatalf("cancelled, yet decided: %s", n.State)
	}
	tapButton(t, a, "确定拟命名名单")
	tapButton(t, a, "确认拟命名名单")
	if n, _ := st.Nomination(ids[0]); n.State != data.StateReviewing {
		t.Fatalf("tie broken without a reason: %s", n.State)
	}
	if !showsText(a, "与其他申报同分并列在名额线上") {
		t.Error("the refusal does not say why")
	}
	dismissDialogs(a)
	test.Type(v.rank.reason[ids[0]], "实地查看居民满意度更高")
	tapButton(t, a, "确定拟命名名单")
	tapButton(t, a, "确认拟命名名单")
	first, _ := st.Nomination(ids[0])
	second, _ := st.Nomination(ids[1])
	if first.State != data.StateProposed || first.StateReason != "实地查看居民满意度更高" || second.State != data.StateNotSelected {
		t.Fatalf("after deciding: %s %q, %s", first.State, first.StateReason, second.State)
	}
}

func TestNoticeAndNamingTabs(t *testing.T) {
	st, ids := roundStore(t, data.RoleOffice)
	rs, _ := st.Rounds()
	round := rs[0]
	scoreAll(t, st, round, ids, func(i int) int64 { return int64(10 + i) })
	if err := st.Decide(round.ID, ids, nil); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, st)
	today := a.Today()
	v := openRounds(t, a).view
	selectTab(t, v, "公示")
	start := data.DateOf(today)
	test.Type(v.notice.start, start.String())
	cal, _ := st.Calendar()
	end, err := cal.PeriodEnd(start.Time(), 5)
	if err != nil {
		t.Skipf("this year's holidays are not known: %v", err)
	}
	wantEnd := data.DateOf(end).String()
	if !strings.Contains(v.notice.preview.Text, wantEnd) {
		t.Fatalf("preview %q, want the end %s", v.notice.preview.Text, wantEnd)
	}
	tapButton(t, a, "发布公示")
	tapButton(t, a, "确认发布公示")
	if !strings.Contains(v.notice.period.Text, wantEnd) {
		t.Fatalf("period %q", v.notice.period.Text)
	}
	for _, id := range ids {
		if n, _ := st.Nomination(id); n.State != data.StateOnNotice {
			t.Fatalf("after 发布公示: %s", n.State)
		}
	}

	selectTab(t, v, "命名")
	tapButton(t, a, "命名（公示期满）")
	if n, _ := st.Nomination(ids[0]); n.State != data.StateOnNotice {
		t.Fatal("named before the period ended without an override")
	}
	dismissDialogs(a)
	tapButton(t, a, "提前命名…")
	test.Type(overlayEntry(t, a), "上级要求提前报送")
	tapButton(t, a, "确定")
	tapButton(t, a, "确认命名")
	if len(v.naming.named) != 2 || v.naming.named[0].Certificate != fmt.Sprintf("%d-SQ-001", round.Year) {
		t.Fatalf("named list %+v", v.naming.named)
	}
	if !strings.Contains(v.tab("命名").Text, "已命名 2") {
		t.Errorf("命名 tab %q", v.tab("命名").Text)
	}
}

func TestObjectionDialogLogsAnonymousObjection(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	u := openRounds(t, a)
	u.selectID(u.rounds[1].ID) // the 2021 round: named, so put 滨江社区 back on notice
	v := u.view
	var binjiang int64
	ns, _ := st.Nominations(v.r.ID, data.NominationFilter{Text: "滨江社区"})
	binjiang = ns[0].ID
	if _, err := dbtest.Open(t, st.Dir()).Exec(`UPDATE nominations SET state = 'on_notice' WHERE id = ?`, binjiang); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Objections(v.r.ID)
	selectTab(t, v, "公示")
	tapButton(t, a, "登记异议")
	var selects []*widget.Select
	var entries []*widget.Entry
	walk(a.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Select:
			selects = append(selects, w)
		case *widget.Entry:
			entries = append(entries, w)
		}
	})
	if len(selects) != 4 || len(entries) != 6 {
		t.Fatalf("dialog has %d selects and %d entries", len(selects), len(entries))
	}
	selects[0].SetSelected("滨江社区")
	selects[1].SetSelected(data.ChannelLetter)
	selects[2].SetSelected(data.FromAnonymous)
	entries[0].SetText("2021-12-02") // within the notice period
	entries[2].SetText("反映停车位规划不合理")
	tapButton(t, a, "保存")
	after, _ := st.Objections(v.r.ID)
	if len(after) != len(before)+1 {
		t.Fatalf("%d objections after logging, want %d", len(after), len(before)+1)
	}
	var o data.Objection
	for _, x := range after {
		if x.NominationID == binjiang {
			o = x
		}
	}
	if !o.Anonymous() || o.Channel != data.ChannelLetter || o.Outcome != data.OutcomePending || o.Content != "反映停车位规划不合理" {
		t.Fatalf("logged %+v", o)
	}
	if !strings.Contains(v.tab("公示").Text, "待办 1") {
		t.Errorf("公示 tab %q", v.tab("公示").Text)
	}
}

func TestNewRoundAsksYearAndTitle(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	u := openRounds(t, a)
	before := len(u.rounds)
	for i := 0; i < 2; i++ {
		tapButton(t, a, "新建评选")
		tapButton(t, a, "新建")
		if a.win.Canvas().Overlays().Top() != nil && showsText(a, "已经存在") {
			t.Fatalf("the %d. new round clashes with an existing title", i+1)
		}
		dismissDialogs(a)
	}
	rs, _ := st.RoundSummaries()
	if len(rs) != before+2 {
		t.Fatalf("%d rounds, want %d", len(rs), before+2)
	}
	years := map[int]bool{}
	for _, r := range rs {
		if years[r.Year] {
			t.Errorf("two rounds offered for %d", r.Year)
		}
		years[r.Year] = true
	}
	if u.view == nil || u.view.r.ID != rs[0].ID && u.view.r.ID != rs[len(rs)-1].ID {
		t.Error("the new round is not the one opened")
	}
}

func TestRankTabDrawsQuotaLine(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	u := openRounds(t, a)
	for _, r := range u.rounds {
		if r.Year == 2021 {
			u.selectID(r.ID)
		}
	}
	v := u.view
	selectTab(t, v, "排名")
	// The line sits between the last place within the quota and the first outside.
	var seq []string
	walk(v.rank.box, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			switch {
			case strings.HasPrefix(l.Text, "名额线"):
				seq = append(seq, "line")
			case l.Text == "滨江社区" || l.Text == "龙河社区" || l.Text == "通济社区" || l.Text == "华新社区":
				seq = append(seq, l.Text)
			}
		}
	})
	want := "滨江社区 龙河社区 line 通济社区 华新社区"
	if got := strings.Join(seq, " "); !strings.HasPrefix(got, want) {
		t.Fatalf("ranking reads %q, want it to start %q", got, want)
	}
}

// The 评选 screen opens the newest round, the open 2022 one of the demo, first.
func TestRoundsOpenTheNewestRoundFirst(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	if v := openRounds(t, a).view; v.r.Year != 2022 {
		t.Fatalf("opened the %d round, want the open 2022 round first", v.r.Year)
	}
}

// A form dialog refused on saving comes back with what was typed.
func TestRefusedObjectionKeepsWhatWasTyped(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	u := openRounds(t, a)
	v := u.view
	selectTab(t, v, "公示")
	tapButton(t, a, "登记异议")
	if !showsText(a, "没有公示中的对象") {
		t.Error("an objection with nothing on notice is not refused up front")
	}
	dismissDialogs(a)

	u.selectID(u.rounds[1].ID) // the 2021 round: put 滨江社区 back on notice
	v = u.view
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
	walk(form, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Entry:
			entries = append(entries, w)
		case *widget.Select:
			selects = append(selects, w)
		}
	})
	selects[0].SetSelected("滨江社区")
	selects[1].SetSelected(data.ChannelLetter)
	selects[2].SetSelected(data.FromAnonymous)
	entries[0].SetText("2021-13-40") // 收到日期: no such date
	entries[2].SetText("反映停车位规划不合理")
	tapButton(t, a, "保存")
	if got, _ := st.Objections(v.r.ID); len(got) != len(before) {
		t.Fatalf("an objection with a bad date was logged: %d objections, had %d", len(got), len(before))
	}
	tapButton(t, a, "知道了")
	if a.win.Canvas().Overlays().Top() != form {
		t.Fatal("the form did not come back after the refusal")
	}
	if entries[2].Text != "反映停车位规划不合理" {
		t.Errorf("the content typed is now %q", entries[2].Text)
	}
	entries[0].SetText("2021-12-02")
	tapButton(t, a, "保存")
	if got, _ := st.Objections(v.r.ID); len(got) != len(before)+1 {
		t.Errorf("%d objections after correcting the date, want %d", len(got), len(before)+1)
	}
}

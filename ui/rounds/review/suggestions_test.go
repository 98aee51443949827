package review

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"jiayuan/data"
)

// A reviewer whose 单位 is a nominee's community is suggested for recusal
// above the panel; dismissing it from the 回避建议 list asks for a reason,
// which is recorded.
func TestSuggestionDismissedWithReason(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	x, tab := openReview(t, a)
	var target data.Nomination
	ns, _ := st.Nominations(x.r.ID, data.NominationFilter{})
	for _, n := range ns {
		if n.State != data.StateDraft && n.State != data.StateWithdrawn && n.NomineeKind == data.NomineeCommunity {
			target = n
			break
		}
	}
	if target.ID == 0 {
		t.Skip("the demo's newest round has no community nomination")
	}
	v := tab.revs[0]
	v.Unit = target.CommunityName + "居民委员会"
	if err := st.SaveReviewer(&v); err != nil {
		t.Fatal(err)
	}
	x.Changed()
	if !showsText(a, "回避建议待处理") {
		t.Fatalf("open suggestion not named: %v", shownTexts(a))
	}
	tapButton(t, a, "回避名单")
	tapButton(t, a, "回避建议…")
	tapButton(t, a, "不采纳")
	tapButton(t, a, "确定")
	sgs, _ := st.ConflictSuggestions(x.r.ID)
	for _, s := range sgs {
		if s.Decided {
			t.Fatalf("dismissed without a reason: %+v", s)
		}
	}
	dismissDialogs(a)
	tapButton(t, a, "回避名单")
	tapButton(t, a, "回避建议…")
	tapButton(t, a, "不采纳")
	test.Type(overlayEntry(t, a), "只在该社区参加过一次培训")
	tapButton(t, a, "确定")
	sgs, _ = st.ConflictSuggestions(x.r.ID)
	found := false
	for _, s := range sgs {
		found = found || s.Reviewer.ID == v.ID && s.Nomination.ID == target.ID && s.Decided && !s.Accepted && s.Reason == "只在该社区参加过一次培训"
	}
	if !found {
		t.Fatalf("decision not recorded: %+v", sgs)
	}
}

package rounds

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"jiayuan/data"
	"jiayuan/data/dbtest"
	"jiayuan/ui/widgets"
)

// At 1024 pixels wide the round shows all seven stages, each with its name
// and count in full inside the window, the round's current stage marked, a
// blocked one saying why (in the step and, when shown, in full above it).
func TestStepperShowsEveryStageAt1024(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	a.win.Resize(fyne.NewSize(1024, 600))
	u := openRounds(t, a)
	v := u.view // the open 2022 round, mid-scoring
	if v.r.Year != 2022 {
		t.Fatalf("opened the %d round", v.r.Year)
	}
	steps := v.steps.Steps()
	if len(steps) != len(data.StageNames) {
		t.Fatalf("%d steps shown", len(steps))
	}
	pos := a.App().Driver().AbsolutePositionForObject(v.steps)
	if right := pos.X + v.steps.Size().Width; right > 1024 || v.steps.Size().Width < 300 {
		t.Errorf("the stepper spans %v to %v in a window 1024 wide", pos.X, right)
	}
	for i, s := range steps {
		shown := v.steps.Shown(i)
		if !strings.HasSuffix(shown[0], s.Name) || shown[1] != s.Count || s.Count == "" {
			t.Errorf("step %d shows %q, want its name %s and count %q in full", i, shown, s.Name, s.Count)
		}
	}
	if steps[data.StageReview].State != widgets.StepCurrent || !strings.Contains(v.steps.Shown(data.StageReview)[2], "当前") {
		t.Errorf("评审 is not marked current: %+v, %q", steps[data.StageReview], v.steps.Shown(data.StageReview))
	}
	rank := steps[data.StageRank]
	if rank.State != widgets.StepBlocked || !strings.HasPrefix(v.steps.Shown(data.StageRank)[2], "受阻") {
		t.Fatalf("排名 is not blocked: %+v", rank)
	}
	selectTab(t, v, "排名")
	if !v.why.Visible() || !strings.Contains(v.why.Text, "还差") || !strings.Contains(v.why.Text, rank.Why) {
		t.Errorf("the blocked 排名 shown says %q (visible %v), want %q", v.why.Text, v.why.Visible(), rank.Why)
	}
	if !v.tab("排名").content.Visible() || v.tab("评审").content.Visible() {
		t.Error("selecting 排名 did not show its screen alone")
	}
}

// Logging an objection grows the 公示 count but not the stepper: it keeps
// its width, 公示 stays shown and every step keeps its place.
func TestObjectionKeepsStepperWidth(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	a.win.Resize(fyne.NewSize(1024, 600))
	u := openRounds(t, a)
	u.selectID(u.rounds[1].ID) // 2021, named: put 滨江社区 back on notice
	v := u.view
	ns, _ := st.Nominations(v.r.ID, data.NominationFilter{Text: "滨江社区"})
	if _, err := dbtest.Open(t, st.Dir()).Exec(`UPDATE nominations SET state = 'on_notice' WHERE id = ?`, ns[0].ID); err != nil {
		t.Fatal(err)
	}
	v.changed()
	selectTab(t, v, "公示")
	width, min := v.steps.Size().Width, v.steps.MinSize().Width
	before := v.steps.Shown(data.StageNotice)
	o := data.Objection{RoundID: v.r.ID, NominationID: ns[0].ID, Received: v.r.NoticeStart, Channel: data.ChannelLetter,
		FromKind: data.FromAnonymous, Content: "反映停车位规划不合理"}
	if err := st.SaveObjection(&o); err != nil {
		t.Fatal(err)
	}
	v.changed()
	after := v.steps.Shown(data.StageNotice)
	if !strings.Contains(v.steps.Steps()[data.StageNotice].Count, "待办 1") || after == before {
		t.Fatalf("公示 shows %q after the objection (before %q)", after, before)
	}
	if v.steps.Size().Width != width || v.steps.MinSize().Width != min {
		t.Errorf("the stepper went from %v (min %v) to %v (min %v) wide", width, min, v.steps.Size().Width, v.steps.MinSize().Width)
	}
	if v.shown() != v.tab("公示") || !v.tab("公示").content.Visible() {
		t.Error("公示 is no longer shown after the objection")
	}
	if s := v.steps.Steps()[data.StageNaming]; s.State != widgets.StepBlocked || !strings.Contains(s.Why, "异议") {
		t.Errorf("命名 with an objection pending: %+v", s)
	}
}

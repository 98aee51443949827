package data

import (
	"fmt"
	"strings"
	"testing"
)

// A round's stages follow its records: a named round is done throughout,
// a round mid-scoring is at 评审 with 排名 blocked by the scores still
// owed, a new round is at 申报 with nothing after it begun.
func TestRoundStages(t *testing.T) {
	st := openTest(t)
	if err := LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	rs, err := st.RoundSummaries()
	if err != nil || len(rs) != 2 {
		t.Fatalf("rounds %d, %v", len(rs), err)
	}
	stages := func(id int64) []Stage {
		t.Helper()
		s, err := st.RoundStages(id)
		if err != nil || len(s) != len(StageNames) {
			t.Fatalf("stages of round %d: %+v, %v", id, s, err)
		}
		return s
	}
	for _, s := range stages(rs[1].ID) { // 2021, named
		if s.State != StageDone || s.Why != "" {
			t.Errorf("named round: %s is %s (%s)", s.Name, s.State.Label(), s.Why)
		}
	}
	if got := stages(rs[1].ID)[StageNaming].Count; got != "已命名 3" {
		t.Errorf("named round: 命名 counts %q", got)
	}

	mid := stages(rs[0].ID) // 2022, mid-scoring
	owed, _ := st.Owed(rs[0].ID)
	n := 0
	for _, o := range owed {
		n += len(o)
	}
	for i, want := range []StageState{StageDone, StageDone, StageDone, StageCurrent, StageBlocked, StageWaiting, StageWaiting} {
		if mid[i].State != want {
			t.Errorf("round mid-scoring: %s is %s, want %s", mid[i].Name, mid[i].State.Label(), want.Label())
		}
	}
	if want := fmt.Sprintf("还差 %d 份评分", n); !strings.Contains(mid[StageRank].Why, want) {
		t.Errorf("排名 blocked because %q, want %q", mid[StageRank].Why, want)
	}
	if !strings.HasPrefix(mid[StageReview].Count, "已评 ") || mid[StageNotice].Count != "未发布" {
		t.Errorf("counts %q, %q", mid[StageReview].Count, mid[StageNotice].Count)
	}

	r := NewRound(2030)
	if err := st.SaveRound(&r); err != nil {
		t.Fatal(err)
	}
	fresh := stages(r.ID)
	if fresh[StageApply].State != StageCurrent || fresh[StageApply].Count != "无申报" || fresh[StageSettings].State != StageDone {
		t.Errorf("new round: 设置 %s, 申报 %s (%q)", fresh[StageSettings].State.Label(), fresh[StageApply].State.Label(), fresh[StageApply].Count)
	}
	for _, s := range fresh[StageCheck:] {
		if s.State != StageWaiting {
			t.Errorf("new round: %s is %s (%s)", s.Name, s.State.Label(), s.Why)
		}
	}
}

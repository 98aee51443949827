package rounds

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"jiayuan/data"
	"jiayuan/data/score"
)

// The ranking shows each nomination's spread and σ and names the open
// flags before the list is confirmed; confirming then asks for a note, which
// is recorded with the ranking.
func TestRankTabFlagsNeedNote(t *testing.T) {
	st, ids := roundStore(t, data.RoleOffice)
	rs, _ := st.Rounds()
	round := rs[0]
	var revs []data.Reviewer
	for _, name := range []string{"张伟", "王静", "李强"} {
		v := data.Reviewer{RoundID: round.ID, Name: name}
		if err := st.SaveReviewer(&v); err != nil {
			t.Fatal(err)
		}
		revs = append(revs, v)
	}
	// The first criterion 0, 20 and 20 below its maximum: spread 20 > 15.
	for _, id := range ids {
		for _, act := range []data.Action{data.ActPass, data.ActReview} {
			if err := st.Transition(id, act, ""); err != nil {
				t.Fatal(err)
			}
		}
		for i, v := range revs {
			sh := &data.ScoreSheet{NominationID: id, ReviewerID: v.ID, Scores: data.CriterionScores{}}
			for _, c := range round.Criteria {
				sh.Scores[c.ID] = c.Max
			}
			if i == 2 && id == ids[0] {
				sh.Scores[round.Criteria[0].ID] = score.FromInt(0)
			}
			if err := st.SaveScoreSheet(sh); err != nil {
				t.Fatal(err)
			}
		}
	}
	a := newTestApp(t, st)
	v := openRounds(t, a).view
	selectTab(t, v, "排名")
	if !showsText(a, "评分分歧") || !v.rank.flags.Visible() || !strings.Contains(v.rank.flags.Text, "分差 20 超过 15") {
		t.Fatalf("flags not shown before confirming: %q", v.rank.flags.Text)
	}
	if !showsText(a, "20 / 9.43") { // totals 100, 100, 80: variance 800/9, σ 9.428…
		t.Errorf("spread and σ not shown: %v", shownTexts(a))
	}
	tapButton(t, a, "确定拟命名名单")
	tapButton(t, a, "确认拟命名名单") // what will happen, then the note the open flags need
	e := overlayEntry(t, a)
	tapButton(t, a, "确定")
	if n, _ := st.Nomination(ids[0]); n.State != data.StateReviewing {
		t.Fatalf("confirmed without a note: %s", n.State)
	}
	dismissDialogs(a)
	tapButton(t, a, "确定拟命名名单")
	tapButton(t, a, "确认拟命名名单")
	e = overlayEntry(t, a)
	test.Type(e, "已请评审组长核查，李强确认评分")
	tapButton(t, a, "确定")
	if n, _ := st.Nomination(ids[0]); n.State == data.StateReviewing {
		t.Fatalf("not confirmed with a note: %s", n.State)
	}
	notes, _ := st.RankingNotes(round.ID)
	if len(notes) != 1 || notes[0].Note != "已请评审组长核查，李强确认评分" {
		t.Fatalf("note not recorded: %+v", notes)
	}
}

package exchange

import (
	"path/filepath"
	"reflect"
	"testing"

	"jiayuan/data"
	"jiayuan/data/score"
	"jiayuan/data/storetest"
)

// officeNamesWithFeedback takes the office's copy of 滨江社区's nomination
// and one of 龙河社区's (entered at the office) through review with one
// reviewer's sheet each (notes shared), then names the round: 滨江社区's
// named, 龙河社区's not selected.
func officeNamesWithFeedback(t *testing.T, office *data.Store, r data.Round, own data.Nomination) data.Nomination {
	t.Helper()
	other := nominate(t, office, r, "龙河湾小区")
	if err := office.SavePanelSettings(data.PanelSettings{RoundID: r.ID, ShareComments: true}); err != nil {
		t.Fatal(err)
	}
	v := data.Reviewer{RoundID: r.ID, Name: "周建国", Unit: "区民政局"}
	if err := office.SaveReviewer(&v); err != nil {
		t.Fatal(err)
	}
	for i, n := range []data.Nomination{own, other} {
		for _, a := range []data.Action{data.ActPass, data.ActReview} {
			if err := office.Transition(n.ID, a, ""); err != nil {
				t.Fatal(err)
			}
		}
		sh := &data.ScoreSheet{NominationID: n.ID, ReviewerID: v.ID, Scores: data.CriterionScores{},
			Note: []string{"议事会运行规范", "龙河湾的物业服务有待加强"}[i]}
		for j, c := range r.Criteria {
			sh.Scores[c.ID] = c.Max
			if i == 1 && j == 0 {
				sh.Scores[c.ID] = c.Max.Sub(score.FromInt(5))
			}
		}
		if err := office.SaveScoreSheet(sh); err != nil {
			t.Fatal(err)
		}
	}
	officeSets(t, office, own, data.StateNamed, "", "华阳示范〔2026〕第001号", false)
	officeSets(t, office, other, data.StateNotSelected, "名额已满", "", false)
	if _, err := storetest.Raw(t, office).Exec(`UPDATE rounds SET named_on = '2026-11-27' WHERE id = ?`, r.ID); err != nil {
		t.Fatal(err)
	}
	return other
}

// A community's copy that imports the office's file sees its own
// nomination's feedback, with the office's numbers, and nobody else's.
func TestCommunitySeesItsOwnFeedback(t *testing.T) {
	office, comm, round, cn, on := submittedAtBoth(t)
	other := officeNamesWithFeedback(t, office, round, on)
	want, ok, err := office.NominationFeedback(on.ID)
	if err != nil || !ok || want.Final == "" || len(want.Comments) != 1 {
		t.Fatalf("office's feedback %+v %v %v", want, ok, err)
	}
	file := filepath.Join(t.TempDir(), "给滨江社区.jyx")
	if _, err := Export(office, file, Options{Community: "滨江社区"}); err != nil {
		t.Fatal(err)
	}
	pkg, err := Read(file)
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Manifest.Minor != Minor || Minor < 2 {
		t.Errorf("manifest minor %d", pkg.Manifest.Minor)
	}
	for _, s := range pkg.States {
		if s.UUID == other.UUID || (s.Feedback != nil && s.Feedback.Nomination != s.UUID) {
			t.Fatalf("the file to 滨江社区 carries %s", s.NomineeName)
		}
		if s.Feedback != nil && (s.Feedback.Nominee == "龙河湾小区" || len(s.Feedback.Comments) > 0 && s.Feedback.Comments[0] == "龙河湾的物业服务有待加强") {
			t.Fatalf("another community's feedback in the file: %+v", s.Feedback)
		}
	}
	if _, err := Apply(comm, pkg, Decisions{}); err != nil {
		t.Fatal(err)
	}
	got, ok, err := comm.NominationFeedback(cn.ID)
	if err != nil || !ok || !reflect.DeepEqual(got, want) {
		t.Fatalf("community's feedback %+v %v %v, want %+v", got, ok, err, want)
	}
	var n int
	storetest.Raw(t, comm).Get(&n, `SELECT COUNT(*) FROM received_feedback`)
	if n != 1 {
		t.Errorf("%d feedbacks kept at the community, want 1", n)
	}
	// The same file again changes nothing.
	p, err := Preview(comm, pkg)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range p.Items {
		if it.UUID == cn.UUID && it.Status != Same {
			t.Errorf("second import: %+v", it)
		}
	}
	// Feedback carried under another nomination is refused.
	pkg.States[0].Feedback.Nomination = other.UUID
	if err := pkg.checkStates(); err == nil {
		t.Error("feedback for another nomination accepted")
	}
}

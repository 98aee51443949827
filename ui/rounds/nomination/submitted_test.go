package nomination

import (
	"testing"

	"jiayuan/data"
)

// The box a submitted nomination's dialog shows holds the values as
// submitted and, beside one the community's record has changed since,
// both: 提交时 12800，现为 12900.
func TestEditorShowsSubmittedValuesAndChanges(t *testing.T) {
	st := newTestStore(t, false)
	if err := st.SaveSettings(data.Settings{OfficeName: "华阳街道", Role: data.RoleOffice, Operator: "测试员"}); err != nil {
		t.Fatal(err)
	}
	r := data.NewRound(2021)
	if err := st.SaveRound(&r); err != nil {
		t.Fatal(err)
	}
	c := &data.Community{Name: "滨江社区", Households: data.Exact(12800), Grids: data.Exact(24)}
	if err := st.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	n := &data.Nomination{RoundID: r.ID, CommunityID: c.ID, CategoryID: r.Categories[0].ID,
		Methods: "做法", Contact: "李华", ContactPhone: "13800000000", Opinion: "同意", SelfScores: data.CriterionScores{}}
	for _, k := range r.Criteria {
		n.SelfScores[k.ID] = k.Max
	}
	if err := st.SaveNomination(n); err != nil {
		t.Fatal(err)
	}
	if err := st.Transition(n.ID, data.ActSubmit, ""); err != nil {
		t.Fatal(err)
	}
	c.Households = data.Exact(12900)
	if err := st.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, st)
	got, _ := st.Nomination(n.ID)
	box := SubmittedBox(a, &got)
	if box == nil {
		t.Fatal("a submitted nomination has no submitted values to show")
	}
	for _, want := range []string{"提交时的数值（第1版，申报表按此打印）", "12800", "提交时 12800，现为 12900", "24"} {
		if !showsText(box, want) {
			t.Errorf("the box does not show %q: %q", want, shownTexts(box))
		}
	}
	if showsText(box, "提交时 24") {
		t.Error("an unchanged value is marked as changed")
	}

	// A draft has no submitted values to show.
	d := &data.Nomination{RoundID: r.ID, CommunityID: c.ID, CategoryID: r.Categories[0].ID}
	other := &data.Community{Name: "龙河社区"}
	if err := st.SaveCommunity(other); err != nil {
		t.Fatal(err)
	}
	d.CommunityID = other.ID
	if err := st.SaveNomination(d); err != nil {
		t.Fatal(err)
	}
	if box := SubmittedBox(a, d); box != nil {
		t.Errorf("a draft shows submitted values: %q", shownTexts(box))
	}
}

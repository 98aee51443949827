package data

import (
	"strings"
	"testing"
)

// A typed line with two bad boxes gives both problems at once, each
// addressed to its box, in the order of the boxes; an empty box is named
// too, and a line with every box empty is blank, not a problem.
func TestReadSheetEntryGivesEveryProblem(t *testing.T) {
	st := openTest(t)
	if err := st.SaveSettings(Settings{OfficeName: "华阳街道", Role: RoleOffice, Operator: "测试员"}); err != nil {
		t.Fatal(err)
	}
	r := NewRound(2024)
	if err := st.SaveRound(&r); err != nil {
		t.Fatal(err)
	}
	if len(r.Criteria) < 3 {
		t.Fatalf("the default sheet has %d criteria", len(r.Criteria))
	}
	c0, c1, c2 := r.Criteria[0], r.Criteria[1], r.Criteria[2]
	over := c0.Max.String() + "5" // 20 → "205", over any maximum
	e := SheetEntry{Scores: map[int64]string{c0.ID: over, c1.ID: "1.3"}}
	for _, c := range r.Criteria[3:] {
		e.Scores[c.ID] = "1"
	}
	_, blank, ps := ReadSheetEntry(r, e)
	if blank || len(ps) != 3 {
		t.Fatalf("blank %v, problems %+v", blank, ps)
	}
	want := []struct {
		id   int64
		text string
	}{{c0.ID, "超过满分"}, {c1.ID, "1.3"}, {c2.ID, "未填写"}}
	for i, w := range want {
		if ps[i].CriterionID != w.id || ps[i].Bonus || !strings.Contains(ps[i].Text(), w.text) || !strings.HasPrefix(ps[i].Text(), r.Criteria[i].Name) {
			t.Errorf("problem %d: %+v (%s), want criterion %d with %q", i, ps[i], ps[i].Text(), w.id, w.text)
		}
	}
	e.Bonus = "x"
	if _, _, ps := ReadSheetEntry(r, e); len(ps) != 4 || !ps[3].Bonus || ps[3].Label != "加分" {
		t.Errorf("with a bad bonus: %+v", ps)
	}
	if _, blank, ps := ReadSheetEntry(r, SheetEntry{Scores: map[int64]string{c0.ID: "  "}}); !blank || len(ps) != 0 {
		t.Errorf("an empty line: blank %v, problems %+v", blank, ps)
	}
	if _, blank, ps := ReadSheetEntry(r, SheetEntry{Veto: true}); blank || len(ps) != len(r.Criteria) {
		t.Errorf("a vetoed empty line: blank %v, %d problems", blank, len(ps))
	}
}

package documents

import (
	"strings"
	"testing"

	"jiayuan/data"
)

// The demo's 滨江社区 was scored by five reviewers: its per-criterion
// averages use all five sheets, its final score the middle three. The page
// says so, is dated the naming day (not the print day, 2022-11-07 here),
// and prints 名额 and 名次 without repeating the label or spacing numerals.
func TestFeedbackPageExplainsAndIsDatedNaming(t *testing.T) {
	st := demo(t)
	r := roundOf(t, st, 2021)
	doc, err := FeedbackDoc(st, r.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := (data.Date{Year: 2021, Month: 12, Day: 10}).Time(); !doc.Date.Equal(want) {
		t.Errorf("dated %v, want the naming day %v", doc.Date, want)
	}
	var found bool
	for _, p := range doc.Pages {
		if p.Nominee != "滨江社区" {
			continue
		}
		found = true
		if p.Place != "第1名（共4个）" || p.Quota != "2个，名额线90.17分" {
			t.Errorf("place %q quota %q, want 第1名（共4个） and 2个，名额线90.17分", p.Place, p.Quota)
		}
		for _, s := range []string{"共有5份评分", "去掉一个最高分和一个最低分后其余3份", "按全部评分计算"} {
			if !strings.Contains(p.Note, s) {
				t.Errorf("note %q lacks %q", p.Note, s)
			}
		}
		if last := p.Criteria[len(p.Criteria)-1]; last.Name != "加分" || last.Own != "0.00" {
			t.Errorf("bonus row %+v", last)
		}
	}
	if !found {
		t.Fatal("no page for 滨江社区")
	}
}

// Under five sheets nothing is dropped, and the note says so.
func TestFeedbackNoteUntrimmed(t *testing.T) {
	n := feedbackNote(data.Feedback{Sheets: 3, Counted: 3})
	if !strings.Contains(n, "共有3份评分（不足5份，不去掉最高分和最低分）") || strings.Contains(n, "其余") {
		t.Errorf("note %q", n)
	}
	if feedbackNote(data.Feedback{}) != "" {
		t.Error("a note for an unscored nomination")
	}
}

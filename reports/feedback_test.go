package reports

import (
	"io"
	"strings"
	"testing"
)

func feedbackSample() FeedbackDoc {
	crit := []FeedbackRow{{"党建引领", "20", "18.50", "17.25"}, {"特色亮点", "15", "3.00", "1.50"}}
	return FeedbackDoc{Title: "2021年度党建引领百佳示范社区、百佳示范小区评审结果反馈", Issuer: "华阳街道办事处", Date: formDate,
		Pages: []FeedbackPage{
			{Category: "百佳示范社区", Nominee: "滨江社区", Outcome: "已命名", Final: "88.00", Place: "第1名（共2个）",
				Quota: "1个，名额线88.00分", Criteria: crit, Shared: true, Comments: []string{"特色不够突出", "议事会运行规范"},
				Note: "注：本单位共有5份评分。最终得分为去掉一个最高分和一个最低分后其余3份评分总分的平均分。"},
			{Category: "百佳示范小区", Nominee: "龙河湾小区", Community: "龙河社区", Outcome: "未入选", Final: "80.00",
				Place: "第2名（共2个）", Quota: "1个，名额线88.00分", Criteria: crit},
		}}
}

// pdftotext gives back each nominee's numbers on a page of its own, the
// comments only where shared.
func TestFeedbackRoundTrip(t *testing.T) {
	p := writePDF(t, func(w io.Writer) error { return Feedback(w, feedbackSample(), nil) })
	checkPDF(t, p)
	if pi := info(t, p); pi.pages != 2 || pi.w > pi.h {
		t.Fatalf("%d pages %gx%g, want 2 portrait", pi.pages, pi.w, pi.h)
	}
	one, two := pageText(t, p, 1), pageText(t, p, 2)
	for _, s := range []string{"滨江社区", "已命名", "88.00", "第1名（共2个）", "名额1个，名额线88.00", "18.50", "17.25", "其余3份评分总分的平均分", "特色不够突出", "议事会运行规范", "华阳街道办事处"} {
		if !strings.Contains(one, s) {
			t.Errorf("page 1 lacks %q:\n%s", s, one)
		}
	}
	for _, s := range []string{"龙河湾小区", "龙河社区", "未入选", "80.00", "本次评选不公开评审意见"} {
		if !strings.Contains(two, s) {
			t.Errorf("page 2 lacks %q:\n%s", s, two)
		}
	}
	if strings.Contains(two, "滨江社区") || strings.Contains(two, "特色不够突出") || strings.Contains(two, "其余3份") {
		t.Errorf("page 2 shows another nominee's feedback:\n%s", two)
	}
}

// A character no font has stops the job, naming the nominee and the field.
func TestFeedbackGlyphCheck(t *testing.T) {
	doc := feedbackSample()
	doc.Pages[1].Comments, doc.Pages[1].Shared = []string{"好\U000F0000"}, true
	err := Feedback(io.Discard, doc, nil)
	if err == nil || !strings.Contains(err.Error(), "龙河湾小区") || !strings.Contains(err.Error(), "评审意见第1条") {
		t.Fatalf("unprintable comment: %v", err)
	}
}

// The 评审汇总表 prints each nominee's spread and σ, and marks a flagged one.
func TestSummarySpreadColumns(t *testing.T) {
	row := SummaryRow{Rank: 1, Nominee: "滨江社区", Final: "76.00", Within: true, Spread: "20", SD: "8.00", Flag: true,
		Totals: []SummaryTotal{{Total: "80", Scored: true}, {Total: "60", Scored: true}}}
	doc := SummaryDoc{Title: "评审汇总表", Reviewers: []string{"张伟", "陈晨"},
		Categories: []SummaryCategory{{Heading: "一、百佳示范社区", Quota: 1, Rows: []SummaryRow{row}}}}
	p := writePDF(t, func(w io.Writer) error { return Summary(w, doc, nil) })
	all := pageText(t, p, 0)
	for _, s := range []string{"分差", "标准差", "8.00", "评分分歧"} {
		if !strings.Contains(all, s) {
			t.Errorf("summary lacks %q:\n%s", s, all)
		}
	}
}

package reports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

var formDate = time.Date(2021, 11, 20, 0, 0, 0, 0, time.Local)

func sampleCriteria() []FormScore {
	return []FormScore{
		{Name: "党建引领", Description: "党组织设置健全，党员作用发挥明显", Max: "20"},
		{Name: "居民自治", Description: "居民议事、业委会、自组织运行规范", Max: "15"},
		{Name: "服务", Description: "便民服务、志愿服务覆盖面广", Max: "15"},
		{Name: "文化", Description: "社区文化活动丰富，邻里关系和谐", Max: "10"},
		{Name: "平安法治", Description: "无重大安全事故和群体性事件", Max: "15"},
		{Name: "环境", Description: "环境整洁，设施完好", Max: "10"},
		{Name: "特色亮点", Description: "有可复制推广的工作法", Max: "15"},
	}
}

// longText is n distinct sentences, so a lost or doubled piece shows.
func longText(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "第%d条：以基层党建为“干”，多元协同、社区营造、文化服务为“支”，组建%d支志愿服务队（Volunteer-%d）。", i+1, i%40+1, i)
		if i%7 == 6 {
			sb.WriteString("\n")
		}
	}
	return sb.String()
}

func sampleForm(paras int) NominationForm {
	var scores []FormScore
	for i, c := range sampleCriteria() {
		c.Score = fmt.Sprint(10 + i)
		scores = append(scores, c)
	}
	return NominationForm{
		Title:    "2021年度党建引领百佳示范社区、百佳示范小区申报表",
		Category: "百佳示范小区", Nominee: "南湖尚景小区", Community: "滨江社区",
		Facts:   []FormItem{{"小区类型", "商品房"}, {"建成年份", "2012"}, {"户数", "1860"}, {"业委会", "有（主任：李国华）"}},
		Methods: longText(paras), Highlights: "党建引领“邻里荟”议事，业委会、物业、党支部三方协同。",
		SelfScores: scores, SelfTotal: "91", Contact: "王晓明", Phone: "028-85123456",
		Opinion: "同意推荐。", Attachments: []string{"小区活动照片.jpg", "业委会章程.pdf"},
		State: "已提交", Submitted: "2021年10月20日", Printed: formDate,
	}
}

func TestNominationSheetFlowsLongText(t *testing.T) {
	for _, paras := range []int{3, 120} {
		t.Run(fmt.Sprint(paras), func(t *testing.T) {
			n := sampleForm(paras)
			if paras < 5 { // a community's full set of facts, as the demo data has
				for i := 0; i < 6; i++ {
					n.Facts = append(n.Facts, FormItem{fmt.Sprintf("项目%d", i+1), fmt.Sprint(100 + i)})
				}
			}
			p := writePDF(t, func(w io.Writer) error { return NominationSheet(w, n, nil) })
			checkPDF(t, p)
			pi := info(t, p)
			if !near(pi.w, 595.3, 1) || !near(pi.h, 841.9, 1) {
				t.Errorf("page %gx%g pt, want A4 portrait", pi.w, pi.h)
			}
			if paras < 5 && pi.pages != 1 {
				t.Errorf("%d pages for a short nomination, want it and both opinion boxes on one", pi.pages)
			}
			if paras > 100 && pi.pages < 3 {
				t.Errorf("%d pages for a long text, want it to flow over 3 or more", pi.pages)
			}
			got := pageText(t, p, 0)
			// The long text comes back whole and in order, across the page breaks:
			// read the value column of each page (below the running title) in turn.
			var body strings.Builder
			for i := 1; i <= pi.pages; i++ {
				pg := fmt.Sprint(i)
				body.WriteString(strip(tool(t, "pdftotext", "-enc", "UTF-8", "-f", pg, "-l", pg,
					"-x", "131", "-y", "40", "-W", "420", "-H", "740", p, "-")))
			}
			text := body.String()
			for _, want := range []string{n.Nominee, n.Community, n.Highlights, "小区活动照片.jpg", "有（主任：李国华）", "91"} {
				if !strings.Contains(got, strip(want)) {
					t.Errorf("missing %q", want)
				}
			}
			for i := 0; i < paras; i++ {
				s := strip(fmt.Sprintf("第%d条：以基层党建为“干”，多元协同、社区营造、文化服务为“支”，组建%d支志愿服务队（Volunteer-%d）。", i+1, i%40+1, i))
				if strings.Count(text, s) != 1 {
					t.Fatalf("sentence %d found %d times", i+1, strings.Count(got, s))
				}
			}
			if paras > 100 && !strings.Contains(got, "主要做法（续）") {
				t.Error("continued rows are not labelled 主要做法（续）")
			}
		})
	}
}

func TestScoreSheetsBlankAndFilled(t *testing.T) {
	doc := ScoreSheetDoc{
		Title: "2021年度党建引领百佳示范社区、百佳示范小区评分表", Criteria: sampleCriteria(),
		Vetoes:   []string{"发生重大安全生产事故或群体性事件", "党组织软弱涣散"},
		BonusCap: "5", BonusNote: "获市级以上表彰的，每项加1分", MaxTotal: "105",
		Note: "说明：各项得分不超过分值，以0.5分为最小单位。",
		Pages: []ScorePage{
			{Reviewer: "周建国", ReviewerUnit: "天府新区社区治理和社会事业局", Nominee: "滨江社区", Community: "滨江社区", Category: "百佳示范社区"},
			{Reviewer: "吴晓梅", Nominee: "龙河社区", Community: "龙河社区", Category: "百佳示范社区", Filled: true,
				Scores: []string{"18.5", "14", "13", "9", "14", "9.5", "13.5"}, Bonus: "2", Total: "93.5", Remark: "党建引领成效突出。", Date: "2021年11月20日"},
		},
	}
	var done []int
	p := writePDF(t, func(w io.Writer) error {
		return ScoreSheets(context.Background(), w, doc, nil, func(d, n int) { done = append(done, d) })
	})
	checkPDF(t, p)
	if pi := info(t, p); pi.pages != 2 {
		t.Errorf("%d pages, want one per sheet (2)", pi.pages)
	}
	if len(done) != 2 || done[1] != 2 {
		t.Errorf("progress %v", done)
	}
	blank, filled := pageText(t, p, 1), pageText(t, p, 2)
	for _, c := range doc.Criteria {
		if !strings.Contains(blank, strip(c.Description)) || !strings.Contains(filled, c.Name) {
			t.Errorf("criterion %s missing", c.Name)
		}
	}
	if !strings.Contains(blank, "□是□否") || strings.Contains(filled, "□是") {
		t.Error("veto boxes: blank sheet should have them, filled one should not")
	}
	for _, s := range []string{"18.5", "93.5", "党建引领成效突出。", "2021年11月20日", "周建国"} {
		in := strings.Contains(filled, s) || strings.Contains(blank, s)
		if !in {
			t.Errorf("%q missing", s)
		}
	}
	if strings.Contains(blank, "93.5") {
		t.Error("the blank sheet shows a score")
	}
}

func TestSummaryQuotaAndTies(t *testing.T) {
	revs := []string{"周建国", "吴晓梅", "郑立新", "冯蓉", "何志强"}
	mk := func(name string, rank int, final string, within, tie bool) SummaryRow {
		r := SummaryRow{Rank: rank, Nominee: name, Community: "滨江社区", Final: final, Within: within, TieAtLine: tie}
		for i := range revs {
			r.Totals = append(r.Totals, SummaryTotal{Total: fmt.Sprintf("%d.5", 90-i), Scored: true, Dropped: i == 0 || i == 4})
		}
		return r
	}
	cat := SummaryCategory{Heading: "一、百佳示范小区（名额 2 个）", Quota: 2, WithCommunity: true}
	cat.Rows = []SummaryRow{mk("南湖尚景小区", 1, "93.17", true, false), mk("龙河湾小区", 2, "88.00", false, true),
		mk("蓝润城小区", 2, "88.00", false, true), mk("华新花园小区", 4, "80.50", false, false)}
	cat.Rows[3].Totals[2] = SummaryTotal{Recused: true}
	// 40 rows in a second category make the table run over a page.
	big := SummaryCategory{Heading: "二、百佳示范社区（名额 20 个）", Quota: 20}
	for i := 0; i < 40; i++ {
		big.Rows = append(big.Rows, mk(fmt.Sprintf("第%d社区", i+1), i+1, fmt.Sprintf("%d.00", 99-i), i < 20, false))
	}
	doc := SummaryDoc{Title: "2021年度党建引领百佳示范社区、百佳示范小区评审汇总表", Reviewers: revs,
		Rule: "评审组5人，去掉一个最高分和一个最低分后取平均分", Categories: []SummaryCategory{cat, big},
		Notes: []string{"（）内为去掉的最高分和最低分；红色粗线为名额线。"}, Date: formDate}
	p := writePDF(t, func(w io.Writer) error { return Summary(w, doc, nil) })
	checkPDF(t, p)
	pi := info(t, p)
	if pi.w < pi.h || pi.pages < 2 {
		t.Fatalf("%d pages %gx%g: want landscape over 2+ pages", pi.pages, pi.w, pi.h)
	}
	all := pageText(t, p, 0)
	if strings.Count(all, "名额线并列") != 2 || !strings.Contains(all, "回避") || !strings.Contains(all, "（90.5）") {
		t.Errorf("ties, recusal or dropped totals not marked:\n%s", all)
	}
	for i := 1; i <= pi.pages; i++ {
		pg := pageText(t, p, i)
		for _, h := range append([]string{"排名", "申报对象", "最终得分", "备注"}, revs...) {
			if !strings.Contains(pg, h) {
				t.Errorf("page %d lacks the header %s", i, h)
			}
		}
	}
	for i := 0; i < 40; i++ {
		if strings.Count(all, fmt.Sprintf("第%d社区", i+1)) != 1 {
			t.Errorf("row %d lost or doubled", i+1)
		}
	}
}

func sampleRecordTable(n int) RecordTable {
	t := RecordTable{Title: "华阳街道小区名册", Subtitle: fmt.Sprintf("共 %d 个小区", n), Landscape: true, Date: formDate,
		Columns: []TableColumn{{"序号", 5, CellCenter}, {"小区名称", 16, CellLeft}, {"所属社区", 12, CellLeft}, {"类型", 8, CellCenter},
			{"户数", 7, CellRight}, {"物业服务企业", 20, CellLeft}, {"地址", 30, CellLeft}}}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("南湖尚景%d期小区", i+1)
		t.Rows = append(t.Rows, TableRow{Record: "小区“" + name + "”", Cells: []string{fmt.Sprint(i + 1), name, "滨江社区", "商品房",
			fmt.Sprint(800 + i), "四川蓝光嘉宝服务集团股份有限公司成都分公司", fmt.Sprintf("四川天府新区华阳街道正北上街%d号附%d号", 100+i, i%9+1)}})
	}
	return t
}

func TestRecordListHeaderOnEveryPage(t *testing.T) {
	tb := sampleRecordTable(90)
	p := writePDF(t, func(w io.Writer) error { return RecordList(w, tb, nil) })
	checkPDF(t, p)
	pi := info(t, p)
	if pi.pages < 3 || pi.w < pi.h {
		t.Fatalf("%d pages %gx%g: want landscape over 3+ pages", pi.pages, pi.w, pi.h)
	}
	seen := map[string]int{}
	for i := 1; i <= pi.pages; i++ {
		pg := pageText(t, p, i)
		for _, c := range tb.Columns {
			if !strings.Contains(pg, c.Title) {
				t.Errorf("page %d lacks the header %s", i, c.Title)
			}
		}
		if !strings.Contains(pg, fmt.Sprintf("第%d页共%d页", i, pi.pages)) {
			t.Errorf("page %d lacks its number", i)
		}
		for _, r := range tb.Rows {
			seen[r.Cells[1]] += strings.Count(pg, strip(r.Cells[6]))
		}
	}
	for _, r := range tb.Rows {
		if seen[r.Cells[1]] != 1 {
			t.Errorf("%s printed %d times", r.Cells[1], seen[r.Cells[1]])
		}
	}
}

func TestFormsRefuseUnprintable(t *testing.T) {
	for _, c := range []struct {
		name string
		ch   rune
	}{{"beyond BMP", 0x20000}, {"private use", 0xE000}} {
		bad := "南湖" + string(c.ch) + "景小区"
		tb := sampleRecordTable(3)
		tb.Rows[1].Cells[1] = bad
		tb.Rows[1].Record = "小区“" + bad + "”"
		form := sampleForm(2)
		form.Methods += "以" + string(c.ch) + "为名"
		sum := SummaryDoc{Title: "汇总", Reviewers: []string{"周建国"}, Categories: []SummaryCategory{{Heading: "一、小区",
			Rows: []SummaryRow{{Nominee: bad, Totals: []SummaryTotal{{Total: "90", Scored: true}}}}}}}
		sheets := ScoreSheetDoc{Title: "评分表", Criteria: sampleCriteria(), Pages: []ScorePage{{Reviewer: "周建国", Nominee: bad}}}
		jobs := []struct {
			doc, field string
			run        func(w io.Writer) error
		}{
			{"list", "小区名称", func(w io.Writer) error { return RecordList(w, tb, nil) }},
			{"form", "主要做法", func(w io.Writer) error { return NominationSheet(w, form, nil) }},
			{"summary", "申报对象", func(w io.Writer) error { return Summary(w, sum, nil) }},
			{"sheets", "申报对象", func(w io.Writer) error {
				return ScoreSheets(context.Background(), w, sheets, nil, nil)
			}},
		}
		for _, j := range jobs {
			var sb strings.Builder
			err := j.run(&sb)
			var ge *GlyphError
			if !errors.As(err, &ge) || ge.Char != c.ch || ge.Field != j.field {
				t.Errorf("%s %s: err %v, want a GlyphError on %s", c.name, j.doc, err, j.field)
				continue
			}
			if sb.Len() != 0 {
				t.Errorf("%s %s: %d bytes written before the error", c.name, j.doc, sb.Len())
			}
			if j.doc == "list" && !strings.Contains(err.Error(), "南湖") {
				t.Errorf("the message does not name the record: %v", err)
			}
		}
	}
}

// A title with characters only the fallback font has also runs at the head of
// every later page (in 楷体): the fallback must be loaded for it too.
func TestRecordListFallbackInRunningTitle(t *testing.T) {
	tb := sampleRecordTable(60)
	tb.Title = "喆堃玥社区小区名册"
	p := writePDF(t, func(w io.Writer) error { return RecordList(w, tb, nil) })
	checkPDF(t, p)
	pi := info(t, p)
	if pi.pages < 2 {
		t.Fatalf("%d pages", pi.pages)
	}
	for i := 1; i <= pi.pages; i++ {
		if !strings.Contains(pageText(t, p, i), tb.Title) {
			t.Errorf("page %d lacks the title", i)
		}
	}
}

// A row that fits on a page never splits at a page's foot: it moves whole. A row
// taller than a page splits, and its continuation repeats the row's 序号.
func TestRecordListRowsMoveWhole(t *testing.T) {
	tb := sampleRecordTable(0)
	for i := 0; i < 24; i++ {
		long := strings.Repeat("甲乙丙丁戊己庚辛壬癸", 9+3*(i%7)) // 5 to 14 lines
		addr := fmt.Sprintf("起%d", i+1) + long + fmt.Sprintf("止%d号", i+1)
		tb.Rows = append(tb.Rows, TableRow{Cells: []string{fmt.Sprint(i + 1), fmt.Sprintf("小区%d", i+1), "滨江社区", "商品房", "800", "物业", addr}})
	}
	huge := "巨起" + strings.Repeat("子丑寅卯辰巳午未申酉", 120) + "巨止"
	tb.Rows = append(tb.Rows, TableRow{Cells: []string{"25", "小区25", "滨江社区", "商品房", "800", "物业", huge}})
	p := writePDF(t, func(w io.Writer) error { return RecordList(w, tb, nil) })
	pi := info(t, p)
	pages := make([]string, pi.pages+1)
	for i := 1; i <= pi.pages; i++ {
		pages[i] = pageText(t, p, i)
	}
	for i := 1; i <= 24; i++ {
		start, end := fmt.Sprintf("起%d甲", i), fmt.Sprintf("癸止%d号", i)
		for pg := 1; pg <= pi.pages; pg++ {
			if strings.Contains(pages[pg], start) != strings.Contains(pages[pg], end) {
				t.Errorf("row %d split over pages (page %d has only one end of it)", i, pg)
			}
		}
	}
	var first, last int
	for pg := 1; pg <= pi.pages; pg++ {
		if strings.Contains(pages[pg], "巨起") {
			first = pg
		}
		if strings.Contains(pages[pg], "巨止") {
			last = pg
		}
	}
	if first == 0 || last <= first {
		t.Fatalf("the row taller than a page: pages %d–%d", first, last)
	}
	for pg := first + 1; pg <= last; pg++ {
		rest := strings.Replace(pages[pg], fmt.Sprintf("第%d页共%d页", pg, pi.pages), "", 1)
		if !strings.Contains(rest, "25") { // text tools read the short cells after the long one
			t.Errorf("page %d continues row 25 without its 序号", pg)
		}
	}
}

package documents

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiayuan/assets"
	"jiayuan/data"
	"jiayuan/reports"
)

func demo(t *testing.T) *data.Store {
	t.Helper()
	st, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := data.LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	st.SetClock(func() time.Time { return time.Date(2022, 11, 7, 10, 0, 0, 0, time.Local) })
	return st
}

func roundOf(t *testing.T, st *data.Store, year int) data.Round {
	t.Helper()
	rs, err := st.Rounds()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Year == year {
			return r
		}
	}
	t.Fatalf("no %d round", year)
	return data.Round{}
}

func TestFillAndAroundList(t *testing.T) {
	vals := map[string]string{"title": "2021年度评选", "days": "5", "start": "2021年11月29日"}
	if got := Fill("{title}公示{days}个工作日，自{start}起。{unknown}", vals); got != "2021年度评选公示5个工作日，自2021年11月29日起。{unknown}" {
		t.Errorf("Fill: %q", got)
	}
	cases := []struct {
		paras         []string
		before, after int
	}{
		{[]string{"拟命名以下对象，现予公示。", "公示期为5个工作日。"}, 1, 1},
		{[]string{"根据安排。", "名单如下（以下排名不分先后）：", "如有异议请来电。"}, 2, 1},
		{[]string{"没有名单提示。", "第二段。"}, 2, 0},
	}
	for _, c := range cases {
		b, a := aroundList(c.paras)
		if len(b) != c.before || len(a) != c.after {
			t.Errorf("aroundList(%q) = %d+%d, want %d+%d", c.paras, len(b), len(a), c.before, c.after)
		}
	}
}

func TestCertLayoutRoundTrip(t *testing.T) {
	l := CertLayout{Title: "荣誉证书", PaperW: 260, PaperH: 185, DateStyle: DateChineseMonth, Stock: true, OffsetX: -1.5, OffsetY: 2}
	got, err := ParseCertLayout(l.String())
	if err != nil || got != l {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	if (CertLayout{}).String() != "" {
		t.Error("the default layout should be stored as empty")
	}
	if got.paper() != (reports.Paper{W: 260, H: 185}) || (CertLayout{}).paper() != reports.A4Landscape {
		t.Error("paper")
	}
	if st := got.stock(); st.OffsetX != -1.5 || st.OffsetY != 2 || st.Name.W == 0 {
		t.Errorf("stock layout %+v", st)
	}
	for _, bad := range []string{"{", `{"paper_w": 20, "paper_h": 20}`} {
		if _, err := ParseCertLayout(bad); err == nil || !strings.Contains(err.Error(), "设置—打印") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func TestFontsFromSettings(t *testing.T) {
	if f, err := Fonts(data.Settings{}); f != nil || err != nil {
		t.Fatalf("no fonts chosen: %v %v", f, err)
	}
	dir := t.TempDir()
	ttf := filepath.Join(dir, "fang.ttf")
	if err := os.WriteFile(ttf, assets.PrintFang, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Fonts(data.Settings{FontBody: ttf})
	if err != nil || f == nil || len(f.Body) == 0 || f.Title != nil {
		t.Fatalf("a usable .ttf: %v", err)
	}
	cases := []struct {
		s    data.Settings
		want []string
	}{
		{data.Settings{FontHei: filepath.Join(dir, "simhei.ttf")}, []string{"黑体", "找不到", "simhei.ttf"}},
		{data.Settings{FontKai: filepath.Join(dir, "fang.ttf#3")}, []string{"楷体", "fang.ttf"}},
	}
	if cff := "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"; fileExists(cff) {
		cases = append(cases, struct {
			s    data.Settings
			want []string
		}{data.Settings{FontTitle: cff + "#0"}, []string{"标题字体", "NotoSerifCJK-Regular.ttc"}})
	}
	for _, c := range cases {
		_, err := Fonts(c.s)
		if err == nil {
			t.Errorf("%+v: accepted", c.s)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("message %q lacks %q", err, w)
			}
		}
	}
	if p, i := SplitFontSpec(`C:\Windows\Fonts\simsun.ttc#1`); p != `C:\Windows\Fonts\simsun.ttc` || i != 1 {
		t.Errorf("SplitFontSpec: %q %d", p, i)
	}
	if FontSpec("/f/simsun.ttc", 0) != "/f/simsun.ttc#0" || FontSpec("/f/a.ttf", 0) != "/f/a.ttf" {
		t.Error("FontSpec")
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func TestNoticeDocFromTheRound(t *testing.T) {
	st := demo(t)
	r := roundOf(t, st, 2021)
	doc, s, err := NoticeDoc(st, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "关于2021年度党建引领百佳示范社区、百佳示范小区拟命名对象的公示" || doc.Issuer != s.IssuingUnit {
		t.Errorf("title %q issuer %q", doc.Title, doc.Issuer)
	}
	if len(doc.Body) != 1 || !strings.Contains(doc.Body[0], "以下") || !strings.Contains(doc.Body[0], r.Organizer) {
		t.Errorf("body before the list: %q", doc.Body)
	}
	if !strings.Contains(strings.Join(doc.Objection, ""), "公示期为5个工作日（2021年11月29日至2021年12月3日）") {
		t.Errorf("period: %q", doc.Objection)
	}
	if len(doc.Groups) != 2 || len(doc.Groups[0].Items) != 2 || doc.Groups[1].Items[0] != (reports.ListItem{Name: "南湖尚景小区", Community: "滨江社区"}) {
		t.Errorf("groups %+v", doc.Groups)
	}
	if !strings.HasPrefix(doc.Groups[0].Heading, "一、") || !strings.HasPrefix(doc.Groups[1].Heading, "二、") {
		t.Errorf("headings %q %q", doc.Groups[0].Heading, doc.Groups[1].Heading)
	}
	if !strings.Contains(strings.Join(doc.Contact, ""), s.Hotline) || doc.Date != (data.Date{Year: 2021, Month: 11, Day: 29}).Time() {
		t.Errorf("contact %q date %v", doc.Contact, doc.Date)
	}
}

func TestCertBatchFromTheNamed(t *testing.T) {
	st := demo(t)
	r := roundOf(t, st, 2021)
	b, _, err := CertBatch(st, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Certs) != 3 || !b.Date.Equal(r.NamedOn.Time()) {
		t.Fatalf("%d certificates dated %v", len(b.Certs), b.Date)
	}
	seen := map[string]bool{}
	for _, c := range b.Certs {
		if c.Number == "" || seen[c.Number] {
			t.Errorf("%s: number %q", c.Name, c.Number)
		}
		seen[c.Number] = true
		text := strings.Join(c.Honour, "")
		if strings.Contains(text, c.Name+"：") || !strings.Contains(text, "被命名为“2021年度党建引领百佳示范") {
			t.Errorf("%s: honour %q", c.Name, c.Honour)
		}
	}
	// The 2022 round has named nobody yet.
	if _, _, err := CertBatch(st, roundOf(t, st, 2022).ID); err == nil || !strings.Contains(err.Error(), "还没有已命名的对象") {
		t.Errorf("2022: %v", err)
	}
}

func TestScoreSheetsSkipRecusedAndFillScored(t *testing.T) {
	st := demo(t)
	r := roundOf(t, st, 2022)
	doc, err := ScoreSheetDoc(st, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	revs, _ := st.Reviewers(r.ID)
	noms, _ := st.Nominations(r.ID, data.NominationFilter{})
	sheets, _ := st.ScoreSheets(r.ID)
	want, filled := 0, 0
	for _, v := range revs {
		for _, n := range noms {
			if rec, _ := st.Recused(v.ID, n); !rec {
				want++
			}
		}
	}
	for _, p := range doc.Pages {
		if p.Filled {
			filled++
			if len(p.Scores) != len(r.Criteria) || p.Total == "" {
				t.Errorf("filled sheet %s/%s: %+v", p.Reviewer, p.Nominee, p)
			}
		}
		if p.Reviewer == "冯蓉（演示）" && p.Community == "滨江社区" {
			t.Errorf("a recused reviewer got a sheet for %s", p.Nominee)
		}
	}
	if len(doc.Pages) != want || want == len(revs)*len(noms) {
		t.Errorf("%d sheets, want %d (one recusal among %d×%d)", len(doc.Pages), want, len(revs), len(noms))
	}
	if filled != len(sheets) {
		t.Errorf("%d filled sheets, %d score sheets entered", filled, len(sheets))
	}
	if doc.MaxTotal != r.MaxTotal().String() || len(doc.Vetoes) != len(r.Vetoes) {
		t.Errorf("max %s vetoes %d", doc.MaxTotal, len(doc.Vetoes))
	}
}

func TestSummaryDocMarksTheLine(t *testing.T) {
	st := demo(t)
	doc, err := SummaryDoc(st, roundOf(t, st, 2021).ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Categories) != 2 || len(doc.Reviewers) != 5 {
		t.Fatalf("%d categories, %d reviewers", len(doc.Categories), len(doc.Reviewers))
	}
	for _, c := range doc.Categories {
		within := 0
		for _, r := range c.Rows {
			if r.Within {
				within++
			}
			dropped := 0
			for _, x := range r.Totals {
				if x.Dropped {
					dropped++
				}
			}
			if dropped != 2 {
				t.Errorf("%s: %d totals dropped, want 2 of 5", r.Nominee, dropped)
			}
		}
		if within != c.Quota {
			t.Errorf("%s: %d within a quota of %d", c.Heading, within, c.Quota)
		}
	}
}

func TestRecordsTables(t *testing.T) {
	st := demo(t)
	for _, k := range Kinds {
		tb, err := RecordsTable(st, k)
		if err != nil {
			t.Fatal(err)
		}
		if !tb.Landscape || len(tb.Rows) == 0 || !strings.HasPrefix(tb.Title, "华阳街道") {
			t.Errorf("%s: %+v", k, tb)
		}
		for _, r := range tb.Rows {
			if len(r.Cells) != len(tb.Columns) || r.Record == "" {
				t.Fatalf("%s: row %v", k, r)
			}
		}
	}
	if _, err := RecordsTable(st, "streets"); err == nil {
		t.Error("an unknown kind was accepted")
	}
	if listDate(data.Date{Year: 2015, Month: 8}) != "2015.08" || listDate(data.Date{Year: 2021, Month: 12, Day: 6}) != "2021.12.06" {
		t.Error("listDate")
	}
}

// A template is filled by the Chinese placeholder names shown in 设置 and
// by the English ones of templates saved before them; every name shown is filled.
func TestFillChineseAndOldNames(t *testing.T) {
	vals := map[string]string{"title": "2021年度评选", "organizer": "区委组织部", "days": "5"}
	for _, tmpl := range []string{"根据{主办单位}的安排，{评选名称}公示{公示天数}个工作日。", "根据{organizer}的安排，{title}公示{days}个工作日。"} {
		if got := Fill(tmpl, vals); got != "根据区委组织部的安排，2021年度评选公示5个工作日。" {
			t.Errorf("Fill(%q) = %q", tmpl, got)
		}
	}
	all := map[string]string{}
	for en := range data.TemplateNames {
		all[en] = "值"
	}
	for _, p := range data.TemplatePlaceholders {
		if got := Fill(p[0], all); got != "值" {
			t.Errorf("the placeholder %s shown in 设置 is printed as %q", p[0], got)
		}
	}
	for _, tmpl := range []string{data.DefaultNoticeTemplate, data.DefaultDecisionTemplate} {
		if got := Fill(tmpl, all); strings.ContainsAny(got, "{}") {
			t.Errorf("a default template is left with a placeholder: %q", got)
		}
		for en := range data.TemplateNames {
			if strings.Contains(tmpl, "{"+en+"}") {
				t.Errorf("a default template shows the English placeholder {%s}", en)
			}
		}
	}
}

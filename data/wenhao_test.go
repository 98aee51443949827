package data

import (
	"strings"
	"testing"
	"time"
)

func TestParseWenhao(t *testing.T) {
	d, y, n, err := ParseWenhao("华阳街道党工委发〔2021〕12号")
	if err != nil || d != "华阳街道党工委发" || y != 2021 || n != 12 {
		t.Fatalf("got %q %d %d %v", d, y, n, err)
	}
	for s, why := range map[string]string{
		"华阳街道党工委发[2021]12号":  "六角括号",
		"华阳街道党工委发（2021）12号":  "六角括号",
		"华阳街道党工委发〔2021〕012号": "0",
		"华阳街道党工委发〔2021〕第12号": "第",
		"华阳街道党工委发〔21〕12号":    "写法",
		"":                   "空",
	} {
		if _, _, _, err := ParseWenhao(s); err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("%q: err = %v, want one about %s", s, err, why)
		}
	}
	if got := FormatWenhao("华阳街道办发", 2022, 3); got != "华阳街道办发〔2022〕3号" {
		t.Errorf("FormatWenhao = %q", got)
	}
}

// Issuing records the number once, with its audit row; the next free number
// follows it; a reprint keeps it; another number or a used one is refused.
func TestIssueWenhao(t *testing.T) {
	st := openTest(t)
	if err := LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	rs, err := st.RoundSummaries()
	if err != nil {
		t.Fatal(err)
	}
	r21, r22 := rs[1].ID, rs[0].ID
	on := time.Date(2021, 12, 10, 0, 0, 0, 0, time.Local)
	if n, _ := st.NextWenhao("华阳街道党工委发", 2021); n != 1 {
		t.Errorf("next free number %d, want 1", n)
	}
	w, err := st.IssueWenhao(r21, DocDecision, "华阳街道党工委发〔2021〕12号", on)
	if err != nil || w.Seq != 12 {
		t.Fatalf("issue: %+v %v", w, err)
	}
	if n, _ := st.NextWenhao("华阳街道党工委发", 2021); n != 13 {
		t.Errorf("next free number %d, want 13", n)
	}
	if _, err := st.IssueWenhao(r21, DocDecision, "华阳街道党工委发〔2021〕12号", on); err != nil {
		t.Errorf("reissuing under the same number: %v", err)
	}
	if _, err := st.IssueWenhao(r21, DocDecision, "华阳街道党工委发〔2021〕13号", on); err == nil || !strings.Contains(err.Error(), "沿用原发文字号") {
		t.Errorf("renumbering an issued decision: %v", err)
	}
	if _, err := st.IssueWenhao(r22, DocDecision, "华阳街道党工委发〔2021〕12号", on); err == nil || !strings.Contains(err.Error(), "已用于") {
		t.Errorf("a used number for another round: %v", err)
	}
	if err := st.CheckWenhao(r21, DocNotice, "华阳街道党工委发〔2021〕12号"); err == nil {
		t.Error("the decision's number accepted for the notice")
	}
	ws, err := st.Wenhaos()
	if err != nil || len(ws) != 1 || ws[0].String() != "华阳街道党工委发〔2021〕12号" || ws[0].IssuedOn != "2021-12-10" || ws[0].Round == "" {
		t.Fatalf("list %+v %v", ws, err)
	}
	got, ok, err := st.IssuedWenhao(r21, DocDecision)
	if err != nil || !ok || got.Seq != 12 {
		t.Errorf("issued %+v %v %v", got, ok, err)
	}
	audit, err := st.AuditLog(AuditFilter{Entity: EntityRound})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range audit {
		if e.Action == ActionWenhao && strings.Contains(e.Summary(), "华阳街道党工委发〔2021〕12号") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d audit rows for the issued number, want 1", n)
	}
}

func TestDocSettingsChecked(t *testing.T) {
	st := openTest(t)
	base := Settings{OfficeName: "华阳街道", Role: RoleOffice}
	for _, tc := range []struct {
		edit func(*Settings)
		want string
	}{
		{func(s *Settings) { s.HeaderDecision = "red" }, "命名决定版头"},
		{func(s *Settings) { s.HeaderRed = "300,0,0" }, "版头红色"},
		{func(s *Settings) { s.Organs = "华阳街道党工委|华阳街道党工委发〔2021〕" }, "不带年份"},
		{func(s *Settings) { s.Organs = "华阳街道党工委" }, "缺少机关代字"},
		{func(s *Settings) { s.LetterheadBody = "12" }, "红头纸正文起始位置"},
	} {
		s := base
		tc.edit(&s)
		if err := st.SaveSettings(s); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err = %v, want one naming %s", s, err, tc.want)
		}
	}
	s := base
	s.Organs = "中共华阳街道工作委员会|华阳街道党工委发\n华阳街道办事处|华阳街道办发"
	s.HeaderRed, s.LetterheadWenhao = "200, 0, 0", "95.5"
	if err := st.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Settings()
	if o := got.DocOrgans(); len(o) != 2 || got.Daizi() != "华阳街道党工委发" || o[1].Daizi != "华阳街道办发" {
		t.Errorf("organs %+v", o)
	}
	if got.Red() != [3]int{200, 0, 0} || got.Header(DocDecision) != HeaderFull || got.Header(DocNotice) != HeaderNone {
		t.Errorf("red %v, headers %q %q", got.Red(), got.Header(DocDecision), got.Header(DocNotice))
	}
	if w, b := got.LetterheadMM(); w != 95.5 || b != 0 {
		t.Errorf("letterhead %v %v", w, b)
	}
}

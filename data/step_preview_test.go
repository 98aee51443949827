package data

import (
	"strings"
	"testing"
)

// The notice's preview says the period and the nominees, changes nothing, and
// asks for a second confirmation for a start in the past or far ahead.
func TestNoticePreview(t *testing.T) {
	f := newRoundFixture(t, 1)
	a, b := f.nominate(t, "滨江社区"), f.nominate(t, "龙河社区")
	for _, n := range []*Nomination{a, b} {
		f.toReviewing(t, n.ID)
		f.score(t, n.ID, 0, "90")
	}
	f.setClock(2021, 9, 28)
	if _, err := f.st.NoticePreview(f.r.ID, Date{2021, 9, 28}); err == nil || !strings.Contains(err.Error(), "不能发布公示") {
		t.Fatalf("a preview of a notice that would be refused: %v", err)
	}
	if err := f.st.Decide(f.r.ID, []int64{a.ID, b.ID}, nil); err != nil {
		t.Fatal(err)
	}
	audits := auditCount(t, f.st)
	p, err := f.st.NoticePreview(f.r.ID, Date{2021, 9, 17})
	if err != nil {
		t.Fatal(err)
	}
	if p.End != (Date{2021, 9, 24}) || len(p.Nominees) != 2 || !p.NeedsSecondConfirm() || p.AheadDays != -11 {
		t.Fatalf("preview %+v", p)
	}
	for _, want := range []string{"2021-09-17 至 2021-09-24", "2 个拟命名对象", "滨江社区、龙河社区（百佳示范社区）"} {
		if !strings.Contains(p.What(), want) {
			t.Errorf("preview %q lacks %q", p.What(), want)
		}
	}
	if w := p.DateWarning(); !strings.Contains(w, "早 11 天") {
		t.Errorf("date warning %q", w)
	}
	r, _ := f.st.Round(f.r.ID)
	if !r.NoticeStart.IsZero() || f.state(t, a.ID) != StateProposed || auditCount(t, f.st) != audits {
		t.Fatal("the preview published the notice")
	}
	for start, second := range map[Date]bool{{2021, 9, 28}: false, {2021, 10, 28}: false, {2021, 10, 29}: true} {
		p, err := f.st.NoticePreview(f.r.ID, start)
		if err != nil {
			t.Fatal(err)
		}
		if p.NeedsSecondConfirm() != second || (p.DateWarning() != "") != second {
			t.Errorf("start %s: second confirmation %v, warning %q", start, p.NeedsSecondConfirm(), p.DateWarning())
		}
	}
}

// The naming preview lists the certificate numbers naming then issues, and issues none itself.
func TestNamingPreviewMatchesNaming(t *testing.T) {
	f, a, b := noticeFixture(t)
	f.setClock(2021, 10, 8)
	if _, err := f.st.NamingPreview(f.r.ID, ""); err == nil || !strings.Contains(err.Error(), "提前命名") {
		t.Fatalf("a preview of naming before the period ended: %v", err)
	}
	early, err := f.st.NamingPreview(f.r.ID, "上级要求")
	if err != nil || !early.Early || !strings.Contains(early.What(), "提前命名，理由：上级要求") {
		t.Fatalf("early preview %+v, %v", early, err)
	}
	f.setClock(2021, 10, 11)
	p, err := f.st.NamingPreview(f.r.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if certs, _ := f.st.Certificates(f.r.ID); len(certs) != 0 || f.state(t, a.ID) != StateOnNotice {
		t.Fatal("the preview named")
	}
	want := map[int64]string{a.ID: "2021-SQ-001", b.ID: "2021-SQ-002"}
	if len(p.Certificates) != 2 || p.Early || p.Date != (Date{2021, 10, 11}) {
		t.Fatalf("preview %+v", p)
	}
	for _, c := range p.Certificates {
		if want[c.Nomination.ID] != c.Number || !strings.Contains(p.What(), c.Number+"　"+c.Nomination.NomineeName) {
			t.Errorf("preview gives %s %s; text %q", c.Nomination.NomineeName, c.Number, p.What())
		}
	}
	if err := f.st.NameAll(f.r.ID, ""); err != nil {
		t.Fatal(err)
	}
	named, _ := f.st.Named(f.r.ID)
	for _, e := range named {
		if want[e.ID] != e.Certificate {
			t.Errorf("named %s with %s, the preview said %s", e.NomineeName, e.Certificate, want[e.ID])
		}
	}
	rp, err := f.st.RevokePreview(b.ID)
	if err != nil || rp.Certificate != "2021-SQ-002" || !strings.Contains(rp.What(), "2021-SQ-002 停用") {
		t.Fatalf("revoke preview %+v, %v", rp, err)
	}
	if _, err := f.st.NamingPreview(f.r.ID, ""); err == nil {
		t.Fatal("a naming preview with nothing left to name")
	}
}

func TestDecideAndDeletePreviews(t *testing.T) {
	f := newRoundFixture(t, 2)
	a, b := f.nominate(t, "滨江社区"), f.nominate(t, "龙河社区")
	for _, n := range []*Nomination{a, b} {
		f.toReviewing(t, n.ID)
		f.score(t, n.ID, 0, "90")
	}
	p, err := f.st.DecidePreview(f.r.ID, []int64{a.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Proposed) != 1 || p.Proposed[0].ID != a.ID || len(p.NotSelected) != 1 || p.Missing != 2 {
		t.Fatalf("decide preview %+v", p)
	}
	if !strings.Contains(p.What(), "拟命名 1 个：滨江社区") || !strings.Contains(p.What(), "2 份评分未交") {
		t.Errorf("decide preview %q", p.What())
	}
	if _, err := f.st.DeleteRoundPreview(f.r.ID); err == nil || !strings.Contains(err.Error(), "2 份申报") {
		t.Fatalf("delete preview of a round with nominations: %v", err)
	}
	empty := NewRound(2030)
	if err := f.st.SaveRound(&empty); err != nil {
		t.Fatal(err)
	}
	v := Reviewer{RoundID: empty.ID, Name: "张伟"}
	if err := f.st.SaveReviewer(&v); err != nil {
		t.Fatal(err)
	}
	d, err := f.st.DeleteRoundPreview(empty.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.What(), "2 个类别、7 条评分标准、2 项一票否决事项、1 位评审和 0 条回避登记") {
		t.Errorf("delete preview %q", d.What())
	}
}

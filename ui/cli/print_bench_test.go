package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"jiayuan/data"
	"jiayuan/data/score"
)

// makeNamedStore builds, through the data API, a data folder whose one round has
// n named communities (华阳街道第1社区 …, as the LibreOffice mail merge of
// ../shared/bench/lo_certificates.sh names them), each with its certificate
// number, and returns the round's id.
func makeNamedStore(dir string, n int) (int64, error) {
	st, err := data.Open(dir)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	st.Operator = "基准测试"
	// The round runs in 2021; naming happens once the notice period is over.
	st.SetClock(func() time.Time { return time.Date(2021, 11, 1, 9, 0, 0, 0, time.Local) })
	if err := st.SaveSettings(data.Settings{OfficeName: "华阳街道", Role: data.RoleOffice, IssuingUnit: "四川天府新区华阳街道办事处",
		CertIssuer: "成都市城乡社区发展治理工作领导小组办公室", Hotline: "96110"}); err != nil {
		return 0, err
	}
	var comms []data.Community
	if err := st.Write(func(tx *data.Tx) error {
		for i := 1; i <= n; i++ {
			c := data.Community{Name: fmt.Sprintf("华阳街道第%d社区", i)}
			if err := tx.SaveCommunity(&c); err != nil {
				return err
			}
			comms = append(comms, c)
		}
		return nil
	}); err != nil {
		return 0, err
	}
	r := data.NewRound(2021)
	r.Categories = r.Categories[:1]
	r.Categories[0].Quota = n
	r.Categories[0].CertPattern = "2021-BJSQ-{seq:03}"
	if err := st.SaveRound(&r); err != nil {
		return 0, err
	}
	rev := data.Reviewer{RoundID: r.ID, Name: "周建国"}
	if err := st.SaveReviewer(&rev); err != nil {
		return 0, err
	}
	self := data.CriterionScores{}
	for _, c := range r.Criteria {
		self[c.ID] = c.Max
	}
	var ids []int64
	if err := st.Write(func(tx *data.Tx) error {
		for _, c := range comms {
			nm := data.Nomination{RoundID: r.ID, CategoryID: r.Categories[0].ID, CommunityID: c.ID,
				Methods: "以党建引领基层治理。", Contact: "王晓明", ContactPhone: "028-85123456", Opinion: "同意推荐。", SelfScores: self}
			if err := tx.SaveNomination(&nm); err != nil {
				return err
			}
			ids = append(ids, nm.ID)
		}
		return nil
	}); err != nil {
		return 0, err
	}
	for _, act := range []data.Action{data.ActSubmit, data.ActPass, data.ActReview} {
		if err := st.TransitionMany(ids, act, ""); err != nil {
			return 0, err
		}
	}
	var sheets []*data.ScoreSheet
	for i, id := range ids {
		sc := data.CriterionScores{}
		for _, c := range r.Criteria {
			sc[c.ID] = c.Max
		}
		sc[r.Criteria[0].ID] = score.FromHundredths(r.Criteria[0].Max.Hundredths() - int64(i%20)*50)
		sheets = append(sheets, &data.ScoreSheet{NominationID: id, ReviewerID: rev.ID, Scores: sc})
	}
	if err := st.SaveScoreSheets(sheets); err != nil {
		return 0, err
	}
	if err := st.Decide(r.ID, ids, nil); err != nil {
		return 0, err
	}
	if _, err := st.StartNotice(r.ID, data.Date{Year: 2021, Month: 11, Day: 29}); err != nil {
		return 0, err
	}
	st.SetClock(func() time.Time { return time.Date(2021, 12, 20, 9, 0, 0, 0, time.Local) })
	if err := st.NameAll(r.ID, ""); err != nil {
		return 0, err
	}
	named, err := st.Named(r.ID)
	if err != nil {
		return 0, err
	}
	if len(named) != n || named[0].Certificate == "" {
		return 0, fmt.Errorf("%d named of %d", len(named), n)
	}
	return r.ID, nil
}

var bench500 struct {
	once  sync.Once
	dir   string
	round int64
	err   error
}

// BenchmarkCertificates500Command is the whole `jiayuan print certificates`
// command for a round with 500 named communities: open the store, read the named
// list and the settings, load the fonts, write 500 certificates to a file.
func BenchmarkCertificates500Command(b *testing.B) {
	bench500.once.Do(func() {
		bench500.dir, bench500.err = os.MkdirTemp("", "jiayuan-bench500-")
		if bench500.err == nil {
			bench500.round, bench500.err = makeNamedStore(bench500.dir, 500)
		}
	})
	if bench500.err != nil {
		b.Fatal(bench500.err)
	}
	out := filepath.Join(b.TempDir(), "certs.pdf")
	id := strconv.FormatInt(bench500.round, 10)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if code := Run(bench500.dir, "", "bench", []string{"print", "certificates", id, out}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	b.StopTimer()
	if fi, err := os.Stat(out); err == nil {
		b.ReportMetric(float64(fi.Size())/1024, "KB/file")
	}
}

// TestMakeBenchStore builds the 500-certificate data folder for
// packaging/bench_certificates.sh: JIAYUAN_BENCH_STORE=DIR go test ./ui/cli -run '^TestMakeBenchStore$'
// (it prints the round id). Skipped otherwise.
func TestMakeBenchStore(t *testing.T) {
	dir := os.Getenv("JIAYUAN_BENCH_STORE")
	if dir == "" {
		t.Skip("set JIAYUAN_BENCH_STORE=DIR to build the benchmark's data folder")
	}
	n := 500
	if s := os.Getenv("JIAYUAN_BENCH_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	id, err := makeNamedStore(dir, n)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bench-round.txt"), []byte(strconv.FormatInt(id, 10)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNamedStoreCertificates checks the benchmark's data folder on a small scale:
// every named community gets its page with its number.
func TestNamedStoreCertificates(t *testing.T) {
	dir := t.TempDir()
	id, err := makeNamedStore(dir, 12)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "c.pdf")
	if code, _, stderr := runJob(t, dir, "print", "certificates", strconv.FormatInt(id, 10), out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := pdfPages(t, out); n != 12 {
		t.Errorf("%d pages, want 12", n)
	}
	text := pdfText(t, out)
	for i := 1; i <= 12; i++ {
		for _, want := range []string{fmt.Sprintf("华阳街道第%d社区：", i), fmt.Sprintf("2021-BJSQ-%03d", i)} {
			if !containsOnce(text, want) {
				t.Errorf("%q not printed exactly once", want)
			}
		}
	}
}

func containsOnce(s, sub string) bool {
	n := 0
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			n++
		}
	}
	return n == 1
}

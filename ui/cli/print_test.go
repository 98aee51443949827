package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"jiayuan/data"
	"jiayuan/ui/documents"
)

// pdfText is pdftotext of a file with all whitespace removed.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: apt-get install -y poppler-utils")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", path, err, out)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

func pdfPages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v\n%s", path, err, out)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("pdfinfo: no page count\n%s", out)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// demoStore is a data folder with the demo data; it returns the folder and the
// id of the 2021 round (three named).
func demoStore(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rs, err := st.Rounds()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Year == 2021 {
			return dir, strconv.FormatInt(r.ID, 10)
		}
	}
	t.Fatal("no 2021 round in the demo data")
	return "", ""
}

func TestPrintJobs(t *testing.T) {
	dir, round := demoStore(t)
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	comms, _ := st.Communities()
	comps, _ := st.Compounds(0)
	orgs, _ := st.Orgs(0)
	revs, _ := st.Reviewers(mustInt(t, round))
	noms, _ := st.Nominations(mustInt(t, round), data.NominationFilter{})
	named, _ := st.Named(mustInt(t, round))
	settings, _ := st.Settings()
	st.Close()
	if len(comms) == 0 || len(comps) == 0 || len(orgs) == 0 || len(revs) == 0 || len(named) != 3 {
		t.Fatalf("demo data: %d communities, %d compounds, %d orgs, %d reviewers, %d named", len(comms), len(comps), len(orgs), len(revs), len(named))
	}
	var names []string
	for _, n := range named {
		names = append(names, n.NomineeName)
	}
	var certNos []string
	for _, n := range named {
		certNos = append(certNos, n.Certificate)
	}
	recordNames := func(kind string) []string {
		var out []string
		switch kind {
		case "communities":
			for _, c := range comms {
				out = append(out, c.Name)
			}
		case "compounds":
			for _, c := range comps {
				out = append(out, c.Name)
			}
		case "orgs":
			for _, o := range orgs {
				out = append(out, o.Name)
			}
		}
		return out
	}
	var revNames []string
	for _, v := range revs {
		revNames = append(revNames, v.Name)
	}
	out := t.TempDir()
	cases := []struct {
		args  []string
		want  []string
		pages int // 0: not checked
	}{
		{[]string{"notice", round}, append([]string{"关于2021年度党建引领百佳示范社区、百佳示范小区拟命名对象的公示",
			"南湖尚景小区（滨江社区）", "2021年11月29日", settings.Hotline, settings.IssuingUnit, "—1—"}, names...), 0},
		{[]string{"decision", round}, append([]string{"关于命名2021年度党建引领百佳示范社区、百佳示范小区的决定", "2021年12月10日"}, names...), 0},
		{[]string{"certificates", round}, append(append([]string{"荣誉证书", settings.CertIssuer}, names...), certNos...), 3},
		{[]string{"scoresheets", round}, append(append([]string{"评分表", "评审专家（签名）"}, revNames...), names...), 0},
		{[]string{"summary", round}, append(append([]string{"评审汇总表", "名额内"}, revNames...), names...), 0},
		{[]string{"nomination", strconv.FormatInt(noms[0].ID, 10)}, []string{"申报表", noms[0].NomineeName, noms[0].Methods}, 0},
		{[]string{"communities"}, recordNames("communities"), 0},
		{[]string{"compounds"}, recordNames("compounds"), 0},
		{[]string{"orgs"}, recordNames("orgs"), 0},
	}
	for _, c := range cases {
		t.Run(c.args[0], func(t *testing.T) {
			file := filepath.Join(out, c.args[0]+".pdf")
			args := append(append([]string{"print"}, c.args...), file)
			code, stdout, stderr := runJob(t, dir, args...)
			if code != 0 {
				t.Fatalf("print %v: exit %d: %s", c.args, code, stderr)
			}
			if !strings.Contains(stdout, file) {
				t.Errorf("stdout %q does not name the file", stdout)
			}
			text := pdfText(t, file)
			for _, w := range c.want {
				if w = strings.Join(strings.Fields(w), ""); w != "" && !strings.Contains(text, w) {
					t.Errorf("%q missing from the PDF", w)
				}
			}
			if c.pages > 0 {
				if n := pdfPages(t, file); n != c.pages {
					t.Errorf("%d pages, want %d", n, c.pages)
				}
			}
		})
	}
	// Score sheets: one page per reviewer and nomination reviewed (no recusals in 2021).
	reviewed := 0
	for _, n := range noms {
		if n.State != data.StateDraft && n.State != data.StateSubmitted {
			reviewed++
		}
	}
	if n := pdfPages(t, filepath.Join(out, "scoresheets.pdf")); n != reviewed*len(revs) {
		t.Errorf("score sheets: %d pages, want %d×%d", n, reviewed, len(revs))
	}
	// Blank score sheets: as many pages, the same reviewers and nominees, none of the entered totals.
	blank := filepath.Join(out, "blank.pdf")
	if code, _, stderr := runJob(t, dir, "print", "scoresheets", "-blank", round, blank); code != 0 {
		t.Fatalf("print scoresheets -blank: %s", stderr)
	}
	if n := pdfPages(t, blank); n != reviewed*len(revs) {
		t.Errorf("blank score sheets: %d pages, want %d×%d", n, reviewed, len(revs))
	}
	bt, ft := pdfText(t, blank), pdfText(t, filepath.Join(out, "scoresheets.pdf"))
	for _, w := range append(append([]string{}, revNames...), names...) {
		if !strings.Contains(bt, strings.Join(strings.Fields(w), "")) {
			t.Errorf("blank score sheets lack %q", w)
		}
	}
	st, err = data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := documents.ScoreSheetDoc(st, mustInt(t, round))
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	filled := 0
	for _, p := range doc.Pages {
		if p.Filled {
			filled++
			if !strings.Contains(ft, p.Total) {
				t.Errorf("filled sheet of %s lacks its total %s", p.Reviewer, p.Total)
			}
		}
	}
	if filled == 0 {
		t.Fatal("demo round has no entered scores")
	}
	if strings.Count(bt, "合计") != strings.Count(ft, "合计") || len(bt) >= len(ft) {
		t.Errorf("blank sheets (%d characters) are not the filled ones (%d) without their scores", len(bt), len(ft))
	}
	// The calibration page needs no data folder.
	cal := filepath.Join(out, "cal.pdf")
	if code, _, stderr := runJob(t, "", "print", "calibration", "-paper", "260x185", cal); code != 0 {
		t.Fatalf("calibration: %s", stderr)
	}
	if !strings.Contains(pdfText(t, cal), "纸张260×185毫米") {
		t.Errorf("calibration page does not name its paper: %s", pdfText(t, cal))
	}
	assertNoTemp(t, out)
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// assertNoTemp fails when a temporary file was left in dir.
func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if strings.HasSuffix(e.Name(), ".tmp") || strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestPrintRefusesUnprintableRecord(t *testing.T) {
	cases := []struct {
		name  string
		ch    rune
		field string
	}{
		{"beyond U+FFFF", 0x20000, "小区名称"},
		{"private use", 0xE000, "小区名称"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, _ := demoStore(t)
			st, err := data.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			comms, _ := st.Communities()
			bad := "锦" + string(c.ch) + "苑小区"
			cp := data.Compound{CommunityID: comms[0].ID, Name: bad, Kind: "商品房"}
			if err := st.SaveCompound(&cp); err != nil {
				t.Fatal(err)
			}
			st.Close()
			out := t.TempDir()
			file := filepath.Join(out, "compounds.pdf")
			// An earlier good print of that name stays untouched.
			if err := os.WriteFile(file, []byte("earlier"), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runJob(t, dir, "print", "compounds", file)
			if code != 1 {
				t.Fatalf("exit %d, want 1: %s", code, stderr)
			}
			for _, want := range []string{bad, c.field, string(c.ch), strings.ToUpper(strconv.FormatInt(int64(c.ch), 16))} {
				if !strings.Contains(stderr, want) {
					t.Errorf("message %q does not name %q", stderr, want)
				}
			}
			if b, _ := os.ReadFile(file); string(b) != "earlier" {
				t.Errorf("the existing file was changed: %q", b)
			}
			// With no earlier file, none is left behind.
			file2 := filepath.Join(out, "new.pdf")
			if code, _, _ := runJob(t, dir, "print", "compounds", file2); code != 1 {
				t.Fatalf("exit %d, want 1", code)
			}
			if _, err := os.Stat(file2); !os.IsNotExist(err) {
				t.Errorf("a PDF was left after a failed job: %v", err)
			}
			assertNoTemp(t, out)
		})
	}
}

func TestPrintUsage(t *testing.T) {
	dir, round := demoStore(t)
	out := t.TempDir()
	pdf := filepath.Join(out, "x.pdf")
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"print"}, 2, "打印什么"},
		{[]string{"print", "poster", pdf}, 2, "不能打印“poster”"},
		{[]string{"print", "notice", pdf}, 2, "两个参数"},
		{[]string{"print", "notice", "abc", pdf}, 2, "编号应为数字"},
		{[]string{"print", "notice", round, filepath.Join(out, "x.doc")}, 2, ".pdf"},
		{[]string{"print", "notice", "999", pdf}, 1, "没有编号为 999"},
		{[]string{"print", "nomination", "99", pdf}, 1, "错误：没有编号为 99 的申报\n"},
		{[]string{"print", "notice", round, filepath.Join(out, "nofolder", "x.pdf")}, 1, "不存在"},
		{[]string{"print", "communities"}, 2, "一个参数"},
		{[]string{"print", "calibration", "-paper", "abc", pdf}, 2, "宽x高"},
	}
	for _, c := range cases {
		code, _, stderr := runJob(t, dir, c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d %q; want %d and %q", c.args, code, stderr, c.code, c.msg)
		}
	}
	if _, err := os.Stat(pdf); !os.IsNotExist(err) {
		t.Error("a refused job wrote a file")
	}
	// The 2022 round has no proposed list yet: a notice is refused with the reason.
	st, _ := data.Open(dir)
	rs, _ := st.Rounds()
	st.Close()
	for _, r := range rs {
		if r.Year == 2022 {
			code, _, stderr := runJob(t, dir, "print", "notice", strconv.FormatInt(r.ID, 10), pdf)
			if code != 1 || !strings.Contains(stderr, "还没有拟命名对象") {
				t.Errorf("notice of an open round: exit %d %q", code, stderr)
			}
		}
	}
}

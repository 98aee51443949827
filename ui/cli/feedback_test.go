package cli

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"jiayuan/data"
)

// print feedback writes one page a nominee of the named 2021 round, each
// with its final score as the ranking has it; -nominee prints one alone.
func TestPrintFeedback(t *testing.T) {
	dir, round := demoStore(t)
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	fbs, err := st.Feedback(mustInt(t, round))
	rk, _ := st.Ranking(mustInt(t, round))
	noms, _ := st.Nominations(mustInt(t, round), data.NominationFilter{})
	st.Close()
	if err != nil || len(fbs) < 2 {
		t.Fatalf("demo feedback: %d, %v", len(fbs), err)
	}
	out := t.TempDir()
	all := filepath.Join(out, "反馈.pdf")
	if code, _, stderr := runJob(t, dir, "print", "feedback", round, all); code != 0 {
		t.Fatalf("print feedback: %s", stderr)
	}
	if n := pdfPages(t, all); n != len(fbs) {
		t.Errorf("%d pages, want one for each of %d nominees", n, len(fbs))
	}
	text := pdfText(t, all)
	for _, c := range rk {
		for _, row := range c.Rows {
			if !strings.Contains(text, row.NomineeName) || row.Result.Display != "" && !strings.Contains(text, row.Result.Display) {
				t.Errorf("%s (%s) missing from the feedback", row.NomineeName, row.Result.Display)
			}
		}
	}
	var one data.Nomination
	for _, n := range noms {
		if n.NomineeName == fbs[1].Nominee {
			one = n
		}
	}
	file := filepath.Join(out, "一份.pdf")
	if code, _, stderr := runJob(t, dir, "print", "feedback", "-nominee", strconv.FormatInt(one.ID, 10), round, file); code != 0 {
		t.Fatalf("print feedback -nominee: %s", stderr)
	}
	if n, text := pdfPages(t, file), pdfText(t, file); n != 1 || !strings.Contains(text, fbs[1].Nominee) || strings.Contains(text, fbs[0].Nominee) {
		t.Errorf("one nominee: %d pages:\n%s", n, text)
	}
	code, _, stderr := runJob(t, dir, "print", "feedback", round, filepath.Join(out, "无.pdf"), "-nominee", "99999")
	if code != 1 || !strings.Contains(stderr, "99999") || !hasHan(stderr) {
		t.Errorf("unknown nomination: exit %d, %q", code, stderr)
	}
}

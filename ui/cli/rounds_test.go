package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"jiayuan/data"
	"jiayuan/data/calendar"
)

func TestWorkdaysJob(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"2022-10-31", "5"}, 0, "2022-11-04\n"},
		{[]string{"2021-09-28", "5"}, 0, "2021-10-09\n"},
		{[]string{"2021-02-10", "5"}, 0, "2021-02-22\n"},
		{[]string{"2021-13-01", "5"}, 2, ""},
		{[]string{"2021-09-28", "0"}, 2, ""},
		{[]string{"2021-09-28"}, 2, ""},
	}
	for _, c := range cases {
		code, out, stderr := runJob(t, dir, append([]string{"workdays"}, c.args...)...)
		if code != c.code || out != c.out {
			t.Errorf("workdays %v: %d %q %q; want %d %q", c.args, code, out, stderr, c.code, c.out)
		}
	}
	// The office's override is used.
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveHoliday(calendarOverride("2022-11-02", false)); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if code, out, _ := runJob(t, dir, "workdays", "2022-10-31", "5"); code != 0 || out != "2022-11-07\n" {
		t.Errorf("with an override: %d %q, want 2022-11-07", code, out)
	}
}

func TestRoundsJob(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	code, out, stderr := runJob(t, dir, "rounds")
	if code != 0 {
		t.Fatalf("rounds: %s", stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("rounds printed %d lines: %q", len(lines), out)
	}
	re := regexp.MustCompile(`^\d+\t2021\t2021年度党建引领百佳示范社区、百佳示范小区\t.*已命名 3`)
	if !re.MatchString(lines[1]) || !strings.Contains(lines[0], "评审中") {
		t.Errorf("rounds: %q", out)
	}
}

func calendarOverride(date string, work bool) calendar.Override {
	return calendar.Override{Date: date, Work: work}
}

func TestRoundExportImportJobs(t *testing.T) {
	dir, files := t.TempDir(), t.TempDir()
	if code, _, stderr := runJob(t, dir, "demo"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rs, _ := st.Rounds()
	id := fmt.Sprint(rs[0].ID)
	var out, errb bytes.Buffer
	e := &Env{Dir: dir, Store: st, Stdout: &out, Stderr: &errb}
	file := filepath.Join(files, "round.xlsx")
	cases := []struct {
		job  string
		args []string
		ok   bool
		want string
	}{
		{"export", []string{"round", id, file}, true, "已导出"},
		{"import", []string{"scores", id, file}, true, "新增 0 份，修改 0 份"},
		{"export", []string{"round", "999", file}, false, "没有编号为 999"},
		{"export", []string{"round", id, "x.csv"}, false, ".xlsx"},
		{"import", []string{"scores", "abc", file}, false, "数字"},
	}
	for _, c := range cases {
		// Through the dispatcher, as a script calls it.
		code, stdout, stderr := runJob(t, dir, append([]string{c.job}, c.args...)...)
		if (code == 0) != c.ok {
			t.Errorf("%s %v: exit %d, stderr %q", c.job, c.args, code, stderr)
			continue
		}
		text := stdout
		if code != 0 {
			text = stderr
		}
		if !strings.Contains(text, c.want) {
			t.Errorf("%s %v: %q, want %q", c.job, c.args, text, c.want)
		}
	}
	if handled, _ := RoundJob("export", e, []string{"communities", file}); handled {
		t.Error("RoundJob took the communities export")
	}
}

package cli

import (
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

package calendar

import (
	"errors"
	"testing"
	"time"
)

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustNew(t *testing.T, o []Override) *Calendar {
	t.Helper()
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestAddWorkdays(t *testing.T) {
	tests := []struct {
		name      string
		overrides []Override
		start     string
		n         int
		want      string
	}{
		{"plain week", nil, "2022-10-31", 5, "2022-11-04"},
		{"2021 National Day, working Saturday 10-09 counts", nil, "2021-09-28", 5, "2021-10-09"},
		{"2023 Mid-Autumn+National Day, Sat/Sun 10-07/08 work", nil, "2023-09-27", 5, "2023-10-09"},
		{"2024 Spring Festival, working Sunday 02-18", nil, "2024-02-08", 5, "2024-02-20"},
		{"2024 start on working Sunday 02-04", nil, "2024-02-04", 1, "2024-02-04"},
		{"2024 National Day, working Sunday 09-29", nil, "2024-09-27", 5, "2024-10-09"},
		{"2024 after National Day, working Saturday 10-12", nil, "2024-10-08", 5, "2024-10-12"},
		{"2025 Spring Festival, working 01-26 Sun", nil, "2025-01-24", 5, "2025-02-06"},
		{"2025 start on a holiday (National Day), working Saturday 10-11", nil, "2025-10-01", 5, "2025-10-14"},
		{"2025 start on working Sunday 09-28", nil, "2025-09-28", 5, "2025-10-10"},
		{"start on ordinary Saturday", nil, "2022-11-05", 1, "2022-11-07"},
		{"override: weekday off", []Override{{Date: "2022-11-02", Work: false, Name: "临时放假"}}, "2022-10-31", 5, "2022-11-07"},
		{"override: Saturday on", []Override{{Date: "2022-11-05", Work: true}}, "2022-10-31", 6, "2022-11-05"},
		{"without the Saturday override", nil, "2022-10-31", 6, "2022-11-07"},
		{"override corrects the source (10-09 off)", []Override{{Date: "2021-10-09", Work: false}}, "2021-09-28", 5, "2021-10-11"},
		{"override in an unknown year", []Override{{Date: "2150-03-04", Work: false}}, "2150-03-03", 2, "2150-03-05"},
		{"n < 1 returns start", nil, "2022-10-29", 0, "2022-10-29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustNew(t, tt.overrides)
			got := c.AddWorkdays(day(t, tt.start), tt.n)
			if got.Format(DateLayout) != tt.want {
				t.Errorf("AddWorkdays(%s, %d) = %s, want %s", tt.start, tt.n, got.Format(DateLayout), tt.want)
			}
			if got.Location() != time.UTC || got.Hour() != 0 {
				t.Errorf("result %v is not midnight UTC", got)
			}
		})
	}
}

func TestIsWorkdayAndDay(t *testing.T) {
	c := mustNew(t, []Override{{Date: "2030-01-07", Work: false, Name: "补录假日"}})
	tests := []struct {
		date   string
		work   bool
		origin Origin
		name   string
	}{
		{"2024-02-04", true, Official, "春节"}, // Sunday, 调休
		{"2024-02-12", false, Official, "春节"},
		{"2024-10-12", true, Official, "国庆节"},
		{"2024-10-07", false, Official, "国庆节"},
		{"2022-01-01", false, Official, "元旦节"}, // Saturday holiday
		{"2022-11-01", true, Weekly, ""},
		{"2022-11-06", false, Weekly, ""},
		{"2030-01-07", false, Office, "补录假日"}, // a Monday
	}
	for _, tt := range tests {
		d := c.Day(day(t, tt.date))
		if d.Work != tt.work || d.Origin != tt.origin || d.Name != tt.name {
			t.Errorf("Day(%s) = %+v, want work=%v origin=%v name=%q", tt.date, d, tt.work, tt.origin, tt.name)
		}
		if c.IsWorkday(day(t, tt.date)) != tt.work {
			t.Errorf("IsWorkday(%s) != %v", tt.date, tt.work)
		}
	}
}

func TestCivilDateInOwnZone(t *testing.T) {
	c := mustNew(t, nil)
	cst := time.FixedZone("CST", 8*3600)
	// Monday 00:30 in Beijing is still Sunday in UTC.
	mon := time.Date(2022, 10, 31, 0, 30, 0, 0, cst)
	if !c.IsWorkday(mon) {
		t.Errorf("IsWorkday(%v) = false, want true (Monday in its own zone)", mon)
	}
	if got := c.AddWorkdays(mon, 5).Format(DateLayout); got != "2022-11-04" {
		t.Errorf("AddWorkdays from %v = %s, want 2022-11-04", mon, got)
	}
}

// Every period's end is a working day and holds exactly n working days.
func TestPeriodProperties(t *testing.T) {
	c := mustNew(t, nil)
	for d := day(t, "2021-01-01"); d.Year() <= 2025; d = d.AddDate(0, 0, 1) {
		for _, n := range []int{1, 5, 10} {
			end := c.AddWorkdays(d, n)
			if !c.IsWorkday(end) {
				t.Fatalf("AddWorkdays(%s, %d) = %s, not a working day", d.Format(DateLayout), n, end.Format(DateLayout))
			}
			if got := c.WorkdaysBetween(d, end); got != n {
				t.Fatalf("WorkdaysBetween(%s, %s) = %d, want %d", d.Format(DateLayout), end.Format(DateLayout), got, n)
			}
		}
	}
}

func TestWorkdaysBetween(t *testing.T) {
	c := mustNew(t, nil)
	tests := []struct {
		from, to string
		want     int
	}{
		{"2021-09-28", "2021-10-09", 5},
		{"2021-10-01", "2021-10-07", 0},
		// 02-04 (working Sunday) + 02-05..02-09 + 02-18 (working Sunday); 02-10..02-17 off
		{"2024-02-04", "2024-02-18", 7},
		{"2022-11-07", "2022-11-06", 0},
	}
	for _, tt := range tests {
		if got := c.WorkdaysBetween(day(t, tt.from), day(t, tt.to)); got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestKnownAndPeriodEnd(t *testing.T) {
	c := mustNew(t, []Override{{Date: "2151-01-02", Work: false}})
	for _, y := range []int{2021, 2022, 2023, 2024, 2025, 2151} {
		if !c.Known(y) {
			t.Errorf("Known(%d) = false, want true", y)
		}
	}
	if c.Known(2150) {
		t.Errorf("Known(2150) = true, want false")
	}
	if end, err := c.PeriodEnd(day(t, "2022-10-31"), 5); err != nil || end.Format(DateLayout) != "2022-11-04" {
		t.Errorf("PeriodEnd(2022-10-31, 5) = %v, %v", end, err)
	}
	_, err := c.PeriodEnd(day(t, "2150-06-01"), 5)
	var uy *UnknownYearError
	if !errors.As(err, &uy) || uy.Year != 2150 {
		t.Errorf("PeriodEnd in 2150: err = %v, want UnknownYearError{2150}", err)
	}
	// Crossing from an unknown year into a known one still names the unknown year.
	_, err = c.PeriodEnd(day(t, "2150-12-29"), 5)
	if !errors.As(err, &uy) || uy.Year != 2150 {
		t.Errorf("PeriodEnd across 2150/2151: err = %v, want UnknownYearError{2150}", err)
	}
	if _, err := c.PeriodEnd(day(t, "2022-10-31"), 0); err == nil {
		t.Errorf("PeriodEnd with n=0: no error")
	}
}

func TestNewRejectsBadOverrides(t *testing.T) {
	tests := []struct {
		name string
		o    []Override
	}{
		{"impossible date", []Override{{Date: "2028-02-30"}}},
		{"wrong format", []Override{{Date: "2028/01/02"}}},
		{"empty", []Override{{Date: ""}}},
		{"duplicate", []Override{{Date: "2028-01-02"}, {Date: "2028-01-02", Work: true}}},
	}
	for _, tt := range tests {
		if _, err := New(tt.o); err == nil {
			t.Errorf("%s: New(%v) gave no error", tt.name, tt.o)
		}
	}
}

func TestOfficialDays(t *testing.T) {
	days := OfficialDays(2024)
	found := false
	for i, d := range days {
		if i > 0 && days[i-1].Date >= d.Date {
			t.Fatalf("OfficialDays not in date order at %s", d.Date)
		}
		if d.Date == "2024-02-04" {
			found = d.Work
		}
		if d.Date[:4] != "2024" {
			t.Errorf("OfficialDays(2024) holds %s", d.Date)
		}
	}
	if !found {
		t.Errorf("OfficialDays(2024) lacks the working Sunday 2024-02-04")
	}
}

func BenchmarkAddWorkdays(b *testing.B) {
	c, _ := New(nil)
	start := time.Date(2024, 9, 27, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		c.AddWorkdays(start, 5)
	}
}

// Package calendar is the Chinese working-day calendar used for public-notice
// periods: weekends are off, official public holidays are off, and the swapped
// working weekends (调休) are on.
//
// The official schedules come from github.com/6tail/lunar-go (HolidayUtil).
// The office can add or correct days for years the source does not yet know
// (or correct a day the source has wrong) with Overrides, which always win.
//
// All dates are civil dates: only the year, month and day of a time.Time are
// read (in that value's own location), and every date returned is midnight UTC.
package calendar

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// DateLayout is the textual form of a civil date: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// Source data years scanned. lunar-go's schedules start in 2001 (for 2002).
const (
	firstSourceYear = 2001
	lastSourceYear  = 2200
)

// Override adds or corrects one day: Work true makes it a working day (a
// 调休 working weekend), Work false a day off (a public holiday).
type Override struct {
	Date string // YYYY-MM-DD
	Work bool
	Name string // e.g. 春节 or 春节调休; may be empty
}

// Origin tells where a day's status comes from.
type Origin int

const (
	// Weekly means the ordinary rule: Monday to Friday on, weekends off.
	Weekly Origin = iota
	// Official means the official schedule from the maintained source.
	Official
	// Office means an override entered by the office.
	Office
)

// DayInfo describes one civil day.
type DayInfo struct {
	Date   time.Time // midnight UTC
	Work   bool
	Name   string // holiday name for Official/Office days, empty for Weekly
	Origin Origin
}

// Calendar answers working-day questions. It is immutable and safe for
// concurrent use.
type Calendar struct {
	overrides map[date]rule
	known     map[int]bool // years known through overrides
}

// UnknownYearError is returned by PeriodEnd when the period reaches a year
// whose schedule neither the source nor the overrides know.
type UnknownYearError struct{ Year int }

func (e *UnknownYearError) Error() string {
	return fmt.Sprintf("%d年的法定节假日和调休安排尚未收录，请在“设置”中补充该年的放假和调休日期", e.Year)
}

type date struct {
	y int
	m time.Month
	d int
}

type rule struct {
	work bool
	name string
}

func civil(t time.Time) date {
	y, m, d := t.Date()
	return date{y, m, d}
}

func (d date) time() time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC) }

func (d date) next() date { return civil(d.time().AddDate(0, 0, 1)) }

// source holds lunar-go's schedule, loaded once.
var source struct {
	once  sync.Once
	days  map[date]rule
	years map[int]bool // years whose schedule the source publishes (by target holiday)
}

func loadSource() {
	source.days = make(map[date]rule)
	source.years = make(map[int]bool)
	for y := firstSourceYear; y <= lastSourceYear; y++ {
		l := HolidayUtil.GetHolidaysByYear(y)
		for e := l.Front(); e != nil; e = e.Next() {
			h := e.Value.(*HolidayUtil.Holiday)
			day, err := time.Parse(DateLayout, h.GetDay())
			if err != nil {
				continue // malformed upstream entry: ignore rather than guess
			}
			source.days[civil(day)] = rule{work: h.IsWork(), name: h.GetName()}
			if target, err := time.Parse(DateLayout, h.GetTarget()); err == nil {
				source.years[target.Year()] = true
			}
		}
	}
}

func sourceData() (map[date]rule, map[int]bool) {
	source.once.Do(loadSource)
	return source.days, source.years
}

// ParseDate reads a civil date written YYYY-MM-DD.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("日期“%s”无效，应为“年-月-日”格式，如 2022-10-31", s)
	}
	return t, nil
}

// ValidateOverride checks one override as the settings form would.
func ValidateOverride(o Override) error {
	_, err := ParseDate(o.Date)
	return err
}

// New builds a calendar from the official source plus the office's
// overrides. A malformed or repeated override date is an error naming it.
func New(overrides []Override) (*Calendar, error) {
	c := &Calendar{overrides: make(map[date]rule, len(overrides)), known: make(map[int]bool)}
	for i, o := range overrides {
		t, err := ParseDate(o.Date)
		if err != nil {
			return nil, fmt.Errorf("第%d条调整日期：%w", i+1, err)
		}
		d := civil(t)
		if _, dup := c.overrides[d]; dup {
			return nil, fmt.Errorf("第%d条调整日期：%s 重复录入", i+1, t.Format(DateLayout))
		}
		c.overrides[d] = rule{work: o.Work, name: strings.TrimSpace(o.Name)}
		c.known[d.y] = true
	}
	return c, nil
}

// OfficialDays lists the source's special days (holidays and 调休 working
// days) dated in the given year, in date order, in Override form so the
// settings page can show them beside the office's corrections.
func OfficialDays(year int) []Override {
	days, _ := sourceData()
	var out []Override
	for d, r := range days {
		if d.y == year {
			out = append(out, Override{Date: d.time().Format(DateLayout), Work: r.work, Name: r.name})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// Day describes the civil day of d.
func (c *Calendar) Day(d time.Time) DayInfo {
	cd := civil(d)
	if r, ok := c.overrides[cd]; ok {
		return DayInfo{Date: cd.time(), Work: r.work, Name: r.name, Origin: Office}
	}
	days, _ := sourceData()
	if r, ok := days[cd]; ok {
		return DayInfo{Date: cd.time(), Work: r.work, Name: r.name, Origin: Official}
	}
	wd := cd.time().Weekday()
	return DayInfo{Date: cd.time(), Work: wd != time.Saturday && wd != time.Sunday, Origin: Weekly}
}

// IsWorkday reports whether the civil day of d is a working day.
func (c *Calendar) IsWorkday(d time.Time) bool { return c.Day(d).Work }

// AddWorkdays returns the last day of a period of n working days starting at
// start; start counts when it is a working day. For n < 1 it returns start's
// civil date unchanged. It does not check that the years are Known; use
// PeriodEnd for that.
func (c *Calendar) AddWorkdays(start time.Time, n int) time.Time {
	d := civil(start)
	if n < 1 {
		return d.time()
	}
	for {
		if c.IsWorkday(d.time()) {
			n--
			if n == 0 {
				return d.time()
			}
		}
		d = d.next()
	}
}

// PeriodEnd is AddWorkdays with checks: n must be at least 1, and every year
// from start to the end of the period must be Known, otherwise the error
// (an *UnknownYearError) tells the office which year to fill in; the
// unchecked end date is still returned with it.
func (c *Calendar) PeriodEnd(start time.Time, n int) (time.Time, error) {
	if n < 1 {
		return time.Time{}, fmt.Errorf("工作日天数须至少为 1，当前为 %d", n)
	}
	end := c.AddWorkdays(start, n)
	for y := start.Year(); y <= end.Year(); y++ {
		if !c.Known(y) {
			return end, &UnknownYearError{Year: y}
		}
	}
	return end, nil
}

// WorkdaysBetween counts the working days from from to to, both included;
// 0 when to is before from.
func (c *Calendar) WorkdaysBetween(from, to time.Time) int {
	d, end := civil(from), civil(to).time()
	n := 0
	for !d.time().After(end) {
		if c.IsWorkday(d.time()) {
			n++
		}
		d = d.next()
	}
	return n
}

// Known reports whether the year's holiday schedule is known, from the
// source (which publishes a year's schedule as a whole) or from an override
// dated in that year.
func (c *Calendar) Known(year int) bool {
	_, years := sourceData()
	return years[year] || c.known[year]
}

package data

import (
	"database/sql/driver"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Date is a calendar date that may be known only to the month (Day == 0)
// or not at all (the zero value). A month-precise date is never invented
// as the 1st.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// MonthOnly reports whether the date is known only to the month.
func (d Date) MonthOnly() bool { return d.Year != 0 && d.Day == 0 }

// String gives YYYY-MM-DD, YYYY-MM when known only to the month, or "".
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	default:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
}

// Time is the first moment of the date (of the month for a month-precise date).
func (d Date) Time() time.Time {
	day := d.Day
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(d.Month), day, 0, 0, 0, 0, time.Local)
}

// DateOf is the (day-precise) date of t.
func DateOf(t time.Time) Date { return Date{t.Year(), int(t.Month()), t.Day()} }

// Before reports whether d is before e, comparing a month-precise date by its month.
func (d Date) Before(e Date) bool {
	a := [3]int{d.Year, d.Month, d.Day}
	b := [3]int{e.Year, e.Month, e.Day}
	for i := range a {
		if i == 2 && (a[2] == 0 || b[2] == 0) {
			return false
		}
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// AddYears moves the date by n years, keeping its precision.
func (d Date) AddYears(n int) Date {
	if d.IsZero() {
		return d
	}
	e := d
	e.Year += n
	if e.Month == 2 && e.Day == 29 && !isLeap(e.Year) {
		e.Day = 28
	}
	return e
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

var (
	reYMD     = regexp.MustCompile(`^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$`)
	reYM      = regexp.MustCompile(`^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$`)
	reCompact = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})?$`)
)

// ParseDate reads a date typed by a clerk: 2015-08-01, 2015-08, 2015.8, 2015/8/1,
// 2015年8月, 2015年8月1日, 20150801, 201508, with full-width digits allowed.
// An empty string is the unknown date.
func ParseDate(s string) (Date, error) {
	s = NormalizeCode(s)
	if s == "" {
		return Date{}, nil
	}
	var y, m, d int
	if g := reYMD.FindStringSubmatch(s); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := reYM.FindStringSubmatch(s); g != nil {
		y, m = atoi(g[1]), atoi(g[2])
	} else if g := reCompact.FindStringSubmatch(s); g != nil {
		y, m = atoi(g[1]), atoi(g[2])
		if g[3] != "" {
			d = atoi(g[3])
		}
	} else {
		return Date{}, fmt.Errorf("“%s”不是日期，请写成 YYYY-MM-DD，只知道月份时写 YYYY-MM", Excerpt(s))
	}
	if y < 1900 || y > 2200 {
		return Date{}, fmt.Errorf("年份 %d 不合理", y)
	}
	if m < 1 || m > 12 {
		return Date{}, fmt.Errorf("“%s”的月份 %d 不存在", Excerpt(s), m)
	}
	if d != 0 {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if d < 1 || t.Day() != d {
			return Date{}, fmt.Errorf("“%s”这一天不存在", Excerpt(s))
		}
	}
	return Date{y, m, d}, nil
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// Scan implements sql.Scanner.
func (d *Date) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case nil:
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return fmt.Errorf("date: cannot scan %T", v)
	}
	p, err := ParseDate(s)
	if err != nil {
		return fmt.Errorf("date %q in database: %w", s, err)
	}
	*d = p
	return nil
}

// Value implements driver.Valuer.
func (d Date) Value() (driver.Value, error) { return d.String(), nil }

// Count is a whole number ≥ 0 that may be unknown (Set false) or known only
// roughly (Approx: "14万余" is stored as 140000, marked approximate).
type Count struct {
	N      int64
	Approx bool
	Set    bool
}

// Exact is a known, exact count.
func Exact(n int64) Count { return Count{N: n, Set: true} }

// About is a count known only roughly.
func About(n int64) Count { return Count{N: n, Approx: true, Set: true} }

// String is the form a clerk reads and types: "1500", "14万余", "10余", or "".
func (c Count) String() string {
	if !c.Set {
		return ""
	}
	if !c.Approx {
		return strconv.FormatInt(c.N, 10)
	}
	if c.N >= 10000 && c.N%10000 == 0 {
		return strconv.FormatInt(c.N/10000, 10) + "万余"
	}
	return strconv.FormatInt(c.N, 10) + "余"
}

var reCount = regexp.MustCompile(`^(约|大约|~|≈)?\s*(\d+(?:\.\d+)?)\s*(万|千|百)?\s*(余|多|\+)?\s*(人|户|个|家|处|支|栋|幢|名)?$`)

// ParseCount reads "1500", "1,500", "１５００", "14万余", "约500", "10余", "10+".
func ParseCount(s string) (Count, error) {
	s = strings.ReplaceAll(NormalizeCode(s), ",", "")
	if s == "" {
		return Count{}, nil
	}
	g := reCount.FindStringSubmatch(s)
	if g == nil && strings.HasPrefix(s, "-") {
		if _, err := ParseCount(s[1:]); err == nil {
			return Count{}, fmt.Errorf("“%s”小于 0，数量不能是负数", Excerpt(s))
		}
	}
	if g == nil {
		return Count{}, fmt.Errorf("“%s”不是数量，请填写不小于 0 的整数（约数可写作 14万余、10余）", Excerpt(s))
	}
	mult := map[string]float64{"": 1, "万": 10000, "千": 1000, "百": 100}[g[3]]
	f, err := strconv.ParseFloat(g[2], 64)
	if err != nil {
		return Count{}, fmt.Errorf("“%s”不是数量", Excerpt(s))
	}
	v := f * mult
	if v != float64(int64(v)) || v > 1e12 {
		return Count{}, fmt.Errorf("“%s”不是整数", Excerpt(s))
	}
	return Count{N: int64(v), Approx: g[1] != "" || g[4] != "", Set: true}, nil
}

// Scan implements sql.Scanner; the stored form is "", "1500" or "~140000".
func (c *Count) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case nil:
	case string:
		s = x
	case []byte:
		s = string(x)
	case int64:
		*c = Exact(x)
		return nil
	default:
		return fmt.Errorf("count: cannot scan %T", v)
	}
	*c = Count{}
	if s == "" {
		return nil
	}
	approx := strings.HasPrefix(s, "~")
	n, err := strconv.ParseInt(strings.TrimPrefix(s, "~"), 10, 64)
	if err != nil {
		return fmt.Errorf("count %q in database: %w", s, err)
	}
	*c = Count{N: n, Approx: approx, Set: true}
	return nil
}

// Value implements driver.Valuer.
func (c Count) Value() (driver.Value, error) {
	if !c.Set {
		return "", nil
	}
	if c.Approx {
		return "~" + strconv.FormatInt(c.N, 10), nil
	}
	return strconv.FormatInt(c.N, 10), nil
}

// Normalize trims a typed text (a name, a title, a unit) and turns full-width
// Latin letters and digits and the ideographic space into half-width, as clerks'
// files often have them. Chinese punctuation — （）：；，！？ and the other
// full-width signs — is kept as typed: 华新社区（筹），一期！ stays so.
func Normalize(s string) string {
	return normalize(s, false)
}

// NormalizeCode is Normalize for codes, phone numbers, dates, counts and areas,
// where every full-width sign is folded too: （028）８５６１１００１ → (028)85611001.
// It is also the key under which two names compare as the same name.
func NormalizeCode(s string) string {
	return normalize(s, true)
}

func normalize(s string, signs bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\u3000' || r == '\u00a0':
			r = ' '
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			r = r - '！' + '!'
		case signs && r >= '！' && r <= '～':
			r = r - '！' + '!'
		case r == '\u200b' || r == '\ufeff':
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimFunc(b.String(), unicode.IsSpace)
}

var (
	rePhoneChars = regexp.MustCompile(`^\+?[0-9 ()\-]+$`)
	rePhoneSep   = regexp.MustCompile(`[/、,;，；]`)
)

// CheckPhone accepts mobile numbers (11 digits starting 13–19, "+86" allowed),
// landlines with an area code (0 and 10–12 digits, an extension after a dash
// allowed) or without (7–8 digits), 400/800 numbers, and short service numbers
// of 5 or 6 digits such as 96110 or 12345.
// Two numbers may be given, separated by / 、 , or ;.
func CheckPhone(s string) error {
	s = NormalizeCode(s)
	if s == "" {
		return nil
	}
	if parts := rePhoneSep.Split(s, -1); len(parts) > 1 {
		for _, p := range parts {
			if strings.TrimSpace(p) == "" {
				continue
			}
			if err := CheckPhone(p); err != nil {
				return err
			}
		}
		return nil
	}
	if !rePhoneChars.MatchString(s) {
		return fmt.Errorf("“%s”不像电话号码", Excerpt(s))
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	if strings.HasPrefix(s, "+86") || (strings.HasPrefix(digits, "861") && len(digits) == 13) {
		digits = strings.TrimPrefix(digits, "86")
	}
	switch n := len(digits); {
	case n < 5:
		return fmt.Errorf("电话“%s”位数不对（%d 位）", Excerpt(s), n)
	case n == 5 || n == 6:
		// a service number: 96110, 12345, 95588
	case digits[0] == '1':
		if n != 11 {
			return fmt.Errorf("手机号“%s”位数不对（应为 11 位，现在 %d 位）", Excerpt(s), n)
		}
		if digits[1] < '3' {
			return fmt.Errorf("手机号“%s”的第二位不对", Excerpt(s))
		}
	case digits[0] == '0':
		// an area code and a number, perhaps an extension: 028-85611001-8001
		if n < 10 || (n > 12 && !reExtension.MatchString(s)) || n > 17 {
			return fmt.Errorf("电话“%s”位数不对（带区号应为 10–12 位，现在 %d 位）", Excerpt(s), n)
		}
	case strings.HasPrefix(digits, "400") || strings.HasPrefix(digits, "800"):
		if n != 10 {
			return fmt.Errorf("电话“%s”位数不对（400/800 号码应为 10 位）", Excerpt(s))
		}
	case n == 7 || n == 8:
		// a local landline without its area code
	default:
		return fmt.Errorf("电话“%s”位数不对（%d 位）", Excerpt(s), n)
	}
	return nil
}

// reExtension is a landline with an extension after a last dash.
var reExtension = regexp.MustCompile(`^\(?0\d{2,3}\)?[- ]?\d{7,8}-\d{1,5}$`)

var reDecimal = regexp.MustCompile(`^\d+(\.\d+)?$`)

// ParseArea reads an area in square kilometres, a decimal ≥ 0.
func ParseArea(s string) (string, error) {
	s = NormalizeCode(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "平方公里"), "km²")
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if !reDecimal.MatchString(s) {
		return "", fmt.Errorf("“%s”不是面积（平方公里，如 2.35）", Excerpt(s))
	}
	return s, nil
}

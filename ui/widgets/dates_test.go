package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"jiayuan/data"
)

// With 「日期写法」 2021年12月6日 the lists and the form write dates in
// Chinese, and what the form shows reads back as the same date; the hint
// is Chinese in both forms.
func TestDateForm(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { SetDateForm("") })
	day, month := data.Date{Year: 2021, Month: 12, Day: 6}, data.Date{Year: 2021, Month: 12}
	for _, tc := range []struct{ form, day, month string }{
		{"", "2021-12-06", "2021-12"},
		{data.DateFormArabic, "2021年12月6日", "2021年12月"},
	} {
		SetDateForm(tc.form)
		if got := DateText(day); got != tc.day {
			t.Errorf("form %q: %v written %q, want %q", tc.form, day, got, tc.day)
		}
		if got := DateText(month); got != tc.month {
			t.Errorf("form %q: %v written %q, want %q", tc.form, month, got, tc.month)
		}
		if DateText(data.Date{}) != "" {
			t.Errorf("form %q: an unknown date is written", tc.form)
		}
		d := day
		f := NewForm(func() error { return nil })
		e := f.Date("Founded", "成立时间", &d)
		if e.Text != tc.day || strings.Contains(e.PlaceHolder, "YYYY") {
			t.Errorf("form %q: the field shows %q with the hint %q", tc.form, e.Text, e.PlaceHolder)
		}
		d = data.Date{}
		if !f.Check() || d != day {
			t.Errorf("form %q: %q read back as %v", tc.form, e.Text, d)
		}
	}
}

package widgets

import (
	"fmt"

	"jiayuan/data"
)

// dateForm is how the window writes dates: data.DateFormArabic (2021年12月6日)
// or empty (2021-12-06); set from 设置 › 基本设置 「日期写法」.
var dateForm string

// SetDateForm makes the lists and forms write dates in form (see data.Settings.DateFormWindow).
func SetDateForm(form string) { dateForm = form }

// DateText is d as the window writes it: 2021-12-06 or 2021年12月6日, a month
// alone 2021-12 or 2021年12月; empty when unknown.
func DateText(d data.Date) string {
	if dateForm != data.DateFormArabic || d.IsZero() {
		return d.String()
	}
	if d.MonthOnly() {
		return fmt.Sprintf("%d年%d月", d.Year, d.Month)
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

// DateHint is the placeholder of a date field.
func DateHint() string {
	if dateForm == data.DateFormArabic {
		return "如 2021年12月6日，只知月份写 2021年12月"
	}
	return "如 2021-12-06，只知月份写 2021-12"
}

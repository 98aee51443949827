package documents

import (
	"jiayuan/data"
	"jiayuan/reports"
)

// dateStyle reads a DateForm setting; def when it is empty or unknown.
func dateStyle(form string, def reports.DateStyle) reports.DateStyle {
	switch form {
	case data.DateFormArabic:
		return reports.DateArabic
	case data.DateFormChinese:
		return reports.DateChinese
	case data.DateFormChineseMonth:
		return reports.DateChineseMonth
	}
	return def
}

// certDateStyle is the certificates' date form: the setting of 设置 when made,
// else an older layout's own choice, else 二〇二一年十二月十日.
func certDateStyle(s data.Settings, lay CertLayout) reports.DateStyle {
	if s.DateFormCert == "" && lay.DateStyle != DateArabic {
		return lay.dateStyle()
	}
	return dateStyle(s.DateFormCert, reports.DateChinese)
}

// DateForms are the choices of the DateForm settings, for the settings panel:
// value and how it reads.
var DateForms = [][2]string{
	{data.DateFormChinese, "二〇二一年十二月十日"},
	{data.DateFormArabic, "2021年12月10日"},
	{data.DateFormChineseMonth, "二〇二一年十二月"},
}

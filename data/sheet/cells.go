package sheet

// Reading typed values out of clerks' cells: full-width digits, stray spaces,
// dates as Excel serial numbers or as text, counts with 万余.

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"jiayuan/data"
)

// normalizedFields are typed with codes and names, where full-width letters
// and digits are turned half-width (as the data layer does on save); in codes
// (true here) every full-width sign is folded too, names keep their （）：，.
var normalizedFields = map[string]bool{
	"Name": false, "CommunityName": false, "CompoundName": false, "ParentName": false, "Kind": false,
	"DivisionCode": true, "SecretaryPhone": true, "DirectorPhone": true, "PropertyPhone": true, "Area": true,
}

// normalizeField is s as the data layer stores the field, and ok=false for a
// field stored as typed.
func normalizeField(field, s string) (string, bool) {
	code, ok := normalizedFields[field]
	switch {
	case !ok:
		return s, false
	case code:
		return data.NormalizeCode(s), true
	}
	return data.Normalize(s), true
}

// cleanText trims spaces (also the ideographic space) and zero-width characters.
func cleanText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' })
}

// numberText gives a number cell's value as a clerk would read it:
// 13812345678 rather than 1.3812345678E10.
func numberText(s string) string {
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "nN") {
		if f == math.Trunc(f) && math.Abs(f) < 1e15 {
			return strconv.FormatInt(int64(f), 10)
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return s
}

// shown is the value of a cell as the clerk sees it, for messages.
func (c cell) shown(date1904 bool) string {
	switch c.typ {
	case cellNumber:
		if c.date != notDate {
			if f, err := strconv.ParseFloat(c.text, 64); err == nil {
				if d, ok := serialDate(f, date1904); ok {
					if c.date == dateMonth {
						d.Day = 0
					}
					return d.String()
				}
			}
		}
		return numberText(c.text)
	case cellBool:
		if c.text == "1" {
			return "TRUE"
		}
		return "FALSE"
	}
	return c.text
}

// reason strips a leading quotation of the value from a data-layer message
// (“2015.13”的月份 13 不存在 → 月份 13 不存在), since the problem names the value.
func reason(msg, value string) string {
	for _, v := range []string{value, data.NormalizeCode(value), data.Excerpt(value), data.Excerpt(data.NormalizeCode(value))} {
		if p := "“" + v + "”"; v != "" && strings.HasPrefix(msg, p) {
			r := strings.TrimPrefix(strings.TrimPrefix(msg, p), "的")
			if r != "" {
				return r
			}
		}
	}
	return msg
}

// parseText reads a text field.
func parseText(c cell, field string) string {
	s := c.text
	if c.typ == cellNumber {
		s = numberText(s)
	}
	if n, ok := normalizeField(field, s); ok {
		return n
	}
	return cleanText(s)
}

// serialDate converts an Excel serial number (days since 1899-12-30, with
// Excel's fictitious 1900-02-29) to a date.
func serialDate(v float64, date1904 bool) (data.Date, bool) {
	if math.IsNaN(v) || v < 1 || v > 200000 {
		return data.Date{}, false
	}
	days := int(math.Floor(v))
	var t time.Time
	switch {
	case date1904:
		t = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	case days == 60:
		return data.Date{}, false // 1900-02-29, which Excel invents
	case days < 60:
		t = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	default:
		t = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	}
	return data.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
}

var (
	reTimeSuffix = regexp.MustCompile(`^(.*\d)\s*(?:T|\s)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$`)
	reDigits     = regexp.MustCompile(`^\d+$`)
)

// parseDate reads a date cell: a number with a date format, an Excel serial
// number, 201508 or 20150801, 2015.8 typed as a number, or text.
func parseDate(c cell, date1904 bool) (data.Date, error) {
	switch c.typ {
	case cellEmpty:
		return data.Date{}, nil
	case cellBool, cellError:
		return data.Date{}, fmt.Errorf("不是日期")
	case cellNumber:
		f, err := strconv.ParseFloat(c.text, 64)
		if err != nil {
			return data.Date{}, fmt.Errorf("不是日期")
		}
		if c.date != notDate {
			d, ok := serialDate(f, date1904)
			if !ok {
				return data.Date{}, fmt.Errorf("不是有效的日期")
			}
			if c.date == dateMonth {
				d.Day = 0
			}
			return d, nil
		}
		s := numberText(c.text)
		if f == math.Trunc(f) {
			switch len(s) {
			case 4:
				return data.Date{}, fmt.Errorf("只有年份，请写成 %s-MM 或 %s-MM-DD", s, s)
			case 5:
				if d, ok := serialDate(f, date1904); ok {
					return d, nil
				}
			}
			return parseDateText(s)
		}
		// 2015.8 typed into a number cell; 2015.1 may have been 2015.10.
		if y, frac, ok := strings.Cut(s, "."); ok && len(y) == 4 && frac == "1" {
			return data.Date{}, fmt.Errorf("是数字 %s，看不出是 1 月还是 10 月，请写成 %s-01 或 %s-10（或把单元格设为文本）", s, y, y)
		}
		return parseDateText(s)
	}
	s := data.NormalizeCode(c.text)
	if g := reTimeSuffix.FindStringSubmatch(s); g != nil {
		s = g[1]
	}
	if len(s) == 5 && reDigits.MatchString(s) {
		f, _ := strconv.ParseFloat(s, 64)
		if d, ok := serialDate(f, date1904); ok {
			return d, nil
		}
	}
	if len(s) == 4 && reDigits.MatchString(s) {
		return data.Date{}, fmt.Errorf("只有年份，请写成 %s-MM 或 %s-MM-DD", s, s)
	}
	return parseDateText(s)
}

func parseDateText(s string) (data.Date, error) {
	d, err := data.ParseDate(s)
	if err != nil {
		return d, errors.New(reason(err.Error(), s))
	}
	return d, nil
}

// parseCount reads a count: a whole number, or a rough figure such as 14万余.
func parseCount(c cell) (data.Count, error) {
	switch c.typ {
	case cellEmpty:
		return data.Count{}, nil
	case cellBool, cellError:
		return data.Count{}, fmt.Errorf("不是数量")
	}
	s := c.text
	if c.typ == cellNumber {
		s = numberText(s)
	}
	n, err := data.ParseCount(s)
	if err != nil {
		return n, errors.New(reason(err.Error(), data.NormalizeCode(s)))
	}
	return n, nil
}

var reInt = regexp.MustCompile(`^(\d+)\s*(年)?$`)

// parseInt reads a whole number (a year, a term in years); a date cell gives its year.
func parseInt(c cell, field string, date1904 bool) (int, error) {
	switch c.typ {
	case cellEmpty:
		return 0, nil
	case cellBool, cellError:
		return 0, fmt.Errorf("不是整数")
	case cellNumber:
		f, err := strconv.ParseFloat(c.text, 64)
		if err != nil {
			return 0, fmt.Errorf("不是整数")
		}
		if c.date != notDate && field == "YearBuilt" {
			if d, ok := serialDate(f, date1904); ok {
				return d.Year, nil
			}
		}
		if f != math.Trunc(f) || f < 0 || f > 1e6 {
			return 0, fmt.Errorf("不是整数")
		}
		return int(f), nil
	}
	s := data.NormalizeCode(c.text)
	g := reInt.FindStringSubmatch(s)
	if g == nil {
		if field == "YearBuilt" {
			return 0, fmt.Errorf("不是年份，请写四位数字，如 2005")
		}
		return 0, fmt.Errorf("不是整数")
	}
	n, err := strconv.Atoi(g[1])
	if err != nil || n > 1e6 {
		return 0, fmt.Errorf("不是整数")
	}
	return n, nil
}

// parseBool reads yes or no.
func parseBool(c cell) (bool, error) {
	switch c.typ {
	case cellEmpty:
		return false, nil
	case cellBool:
		return c.text == "1" || strings.EqualFold(c.text, "true"), nil
	case cellNumber:
		switch numberText(c.text) {
		case "1":
			return true, nil
		case "0":
			return false, nil
		}
		return false, fmt.Errorf("请填写“是”或“否”")
	}
	switch strings.ToLower(data.NormalizeCode(c.text)) {
	case "是", "有", "已成立", "y", "yes", "true", "1", "√", "✓":
		return true, nil
	case "否", "无", "没有", "未成立", "n", "no", "false", "0", "×", "✗":
		return false, nil
	}
	return false, fmt.Errorf("请填写“是”或“否”")
}

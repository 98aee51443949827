// Package score does the panel-scoring arithmetic of a selection round in
// exact decimals: parsing scores as typed (half-width or full-width), a
// reviewer's total, the (trimmed) mean, its two-decimal display rounded half
// up, and the per-category ranking with the quota line. No floats anywhere.
package score

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Decimal is an exact non-negative number with at most two decimals, held as
// a count of hundredths. The zero value is 0.
type Decimal struct{ h int64 }

// maxInt bounds the integer part a parser accepts, so sums never overflow.
const maxInt = 1_000_000_000

// Parse errors; the returned errors wrap one of these, so callers can test
// with errors.Is. Their text is meant to follow the field's name, e.g.
// "党建引领：“12.3”只能是整数或半分（如 8 或 8.5）".
var (
	ErrEmpty     = errors.New("未填写")
	ErrNotNumber = errors.New("不是有效的数字")
	ErrNegative  = errors.New("不能为负数")
	ErrPrecision = errors.New("最多保留两位小数")
	ErrTooLarge  = errors.New("数值过大")
	ErrNotHalf   = errors.New("只能是整数或半分（如 8 或 8.5）")
	ErrAboveMax  = errors.New("超过满分")
	ErrAboveCap  = errors.New("超过加分上限")
)

// FromHundredths returns h/100 (e.g. for a value stored as hundredths).
func FromHundredths(h int64) Decimal { return Decimal{h} }

// FromInt returns n.
func FromInt(n int64) Decimal { return Decimal{n * 100} }

// Hundredths returns the value times 100.
func (d Decimal) Hundredths() int64 { return d.h }

// Add returns d + e.
func (d Decimal) Add(e Decimal) Decimal { return Decimal{d.h + e.h} }

// Cmp returns -1, 0 or +1 as d is less than, equal to or greater than e.
func (d Decimal) Cmp(e Decimal) int {
	switch {
	case d.h < e.h:
		return -1
	case d.h > e.h:
		return 1
	}
	return 0
}

// IsZero reports whether d is 0.
func (d Decimal) IsZero() bool { return d.h == 0 }

// IsHalf reports whether d is a whole or half point (a multiple of 0.5).
func (d Decimal) IsHalf() bool { return d.h%50 == 0 }

// Rat returns d as a new exact rational.
func (d Decimal) Rat() *big.Rat { return big.NewRat(d.h, 100) }

// Sum returns the sum of ds.
func Sum(ds ...Decimal) Decimal {
	var s Decimal
	for _, d := range ds {
		s = s.Add(d)
	}
	return s
}

// String gives the shortest exact form: "12", "12.5", "12.25".
func (d Decimal) String() string {
	h := d.h
	sign := ""
	if h < 0 {
		sign, h = "-", -h
	}
	whole, frac := h/100, h%100
	switch {
	case frac == 0:
		return fmt.Sprintf("%s%d", sign, whole)
	case frac%10 == 0:
		return fmt.Sprintf("%s%d.%d", sign, whole, frac/10)
	}
	return fmt.Sprintf("%s%d.%02d", sign, whole, frac)
}

// normalize trims spaces (including the ideographic space) and turns
// full-width digits, points and signs, and the Chinese full stop a Chinese
// IME types for ".", into ASCII.
func normalize(s string) string {
	s = strings.TrimSpace(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．' || r == '。':
			return '.'
		case r == '－' || r == '−':
			return '-'
		case r == '＋':
			return '+'
		}
		return r
	}, s)
}

// ParseDecimal reads a non-negative number with at most two decimals, as
// typed: "12", "12.5", "12.50", "１２．５", ".5". Used for maxima and caps.
func ParseDecimal(s string) (Decimal, error) {
	t := normalize(s)
	if t == "" {
		return Decimal{}, ErrEmpty
	}
	neg := false
	if t[0] == '-' || t[0] == '+' {
		neg = t[0] == '-'
		t = t[1:]
	}
	whole, frac, _ := strings.Cut(t, ".")
	if (whole == "" && frac == "") || !digits(whole) || !digits(frac) {
		return Decimal{}, fmt.Errorf("“%s”%w", s, ErrNotNumber)
	}
	if neg {
		return Decimal{}, fmt.Errorf("“%s”%w", s, ErrNegative)
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > 2 {
		return Decimal{}, fmt.Errorf("“%s”%w", s, ErrPrecision)
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 9 {
		return Decimal{}, fmt.Errorf("“%s”%w", s, ErrTooLarge)
	}
	var w, f int64
	if whole != "" {
		w, _ = strconv.ParseInt(whole, 10, 64) // at most 9 digits: cannot fail
	}
	if frac != "" {
		f, _ = strconv.ParseInt((frac + "0")[:2], 10, 64)
	}
	if w >= maxInt {
		return Decimal{}, fmt.Errorf("“%s”%w", s, ErrTooLarge)
	}
	return Decimal{w*100 + f}, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseScore reads one criterion's score (or a bonus, with max its cap): a
// number in 0..max in whole or half points.
func ParseScore(s string, max Decimal) (Decimal, error) {
	d, err := ParseDecimal(s)
	if err != nil {
		return Decimal{}, err
	}
	if err := CheckScore(d, max); err != nil {
		return Decimal{}, fmt.Errorf("“%s”%w", s, err)
	}
	return d, nil
}

// CheckScore enforces the score rules on a value that did not come through
// ParseScore (an import, a stored value): 0..max, whole or half points.
// Its error text follows the value, e.g. "“12”" + "超过满分 10".
func CheckScore(d, max Decimal) error {
	switch {
	case d.h < 0:
		return ErrNegative
	case !d.IsHalf():
		return ErrNotHalf
	case d.Cmp(max) > 0:
		return fmt.Errorf("%w %s", ErrAboveMax, max)
	}
	return nil
}

// ParseBonus reads bonus points: like ParseScore, with cap the round's
// bonus cap, and a value above it named as such.
func ParseBonus(s string, cap Decimal) (Decimal, error) {
	d, err := ParseDecimal(s)
	if err != nil {
		return Decimal{}, err
	}
	if err := CheckBonus(d, cap); err != nil {
		return Decimal{}, fmt.Errorf("“%s”%w", s, err)
	}
	return d, nil
}

// CheckBonus is CheckScore for bonus points: above the cap is ErrAboveCap.
func CheckBonus(d, cap Decimal) error {
	err := CheckScore(d, cap)
	if errors.Is(err, ErrAboveMax) {
		return fmt.Errorf("%w %s", ErrAboveCap, cap)
	}
	return err
}

// MarshalText gives String's form.
func (d Decimal) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads ParseDecimal's forms.
func (d *Decimal) UnmarshalText(b []byte) error {
	v, err := ParseDecimal(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Value stores a Decimal as its exact text ("12.5"); keep such columns TEXT.
func (d Decimal) Value() (driver.Value, error) { return d.String(), nil }

// Scan reads a Decimal stored as text, or as an integer or real number (as
// SQLite may hand back a number-like text in a column of numeric affinity).
func (d *Decimal) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return d.UnmarshalText([]byte(v))
	case []byte:
		return d.UnmarshalText(v)
	case int64:
		if v < 0 {
			return fmt.Errorf("读取分数“%d”：%w", v, ErrNegative)
		}
		if v >= maxInt {
			return fmt.Errorf("读取分数“%d”：%w", v, ErrTooLarge)
		}
		*d = FromInt(v)
		return nil
	case float64:
		// The shortest decimal that round-trips is exact for any value that
		// was written with at most two decimals.
		return d.UnmarshalText([]byte(strconv.FormatFloat(v, 'f', -1, 64)))
	}
	return fmt.Errorf("读取分数：不支持的类型 %T", src)
}

package score

import (
	"errors"
	"strings"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want int64 // hundredths
		err  error
	}{
		{"12", 1200, nil},
		{"12.5", 1250, nil},
		{"12.50", 1250, nil},
		{"12.500", 1250, nil},
		{"12.25", 1225, nil},
		{" 7 ", 700, nil},
		{"\u30008\u3000", 800, nil},
		{"１２．５", 1250, nil},
		{"１２。５", 1250, nil},
		{".5", 50, nil},
		{"3.", 300, nil},
		{"0", 0, nil},
		{"007.05", 705, nil},
		{"", 0, ErrEmpty},
		{"   ", 0, ErrEmpty},
		{"abc", 0, ErrNotNumber},
		{"1.2.3", 0, ErrNotNumber},
		{".", 0, ErrNotNumber},
		{"1e3", 0, ErrNotNumber},
		{"12,5", 0, ErrNotNumber},
		{"-1", 0, ErrNegative},
		{"－３", 0, ErrNegative},
		{"-x", 0, ErrNotNumber},
		{"12.345", 0, ErrPrecision},
		{"1000000000", 0, ErrTooLarge},
		{"999999999.99", 99999999999, nil},
	}
	for _, tt := range tests {
		got, err := ParseDecimal(tt.in)
		if !errors.Is(err, tt.err) {
			t.Errorf("ParseDecimal(%q) error = %v, want %v", tt.in, err, tt.err)
			continue
		}
		if err == nil && got.Hundredths() != tt.want {
			t.Errorf("ParseDecimal(%q) = %d hundredths, want %d", tt.in, got.Hundredths(), tt.want)
		}
		if err != nil && tt.in != "" && strings.TrimSpace(tt.in) != "" && !strings.Contains(err.Error(), tt.in) {
			t.Errorf("ParseDecimal(%q) error %q does not quote the input", tt.in, err)
		}
	}
}

func TestParseScore(t *testing.T) {
	ten := FromInt(10)
	tests := []struct {
		in   string
		max  Decimal
		want int64
		err  error
	}{
		{"10", ten, 1000, nil},
		{"9.5", ten, 950, nil},
		{"９．５０", ten, 950, nil},
		{"0", ten, 0, nil},
		{"0.5", ten, 50, nil},
		{"10.5", ten, 0, ErrAboveMax},
		{"11", ten, 0, ErrAboveMax},
		{"9.25", ten, 0, ErrNotHalf},
		{"9.3", ten, 0, ErrNotHalf},
		{"-0.5", ten, 0, ErrNegative},
		{"abc", ten, 0, ErrNotNumber},
		{"12.5", FromHundredths(1250), 1250, nil},
		{"0.5", Decimal{}, 0, ErrAboveMax},
	}
	for _, tt := range tests {
		got, err := ParseScore(tt.in, tt.max)
		if !errors.Is(err, tt.err) {
			t.Errorf("ParseScore(%q, %s) error = %v, want %v", tt.in, tt.max, err, tt.err)
			continue
		}
		if err == nil && got.Hundredths() != tt.want {
			t.Errorf("ParseScore(%q, %s) = %s, want %d hundredths", tt.in, tt.max, got, tt.want)
		}
	}
	_, err := ParseScore("11", ten)
	if err == nil || err.Error() != "“11”超过满分 10" {
		t.Errorf("above-max message = %q", err)
	}
}

func TestStringRoundTrip(t *testing.T) {
	tests := []struct {
		h    int64
		want string
	}{
		{0, "0"}, {1200, "12"}, {1250, "12.5"}, {1225, "12.25"}, {1205, "12.05"}, {5, "0.05"}, {-150, "-1.5"},
	}
	for _, tt := range tests {
		d := FromHundredths(tt.h)
		if d.String() != tt.want {
			t.Errorf("FromHundredths(%d).String() = %q, want %q", tt.h, d.String(), tt.want)
		}
		if tt.h < 0 {
			continue
		}
		back, err := ParseDecimal(d.String())
		if err != nil || back != d {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %v", d.String(), back, err, d)
		}
	}
}

func TestScanValue(t *testing.T) {
	tests := []struct {
		src  any
		want int64
		ok   bool
	}{
		{"12.5", 1250, true},
		{[]byte("8"), 800, true},
		{int64(9), 900, true},
		{float64(12.35), 1235, true},
		{float64(0.1), 10, true},
		{float64(1.005), 0, false},
		{int64(-1), 0, false},
		{nil, 0, false},
		{"x", 0, false},
	}
	for _, tt := range tests {
		var d Decimal
		err := d.Scan(tt.src)
		if (err == nil) != tt.ok || (err == nil && d.Hundredths() != tt.want) {
			t.Errorf("Scan(%#v) = %v, %v; want %d hundredths, ok=%v", tt.src, d, err, tt.want, tt.ok)
		}
	}
	v, err := FromHundredths(1250).Value()
	if err != nil || v != "12.5" {
		t.Errorf("Value() = %#v, %v", v, err)
	}
}

func TestParseBonus(t *testing.T) {
	cap := FromInt(5)
	for _, c := range []struct {
		in   string
		want error
	}{
		{"3.5", nil},
		{"5", nil},
		{"5.5", ErrAboveCap},
		{"2.3", ErrNotHalf},
		{"-1", ErrNegative},
	} {
		_, err := ParseBonus(c.in, cap)
		if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("ParseBonus(%q) = %v, want %v", c.in, err, c.want)
		}
		if errors.Is(err, ErrAboveMax) {
			t.Errorf("ParseBonus(%q) speaks of a maximum score: %v", c.in, err)
		}
	}
}

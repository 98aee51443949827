package score

import (
	"math/big"
	"reflect"
	"testing"
)

// Worked by hand: totals 85.5, 90, 78, 88.5. Mean 342/4 = 85.5; deviations
// 0, 4.5, −7.5, 3; squares 0 + 20.25 + 56.25 + 9 = 85.5; population variance
// 85.5/4 = 21.375; σ = 4.6233… (4.62² = 21.3444, 4.625² = 21.390625 > 21.375),
// shown 4.62. Range 90 − 78 = 12. Others' mean for 78: (85.5+90+88.5)/3 = 88,
// |78 − 88| = 10 > 2σ = 9.2466…: an outlier (10² = 100 > 4·21.375 = 85.5).
// For 90: others' mean (85.5+78+88.5)/3 = 84, 6² = 36 < 85.5: not.
func TestSpreadHandWorked(t *testing.T) {
	s := SpreadOf(decs(t, "85.5", "90", "78", "88.5"))
	if s.N != 4 || s.Range.String() != "12" {
		t.Errorf("N %d range %s, want 4 and 12", s.N, s.Range)
	}
	if s.Mean.Cmp(big.NewRat(171, 2)) != 0 {
		t.Errorf("mean %s, want 171/2", s.Mean.RatString())
	}
	if s.Variance.Cmp(big.NewRat(21375, 1000)) != 0 {
		t.Errorf("variance %s, want 21.375", s.Variance.FloatString(4))
	}
	if s.SDDisplay != "4.62" {
		t.Errorf("σ shown %q, want 4.62", s.SDDisplay)
	}
	if !reflect.DeepEqual(s.Outliers, []int{2}) {
		t.Errorf("outliers %v, want [2] (the 78)", s.Outliers)
	}
}

// 80, 80, 80, 80, 60: mean 76, variance (4·16 + 256)/5 = 64, σ = 8 exactly;
// the 60 is 20 from the others' 80, more than 16.
func TestSpreadExactRootAndOutlier(t *testing.T) {
	s := SpreadOf(decs(t, "80", "80", "80", "80", "60"))
	if s.SDDisplay != "8.00" || s.Range.String() != "20" || !reflect.DeepEqual(s.Outliers, []int{4}) {
		t.Errorf("σ %q range %s outliers %v, want 8.00, 20, [4]", s.SDDisplay, s.Range, s.Outliers)
	}
}

// σ exactly on a half hundredth: totals 80 and 80.25 give σ = 0.125, shown
// 0.13 (half up); 0.1249… would be 0.12.
func TestSpreadRoundsHalfUp(t *testing.T) {
	if s := SpreadOf(decs(t, "80", "80.25")); s.SDDisplay != "0.13" {
		t.Errorf("σ of 80, 80.25 shown %q, want 0.13", s.SDDisplay)
	}
	if got := SqrtFormat2(big.NewRat(15624, 1000000)); got != "0.12" { // √0.015624 = 0.12499…
		t.Errorf("√0.015624 shown %q, want 0.12", got)
	}
	if got := SqrtFormat2(big.NewRat(2, 1)); got != "1.41" {
		t.Errorf("√2 shown %q, want 1.41", got)
	}
}

func TestSpreadSmallPanels(t *testing.T) {
	if s := SpreadOf(nil); s.N != 0 || s.SDDisplay != "" || s.Mean != nil {
		t.Errorf("no totals: %+v", s)
	}
	s := SpreadOf(decs(t, "70", "95"))
	if s.Range.String() != "25" || s.SDDisplay != "12.50" || len(s.Outliers) != 0 {
		t.Errorf("two totals: range %s σ %s outliers %v, want 25, 12.50, none", s.Range, s.SDDisplay, s.Outliers)
	}
	if s := SpreadOf(decs(t, "70", "70", "70")); s.SDDisplay != "0.00" || len(s.Outliers) != 0 {
		t.Errorf("equal totals: σ %s outliers %v", s.SDDisplay, s.Outliers)
	}
}

func TestPercentOf(t *testing.T) {
	for _, c := range []struct{ d, want string }{{"100", "15"}, {"50", "7.5"}, {"33.3", "5"}, {"33.7", "5.06"}} {
		if got := PercentOf(decs(t, c.d)[0], 15).String(); got != c.want {
			t.Errorf("15%% of %s = %s, want %s", c.d, got, c.want)
		}
	}
}

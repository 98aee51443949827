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

// The reviewer's example: 90, 90.5, 90, 90, 92.5 (σ 0.97). 92.5 lies 2.375
// from the others' mean 90.125, more than 2σ but far under half the default
// threshold of 15: not an outlier, though the statistical test alone says so.
// 90, 91, 89, 90, 70: mean 86, variance 322/5 = 64.4, σ 8.02; 70 lies 20
// from the others' 90 (> 16.05 and ≥ 7.5): an outlier.
func TestOutliersNeedAbsoluteGap(t *testing.T) {
	fifteen := dec(t, "15")
	close := decs(t, "90", "90.5", "90", "90", "92.5")
	if s := SpreadOf(close); !reflect.DeepEqual(s.Outliers, []int{4}) {
		t.Fatalf("statistical test alone: %v, want [4] (the case the gap is for)", s.Outliers)
	}
	if got := OutliersOf(close, fifteen); len(got) != 0 {
		t.Errorf("90, 90.5, 90, 90, 92.5 with threshold 15: outliers %v, want none", got)
	}
	far := decs(t, "90", "91", "89", "90", "70")
	if got := OutliersOf(far, fifteen); !reflect.DeepEqual(got, []int{4}) {
		t.Errorf("90, 91, 89, 90, 70: outliers %v, want [4]", got)
	}
	// The gap is inclusive: 80, 80, 80, 72.5 — 72.5 is exactly 7.5 from 80.
	if got := OutliersOf(decs(t, "80", "80", "80", "72.5"), fifteen); !reflect.DeepEqual(got, []int{3}) {
		t.Errorf("gap exactly 7.5: outliers %v, want [3]", got)
	}
	// Just under: 72.51 is 7.49 away.
	if got := OutliersOf(decs(t, "80", "80", "80", "72.51"), fifteen); len(got) != 0 {
		t.Errorf("gap 7.49: outliers %v, want none", got)
	}
	// A larger threshold needs a larger gap: with 45 the gap must be 22.5 > 20.
	if got := OutliersOf(far, dec(t, "45")); len(got) != 0 {
		t.Errorf("threshold 45 (gap 22.5): outliers %v, want none", got)
	}
	if MinOutlierGap(fifteen).String() != "7.5" || MinOutlierGap(dec(t, "0.15")).String() != "0.08" {
		t.Errorf("MinOutlierGap 15 → %s, 0.15 → %s", MinOutlierGap(fifteen), MinOutlierGap(dec(t, "0.15")))
	}
}

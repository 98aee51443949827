package score

import "math/big"

// OutlierSigmas is how many standard deviations a reviewer's total may lie
// from the mean of the other reviewers' totals before it is flagged.
const OutlierSigmas = 2

// OutlierGapDivisor sets the absolute part of the disagreement rule: a total
// is flagged as an outlier only when it also lies at least the round's spread
// threshold divided by this (7.5 points on a 100-point sheet with the default
// threshold of 15) from the others' mean. See OutliersOf.
const OutlierGapDivisor = 2

// MinForOutlier is the fewest totals for which the outlier test is made: with
// two, each total is as far from "the others" as the other is from it.
const MinForOutlier = 3

// Spread is how far a panel's totals for one nomination lie apart.
//
// The standard deviation is the POPULATION standard deviation of the totals
// (divided by n, not n−1): the panel is the whole population of its own
// judgements, not a sample of some larger panel. Variance is exact; SDDisplay
// is the square root rounded half up to two decimals, computed exactly with
// integer square roots (no floats), like every other score shown.
type Spread struct {
	N         int      // totals counted
	Range     Decimal  // highest total − lowest total (0 with fewer than two)
	Mean      *big.Rat // exact mean; nil when N == 0
	Variance  *big.Rat // exact population variance; nil when N == 0
	SDDisplay string   // σ rounded half up to two decimals; "" when N == 0
	// Outliers are the indexes (into the totals given) of the totals more
	// than OutlierSigmas σ from the mean of the other totals (σ over all the
	// totals, as shown); none with fewer than MinForOutlier totals or σ = 0.
	// This is the statistical test alone: the panel's disagreement flag also
	// needs an absolute gap (OutliersOf).
	Outliers []int
}

// SpreadOf computes the spread of a nomination's totals.
func SpreadOf(totals []Decimal) Spread {
	s := Spread{N: len(totals)}
	if s.N == 0 {
		return s
	}
	lo, hi := totals[0], totals[0]
	var sum int64
	for _, t := range totals {
		if t.Cmp(lo) < 0 {
			lo = t
		}
		if t.Cmp(hi) > 0 {
			hi = t
		}
		sum += t.h
	}
	s.Range = Decimal{hi.h - lo.h}
	n := int64(s.N)
	s.Mean = big.NewRat(sum, n*100)
	// variance = Σ(x − mean)² / n, with x and mean in hundredths:
	// Σ(n·x − sum)² / (n³ · 100²).
	ss := new(big.Int)
	for _, t := range totals {
		d := big.NewInt(n*t.h - sum)
		ss.Add(ss, d.Mul(d, d))
	}
	den := new(big.Int).Mul(big.NewInt(n*n*n), big.NewInt(10000))
	s.Variance = new(big.Rat).SetFrac(ss, den)
	s.SDDisplay = SqrtFormat2(s.Variance)
	s.Outliers = outliers(totals, s.Variance, sum, nil)
	return s
}

// OutliersOf are the indexes of the totals that disagree with the rest of
// the panel: more than OutlierSigmas σ from the mean of the other totals (the
// statistical test of Spread.Outliers) AND at least threshold/OutlierGapDivisor
// points from it, threshold being the round's spread threshold.
//
// Why both: σ is scale-free. With five reviewers of whom four agree exactly,
// a fifth total d points away gives σ = 2d/5, so it lies d > 2σ = 0.8d from
// the others' mean whatever d is: 90, 90, 90, 90, 90.5 would be "an outlier".
// The absolute gap ties the flag to the size of disagreement the round cares
// about: half the spread that is flagged on its own. So 90, 90.5, 90, 90,
// 92.5 (92.5 is 2.375 from the others' 90.125) is not flagged, while 90, 91,
// 89, 90, 70 (70 is 20 from the others' 90, σ 8.02) is. A zero threshold
// leaves the statistical test alone.
func OutliersOf(totals []Decimal, threshold Decimal) []int {
	s := SpreadOf(totals)
	if s.N == 0 {
		return nil
	}
	var sum int64
	for _, t := range totals {
		sum += t.h
	}
	minGap := big.NewRat(threshold.h, 100*OutlierGapDivisor)
	return outliers(totals, s.Variance, sum, minGap)
}

// outliers applies the tests of OutliersOf; a nil minGap skips the gap.
func outliers(totals []Decimal, variance *big.Rat, sum int64, minGap *big.Rat) []int {
	n := int64(len(totals))
	if n < MinForOutlier || variance.Sign() <= 0 {
		return nil
	}
	limit := new(big.Rat).Mul(variance, big.NewRat(OutlierSigmas*OutlierSigmas, 1))
	var gap2 *big.Rat
	if minGap != nil {
		gap2 = new(big.Rat).Mul(minGap, minGap)
	}
	var out []int
	for i, t := range totals {
		// others' mean m = (sum − x)/(n−1); flag when (x − m)² > k²·variance
		// and (x − m)² ≥ minGap².
		others := big.NewRat(sum-t.h, (n-1)*100)
		d := new(big.Rat).Sub(t.Rat(), others)
		d.Mul(d, d)
		if d.Cmp(limit) > 0 && (gap2 == nil || d.Cmp(gap2) >= 0) {
			out = append(out, i)
		}
	}
	return out
}

// MinOutlierGap is the gap OutliersOf asks for with threshold, for display
// (rounded half up to hundredths).
func MinOutlierGap(threshold Decimal) Decimal {
	return Decimal{(threshold.h + OutlierGapDivisor/2) / OutlierGapDivisor}
}

// SqrtFormat2 shows the square root of a non-negative v with two decimals,
// rounded half up, exactly: with X = v·100², the shown hundredths k are
// floor(√X + ½), the largest k with (2k − 1)² ≤ 4X, i.e.
// k = (isqrt(floor(4X)) + 1) / 2. A nil or negative v gives "".
func SqrtFormat2(v *big.Rat) string {
	if v == nil || v.Sign() < 0 {
		return ""
	}
	x := new(big.Rat).Mul(v, big.NewRat(40000, 1)) // 4X
	fl := new(big.Int).Quo(x.Num(), x.Denom())
	k := new(big.Int).Sqrt(fl)
	k.Add(k, big.NewInt(1))
	k.Rsh(k, 1)
	return Format2(new(big.Rat).SetFrac(k, big.NewInt(100)))
}

// PercentOf is p percent of d, rounded half up to hundredths (the default
// disagreement threshold: 15 % of the sheet's maximum).
func PercentOf(d Decimal, p int64) Decimal {
	return Decimal{(d.h*p + 50) / 100}
}

// Sub returns d − e (never below 0: Decimal is non-negative).
func (d Decimal) Sub(e Decimal) Decimal {
	if e.h >= d.h {
		return Decimal{}
	}
	return Decimal{d.h - e.h}
}

package score

import (
	"math/big"
	"sort"
)

// TrimFrom is the number of scoring reviewers from which the highest and the
// lowest total are dropped before taking the mean.
const TrimFrom = 5

// Sheet is one reviewer's score sheet for one nomination.
type Sheet struct {
	Scores []Decimal // per criterion, each already checked against its maximum
	Bonus  Decimal   // bonus points as given; Total caps them
	Veto   bool      // the reviewer found a veto item (一票否决)
}

// Total is the reviewer's total: the criteria's sum plus the bonus, the
// bonus capped at bonusCap.
func (s Sheet) Total(bonusCap Decimal) Decimal {
	b := s.Bonus
	if b.Cmp(bonusCap) > 0 {
		b = bonusCap
	}
	return Sum(s.Scores...).Add(b)
}

// Trim tells which totals the mean leaves out: with TrimFrom or more totals,
// the index of one highest (the first such) and one lowest (the last such,
// so the two always differ); otherwise trimmed is false and both are -1.
func Trim(totals []Decimal) (high, low int, trimmed bool) {
	if len(totals) < TrimFrom {
		return -1, -1, false
	}
	high, low = 0, len(totals)-1
	for i, t := range totals {
		if t.Cmp(totals[high]) > 0 {
			high = i
		}
	}
	for i := len(totals) - 1; i >= 0; i-- {
		if totals[i].Cmp(totals[low]) < 0 {
			low = i
		}
	}
	return high, low, true
}

// Final is the final score from the totals of the reviewers who scored the
// nomination (recused reviewers and missing sheets are not passed): their
// mean, and with TrimFrom or more totals the mean after dropping one highest
// and one lowest. ok is false when there are no totals.
func Final(totals []Decimal) (exact *big.Rat, ok bool) {
	if len(totals) == 0 {
		return nil, false
	}
	high, low, trimmed := Trim(totals)
	var sum int64
	n := 0
	for i, t := range totals {
		if trimmed && (i == high || i == low) {
			continue
		}
		sum += t.Hundredths()
		n++
	}
	return big.NewRat(sum, int64(n)*100), true
}

// Format2 shows r with exactly two decimals, rounding half up (away from
// zero): 85.125 → "85.13", 85.1249 → "85.12". A nil r gives "".
func Format2(r *big.Rat) string {
	if r == nil {
		return ""
	}
	num := new(big.Int).Abs(r.Num())
	num.Mul(num, big.NewInt(100))
	q, m := new(big.Int).QuoRem(num, r.Denom(), new(big.Int))
	if m.Mul(m, big.NewInt(2)).Cmp(r.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	whole, frac := new(big.Int).QuoRem(q, big.NewInt(100), new(big.Int))
	sign := ""
	if r.Sign() < 0 && q.Sign() != 0 {
		sign = "-"
	}
	return sign + whole.String() + "." + twoDigits(frac.Int64())
}

func twoDigits(n int64) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

// Result is the outcome of one nomination's sheets.
type Result struct {
	Totals  []Decimal // per sheet, in the order given
	Count   int       // totals the mean uses
	Trimmed bool
	High    int      // index in Totals of the dropped highest total, -1 when not trimmed
	Low     int      // index in Totals of the dropped lowest total, -1 when not trimmed
	Vetoed  bool     // some sheet has a veto: the nomination is excluded from ranking
	Exact   *big.Rat // the final score; nil when there are no sheets
	Display string   // Format2(Exact); "" when there are no sheets
}

// Evaluate computes a nomination's result from the sheets of the reviewers
// who scored it. A vetoed nomination still gets its score computed (for the
// record), but Vetoed excludes it from the ranking.
func Evaluate(sheets []Sheet, bonusCap Decimal) Result {
	r := Result{High: -1, Low: -1}
	for _, s := range sheets {
		r.Totals = append(r.Totals, s.Total(bonusCap))
		r.Vetoed = r.Vetoed || s.Veto
	}
	r.High, r.Low, r.Trimmed = Trim(r.Totals)
	r.Count = len(r.Totals)
	if r.Trimmed {
		r.Count -= 2
	}
	r.Exact, _ = Final(r.Totals)
	r.Display = Format2(r.Exact)
	return r
}

// Entry is one nomination of a category, to be ranked.
type Entry struct {
	ID     int64    // the caller's key, e.g. the nomination's id
	Score  *big.Rat // the exact final score; nil when not scored yet
	Vetoed bool
}

// Ranked is an Entry with its place.
type Ranked struct {
	Entry
	// Rank is the competition rank (1, 2, 2, 4) on the exact score; 0 for a
	// vetoed or unscored entry, which is never within the quota.
	Rank int
	// WithinQuota: the entry's whole tie group fits within the quota.
	WithinQuota bool
	// TieAtLine: the entry's tie group straddles the quota line (quota 2 and
	// ranks 1, 2, 2): it is neither in nor out, and the office decides. The
	// seats left for the group are SeatsAtLine.
	TieAtLine bool
}

// Rank ranks one category's entries, best first; equal exact scores share a
// rank and keep the input order. Vetoed and unscored entries follow with
// Rank 0, unscored first. quota < 1 draws no line (nothing within quota).
func Rank(items []Entry, quota int) []Ranked {
	out := make([]Ranked, len(items))
	for i, e := range items {
		out[i] = Ranked{Entry: e}
	}
	class := func(e Entry) int { // 0 ranked, 1 unscored, 2 vetoed
		switch {
		case e.Vetoed:
			return 2
		case e.Score == nil:
			return 1
		}
		return 0
	}
	sort.SliceStable(out, func(i, j int) bool {
		ci, cj := class(out[i].Entry), class(out[j].Entry)
		if ci != cj || ci != 0 {
			return ci < cj
		}
		return out[i].Score.Cmp(out[j].Score) > 0
	})
	for i := 0; i < len(out) && class(out[i].Entry) == 0; {
		j := i + 1 // [i, j) is one tie group
		for j < len(out) && class(out[j].Entry) == 0 && out[j].Score.Cmp(out[i].Score) == 0 {
			j++
		}
		rank, last := i+1, j // ranks of the group's first and last places
		for k := i; k < j; k++ {
			out[k].Rank = rank
			out[k].WithinQuota = quota >= 1 && last <= quota
			out[k].TieAtLine = quota >= 1 && rank <= quota && last > quota
		}
		i = j
	}
	return out
}

// SeatsAtLine is the number of seats left for the tie group at the quota
// line: the quota minus the entries WithinQuota (0 when no tie straddles it).
func SeatsAtLine(ranked []Ranked, quota int) int {
	tie, in := false, 0
	for _, r := range ranked {
		tie = tie || r.TieAtLine
		if r.WithinQuota {
			in++
		}
	}
	if !tie {
		return 0
	}
	return quota - in
}

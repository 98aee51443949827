package score

import (
	"math/big"
	"reflect"
	"testing"
)

func dec(t *testing.T, s string) Decimal {
	t.Helper()
	d, err := ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func decs(t *testing.T, ss ...string) []Decimal {
	t.Helper()
	out := make([]Decimal, len(ss))
	for i, s := range ss {
		out[i] = dec(t, s)
	}
	return out
}

func TestFinal(t *testing.T) {
	tests := []struct {
		name    string
		totals  []string
		exact   *big.Rat // nil: no score
		display string
	}{
		{"5 reviewers: drop 95 and 72", []string{"90", "85.5", "88", "72", "95"}, big.NewRat(2635, 30), "87.83"},
		{"4 reviewers: no trimming, 83.875 half up", []string{"90", "85.5", "88", "72"}, big.NewRat(83875, 1000), "83.88"},
		{"85.125 rounds up, not to even", []string{"85", "85", "85", "85.5"}, big.NewRat(85125, 1000), "85.13"},
		{"repeating decimal kept exact", []string{"85", "85", "85.5"}, big.NewRat(511, 6), "85.17"},
		{"6 reviewers with tied extremes: one of each dropped", []string{"80", "80", "90", "90", "85", "85"}, big.NewRat(85, 1), "85.00"},
		{"5 equal totals", []string{"70", "70", "70", "70", "70"}, big.NewRat(70, 1), "70.00"},
		{"one reviewer", []string{"66.5"}, big.NewRat(665, 10), "66.50"},
		{"nobody scored", nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Final(decs(t, tt.totals...))
			if ok != (tt.exact != nil) {
				t.Fatalf("Final ok = %v", ok)
			}
			if ok && got.Cmp(tt.exact) != 0 {
				t.Errorf("Final = %s, want %s", got.RatString(), tt.exact.RatString())
			}
			if d := Format2(got); d != tt.display {
				t.Errorf("Format2 = %q, want %q", d, tt.display)
			}
		})
	}
}

func TestFormat2(t *testing.T) {
	tests := []struct {
		r    *big.Rat
		want string
	}{
		{big.NewRat(85125, 1000), "85.13"},
		{big.NewRat(85124999, 1000000), "85.12"},
		{big.NewRat(85124999999, 1000000000), "85.12"},
		{big.NewRat(85135, 1000), "85.14"},
		{big.NewRat(85, 1), "85.00"},
		{big.NewRat(1, 200), "0.01"}, // 0.005
		{big.NewRat(1, 201), "0.00"}, // 0.004975…
		{big.NewRat(9995, 100), "99.95"},
		{big.NewRat(99995, 1000), "100.00"},
		{big.NewRat(2, 3), "0.67"},
		{big.NewRat(-85125, 1000), "-85.13"},
		{big.NewRat(-1, 1000), "0.00"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := Format2(tt.r); got != tt.want {
			t.Errorf("Format2(%v) = %q, want %q", tt.r, got, tt.want)
		}
	}
}

func TestSheetTotal(t *testing.T) {
	scores := decs(t, "20", "18.5", "15")
	tests := []struct {
		bonus, cap, want string
	}{
		{"3", "5", "56.5"},
		{"5", "5", "58.5"},
		{"6", "5", "58.5"},
		{"2.5", "0", "53.5"},
		{"0", "5", "53.5"},
	}
	for _, tt := range tests {
		s := Sheet{Scores: scores, Bonus: dec(t, tt.bonus)}
		if got := s.Total(dec(t, tt.cap)); got != dec(t, tt.want) {
			t.Errorf("Total(bonus %s, cap %s) = %s, want %s", tt.bonus, tt.cap, got, tt.want)
		}
	}
}

func TestEvaluate(t *testing.T) {
	sheet := func(bonus string, veto bool, scores ...string) Sheet {
		return Sheet{Scores: decs(t, scores...), Bonus: dec(t, bonus), Veto: veto}
	}
	cap5 := FromInt(5)
	// Totals: 45+6(capped 5)=50, 40, 42.5, 30, 48 → drop 50 (index 0) and 30 (index 3).
	five := []Sheet{
		sheet("6", false, "25", "20"),
		sheet("0", false, "20", "20"),
		sheet("2.5", false, "20", "20"),
		sheet("0", false, "15", "15"),
		sheet("3", false, "25", "20"),
	}
	r := Evaluate(five, cap5)
	if !reflect.DeepEqual(r.Totals, decs(t, "50", "40", "42.5", "30", "48")) {
		t.Errorf("Totals = %v", r.Totals)
	}
	if !r.Trimmed || r.High != 0 || r.Low != 3 || r.Count != 3 || r.Vetoed {
		t.Errorf("Evaluate(5 sheets) = %+v", r)
	}
	if r.Exact.Cmp(big.NewRat(1305, 30)) != 0 || r.Display != "43.50" {
		t.Errorf("Evaluate(5 sheets) score = %s %q, want 43.5", r.Exact.RatString(), r.Display)
	}

	// One reviewer recused: the caller passes the four sheets scored; no trimming.
	r = Evaluate(five[1:], cap5)
	if r.Trimmed || r.High != -1 || r.Low != -1 || r.Count != 4 || r.Display != "40.13" {
		t.Errorf("Evaluate(4 sheets) = %+v, want untrimmed mean 160.5/4 = 40.125 → 40.13", r)
	}

	withVeto := append([]Sheet{sheet("0", true, "25", "25")}, five[1:3]...)
	if r := Evaluate(withVeto, cap5); !r.Vetoed || r.Display != "44.17" {
		t.Errorf("Evaluate(with veto) = %+v, want vetoed with score (50+40+42.5)/3 = 44.17 kept", r)
	}
	if r := Evaluate(nil, cap5); r.Exact != nil || r.Display != "" || r.Count != 0 {
		t.Errorf("Evaluate(nil) = %+v", r)
	}
}

func TestTrim(t *testing.T) {
	tests := []struct {
		totals    []string
		high, low int
		trimmed   bool
	}{
		{[]string{"1", "2", "3", "4"}, -1, -1, false},
		{[]string{"3", "9", "1", "9", "1"}, 1, 4, true},
		{[]string{"5", "5", "5", "5", "5"}, 0, 4, true},
	}
	for _, tt := range tests {
		h, l, tr := Trim(decs(t, tt.totals...))
		if h != tt.high || l != tt.low || tr != tt.trimmed {
			t.Errorf("Trim(%v) = %d, %d, %v; want %d, %d, %v", tt.totals, h, l, tr, tt.high, tt.low, tt.trimmed)
		}
	}
}

func TestRank(t *testing.T) {
	r := func(s string) *big.Rat {
		v, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("bad rat %q", s)
		}
		return v
	}
	type want struct {
		id          int64
		rank        int
		within, tie bool
	}
	tests := []struct {
		name  string
		items []Entry
		quota int
		want  []want
		seats int
	}{
		{"ties inside the quota: 1,2,2,4",
			[]Entry{{1, r("85"), false}, {2, r("90"), false}, {3, r("80"), false}, {4, r("85"), false}}, 3,
			[]want{{2, 1, true, false}, {1, 2, true, false}, {4, 2, true, false}, {3, 4, false, false}}, 0},
		{"tie straddling quota 2: 1,2,2 flagged, none dropped",
			[]Entry{{1, r("90"), false}, {2, r("88"), false}, {3, r("88"), false}}, 2,
			[]want{{1, 1, true, false}, {2, 2, false, true}, {3, 2, false, true}}, 1},
		{"three-way tie for the single seat",
			[]Entry{{1, r("70"), false}, {2, r("88"), false}, {3, r("88"), false}, {4, r("88"), false}}, 1,
			[]want{{2, 1, false, true}, {3, 1, false, true}, {4, 1, false, true}, {1, 4, false, false}}, 1},
		{"tie just below the line is not flagged",
			[]Entry{{1, r("90"), false}, {2, r("85"), false}, {3, r("85"), false}}, 1,
			[]want{{1, 1, true, false}, {2, 2, false, false}, {3, 2, false, false}}, 0},
		{"ranked on the exact value: 85.17 beats 511/6 though both show 85.17",
			[]Entry{{1, r("511/6"), false}, {2, r("85.17"), false}}, 1,
			[]want{{2, 1, true, false}, {1, 2, false, false}}, 0},
		{"vetoed and unscored entries last, rank 0, take no seat",
			[]Entry{{1, r("95"), true}, {2, nil, false}, {3, r("80"), false}, {4, r("90"), false}}, 2,
			[]want{{4, 1, true, false}, {3, 2, true, false}, {2, 0, false, false}, {1, 0, false, false}}, 0},
		{"no quota: nothing within",
			[]Entry{{1, r("80"), false}, {2, r("90"), false}}, 0,
			[]want{{2, 1, false, false}, {1, 2, false, false}}, 0},
		{"quota above the count",
			[]Entry{{1, r("80"), false}, {2, r("80"), false}}, 5,
			[]want{{1, 1, true, false}, {2, 1, true, false}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Rank(tt.items, tt.quota)
			if len(got) != len(tt.want) {
				t.Fatalf("Rank gave %d items, want %d", len(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.ID != w.id || g.Rank != w.rank || g.WithinQuota != w.within || g.TieAtLine != w.tie {
					t.Errorf("place %d = {id %d rank %d within %v tie %v}, want %+v", i, g.ID, g.Rank, g.WithinQuota, g.TieAtLine, w)
				}
			}
			if s := SeatsAtLine(got, tt.quota); s != tt.seats {
				t.Errorf("SeatsAtLine = %d, want %d", s, tt.seats)
			}
		})
	}
}

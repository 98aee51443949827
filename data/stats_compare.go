package data

// Comparison is two statistics reports side by side: every figure of the
// earlier (A) and the later (B), per community and for the 合计 row.
type Comparison struct {
	AName, BName string // 2025年初（自动）, or 今天
	A, B         Stats
	Columns      []StatsColumn
	Rows         []ComparedRow // 合计 first, then the communities
}

// ComparedRow is one community's (or the 合计's) figures in A and in B, in
// the order of Comparison.Columns. InA/InB tell whether the community existed.
type ComparedRow struct {
	Community string
	InA, InB  bool
	A, B      []Figure
}

// Change is B minus A in column i.
func (r ComparedRow) Change(i int) int64 { return r.B[i].N - r.A[i].N }

// Changed reports whether any figure differs.
func (r ComparedRow) Changed() bool {
	if r.InA != r.InB {
		return true
	}
	for i := range r.A {
		if r.A[i].N != r.B[i].N || r.A[i].Approx != r.B[i].Approx {
			return true
		}
	}
	return false
}

// CompareStats puts a and b side by side. Communities are matched by their
// UUID (a renamed community stays one row, under its name in b), columns by
// their key (a column one report lacks shows 0 there).
func CompareStats(aName string, a Stats, bName string, b Stats) Comparison {
	c := Comparison{AName: aName, BName: bName, A: a, B: b}
	known := map[string]bool{}
	byKey := map[string]StatsColumn{}
	for _, col := range StatsColumns() {
		byKey[col.Key] = col
	}
	for _, keys := range [][]string{b.Keys, a.Keys} {
		for _, k := range keys {
			if !known[k] {
				known[k] = true
				col, ok := byKey[k]
				if !ok {
					col = StatsColumn{Key: k, Title: k}
				}
				c.Columns = append(c.Columns, col)
			}
		}
	}
	pick := func(s Stats, r StatsRow) []Figure {
		out := make([]Figure, len(c.Columns))
		for i, col := range c.Columns {
			out[i] = s.Value(r, col.Key)
		}
		return out
	}
	c.Rows = append(c.Rows, ComparedRow{Community: "合计", InA: true, InB: true, A: pick(a, a.Total), B: pick(b, b.Total)})
	key := func(r StatsRow) string {
		if r.UUID != "" {
			return r.UUID
		}
		return "name:" + r.Community
	}
	inA := map[string]StatsRow{}
	for _, r := range a.Rows {
		inA[key(r)] = r
	}
	empty := make([]Figure, len(c.Columns))
	for _, r := range b.Rows {
		ra, ok := inA[key(r)]
		row := ComparedRow{Community: r.Community, InA: ok, InB: true, A: empty, B: pick(b, r)}
		if ok {
			row.A = pick(a, ra)
			delete(inA, key(r))
		}
		c.Rows = append(c.Rows, row)
	}
	for _, r := range a.Rows {
		if _, gone := inA[key(r)]; gone {
			c.Rows = append(c.Rows, ComparedRow{Community: r.Community, InA: true, A: pick(a, r), B: empty})
		}
	}
	return c
}

package data

import (
	"database/sql"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// The statistics report (统计报表): one row per community and a 合计 row,
// every figure computed by pure functions over the record slices, so that a
// yearly snapshot's records give the same figures as today's store.

// Figure is one number of the report. Approx is set when any part of it was
// known only roughly (户数 "36000余"): the sum is still a number, marked as
// approximate. Unknown counts (left empty) add nothing and are counted in Missing.
type Figure struct {
	N       int64 `json:"n"`
	Approx  bool  `json:"approx,omitempty"`
	Missing int   `json:"missing,omitempty"`
}

// String is the figure as a clerk reads it: 36000 or 36000余.
func (f Figure) String() string {
	if f.Approx {
		return fmt.Sprintf("%d余", f.N)
	}
	return fmt.Sprint(f.N)
}

// Add is f plus g.
func (f Figure) Add(g Figure) Figure {
	return Figure{N: f.N + g.N, Approx: f.Approx || g.Approx, Missing: f.Missing + g.Missing}
}

func countFigure(c Count) Figure {
	if !c.Set {
		return Figure{Missing: 1}
	}
	return Figure{N: c.N, Approx: c.Approx}
}

// StatsColumn is one column of the report.
type StatsColumn struct {
	Key        string // stable name, kept in snapshots: "households", "compound_kind:商品房"
	Title      string // column title: 户数
	Group      string // the printed table it belongs to: 基本情况, 党组织
	Definition string // what it counts (the Excel report's 说明 sheet)
}

// Column groups of the printed report.
const (
	GroupPlaces = "社区与小区"
	GroupParty  = "党组织"
)

// unknownKind is the compound type column for a compound whose type is empty.
const unknownKind = "未填类型"

// StatsColumns lists the report's columns in order.
func StatsColumns() []StatsColumn {
	cols := []StatsColumn{
		{"households", "户数", GroupPlaces, "社区记录中的“户数”之和；约数（如“36000余”）按数字相加，合计标为约数（“余”）；未填的不计。"},
		{"population", "服务人口", GroupPlaces, "社区记录中的“服务人口”之和；约数按数字相加并标为约数；未填的不计。"},
		{"compounds", "小区数", GroupPlaces, "在册（未删除）的小区个数。"},
	}
	for _, k := range append(append([]string{}, CompoundKinds...), unknownKind) {
		cols = append(cols, StatsColumn{"compound_kind:" + k, "小区·" + k, GroupPlaces, "类型为“" + k + "”的小区个数。"})
	}
	if n := len(cols); n > 0 {
		cols[n-1].Definition = "没有填写类型的小区个数。"
	}
	cols = append(cols,
		StatsColumn{"property_yes", "有物业", GroupPlaces, "填写了“物业服务企业”的小区个数。"},
		StatsColumn{"property_no", "无物业", GroupPlaces, "“物业服务企业”为空的小区个数。"},
		StatsColumn{"committee_yes", "有业委会", GroupPlaces, "标为有业委会的小区个数。"},
		StatsColumn{"committee_no", "无业委会", GroupPlaces, "标为没有业委会的小区个数。"},
		StatsColumn{"orgs", "党组织数", GroupParty, "在册（未删除）的党组织个数，含党小组。"},
	)
	for _, k := range OrgKinds {
		cols = append(cols, StatsColumn{"org_kind:" + k, k, GroupParty, "类型为“" + k + "”的党组织个数。"})
	}
	return append(cols,
		StatsColumn{"members", "党员", GroupParty, "没有上级组织的党组织的“党员人数”之和（下级组织的党员已含在上级中）；约数标为约数。"},
		StatsColumn{"overdue", "换届逾期", GroupParty, "报表日期时应换届日期已过的党组织个数（只到月份的，按该月最后一天算）。"},
		StatsColumn{"soon", "90天内换届", GroupParty, "报表日期后 90 天内应换届的党组织个数。"},
	)
}

// StatsRow is one community's figures, in the order of Stats.Keys.
type StatsRow struct {
	Community string   `json:"community"`
	UUID      string   `json:"uuid"`
	ID        int64    `json:"id"`
	Values    []Figure `json:"values"`
}

// Stats is the statistics report on one day.
type Stats struct {
	Date   Date       `json:"date"`
	Office string     `json:"office"`
	Keys   []string   `json:"keys"` // the columns' keys, in order
	Rows   []StatsRow `json:"rows"` // by community name
	Total  StatsRow   `json:"total"`
}

// Value is the row's figure of the column key (zero when the row lacks it).
func (s Stats) Value(r StatsRow, key string) Figure {
	for i, k := range s.Keys {
		if k == key && i < len(r.Values) {
			return r.Values[i]
		}
	}
	return Figure{}
}

// ComputeStats computes the report from the live records on the day today.
func ComputeStats(cs []Community, xs []Compound, orgs []Org, today time.Time) Stats {
	cols := StatsColumns()
	at := make(map[string]int, len(cols))
	st := Stats{Date: DateOf(today)}
	for i, c := range cols {
		at[c.Key] = i
		st.Keys = append(st.Keys, c.Key)
	}
	sorted := append([]Community(nil), cs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	idx := make(map[int64]int, len(sorted))
	st.Rows = make([]StatsRow, len(sorted))
	for i, c := range sorted {
		idx[c.ID] = i
		r := StatsRow{Community: c.Name, UUID: c.UUID, ID: c.ID, Values: make([]Figure, len(cols))}
		r.Values[at["households"]] = countFigure(c.Households)
		r.Values[at["population"]] = countFigure(c.Population)
		st.Rows[i] = r
	}
	add := func(community int64, key string, f Figure) {
		if i, ok := idx[community]; ok {
			v := &st.Rows[i].Values[at[key]]
			*v = v.Add(f)
		}
	}
	one := Figure{N: 1}
	for _, x := range xs {
		add(x.CommunityID, "compounds", one)
		kind := x.Kind
		if _, ok := at["compound_kind:"+kind]; !ok {
			kind = unknownKind
		}
		add(x.CommunityID, "compound_kind:"+kind, one)
		add(x.CommunityID, yesNo("property", x.PropertyCompany != ""), one)
		add(x.CommunityID, yesNo("committee", x.OwnersCommittee), one)
	}
	for _, o := range orgs {
		add(o.CommunityID, "orgs", one)
		if _, ok := at["org_kind:"+o.Kind]; ok {
			add(o.CommunityID, "org_kind:"+o.Kind, one)
		}
		if o.ParentID == nil {
			add(o.CommunityID, "members", countFigure(o.Members))
		}
		switch o.ElectionState(today) {
		case ElectionOverdue:
			add(o.CommunityID, "overdue", one)
		case ElectionSoon:
			add(o.CommunityID, "soon", one)
		}
	}
	st.Total = TotalRow(st.Rows, len(cols))
	return st
}

func yesNo(key string, yes bool) string {
	if yes {
		return key + "_yes"
	}
	return key + "_no"
}

// TotalRow is the 合计 row: every column's sum, approximate when a part is.
func TotalRow(rows []StatsRow, n int) StatsRow {
	t := StatsRow{Community: "合计", Values: make([]Figure, n)}
	for _, r := range rows {
		for i := 0; i < n && i < len(r.Values); i++ {
			t.Values[i] = t.Values[i].Add(r.Values[i])
		}
	}
	return t
}

// Stats computes the statistics report from the store on the day today.
func (s *Store) Stats(today time.Time) (Stats, error) {
	cs, xs, orgs, err := s.StatsRecords()
	if err != nil {
		return Stats{}, err
	}
	st := ComputeStats(cs, xs, orgs, today)
	if set, err := s.Settings(); err == nil {
		st.Office = set.OfficeName
	}
	return st, nil
}

// rowQueryer runs a query (the store's connection or a transaction).
type rowQueryer interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

// StatsRecords reads the live records with only the fields the figures,
// 概览's summary and its charts use, fast enough for a city's records:
// communities (ID, UUID, Name, Secretary, Households, Population), compounds
// (CommunityID, Kind, PropertyCompany: "1" when set, OwnersCommittee) and
// Party organisations (ID, Name, Kind, CommunityID and CommunityName,
// ParentID: non-nil when set, Members, LastElection, TermYears).
//
// The slices are shared with later calls until the next write: callers
// must not modify them. A reload with nothing written reads nothing.
func (s *Store) StatsRecords() ([]Community, []Compound, []Org, error) {
	return s.stats.get(&s.gen, func() ([]Community, []Compound, []Org, error) { return statsRecords(s.db) })
}

// statsCache keeps StatsRecords' last read with the store's write
// generation it was read at (taken before the read, so a write committed
// during the read makes it stale at once).
type statsCache struct {
	mu    sync.Mutex
	valid bool
	gen   uint64
	cs    []Community
	xs    []Compound
	orgs  []Org
}

func (c *statsCache) get(gen *atomic.Uint64, read func() ([]Community, []Compound, []Org, error)) ([]Community, []Compound, []Org, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	g := gen.Load()
	if c.valid && c.gen == g {
		return c.cs, c.xs, c.orgs, nil
	}
	cs, xs, orgs, err := read()
	if err != nil {
		c.valid = false
		return nil, nil, nil, err
	}
	c.valid, c.gen, c.cs, c.xs, c.orgs = true, g, cs, xs, orgs
	return cs, xs, orgs, nil
}

func statsRecords(q rowQueryer) (cs []Community, xs []Compound, orgs []Org, err error) {
	fail := func(err error) ([]Community, []Compound, []Org, error) {
		return nil, nil, nil, fmt.Errorf("无法读取统计数据：%w", err)
	}
	// From the store's pool (not a transaction) the organisations, the
	// largest table, are read on a second connection meanwhile.
	type orgsRead struct {
		orgs []Org
		err  error
	}
	var ch chan orgsRead
	if _, pooled := q.(*dbh); pooled {
		ch = make(chan orgsRead, 1)
		go func() {
			o, err := statsOrgs(q)
			ch <- orgsRead{o, err}
		}()
	}
	err = scanRows(q, `SELECT id, uuid, name, secretary, households, population FROM communities WHERE deleted_at IS NULL`,
		func(r *sql.Rows) error {
			var c Community
			err := r.Scan(&c.ID, &c.UUID, &c.Name, &c.Secretary, &c.Households, &c.Population)
			cs = append(cs, c)
			return err
		})
	if err != nil {
		return fail(err)
	}
	names := make(map[int64]string, len(cs))
	for _, c := range cs {
		names[c.ID] = c.Name
	}
	// compounds come grouped: one row per community and kind of compound,
	// expanded once their number is known (a slice of large records grown
	// row by row costs more than reading them)
	type group struct {
		x Compound
		n int
	}
	var groups []group
	total := 0
	err = scanRows(q, `SELECT community_id, kind, property_company <> '', owners_committee, COUNT(*)
		FROM compounds WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4`,
		func(r *sql.Rows) error {
			var g group
			var prop bool
			err := r.Scan(&g.x.CommunityID, &g.x.Kind, &prop, &g.x.OwnersCommittee, &g.n)
			if prop {
				g.x.PropertyCompany = "1"
			}
			groups = append(groups, g)
			total += g.n
			return err
		})
	if err != nil {
		return fail(err)
	}
	xs = make([]Compound, 0, total)
	for _, g := range groups {
		for i := 0; i < g.n; i++ {
			xs = append(xs, g.x)
		}
	}
	if ch != nil {
		r := <-ch
		orgs, err = r.orgs, r.err
	} else {
		orgs, err = statsOrgs(q)
	}
	if err != nil {
		return fail(err)
	}
	for i := range orgs {
		orgs[i].CommunityName = names[orgs[i].CommunityID]
	}
	return cs, xs, orgs, nil
}

// statsOrgs reads the live organisations' fields the figures use.
func statsOrgs(q rowQueryer) ([]Org, error) {
	var norgs int
	err := scanRows(q, `SELECT COUNT(*) FROM orgs WHERE deleted_at IS NULL`, func(r *sql.Rows) error { return r.Scan(&norgs) })
	if err != nil {
		return nil, err
	}
	orgs := make([]Org, 0, norgs)
	err = scanRows(q, `SELECT id, name, kind, community_id, parent_id, members, last_election, term_years FROM orgs WHERE deleted_at IS NULL`,
		func(r *sql.Rows) error {
			var o Org
			var parent sql.NullInt64
			var last string
			err := r.Scan(&o.ID, &o.Name, &o.Kind, &o.CommunityID, &parent, &o.Members, &last, &o.TermYears)
			if err == nil {
				o.LastElection, err = storedDate(last)
			}
			if parent.Valid {
				o.ParentID = &parent.Int64
			}
			orgs = append(orgs, o)
			return err
		})
	return orgs, err
}

// storedDate reads a date as the store writes it (YYYY-MM-DD or YYYY-MM)
// without the parser clerks' input needs; anything else goes to ParseDate.
func storedDate(s string) (Date, error) {
	num := func(s string) (int, bool) {
		n := 0
		for _, c := range []byte(s) {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' || len(s) == 7 && s[4] == '-' {
		y, ok1 := num(s[:4])
		m, ok2 := num(s[5:7])
		d, ok3 := 0, true
		if len(s) == 10 {
			d, ok3 = num(s[8:])
		}
		if ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d <= 31 {
			return Date{y, m, d}, nil
		}
	}
	return ParseDate(s)
}

func scanRows(q rowQueryer, query string, each func(r *sql.Rows) error) error {
	rows, err := q.Query(query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// MonthCount is how many elections fall due in one month.
type MonthCount struct {
	Year, Month int
	N           int
}

// ElectionsByMonth counts the elections due in each of the 12 months from
// today's month on (a due date inside the month; overdue ones are not counted).
func ElectionsByMonth(orgs []Org, today time.Time) []MonthCount {
	out := make([]MonthCount, 12)
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.Local)
	for i := range out {
		m := first.AddDate(0, i, 0)
		out[i] = MonthCount{Year: m.Year(), Month: int(m.Month())}
	}
	for _, o := range orgs {
		due := o.ElectionDue()
		if due.IsZero() {
			continue
		}
		i := (due.Year-first.Year())*12 + due.Month - int(first.Month())
		if i >= 0 && i < 12 {
			out[i].N++
		}
	}
	return out
}

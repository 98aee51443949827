package data

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Yearly snapshots (年度快照): every live community, compound and Party
// organisation as it stood on one day, kept in the store for year-over-year
// comparison.
//
// Storage, compact by design (migration step 9):
//   - yearly_records holds each distinct record version once, keyed by the
//     first 16 bytes of the SHA-256 of its kind and JSON; the JSON is deflated
//     with a dictionary made of the type's field names, so a row costs about
//     a third of its JSON. A record unchanged since an earlier snapshot is not
//     stored again: a later snapshot of unchanged data adds only its list.
//   - yearly_snapshots holds, per snapshot, that list (the yearly_records ids,
//     sorted, as varint deltas: 1–3 bytes per record) and the figures of the
//     statistics report computed when it was taken (JSON), so a comparison
//     reads two small rows. When the report's definitions change
//     (statsVersion), the figures are computed again from the records.
//
// Deleting a snapshot deletes the record versions no other snapshot lists.

// statsVersion is the version of the report's definitions (StatsColumns and
// ComputeStats); stored figures of another version are recomputed.
const statsVersion = 1

// ErrYearlyExists is wrapped when a snapshot of that name exists.
var ErrYearlyExists = errors.New("名称重复")

// EntityYearly names yearly snapshots in the audit trail.
const EntityYearly = "yearly"

func init() { entityLabels[EntityYearly] = "年度快照" }

// Yearly is one snapshot as listed.
type Yearly struct {
	ID          int64  `db:"id"`
	Name        string `db:"name"`
	TakenAt     string `db:"taken_at"`
	Auto        bool   `db:"auto"`
	Communities int    `db:"n_communities"`
	Compounds   int    `db:"n_compounds"`
	Orgs        int    `db:"n_orgs"`
}

// Date is the day the snapshot was taken.
func (y Yearly) Date() Date { return dateOf(y.TakenAt) }

func dateOf(rfc string) Date {
	t, err := time.Parse(time.RFC3339, rfc)
	if err != nil {
		return Date{}
	}
	return DateOf(t)
}

// Record kinds in yearly_records.
const (
	yearlyCommunity = "community"
	yearlyCompound  = "compound"
	yearlyOrg       = "org"
)

// yearlyDicts are the deflate dictionaries: each type's JSON with zero values.
var yearlyDicts = map[string][]byte{}

func init() {
	for kind, v := range map[string]any{yearlyCommunity: Community{}, yearlyCompound: Compound{}, yearlyOrg: Org{}} {
		b, _ := json.Marshal(v)
		yearlyDicts[kind] = b
	}
}

// yearlyRecord is one record ready to store: its kind, JSON and hash.
type yearlyRecord struct {
	kind string
	js   []byte
	hash [16]byte
}

func encodeYearly(kind string, v any) (yearlyRecord, error) {
	js, err := json.Marshal(v)
	if err != nil {
		return yearlyRecord{}, err
	}
	h := sha256.New()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write(js)
	r := yearlyRecord{kind: kind, js: js}
	copy(r.hash[:], h.Sum(nil))
	return r, nil
}

// deflaters keeps one writer per kind (a flate writer is costly to make).
type deflaters map[string]*flate.Writer

func (d deflaters) pack(kind string, js []byte) ([]byte, error) {
	var buf bytes.Buffer
	w := d[kind]
	if w == nil {
		var err error
		if w, err = flate.NewWriterDict(&buf, flate.BestSpeed, yearlyDicts[kind]); err != nil {
			return nil, err
		}
		d[kind] = w
	} else {
		w.Reset(&buf)
	}
	if _, err := w.Write(js); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func unpackYearly(kind string, b []byte) ([]byte, error) {
	r := flate.NewReaderDict(bytes.NewReader(b), yearlyDicts[kind])
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, 1<<22))
}

// packIDs writes sorted ids as varint deltas.
func packIDs(ids []int64) []byte {
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := make([]byte, 0, len(ids)*2)
	var prev int64
	for _, id := range ids {
		out = binary.AppendUvarint(out, uint64(id-prev))
		prev = id
	}
	return out
}

func unpackIDs(b []byte) ([]int64, error) {
	var out []int64
	var prev int64
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, errors.New("快照的记录清单已损坏")
		}
		prev += int64(d)
		out = append(out, prev)
		b = b[n:]
	}
	return out, nil
}

// yearlyInput is what a snapshot is taken from.
type yearlyInput struct {
	cs    []Community
	xs    []Compound
	orgs  []Org
	stats Stats
	recs  []yearlyRecord
}

func (s *Store) readYearlyInput(now time.Time) (yearlyInput, error) {
	var in yearlyInput
	var err error
	if in.cs, err = s.Communities(); err != nil {
		return in, err
	}
	if in.xs, err = s.Compounds(0); err != nil {
		return in, err
	}
	if in.orgs, err = s.Orgs(0); err != nil {
		return in, err
	}
	in.stats = ComputeStats(in.cs, in.xs, in.orgs, now)
	if set, err := s.Settings(); err == nil {
		in.stats.Office = set.OfficeName
	}
	in.recs = make([]yearlyRecord, 0, len(in.cs)+len(in.xs)+len(in.orgs))
	add := func(kind string, v any) error {
		r, err := encodeYearly(kind, v)
		in.recs = append(in.recs, r)
		return err
	}
	for i := range in.cs {
		if err := add(yearlyCommunity, &in.cs[i]); err != nil {
			return in, err
		}
	}
	for i := range in.xs {
		if err := add(yearlyCompound, &in.xs[i]); err != nil {
			return in, err
		}
	}
	for i := range in.orgs {
		if err := add(yearlyOrg, &in.orgs[i]); err != nil {
			return in, err
		}
	}
	return in, nil
}

// CheckYearlyName checks a snapshot's name: not empty, one line, not too long.
func CheckYearlyName(name string) (string, error) {
	name = Normalize(name)
	switch {
	case name == "":
		return "", errors.New("年度快照的名称不能为空")
	case strings.ContainsAny(name, "\r\n\t"):
		return "", fmt.Errorf("年度快照的名称“%s”不能换行", Excerpt(name))
	case len([]rune(name)) > 40:
		return "", fmt.Errorf("年度快照的名称“%s”太长，最多 40 个字", Excerpt(name))
	}
	return name, nil
}

// TakeYearly takes a snapshot of every live record under name, with its audit row.
func (s *Store) TakeYearly(name string) (Yearly, error) { return s.takeYearly(name, false) }

func (s *Store) takeYearly(name string, auto bool) (Yearly, error) {
	name, err := CheckYearlyName(name)
	if err != nil {
		return Yearly{}, err
	}
	now := s.now()
	in, err := s.readYearlyInput(now)
	if err != nil {
		return Yearly{}, err
	}
	y := Yearly{Name: name, TakenAt: now.Format(time.RFC3339), Auto: auto,
		Communities: len(in.cs), Compounds: len(in.xs), Orgs: len(in.orgs)}
	err = s.Write(func(tx *Tx) error {
		var n int
		if err := tx.q.Get(&n, `SELECT COUNT(*) FROM yearly_snapshots WHERE name = ?`, name); err != nil {
			return fmt.Errorf("无法读取年度快照：%w", err)
		}
		if n > 0 {
			return fmt.Errorf("%w：已经有名为“%s”的年度快照，请换一个名称", ErrYearlyExists, Excerpt(name))
		}
		ids, err := tx.storeYearlyRecords(in.recs)
		if err != nil {
			return err
		}
		figures, err := json.Marshal(in.stats)
		if err != nil {
			return err
		}
		res, err := tx.q.Exec(`INSERT INTO yearly_snapshots (name, taken_at, auto, records, figures, figures_version,
			n_communities, n_compounds, n_orgs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			name, y.TakenAt, auto, packIDs(ids), string(figures), statsVersion, y.Communities, y.Compounds, y.Orgs)
		if err != nil {
			return fmt.Errorf("无法保存年度快照“%s”：%w", Excerpt(name), err)
		}
		y.ID, _ = res.LastInsertId()
		action := "拍摄年度快照"
		if auto {
			action = "自动拍摄年度快照"
		}
		return tx.Audit(EntityYearly, y.ID, "", "年度快照“"+name+"”", action,
			fmt.Sprintf("%d 个社区、%d 个小区、%d 个党组织", y.Communities, y.Compounds, y.Orgs), nil)
	})
	return y, err
}

// storeYearlyRecords stores the record versions not stored yet and returns
// the ids of all of them.
func (tx *Tx) storeYearlyRecords(recs []yearlyRecord) ([]int64, error) {
	rows, err := tx.q.Query(`SELECT id, hash FROM yearly_records`)
	if err != nil {
		return nil, fmt.Errorf("无法读取年度快照：%w", err)
	}
	known := map[[16]byte]int64{}
	for rows.Next() {
		var id int64
		var h []byte
		if err := rows.Scan(&id, &h); err != nil {
			rows.Close()
			return nil, fmt.Errorf("无法读取年度快照：%w", err)
		}
		var k [16]byte
		copy(k[:], h)
		known[k] = id
	}
	rows.Close()
	stmt, err := tx.q.Prepare(`INSERT INTO yearly_records (hash, kind, data) VALUES (?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("无法保存年度快照：%w", err)
	}
	defer stmt.Close()
	ids := make([]int64, 0, len(recs))
	defl := deflaters{}
	for _, r := range recs {
		id, ok := known[r.hash]
		if !ok {
			b, err := defl.pack(r.kind, r.js)
			if err != nil {
				return nil, err
			}
			res, err := stmt.Exec(r.hash[:], r.kind, b)
			if err != nil {
				return nil, fmt.Errorf("无法保存年度快照：%w", err)
			}
			id, _ = res.LastInsertId()
			known[r.hash] = id
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// YearlySnapshots lists the snapshots, newest first.
func (s *Store) YearlySnapshots() ([]Yearly, error) {
	var out []Yearly
	err := s.db.Select(&out, `SELECT id, name, taken_at, auto, n_communities, n_compounds, n_orgs
		FROM yearly_snapshots ORDER BY taken_at DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("无法读取年度快照列表：%w", err)
	}
	return out, nil
}

// DeleteYearly deletes the snapshot name and the record versions only it listed.
func (s *Store) DeleteYearly(name string) error {
	return s.Write(func(tx *Tx) error {
		var y Yearly
		err := tx.q.Get(&y, `SELECT id, name, taken_at, auto, n_communities, n_compounds, n_orgs
			FROM yearly_snapshots WHERE name = ?`, Normalize(name))
		if err != nil {
			return fmt.Errorf("没有名为“%s”的年度快照", Excerpt(name))
		}
		if _, err := tx.q.Exec(`DELETE FROM yearly_snapshots WHERE id = ?`, y.ID); err != nil {
			return fmt.Errorf("无法删除年度快照“%s”：%w", Excerpt(name), err)
		}
		if err := tx.pruneYearlyRecords(); err != nil {
			return err
		}
		return tx.Audit(EntityYearly, y.ID, "", "年度快照“"+y.Name+"”", "删除年度快照",
			fmt.Sprintf("拍摄于 %s", y.Date()), nil)
	})
}

// pruneYearlyRecords deletes the record versions no snapshot lists.
func (tx *Tx) pruneYearlyRecords() error {
	var lists [][]byte
	if err := tx.q.Select(&lists, `SELECT records FROM yearly_snapshots`); err != nil {
		return fmt.Errorf("无法读取年度快照：%w", err)
	}
	if _, err := tx.q.Exec(`CREATE TEMP TABLE IF NOT EXISTS yearly_keep (id INTEGER PRIMARY KEY)`); err != nil {
		return fmt.Errorf("无法整理年度快照：%w", err)
	}
	defer tx.q.Exec(`DROP TABLE IF EXISTS temp.yearly_keep`)
	if _, err := tx.q.Exec(`DELETE FROM temp.yearly_keep`); err != nil {
		return fmt.Errorf("无法整理年度快照：%w", err)
	}
	stmt, err := tx.q.Prepare(`INSERT OR IGNORE INTO temp.yearly_keep (id) VALUES (?)`)
	if err != nil {
		return fmt.Errorf("无法整理年度快照：%w", err)
	}
	defer stmt.Close()
	for _, l := range lists {
		ids, err := unpackIDs(l)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := stmt.Exec(id); err != nil {
				return fmt.Errorf("无法整理年度快照：%w", err)
			}
		}
	}
	_, err = tx.q.Exec(`DELETE FROM yearly_records WHERE id NOT IN (SELECT id FROM temp.yearly_keep)`)
	if err != nil {
		return fmt.Errorf("无法整理年度快照：%w", err)
	}
	return nil
}

// YearlyStats is the statistics report of the snapshot name, as it was on
// the day it was taken.
func (s *Store) YearlyStats(name string) (Stats, Yearly, error) {
	var row struct {
		Yearly
		Figures string `db:"figures"`
		Version int    `db:"figures_version"`
	}
	err := s.db.Get(&row, `SELECT id, name, taken_at, auto, n_communities, n_compounds, n_orgs, figures, figures_version
		FROM yearly_snapshots WHERE name = ?`, Normalize(name))
	if err != nil {
		return Stats{}, Yearly{}, fmt.Errorf("没有名为“%s”的年度快照", Excerpt(name))
	}
	if row.Version != statsVersion {
		st, err := s.recomputeYearly(row.Yearly)
		return st, row.Yearly, err
	}
	var st Stats
	if err := json.Unmarshal([]byte(row.Figures), &st); err != nil {
		return Stats{}, row.Yearly, fmt.Errorf("年度快照“%s”的统计数据已损坏", Excerpt(name))
	}
	return st, row.Yearly, nil
}

// YearlyRecords reads back the records of a snapshot.
func (s *Store) YearlyRecords(id int64) ([]Community, []Compound, []Org, error) {
	var list []byte
	if err := s.db.Get(&list, `SELECT records FROM yearly_snapshots WHERE id = ?`, id); err != nil {
		return nil, nil, nil, fmt.Errorf("没有编号为 %d 的年度快照", id)
	}
	ids, err := unpackIDs(list)
	if err != nil {
		return nil, nil, nil, err
	}
	want := make(map[int64]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	rows, err := s.db.Query(`SELECT id, kind, data FROM yearly_records`)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("无法读取年度快照：%w", err)
	}
	defer rows.Close()
	var cs []Community
	var xs []Compound
	var orgs []Org
	for rows.Next() {
		var id int64
		var kind string
		var b []byte
		if err := rows.Scan(&id, &kind, &b); err != nil {
			return nil, nil, nil, fmt.Errorf("无法读取年度快照：%w", err)
		}
		if !want[id] {
			continue
		}
		js, err := unpackYearly(kind, b)
		if err == nil {
			err = decodeYearly(kind, js, &cs, &xs, &orgs)
		}
		if err != nil {
			return nil, nil, nil, fmt.Errorf("年度快照的记录 #%d 已损坏", id)
		}
	}
	return cs, xs, orgs, rows.Err()
}

func decodeYearly(kind string, js []byte, cs *[]Community, xs *[]Compound, orgs *[]Org) error {
	switch kind {
	case yearlyCommunity:
		var c Community
		err := json.Unmarshal(js, &c)
		*cs = append(*cs, c)
		return err
	case yearlyCompound:
		var x Compound
		err := json.Unmarshal(js, &x)
		*xs = append(*xs, x)
		return err
	case yearlyOrg:
		var o Org
		err := json.Unmarshal(js, &o)
		*orgs = append(*orgs, o)
		return err
	}
	return fmt.Errorf("unknown kind %q", kind)
}

func (s *Store) recomputeYearly(y Yearly) (Stats, error) {
	cs, xs, orgs, err := s.YearlyRecords(y.ID)
	if err != nil {
		return Stats{}, err
	}
	t, err := time.Parse(time.RFC3339, y.TakenAt)
	if err != nil {
		return Stats{}, fmt.Errorf("年度快照“%s”的拍摄时间已损坏", Excerpt(y.Name))
	}
	st := ComputeStats(cs, xs, orgs, t)
	if set, err := s.Settings(); err == nil {
		st.Office = set.OfficeName
	}
	return st, nil
}

// yearlyAutoKey is the setting that remembers the year of the last
// automatic snapshot (so a deleted one is not taken again that year).
const yearlyAutoKey = "yearly_auto_year"

// TakeYearlyIfDue takes the automatic snapshot on the first start of a new
// year: when none was taken this year and there are records. It returns the
// snapshot's name, or "" when none was due.
func (s *Store) TakeYearlyIfDue() (string, error) {
	now := s.now()
	var last string
	_ = s.db.Get(&last, `SELECT value FROM settings WHERE key = ?`, yearlyAutoKey)
	if last >= fmt.Sprint(now.Year()) {
		return "", nil
	}
	var n int
	if err := s.db.Get(&n, `SELECT COUNT(*) FROM communities WHERE deleted_at IS NULL`); err != nil || n == 0 {
		return "", nil
	}
	name := fmt.Sprintf("%d年初（自动）", now.Year())
	if _, err := s.takeYearly(name, true); err != nil && !errors.Is(err, ErrYearlyExists) {
		return "", err
	}
	err := s.Write(func(tx *Tx) error {
		_, err := tx.q.Exec(`INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, yearlyAutoKey, fmt.Sprint(now.Year()))
		return err
	})
	return name, err
}

package data

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Yearly snapshots (年度快照): every live community, compound and Party
// organisation as it stood on one day, kept in the store for year-over-year
// comparison.
//
// Storage, compact by design (migration step 9):
//   - yearly_records holds each distinct record version once, keyed by the
//     first 16 bytes of the SHA-256 of its kind and its row: the table row's
//     values as a JSON array (the column names are kept once per snapshot in
//     yearly_snapshots.columns), deflated when long (notes). A record
//     unchanged since an earlier snapshot is not stored again: a later
//     snapshot of unchanged data adds only its list.
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

// The tables a snapshot holds, by kind in yearly_records.
var yearlyTables = []struct{ kind, table string }{
	{yearlyCommunity, "communities"}, {yearlyCompound, "compounds"}, {yearlyOrg, "orgs"},
}

// Record kinds in yearly_records.
const (
	yearlyCommunity = "community"
	yearlyCompound  = "compound"
	yearlyOrg       = "org"
)

// A stored row starts with 'j' (JSON as is) or 'z' (deflated JSON).
const deflateFrom = 400 // bytes of JSON from which a row is deflated

// yearlyRecord is one row ready to store: its kind, JSON and hash.
type yearlyRecord struct {
	kind string
	js   []byte
	hash [16]byte
}

// appendJSONValue appends a column value as JSON.
func appendJSONValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case float64:
		return strconv.AppendFloat(b, x, 'g', -1, 64)
	case bool:
		return strconv.AppendBool(b, x)
	case []byte:
		return appendJSONString(b, string(x))
	case string:
		return appendJSONString(b, x)
	case time.Time:
		return appendJSONString(b, x.Format(time.RFC3339Nano))
	}
	return appendJSONString(b, fmt.Sprint(v))
}

func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, fmt.Sprintf("\\u%04x", c)...)
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// readYearlyRows reads every live row of the snapshot's tables as JSON arrays.
func readYearlyRows(q rowQueryer) ([]yearlyRecord, map[string][]string, error) {
	var recs []yearlyRecord
	cols := map[string][]string{}
	for _, t := range yearlyTables {
		rows, err := q.Query(`SELECT * FROM ` + t.table + ` WHERE deleted_at IS NULL ORDER BY id`)
		if err != nil {
			return nil, nil, fmt.Errorf("无法读取记录：%w", err)
		}
		names, _ := rows.Columns()
		cols[t.kind] = names
		vals := make([]any, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, nil, fmt.Errorf("无法读取记录：%w", err)
			}
			recs = append(recs, rowRecord(t.kind, vals))
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("无法读取记录：%w", err)
		}
	}
	return recs, cols, nil
}

// rowRecord encodes one row's values and hashes them.
func rowRecord(kind string, vals []any) yearlyRecord {
	js := make([]byte, 0, 256)
	js = append(js, '[')
	for i, v := range vals {
		if i > 0 {
			js = append(js, ',')
		}
		js = appendJSONValue(js, v)
	}
	js = append(js, ']')
	h := sha256.New()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write(js)
	r := yearlyRecord{kind: kind, js: js}
	copy(r.hash[:], h.Sum(nil))
	return r
}

// packer deflates long rows, reusing one writer (a flate writer is costly to make).
type packer struct{ w *flate.Writer }

func (p *packer) pack(js []byte) ([]byte, error) {
	if len(js) < deflateFrom {
		return append([]byte{'j'}, js...), nil
	}
	var buf bytes.Buffer
	buf.WriteByte('z')
	if p.w == nil {
		var err error
		if p.w, err = flate.NewWriter(&buf, flate.BestSpeed); err != nil {
			return nil, err
		}
	} else {
		p.w.Reset(&buf)
	}
	if _, err := p.w.Write(js); err != nil {
		return nil, err
	}
	if err := p.w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func unpackYearly(b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, errors.New("empty")
	}
	if b[0] == 'j' {
		return b[1:], nil
	}
	r := flate.NewReader(bytes.NewReader(b[1:]))
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
	y := Yearly{Name: name, TakenAt: now.Format(time.RFC3339), Auto: auto}
	office := ""
	if set, err := s.Settings(); err == nil {
		office = set.OfficeName
	}
	err = s.Write(func(tx *Tx) error {
		var n int
		if err := tx.q.Get(&n, `SELECT COUNT(*) FROM yearly_snapshots WHERE name = ?`, name); err != nil {
			return fmt.Errorf("无法读取年度快照：%w", err)
		}
		if n > 0 {
			return fmt.Errorf("%w：已经有名为“%s”的年度快照，请换一个名称", ErrYearlyExists, Excerpt(name))
		}
		cs, xs, orgs, err := statsRecords(tx.q)
		if err != nil {
			return err
		}
		stats := ComputeStats(cs, xs, orgs, now)
		stats.Office = office
		y.Communities, y.Compounds, y.Orgs = len(cs), len(xs), len(orgs)
		recs, cols, err := readYearlyRows(tx.q)
		if err != nil {
			return err
		}
		ids, err := tx.storeYearlyRecords(recs)
		if err != nil {
			return err
		}
		figures, _ := json.Marshal(stats)
		colJSON, _ := json.Marshal(cols)
		res, err := tx.q.Exec(`INSERT INTO yearly_snapshots (name, taken_at, auto, records, columns, figures, figures_version,
			n_communities, n_compounds, n_orgs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			name, y.TakenAt, auto, packIDs(ids), string(colJSON), string(figures), statsVersion, y.Communities, y.Compounds, y.Orgs)
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
	var p packer
	for _, r := range recs {
		id, ok := known[r.hash]
		if !ok {
			b, err := p.pack(r.js)
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

// YearlyRecords reads back the records of a snapshot (the table columns
// as they were; joined names such as CommunityName are left empty).
func (s *Store) YearlyRecords(id int64) ([]Community, []Compound, []Org, error) {
	var row struct {
		List    []byte `db:"records"`
		Columns string `db:"columns"`
	}
	if err := s.db.Get(&row, `SELECT records, columns FROM yearly_snapshots WHERE id = ?`, id); err != nil {
		return nil, nil, nil, fmt.Errorf("没有编号为 %d 的年度快照", id)
	}
	var cols map[string][]string
	if err := json.Unmarshal([]byte(row.Columns), &cols); err != nil {
		return nil, nil, nil, fmt.Errorf("年度快照 #%d 的列清单已损坏", id)
	}
	ids, err := unpackIDs(row.List)
	if err != nil {
		return nil, nil, nil, err
	}
	want := make(map[int64]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	var cs []Community
	var xs []Compound
	var orgs []Org
	err = scanRows(s.db, `SELECT id, kind, data FROM yearly_records`, func(r *sql.Rows) error {
		var id int64
		var kind string
		var b []byte
		if err := r.Scan(&id, &kind, &b); err != nil || !want[id] {
			return err
		}
		js, err := unpackYearly(b)
		if err == nil {
			err = decodeYearly(kind, cols[kind], js, &cs, &xs, &orgs)
		}
		if err != nil {
			return fmt.Errorf("年度快照的记录 #%d 已损坏", id)
		}
		return nil
	})
	return cs, xs, orgs, err
}

func decodeYearly(kind string, cols []string, js []byte, cs *[]Community, xs *[]Compound, orgs *[]Org) error {
	d := json.NewDecoder(bytes.NewReader(js))
	d.UseNumber()
	var vals []any
	if err := d.Decode(&vals); err != nil {
		return err
	}
	switch kind {
	case yearlyCommunity:
		*cs = append(*cs, Community{})
		return setByColumns(&(*cs)[len(*cs)-1], cols, vals)
	case yearlyCompound:
		*xs = append(*xs, Compound{})
		return setByColumns(&(*xs)[len(*xs)-1], cols, vals)
	case yearlyOrg:
		*orgs = append(*orgs, Org{})
		return setByColumns(&(*orgs)[len(*orgs)-1], cols, vals)
	}
	return fmt.Errorf("unknown kind %q", kind)
}

// setByColumns sets the fields of the struct dst points to from the column
// values, matching the fields' db tags; a column the struct lacks is skipped.
func setByColumns(dst any, cols []string, vals []any) error {
	v := reflect.ValueOf(dst).Elem()
	t := v.Type()
	at := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		at[t.Field(i).Tag.Get("db")] = i
	}
	for i, c := range cols {
		fi, ok := at[c]
		if !ok || i >= len(vals) {
			continue
		}
		if err := setStoredField(v.Field(fi), vals[i]); err != nil {
			return fmt.Errorf("%s: %w", c, err)
		}
	}
	return nil
}

// setStoredField sets a snapshot record's field from its stored JSON value.
func setStoredField(f reflect.Value, val any) error {
	if val == nil {
		f.Set(reflect.Zero(f.Type()))
		return nil
	}
	if n, ok := val.(json.Number); ok {
		i, err := n.Int64()
		if err != nil {
			return err
		}
		val = i
	}
	if sc, ok := f.Addr().Interface().(sql.Scanner); ok {
		return sc.Scan(val)
	}
	switch f.Kind() {
	case reflect.Pointer:
		p := reflect.New(f.Type().Elem())
		if err := setStoredField(p.Elem(), val); err != nil {
			return err
		}
		f.Set(p)
	case reflect.String:
		s, ok := val.(string)
		if !ok {
			s = fmt.Sprint(val)
		}
		f.SetString(s)
	case reflect.Int, reflect.Int64:
		i, ok := val.(int64)
		if !ok {
			return fmt.Errorf("not a number: %v", val)
		}
		f.SetInt(i)
	case reflect.Bool:
		i, ok := val.(int64)
		if !ok {
			return fmt.Errorf("not a number: %v", val)
		}
		f.SetBool(i != 0)
	default:
		return fmt.Errorf("cannot set %s", f.Type())
	}
	return nil
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

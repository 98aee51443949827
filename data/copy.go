package data

import (
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Copying a whole store between the data folder and the office server, both
// ways (jiayuan store copy), and the server's backups and restores, which go
// through a SQLite file of the same schema: every table, row for row, then a
// count and hash of every table on both sides.

// dataTables are the tables in the order the migrations create them, which is
// an order where every referenced table comes before the tables referring to it.
var dataTables = func() []string {
	re := regexp.MustCompile(`(?i)CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)`)
	var out []string
	seen := map[string]bool{}
	for _, m := range migrations {
		for _, g := range re.FindAllStringSubmatch(m, -1) {
			if n := strings.ToLower(g[1]); !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}()

// TableSum is one table's row count and the SHA-256 of its rows in order.
type TableSum struct {
	Table string
	Rows  int64
	Hash  string
}

// Fingerprint is every table's count and hash: two stores with equal
// fingerprints hold the same data, whatever the database underneath.
func (s *Store) Fingerprint() ([]TableSum, error) { return fingerprint(s.db, s.db.d) }

// fingerprint reads through q, a handle or transaction of dialect d.
func fingerprint(q rowQueryer, d *dialect) ([]TableSum, error) {
	out := make([]TableSum, 0, len(dataTables))
	for _, t := range dataTables {
		if t == "attachment_files" {
			continue // where the files are kept differs; compared by content (attachmentSums)
		}
		cols, err := tableColumnNames(q, t)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		var n int64
		where := ""
		if t == "audit" {
			where = ` WHERE entity != 'account'` // a server's own account changes
		}
		err = scanRows(q, `SELECT `+strings.Join(cols, ", ")+` FROM `+t+where+` ORDER BY `+orderAll(len(cols), d.pg), func(r *sql.Rows) error {
			vals, err := scanAny(r, len(cols))
			if err != nil {
				return err
			}
			for _, v := range vals {
				hashValue(h, v)
			}
			n++
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("无法核对表“%s”：%w", t, err)
		}
		out = append(out, TableSum{Table: t, Rows: n, Hash: hex.EncodeToString(h.Sum(nil))})
	}
	return out, nil
}

// orderAll orders by every column, NULLs first on both databases.
func orderAll(n int, pg bool) string {
	terms := make([]string, n)
	for i := range terms {
		terms[i] = strconv.Itoa(i + 1)
		if pg {
			terms[i] += " NULLS FIRST"
		}
	}
	return strings.Join(terms, ", ")
}

// hashValue writes v with its kind and length, so no two rows hash alike by
// accident; text and bytes hash alike (the drivers differ in which they give).
func hashValue(h interface{ Write([]byte) (int, error) }, v any) {
	var b []byte
	tag := byte('s')
	switch x := v.(type) {
	case nil:
		h.Write([]byte{'n'})
		return
	case int64:
		tag, b = 'i', strconv.AppendInt(nil, x, 10)
	case float64:
		tag, b = 'f', strconv.AppendUint(nil, math.Float64bits(x), 16)
	case bool:
		tag, b = 'i', []byte("0")
		if x {
			b = []byte("1")
		}
	case string:
		b = []byte(x)
	case []byte:
		b = x
	default:
		b = []byte(fmt.Sprint(x))
	}
	var l [9]byte
	l[0] = tag
	binary.BigEndian.PutUint64(l[1:], uint64(len(b)))
	h.Write(l[:])
	h.Write(b)
}

// tableColumnNames lists t's columns in their order.
func tableColumnNames(q rowQueryer, t string) ([]string, error) {
	rows, err := q.Query(`SELECT * FROM ` + t + ` WHERE 1 = 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}

// copyTables copies every row of every table from src into dst (a
// transaction whose tables are empty), and on PostgreSQL moves each identity
// column past the highest id copied.
func copyTables(src rowQueryer, dst *txq) error {
	for _, t := range dataTables {
		if t == "attachment_files" && !dst.d.pg {
			continue // a data folder keeps attachments as files
		}
		cols, err := tableColumnNames(src, t)
		if err != nil {
			return fmt.Errorf("无法读取表“%s”：%w", t, err)
		}
		ins := `INSERT INTO ` + t + ` (` + strings.Join(cols, ", ") + `) VALUES (` + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + `)`
		st, err := dst.Tx.Preparex(dst.d.sql(ins))
		if err != nil {
			return fmt.Errorf("无法写入表“%s”：%w", t, err)
		}
		err = scanRows(src, `SELECT `+strings.Join(cols, ", ")+` FROM `+t, func(r *sql.Rows) error {
			vals, err := scanAny(r, len(cols))
			if err != nil {
				return err
			}
			_, err = st.Exec(vals...)
			return err
		})
		st.Close()
		if err != nil {
			return fmt.Errorf("无法复制表“%s”：%w", t, err)
		}
		if dst.d.pg && idTables[t] {
			if _, err := dst.Tx.Exec(`SELECT setval(pg_get_serial_sequence('` + t + `', 'id'), COALESCE((SELECT MAX(id) FROM ` + t + `), 0) + 1, false)`); err != nil {
				return fmt.Errorf("无法设置表“%s”的编号：%w", t, err)
			}
		}
	}
	return nil
}

// emptyTables deletes every row of every table, children first.
func emptyTables(q *txq) error {
	for i := len(dataTables) - 1; i >= 0; i-- {
		if _, err := q.Tx.Exec(`DELETE FROM ` + dataTables[i]); err != nil {
			return fmt.Errorf("无法清空表“%s”：%w", dataTables[i], err)
		}
	}
	return nil
}

// holdsData reports the first table (other than this copy's identity) with
// rows, or "".
func holdsData(q rowQueryer) (string, error) {
	for _, t := range dataTables {
		if t == "exchange_copy" {
			continue
		}
		cond := ""
		if t == "audit" {
			cond = ` WHERE entity != 'account'` // the server's accounts, set up before the copy
		}
		rows, err := q.Query(`SELECT 1 FROM ` + t + cond + ` LIMIT 1`)
		if err != nil {
			return "", err
		}
		has := rows.Next()
		rows.Close()
		if has {
			return t, nil
		}
	}
	return "", nil
}

// scanAny reads the current row's n columns as the driver gives them.
func scanAny(r *sql.Rows, n int) ([]any, error) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return vals, r.Scan(ptrs...)
}

package data

import (
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// Audit trail of a repair.
const (
	EntityDatabase = "database"
	ActionReindex  = "reindex"
)

func init() {
	entityLabels[EntityDatabase] = "数据库"
	extraActionLabels[ActionReindex] = "重建索引"
}

// diagLimit is how many problems a diagnosis lists at most.
const diagLimit = 10000

// Diagnosis is what SQLite's full integrity check (PRAGMA integrity_check)
// found in a database. Its messages are SQLite's English, for the log;
// Summary says it in Chinese.
type Diagnosis struct {
	Messages []string // empty when the database is sound
	// Indexes are the indexes the problems name, sorted; Tables are the
	// Chinese names of their tables ("小区", "操作记录"), sorted.
	Indexes []string
	Tables  []string
	// IndexOnly: every problem is an index that no longer matches its
	// table; the tables themselves passed, so rebuilding the indexes
	// (RebuildIndexes, SQLite's REINDEX) may repair the database.
	IndexOnly bool
	// Truncated: there were more problems than listed.
	Truncated bool
}

// OK reports whether the check found nothing.
func (d Diagnosis) OK() bool { return len(d.Messages) == 0 }

// indexProblem matches the integrity-check messages about an index's entries
// (as of SQLite 3.54; "non-unique entry in UNIQUE index" is the older wording).
var indexProblem = []*regexp.Regexp{
	regexp.MustCompile(`^wrong # of entries in index (\S+)$`),
	regexp.MustCompile(`^row \d+ missing from index (\S+)$`),
	regexp.MustCompile(`^row \d+ values differ from index (\S+)$`),
	regexp.MustCompile(`^rowid not at end-of-record for row \d+ of index (\S+)$`),
	regexp.MustCompile(`^non-unique entry in (?:UNIQUE )?index (\S+)$`),
	regexp.MustCompile(`^index (\S+) stores an imprecise floating-point value for row \d+$`),
}

// indexOf is the index a message is about, or "" when it is about something else.
func indexOf(msg string) string {
	for _, re := range indexProblem {
		if m := re.FindStringSubmatch(msg); m != nil {
			return m[1]
		}
	}
	return ""
}

// Summary says in Chinese what was found, naming the indexes concerned.
func (d Diagnosis) Summary() string {
	if d.OK() {
		return "数据库完好"
	}
	n := strconv.Itoa(len(d.Messages))
	if d.Truncated {
		n = "至少 " + n
	}
	if d.IndexOnly {
		return fmt.Sprintf("「%s」的索引与记录不一致（共 %s 处），记录本身完好", strings.Join(d.Tables, "」「"), n)
	}
	return fmt.Sprintf("数据库文件结构损坏（共 %s 处问题）", n)
}

// Advice is the way out, in Chinese: rebuild the indexes, or restore.
func (d Diagnosis) Advice() string {
	if d.IndexOnly {
		return "重建索引即可修复，数据不会丢失"
	}
	return "需要从一份完好的备份恢复"
}

// rowsQueryer runs a query: the store's pool, a transaction, or a file's own connection.
type rowsQueryer interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

// diagnose runs PRAGMA integrity_check through q and sorts what it reports.
// A database SQLite cannot read at all is a diagnosis too (not IndexOnly);
// other errors (the file cannot be opened or read) are returned.
func diagnose(q rowsQueryer, path string) (Diagnosis, error) {
	var d Diagnosis
	rows, err := q.Query(fmt.Sprintf("PRAGMA integrity_check(%d)", diagLimit))
	if err != nil {
		return corruptDiagnosis(err, path)
	}
	defer rows.Close()
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return d, err
		}
		if m != "ok" {
			d.Messages = append(d.Messages, m)
		}
	}
	if err := rows.Err(); err != nil {
		return corruptDiagnosis(err, path)
	}
	d.Truncated = len(d.Messages) >= diagLimit
	d.IndexOnly = !d.OK()
	seen := map[string]bool{}
	for _, m := range d.Messages {
		idx := indexOf(m)
		if idx == "" {
			d.IndexOnly = false
			continue
		}
		if !seen[idx] {
			seen[idx] = true
			d.Indexes = append(d.Indexes, idx)
		}
	}
	sort.Strings(d.Indexes)
	d.Tables = indexTables(q, d.Indexes)
	return d, nil
}

// tableLabels are the Chinese names of the tables, for a diagnosis.
var tableLabels = map[string]string{
	"settings": "设置", "communities": "社区", "compounds": "小区", "orgs": "党组织", "audit": "操作记录",
	"rounds": "评选活动", "round_categories": "评选类别", "round_criteria": "评分细则", "round_vetoes": "否决项",
	"nominations": "申报", "nomination_versions": "申报版本", "attachments": "附件", "reviewers": "评审",
	"conflicts": "评审回避", "score_sheets": "评分表", "objections": "异议", "certificates": "证书",
	"holidays": "节假日调整", "exchange_base": "交换记录", "exchange_alias": "交换记录",
	"nomination_snapshots": "申报提交快照",
}

// indexTables are the Chinese names of the tables of indexes, sorted, once each.
func indexTables(q rowsQueryer, indexes []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, idx := range indexes {
		label := "数据表"
		if rows, err := q.Query(`SELECT tbl_name FROM sqlite_schema WHERE type = 'index' AND name = ?`, idx); err == nil {
			var tbl string
			if rows.Next() && rows.Scan(&tbl) == nil {
				label = tableLabels[tbl]
				if label == "" {
					label = "数据表 " + tbl
				}
			}
			rows.Close()
		}
		if !seen[label] {
			seen[label] = true
			out = append(out, label)
		}
	}
	sort.Strings(out)
	return out
}

// corruptDiagnosis turns SQLite's "malformed" or "not a database" error into
// a diagnosis; a disk problem (no space, no permission, a read-only or locked
// file) becomes an *IOError, never damage; anything else is explained in Chinese.
func corruptDiagnosis(err error, path string) (Diagnosis, error) {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB) {
		return Diagnosis{Messages: []string{se.Error()}}, nil
	}
	if e := asIOError(err, path, "检查数据", openNeed(filepath.Dir(path))); e != nil {
		return Diagnosis{}, e
	}
	return Diagnosis{}, fmt.Errorf("无法检查数据库 %s：%s", path, Explain(err))
}

// diagnoseFile runs the full check on the database file at path, read-only.
func diagnoseFile(path string) (Diagnosis, error) {
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return Diagnosis{}, fmt.Errorf("无法打开数据库 %s：%w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return diagnose(db, path)
}

// Diagnose runs the full check on the open store's database. On the office
// server, whose storage the server itself checks, it reads every table once
// and reports the ones it cannot read.
func (s *Store) Diagnose() (Diagnosis, error) {
	if s.db.d.pg {
		var d Diagnosis
		for _, t := range dataTables {
			rows, err := s.db.Query(`SELECT 1 FROM ` + t + ` LIMIT 1`)
			if err != nil {
				d.Messages = append(d.Messages, fmt.Sprintf("服务器上的表“%s”无法读取：%s", t, explainServer(err)))
				continue
			}
			rows.Close()
		}
		return d, nil
	}
	return diagnose(s.db, filepath.Join(s.dir, DBFile))
}

// DiagnoseDir runs the full check on the data folder's database without
// opening a store on it. A missing database passes; an empty one in a folder
// that held data gives a *DamagedError (see Check).
func DiagnoseDir(dir string) (Diagnosis, error) {
	path := filepath.Join(dir, DBFile)
	if skip, err := precheck(dir, path); skip || err != nil {
		return Diagnosis{}, err
	}
	return diagnoseFile(path)
}

// RepairError says the database could not be repaired by rebuilding its
// indexes; nothing was changed. The way out is a restore from a backup.
type RepairError struct {
	Diagnosis Diagnosis // what the check found before
	Reason    string    // why rebuilding the indexes did not help, in Chinese
}

func (e *RepairError) Error() string {
	return fmt.Sprintf("无法修复数据库：%s（%s）。数据库未作改动，请从一份完好的备份恢复", e.Reason, e.Diagnosis.Summary())
}

// RebuildIndexes repairs a database whose only damage is indexes that no
// longer match their tables: in one transaction it runs REINDEX, checks the
// whole database again and writes an audit row; if the check still fails,
// or the tables are damaged too, nothing changes and a *RepairError says so.
// It returns what the check found before; a sound database is left alone.
func (s *Store) RebuildIndexes() (Diagnosis, error) {
	before, err := s.Diagnose()
	if err != nil || before.OK() {
		return before, err
	}
	if !before.IndexOnly {
		return before, &RepairError{Diagnosis: before, Reason: "损坏不只在索引上，重建索引修不好"}
	}
	err = s.Write(func(tx *Tx) error {
		if _, err := tx.q.Exec(`REINDEX`); err != nil {
			return &RepairError{Diagnosis: before, Reason: reindexFailure(err)}
		}
		after, err := diagnose(tx.q, filepath.Join(s.dir, DBFile))
		if err != nil {
			return err
		}
		if !after.OK() {
			return &RepairError{Diagnosis: before, Reason: "重建索引后仍未通过完整检查：" + after.Summary()}
		}
		return tx.Audit(EntityDatabase, 0, "", DBFile, ActionReindex,
			"完整检查发现"+before.Summary()+"，已重建索引，检查通过", nil)
	})
	return before, err
}

// reindexFailure says in Chinese why REINDEX failed.
func reindexFailure(err error) string {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
		return "数据表里有重复的记录，唯一索引建不起来"
	}
	if d := sqliteDetail(err); d != err.Error() {
		return "重建索引时出错（" + d + "）"
	}
	return "重建索引时出错"
}

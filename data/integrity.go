package data

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// DamagedError says the data folder's database failed its integrity check.
// The file is left exactly as it was; SetAside moves it out of the way and
// RestoreDamaged puts the newest good backup in its place.
type DamagedError struct {
	Path      string   // the database file
	Detail    string   // what is wrong, in Chinese
	Technical []string // SQLite's own words, for a technician; never shown to the clerk
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("数据库文件 %s 已损坏（%s）。文件未作任何改动，可以从备份恢复", e.Path, e.Detail)
}

// IsDamaged reports whether err is (or wraps) a *DamagedError, and returns it.
func IsDamaged(err error) (*DamagedError, bool) {
	var d *DamagedError
	ok := errors.As(err, &d)
	return d, ok
}

// Check runs SQLite's quick integrity check on the data folder's database
// without changing it. A folder without a database passes. A file that is
// not a database, fails the check, or is empty in a folder that held data
// (see precheck), gives a *DamagedError.
func Check(dir string) error {
	path := filepath.Join(dir, DBFile)
	if skip, err := precheck(dir, path); skip || err != nil {
		return err
	}
	return checkFile(path, "quick_check")
}

// precheck settles the cases SQLite cannot judge: no database file (a new
// folder) passes; an empty (0-byte) one passes only in a folder that never
// held data. SQLite takes an empty file for an empty database, so without
// this a file emptied by a power cut or a disk fault would open as a blank
// store and the clerk would start again from nothing, with the backups that
// could bring the data back unmentioned.
func precheck(dir, path string) (skip bool, err error) {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		if e := asIOError(err, path, "打开数据", openNeed(dir)); e != nil {
			return true, e
		}
		return true, fmt.Errorf("无法读取数据库 %s：%s", path, ExplainReason(err))
	}
	if fi.Size() > 0 {
		return false, nil
	}
	if heldData(dir) {
		return true, &DamagedError{Path: path, Detail: "文件是空的，长度为 0 字节，而数据目录里有备份或附件"}
	}
	return true, nil
}

// heldData reports whether the data folder shows signs of earlier use: a
// backup in backups/ or a file under attachments/.
func heldData(dir string) bool {
	if list, _ := ListBackups(dir); len(list) > 0 {
		return true
	}
	atts, _ := listAttachments(dir)
	return len(atts) > 0
}

// CheckFull runs the slower, complete PRAGMA integrity_check.
func CheckFull(dir string) error {
	path := filepath.Join(dir, DBFile)
	if skip, err := precheck(dir, path); skip || err != nil {
		return err
	}
	return checkFile(path, "integrity_check")
}

// checkFile opens path read-only and runs PRAGMA quick_check or integrity_check.
// A file SQLite cannot read for a reason of the disk's or the system's (full,
// no permission, read-only, held by another program, an I/O error) gives an
// *IOError, never a *DamagedError.
func checkFile(path, pragma string) error {
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return fmt.Errorf("无法打开数据库 %s：%s", path, Explain(err))
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	failed := func(err error) error {
		if e := asIOError(err, path, "打开数据", openNeed(filepath.Dir(path))); e != nil {
			return e
		}
		return &DamagedError{Path: path, Detail: sqliteDetail(err), Technical: []string{err.Error()}}
	}
	rows, err := db.Query("PRAGMA " + pragma)
	if err != nil {
		return failed(err)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return failed(err)
		}
		if m != "ok" {
			msgs = append(msgs, m)
		}
	}
	if err := rows.Err(); err != nil {
		return failed(err)
	}
	if len(msgs) > 0 {
		return &DamagedError{Path: path, Detail: fmt.Sprintf("完整性检查发现 %d 处问题", len(msgs)), Technical: msgs}
	}
	return nil
}

// sqliteDetail says in Chinese what SQLite found wrong with a file; its own
// English message is kept for technicians only (DamagedError.Technical).
func sqliteDetail(err error) string {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch {
		case se.Code == sqlite3.ErrNotADB:
			return "不是数据库文件"
		case se.Code == sqlite3.ErrCorrupt:
			return "文件结构损坏"
		case se.ExtendedCode == sqlite3.ErrIoErrShortRead:
			return "文件比应有的短，可能被截断"
		case se.ExtendedCode == errIoErrCorruptFS:
			return "文件系统报告文件已损坏"
		}
		return fmt.Sprintf("数据库引擎无法读取它（错误代码 %d）", int(se.ExtendedCode))
	}
	s := err.Error()
	switch {
	case strings.Contains(s, "not a database"):
		return "不是数据库文件"
	case strings.Contains(s, "malformed"):
		return "文件结构损坏"
	}
	return "无法读取"
}

// OpenChecked is Open preceded by Check: a damaged database gives a
// *DamagedError and is not touched; a disk that is full, read-only or
// refuses access, or a file another program holds, gives an *IOError.
// main and the command line use it.
func OpenChecked(dir string) (*Store, error) {
	if err := Check(dir); err != nil {
		return nil, err
	}
	st, err := Open(dir)
	if err != nil {
		path := filepath.Join(dir, DBFile)
		if e := asIOError(err, path, "打开数据", openNeed(dir)); e != nil {
			return nil, e
		}
		// A file SQLite cannot even read is damaged too, not a crash.
		if strings.Contains(err.Error(), "无法读取，可能已损坏") {
			return nil, &DamagedError{Path: path, Detail: sqliteDetail(err), Technical: []string{err.Error()}}
		}
		return nil, err
	}
	return st, nil
}

// SetAside moves the data folder's database (and its -wal and -shm files)
// to a new folder named damaged-YYYYMMDD-HHMMSS inside the data folder and
// returns that folder. Nothing is overwritten: an existing name gets a suffix.
// The move is recorded in the set-aside notices (see SetAsideNotices).
// The caller holds the data folder's lock and has no store open on it.
func SetAside(dir string) (string, error) {
	path := filepath.Join(dir, DBFile)
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("找不到要移开的数据库 %s：%w", path, err)
	}
	aside, err := newFolder(dir, "damaged-"+time.Now().Format("20060102-150405"))
	if err != nil {
		return "", err
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		from := path + suffix
		if _, err := os.Stat(from); errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err := os.Rename(from, filepath.Join(aside, DBFile+suffix)); err != nil {
			return aside, fmt.Errorf("无法把损坏的数据库移到 %s：%w", aside, err)
		}
	}
	syncDir(dir)
	noteSetAside(dir, SetAsideDamaged, aside, fmt.Sprintf("损坏的数据库已移到 %s（未作任何改动，可请技术人员查看）。", aside))
	return aside, nil
}

// newFolder creates dir/name, or dir/name-2, -3… when it exists.
func newFolder(dir, name string) (string, error) {
	for i := 1; i < 1000; i++ {
		p := filepath.Join(dir, name)
		if i > 1 {
			p = fmt.Sprintf("%s-%d", p, i)
		}
		err := os.Mkdir(p, 0o755)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", fmt.Errorf("无法创建目录 %s：%w", p, err)
		}
	}
	return "", fmt.Errorf("无法在 %s 里创建目录 %s", dir, name)
}

// syncDir flushes a directory entry change to disk where the system allows it.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

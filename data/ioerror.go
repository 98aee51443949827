package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/mattn/go-sqlite3"
)

// IOKind is what kind of trouble the disk or the system gave.
type IOKind int

// Kinds of I/O error.
const (
	IOOther    IOKind = iota // a read or write failed (a failing disk, a USB stick pulled out)
	IONoSpace                // the disk is full (or the user's quota)
	IODenied                 // permission denied
	IOReadOnly               // the medium or the folder is read-only
	IOLocked                 // another program holds the file
)

// IOError says the disk or the system stopped the program from reading or
// writing a file. It is never damage: nothing is moved aside or replaced
// because of it; once the cause is gone (space freed, the other program
// closed) the same data opens as before.
type IOError struct {
	Path string // the file or folder concerned
	Kind IOKind
	Op   string // what could not be done, in Chinese, e.g. "打开数据"
	Need int64  // IONoSpace: bytes still to be freed (0 when unknown)
	Free int64  // IONoSpace: bytes free on that disk (-1 when unknown)
	Note string // what became of the data; empty: nothing was changed
	Err  error  // the system's or SQLite's error, never shown to the clerk
}

func (e *IOError) Error() string {
	op := e.Op
	if op == "" {
		op = "读写数据"
	}
	note := e.Note
	if note == "" {
		note = "数据库没有损坏，数据未作任何改动。"
	}
	var s string
	switch e.Kind {
	case IONoSpace:
		s = fmt.Sprintf("磁盘空间不足：%s 所在的磁盘", e.Path)
		if e.Free >= 0 {
			s += "只剩 " + HumanSize(e.Free) + "，"
		} else {
			s += "已满，"
		}
		if e.Need > 0 {
			s += fmt.Sprintf("%s还需要约 %d MB。", op, mbCeil(e.Need))
		} else {
			s += op + "需要更多空间。"
		}
		s += "请删除不需要的文件或清空回收站，腾出空间后再试。"
	case IODenied:
		s = fmt.Sprintf("没有权限读写 %s，无法%s。请检查这个文件和所在文件夹的权限，或请技术人员处理。", e.Path, op)
	case IOReadOnly:
		s = fmt.Sprintf("%s 所在的磁盘或文件夹是只读的（例如写保护的 U 盘或光盘），无法%s。请把数据目录放到可写的位置再试。", e.Path, op)
	case IOLocked:
		s = fmt.Sprintf("%s 正被其他程序占用（例如杀毒软件、同步网盘或数据库工具），无法%s。请关闭那个程序后再试。", e.Path, op)
	default:
		s = fmt.Sprintf("读写 %s 时磁盘出错，无法%s。请检查磁盘或 U 盘是否连接良好后再试。", e.Path, op)
	}
	return s + note
}

func (e *IOError) Unwrap() error { return e.Err }

// mbCeil is n bytes in whole megabytes, rounded up, at least 1.
func mbCeil(n int64) int64 {
	mb := (n + (1<<20 - 1)) >> 20
	if mb < 1 {
		mb = 1
	}
	return mb
}

// IsIOError reports whether err is (or wraps) an *IOError, and returns it.
func IsIOError(err error) (*IOError, bool) {
	var e *IOError
	ok := errors.As(err, &e)
	return e, ok
}

// ioKindOf tells whether err is an I/O error rather than damage or a plain
// failure, from SQLite's result codes and the system's error number. A short
// read (the file is shorter than its own header says) is damage, not I/O.
func ioKindOf(err error) (IOKind, bool) {
	if err == nil {
		return 0, false
	}
	if _, ok := IsIOError(err); ok {
		e, _ := IsIOError(err)
		return e.Kind, true
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull:
			return IONoSpace, true
		case sqlite3.ErrReadonly:
			return IOReadOnly, true
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return IOLocked, true
		case sqlite3.ErrPerm:
			return IODenied, true
		case sqlite3.ErrIoErr, sqlite3.ErrCantOpen:
			if se.ExtendedCode == sqlite3.ErrIoErrShortRead || se.ExtendedCode == errIoErrCorruptFS {
				return 0, false
			}
			if k, ok := errnoKind(se.SystemErrno); ok {
				return k, true
			}
			return IOOther, true
		}
		return 0, false
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errnoKind(errno)
	}
	return 0, false
}

// errIoErrCorruptFS is SQLITE_IOERR_CORRUPTFS: the file system reports the file corrupt.
var errIoErrCorruptFS = sqlite3.ErrIoErr.Extend(33)

// asIOError turns err into an *IOError about path when it is an I/O error
// (see ioKindOf), and returns nil otherwise. A full disk gets the free space
// and, with need (bytes the step needs in all, 0 unknown), how much more.
func asIOError(err error, path, op string, need int64) *IOError {
	if e, ok := IsIOError(err); ok {
		return e
	}
	kind, ok := ioKindOf(err)
	if !ok {
		return nil
	}
	e := &IOError{Path: path, Kind: kind, Op: op, Free: -1, Err: err}
	if kind == IONoSpace {
		e.Free, e.Need = shortfall(filepath.Dir(path), need)
	}
	return e
}

// shortfall is the free space on dir's disk and how much more than that
// need is (0 when the estimate fits: then it is not known).
func shortfall(dir string, need int64) (free, more int64) {
	free, err := FreeSpace(dir)
	if err != nil {
		return -1, need
	}
	if more = need - free; more < 1 {
		more = 0 // the disk filled up beyond what the estimate foresaw
	}
	return free, more
}

// openNeed estimates the room the program needs to work on the data folder:
// the write-ahead log and its index (a few MB), and the day's automatic
// backup, a snapshot of the database beside its zipped copy.
func openNeed(dir string) int64 {
	var n int64 = 4 << 20
	if fi, err := os.Stat(filepath.Join(dir, DBFile)); err == nil {
		n += 2 * fi.Size()
	}
	return n
}

package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// LockFile is the name of the lock file inside a data folder.
const LockFile = "jiayuan.lock"

// ErrLocked is wrapped when another copy of the program holds the data folder.
var ErrLocked = errors.New("数据目录正在使用中")

// Lock is an exclusive hold on a data folder: the window holds it while open,
// and a command-line job that writes holds it while it runs. The hold is an
// advisory lock the operating system keeps on open files, not the lock
// file's existence: deleting jiayuan.lock does not free the folder, and the
// system releases it when the process ends, even after a crash or kill -9.
//
// On unix the authoritative lock is a flock on the data folder itself (a
// folder cannot be deleted while it holds the database), taken first;
// jiayuan.lock, locked too (as older versions did), only carries the
// holder's name. On Windows the lock file is opened without
// FILE_SHARE_DELETE, so it cannot be deleted while held (see lock_windows.go).
type Lock struct {
	folder *os.File // the data folder's own handle (unix); nil on Windows
	f      *os.File
}

// Acquire takes the data folder's lock, or fails with ErrLocked at once.
// who is written into the lock file so the other copy can say who holds it.
func Acquire(dir, who string) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建数据目录 %s：%w", dir, err)
	}
	path := filepath.Join(dir, LockFile)
	folder, err := lockFolder(dir)
	if err != nil {
		return nil, lockedError(dir, path)
	}
	f, err := openLockFile(path)
	if err != nil {
		unlockFolder(folder)
		return nil, fmt.Errorf("无法打开锁文件 %s：%w", path, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		unlockFolder(folder)
		return nil, lockedError(dir, path)
	}
	f.Truncate(0)
	f.WriteAt([]byte(who), 0)
	return &Lock{folder: folder, f: f}, nil
}

// lockedError names who holds the folder, as its lock file says.
func lockedError(dir, path string) error {
	holder, _ := os.ReadFile(path)
	h := strings.TrimSpace(string(holder))
	if h == "" {
		h = "另一个家园程序"
	}
	return fmt.Errorf("%w：%s 正被%s使用，请先关闭它再试", ErrLocked, dir, h)
}

// Release gives the lock back.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	unlockFile(l.f)
	err := l.f.Close()
	l.f = nil
	unlockFolder(l.folder)
	l.folder = nil
	return err
}

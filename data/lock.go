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
// and a command-line job that writes holds it while it runs. The operating
// system releases it when the process ends, even after a crash.
type Lock struct {
	f *os.File
}

// Acquire takes the data folder's lock, or fails with ErrLocked at once.
// who is written into the lock file so the other copy can say who holds it.
func Acquire(dir, who string) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建数据目录 %s：%w", dir, err)
	}
	path := filepath.Join(dir, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("无法打开锁文件 %s：%w", path, err)
	}
	if err := lockFile(f); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		h := strings.TrimSpace(string(holder))
		if h == "" {
			h = "另一个家园程序"
		}
		return nil, fmt.Errorf("%w：%s 正被%s使用，请先关闭它再试", ErrLocked, dir, h)
	}
	f.Truncate(0)
	f.WriteAt([]byte(who), 0)
	return &Lock{f: f}, nil
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
	return err
}

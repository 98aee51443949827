//go:build windows

package data

import (
	"os"

	"golang.org/x/sys/windows"
)

// lockFolder does nothing on Windows: a folder handle cannot carry a byte
// range lock, and none is needed, since the lock file cannot be deleted
// while it is held (see openLockFile).
func lockFolder(dir string) (*os.File, error) { return nil, nil }

func unlockFolder(d *os.File) {}

// openLockFile opens the lock file sharing read and write but not delete:
// while the lock is held, Windows refuses to delete or rename the file, so
// no second copy can make a fresh one beside it. (os.OpenFile passes the same
// share mode, FILE_SHARE_READ|FILE_SHARE_WRITE without FILE_SHARE_DELETE, in
// syscall.Open as of Go 1.26; the file is opened here explicitly so the lock
// does not depend on that default.)
func openLockFile(path string) (*os.File, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE, nil, windows.OPEN_ALWAYS,
		windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), nil
}

func lockFile(f *os.File) error {
	ol := new(windows.Overlapped)
	return windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
}

func unlockFile(f *os.File) {
	ol := new(windows.Overlapped)
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, ol)
}

//go:build unix

package data

import (
	"syscall"

	"golang.org/x/sys/unix"
)

func freeSpace(dir string) (int64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}

// errnoKind sorts the system's error numbers that mean trouble with the
// disk rather than with the data.
func errnoKind(e syscall.Errno) (IOKind, bool) {
	switch e {
	case syscall.ENOSPC, syscall.EDQUOT, syscall.EFBIG:
		return IONoSpace, true
	case syscall.EACCES, syscall.EPERM:
		return IODenied, true
	case syscall.EROFS:
		return IOReadOnly, true
	case syscall.EBUSY, syscall.ETXTBSY, syscall.EAGAIN:
		return IOLocked, true
	case syscall.EIO, syscall.ENXIO, syscall.ENODEV:
		return IOOther, true
	}
	return 0, false
}

//go:build windows

package data

import (
	"syscall"

	"golang.org/x/sys/windows"
)

func freeSpace(dir string) (int64, error) {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, err
	}
	var avail, total, free uint64
	if err := windows.GetDiskFreeSpaceEx(p, &avail, &total, &free); err != nil {
		return 0, err
	}
	return int64(avail), nil
}

// errnoKind sorts the system's error codes that mean trouble with the disk
// rather than with the data.
func errnoKind(e syscall.Errno) (IOKind, bool) {
	switch e {
	case windows.ERROR_DISK_FULL, windows.ERROR_HANDLE_DISK_FULL:
		return IONoSpace, true
	case windows.ERROR_ACCESS_DENIED:
		return IODenied, true
	case windows.ERROR_WRITE_PROTECT:
		return IOReadOnly, true
	case windows.ERROR_SHARING_VIOLATION, windows.ERROR_LOCK_VIOLATION:
		return IOLocked, true
	case windows.ERROR_CRC, windows.ERROR_NOT_READY, windows.ERROR_DEV_NOT_EXIST, windows.ERROR_GEN_FAILURE:
		return IOOther, true
	}
	return 0, false
}

//go:build !unix && !windows

package data

import (
	"errors"
	"syscall"
)

func freeSpace(string) (int64, error) { return 0, errors.New("free space unknown on this system") }

func errnoKind(e syscall.Errno) (IOKind, bool) { return 0, false }

package data

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// freeSpaceHook replaces the system's answer in tests (nil: ask the system).
var freeSpaceHook func(dir string) (int64, error)

// FreeSpace is the number of bytes the current user may still write on the
// disk that holds dir (or, when dir does not exist yet, its nearest existing
// parent).
func FreeSpace(dir string) (int64, error) {
	if freeSpaceHook != nil {
		return freeSpaceHook(dir)
	}
	p, err := filepath.Abs(dir)
	if err != nil {
		return 0, err
	}
	for {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			break
		}
		parent := filepath.Dir(p)
		if parent == p {
			break
		}
		p = parent
	}
	return freeSpace(p)
}

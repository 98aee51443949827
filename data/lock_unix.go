//go:build !windows

package data

import (
	"os"
	"syscall"
)

// lockFolder opens the data folder itself and takes an exclusive flock on
// it: the lock that counts, since no one can delete the folder away while
// the database lives in it.
func lockFolder(dir string) (*os.File, error) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(d.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

func unlockFolder(d *os.File) {
	if d != nil {
		syscall.Flock(int(d.Fd()), syscall.LOCK_UN)
		d.Close()
	}
}

func openLockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
}

func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

func unlockFile(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }

package store

import (
	"os"
	"syscall"
)

// fdatasync writes f's data to disk, and of its metadata what reading it
// back needs (its size).
func fdatasync(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = syscall.Fdatasync(int(fd)) }); err != nil {
		return err
	}
	return serr
}

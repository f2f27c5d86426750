package store

import (
	"os"
	"syscall"
)

// dropMapped tells the kernel that the size bytes mapped at addr are not
// needed (madvise MADV_DONTNEED): the process's resident set no longer
// counts them. A failure leaves them resident, which is only memory.
func dropMapped(addr uintptr, size int64) {
	if size > 0 {
		syscall.Syscall(syscall.SYS_MADVISE, addr, uintptr(size), syscall.MADV_DONTNEED)
	}
}

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

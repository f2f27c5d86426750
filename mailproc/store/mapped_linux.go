package store

import "syscall"

// dropMapped tells the kernel that the size bytes mapped at addr are not
// needed (madvise MADV_DONTNEED): the process's resident set no longer
// counts them. A failure leaves them resident, which is only memory.
func dropMapped(addr uintptr, size int64) {
	if size > 0 {
		syscall.Syscall(syscall.SYS_MADVISE, addr, uintptr(size), syscall.MADV_DONTNEED)
	}
}

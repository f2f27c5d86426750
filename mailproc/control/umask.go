package control

import "syscall"

// umask sets the process's file mode mask and returns the old one, so the
// socket is never reachable by others, even for a moment.
func umask(mask int) int { return syscall.Umask(mask) }

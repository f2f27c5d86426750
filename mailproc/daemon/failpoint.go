package daemon

import (
	"os"
	"syscall"
)

// failpoint kills the process at a named step when the options ask for it,
// so tests can prove recovery from a crash at that very moment.
func (d *Daemon) failpoint(name string) {
	if d.opts.Failpoint != name {
		return
	}
	d.log.Warn("failpoint reached; killing the process", "failpoint", name)
	if d.opts.Kill != nil {
		d.opts.Kill()
		return
	}
	syscall.Kill(os.Getpid(), syscall.SIGKILL)
	select {} // never returns
}

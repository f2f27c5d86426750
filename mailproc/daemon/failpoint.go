package daemon

import (
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
)

// failpoints is where the options ask the process to kill itself: a step,
// and at which time it is reached.
type failpoints struct {
	step string
	nth  int64
	hits atomic.Int64
}

// parseFailpoint reads "step" or "step:N".
func parseFailpoint(s string) *failpoints {
	f := &failpoints{step: s, nth: 1}
	if step, n, ok := strings.Cut(s, ":"); ok {
		if v, err := strconv.ParseInt(n, 10, 64); err == nil && v > 0 {
			f.step, f.nth = step, v
		}
	}
	return f
}

// failpoint kills the process at a named step when the options ask for it,
// so tests can prove recovery from a crash at that very moment.
func (d *Daemon) failpoint(name string) {
	f := d.fail
	if f.step != name || f.hits.Add(1) != f.nth {
		return
	}
	d.log.Warn("failpoint reached; killing the process", "failpoint", name, "time", f.nth)
	if d.opts.Kill != nil {
		d.opts.Kill()
		return
	}
	syscall.Kill(os.Getpid(), syscall.SIGKILL)
	select {} // never returns
}

package daemon

import "sync/atomic"

// task is work on a goroutine of its own whose end the daemon's goroutine
// waits for. What the goroutine panics with (a bug, or a test's stand-in
// for a kill at a failpoint) is raised again by wait, on the goroutine
// that waits, so it ends the daemon as it would have in line.
type task struct {
	done     chan struct{}
	err      error
	panicked atomic.Pointer[any]
}

// goTask runs fn on a new goroutine.
func goTask(fn func() error) *task {
	t := &task{done: make(chan struct{})}
	go func() {
		defer close(t.done)
		defer func() {
			if r := recover(); r != nil {
				t.panicked.Store(&r)
			}
		}()
		t.err = fn()
	}()
	return t
}

// dead reports whether the goroutine panicked.
func (t *task) dead() bool { return t != nil && t.panicked.Load() != nil }

// wait waits for the end of the task and returns its error. A nil task is
// done.
func (t *task) wait() error {
	if t == nil {
		return nil
	}
	<-t.done
	if r := t.panicked.Load(); r != nil {
		panic(*r)
	}
	return t.err
}

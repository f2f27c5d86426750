package web

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"
)

// The sign-in slowdown: after freeFailures wrong passwords for a name,
// each try of that name waits before its password is checked, firstDelay
// doubling with each further failure up to maxSignInDelay. It is never a
// lockout: the right password always works once the wait is over. A
// name's failures are forgotten failureWindow after the last one, or when
// it signs in.
const (
	freeFailures   = 3
	firstDelay     = time.Second
	maxSignInDelay = 10 * time.Second
	failureWindow  = 15 * time.Minute
	// maxTrackedNames bounds the names remembered; past it the name
	// failed longest ago is forgotten.
	maxTrackedNames = 10000
	// maxNameKey is how much of a name tried keys its failures.
	maxNameKey = 128
)

// slowdown counts failed sign-ins per name tried, known or not (so it
// tells nobody which names exist), whatever address they came from
// (behind a proxy they all come from one).
type slowdown struct {
	mu   sync.Mutex
	seen map[string]failureCount
}

type failureCount struct {
	n    int
	last time.Time
}

func newSlowdown() *slowdown { return &slowdown{seen: map[string]failureCount{}} }

// delay is how long a try of name waits before its password is checked.
func (s *slowdown) delay(name string, now time.Time) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	fc := s.seen[nameKey(name)]
	if fc.n < freeFailures || !now.Before(fc.last.Add(failureWindow)) {
		return 0
	}
	d := firstDelay
	for i := freeFailures; i < fc.n && d < maxSignInDelay; i++ {
		d *= 2
	}
	return min(d, maxSignInDelay)
}

// fail records a wrong password for name.
func (s *slowdown) fail(name string, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := nameKey(name)
	fc, ok := s.seen[k]
	if !ok && len(s.seen) >= maxTrackedNames {
		s.makeRoom(now)
	}
	if !now.Before(fc.last.Add(failureWindow)) {
		fc.n = 0
	}
	s.seen[k] = failureCount{n: fc.n + 1, last: now}
}

// succeed forgets a name's failures.
func (s *slowdown) succeed(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.seen, nameKey(name))
}

// makeRoom drops the names whose window has passed, or else the one that
// failed longest ago.
func (s *slowdown) makeRoom(now time.Time) {
	oldest, at := "", now
	for k, fc := range s.seen {
		if !now.Before(fc.last.Add(failureWindow)) {
			delete(s.seen, k)
		} else if fc.last.Before(at) {
			oldest, at = k, fc.last
		}
	}
	if len(s.seen) >= maxTrackedNames {
		delete(s.seen, oldest)
	}
}

// nameKey is the part of a name tried that keys its failures.
func nameKey(name string) string { return name[:min(len(name), maxNameKey)] }

// pauseFor waits d, or until ctx ends.
func pauseFor(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// signInWait is how long a try waits for a free password check before it
// is told to come back.
const signInWait = 15 * time.Second

// errBusy says every password check stayed busy for signInWait.
var errBusy = errors.New("every password check is busy")

// checkGate bounds the bcrypt checks running at once, so a flood of
// sign-ins takes a bounded share of the CPU whatever names it tries.
type checkGate struct {
	slots   chan struct{}
	wait    time.Duration
	mu      sync.Mutex
	pending int
}

// defaultPasswordChecks is half the CPUs, at least one.
func defaultPasswordChecks() int { return max(1, runtime.GOMAXPROCS(0)/2) }

func newCheckGate(n int) *checkGate {
	if n <= 0 {
		n = defaultPasswordChecks()
	}
	return &checkGate{slots: make(chan struct{}, n), wait: signInWait}
}

// run runs check once a slot is free: errBusy when none frees within the
// gate's wait, ctx's error when the client goes first.
func (g *checkGate) run(ctx context.Context, check func()) error {
	g.count(1)
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
	case <-t.C:
		g.count(-1)
		return errBusy
	case <-ctx.Done():
		g.count(-1)
		return ctx.Err()
	}
	g.count(-1)
	defer func() { <-g.slots }()
	check()
	return nil
}

func (g *checkGate) count(d int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.pending += d
}

// waiting is how many tries wait for a slot.
func (g *checkGate) waiting() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.pending
}

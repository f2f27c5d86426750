package web

import (
	"sync"
	"time"
)

// Sign-in failures allowed per user name and client address in one window.
const (
	maxFailures   = 5
	failureWindow = 15 * time.Minute
)

// failures counts failed sign-ins per user name and client address; past
// maxFailures in a window, sign-in is refused for that pair until the
// window ends, whatever the password.
type failures struct {
	mu   sync.Mutex
	seen map[string]failureCount
}

type failureCount struct {
	n     int
	since time.Time
}

// blocked reports until when a pair may not try again (zero: it may).
func (f *failures) blocked(key string, now time.Time) time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	fc, ok := f.seen[key]
	if !ok || !now.Before(fc.since.Add(failureWindow)) || fc.n < maxFailures {
		return time.Time{}
	}
	return fc.since.Add(failureWindow)
}

// fail records a failed sign-in.
func (f *failures) fail(key string, now time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.prune(now)
	fc := f.seen[key]
	if fc.n == 0 || !now.Before(fc.since.Add(failureWindow)) {
		fc = failureCount{since: now}
	}
	fc.n++
	f.seen[key] = fc
}

// succeed forgets a pair's failures.
func (f *failures) succeed(key string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.seen, key)
}

// prune drops counts whose window has passed.
func (f *failures) prune(now time.Time) {
	for k, fc := range f.seen {
		if !now.Before(fc.since.Add(failureWindow)) {
			delete(f.seen, k)
		}
	}
}

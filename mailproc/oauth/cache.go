package oauth

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Timing of refreshes, for every source that fetches tokens itself.
const (
	// assumedLifetime is taken for a token given without one: it is
	// fetched again at least once an hour.
	assumedLifetime = time.Hour
	// maxMargin is how long before its expiry a token is replaced at
	// most; a short-lived one is replaced when a tenth of its life is left.
	maxMargin = 5 * time.Minute
	// firstRetry and maxRetry bound the wait after a failed fetch: 1 s
	// doubling to 5 minutes, so that a token endpoint that is down is not
	// asked at every login attempt.
	firstRetry = time.Second
	maxRetry   = 5 * time.Minute
)

// fetchFunc gets a new token and its lifetime (0: not given).
type fetchFunc func(ctx context.Context) (token string, life time.Duration, err error)

// cache keeps a fetched token and fetches a new one shortly before it
// expires: when 5 minutes or a tenth of its lifetime are left, whichever is
// less. When a fetch fails the kept token is used while it lasts, and the
// next fetch waits (1 s doubling to 5 minutes). One fetch runs at a time,
// so the IMAP and SMTP sides never fetch twice for one expiry.
type cache struct {
	fetch fetchFunc
	now   func() time.Time

	mu        sync.Mutex
	token     string    // "" when there is none
	refreshAt time.Time // when to fetch again
	expires   time.Time // when token stops working, as far as known
	retryAt   time.Time // no fetch before this, after a failure
	failures  int       // fetches failed in a row
	lastErr   error     // the last failure, given while waiting to retry
}

// newCache returns a cache over fetch that reads the time from now.
func newCache(fetch fetchFunc, now func() time.Time) *cache {
	return &cache{fetch: fetch, now: now}
}

// Token returns the kept token, or fetches one when there is none or the
// kept one is near its expiry.
func (c *cache) Token(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	switch {
	case c.token != "" && now.Before(c.refreshAt):
		return c.token, nil
	case now.Before(c.retryAt):
		return c.kept(now, fmt.Errorf("%w (next try in %s)", c.lastErr, c.retryAt.Sub(now).Round(time.Second)))
	}
	token, life, err := c.fetch(ctx)
	if err != nil {
		if ctx.Err() == nil {
			c.failed(now, err)
		}
		return c.kept(now, err)
	}
	if life <= 0 {
		life = assumedLifetime
	}
	c.token, c.failures, c.retryAt, c.lastErr = token, 0, time.Time{}, nil
	c.expires = now.Add(life)
	c.refreshAt = c.expires.Add(-min(maxMargin, life/10))
	return token, nil
}

// kept returns the kept token while it lasts, else err.
func (c *cache) kept(now time.Time, err error) (string, error) {
	if c.token != "" && now.Before(c.expires) {
		return c.token, nil
	}
	return "", err
}

// failed notes a failed fetch and when to try again.
func (c *cache) failed(now time.Time, err error) {
	wait := min(firstRetry<<min(c.failures, 16), maxRetry)
	c.failures++
	c.retryAt, c.lastErr = now.Add(wait), err
}

// Invalidate drops the kept token (the server refused it): the next Token
// fetches a new one at once.
func (c *cache) Invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.token, c.retryAt = "", time.Time{}
}

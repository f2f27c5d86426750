package oauth

import (
	"context"
	"sync"
	"time"
)

// Timing of Command's refreshes.
const (
	// DefaultCommandTimeout bounds one run of the command when
	// FromCommand is given no timeout.
	DefaultCommandTimeout = 30 * time.Second
	// assumedLifetime is taken for a token printed without one: the
	// command is run again at least once an hour.
	assumedLifetime = time.Hour
	// maxMargin is how long before its expiry a token is replaced at
	// most; a short-lived one is replaced when a tenth of its life is left.
	maxMargin = 5 * time.Minute
)

// Command is a token printed by a command, run with /bin/sh -c. Its output
// is the token on the first line and optionally the token's lifetime in
// seconds on a second, or a JSON token response with "access_token" and
// "expires_in". The token is kept and the command run again shortly before
// the token expires: when 5 minutes or a tenth of its lifetime are left,
// whichever is less; a token printed without a lifetime is taken to last an
// hour.
type Command struct {
	command string
	timeout time.Duration
	now     func() time.Time

	mu        sync.Mutex
	token     string    // "" when there is none
	refreshAt time.Time // when to run the command again
	expires   time.Time // when token stops working, as far as known
}

// FromCommand returns a source that runs command, each run bounded by
// timeout (DefaultCommandTimeout when 0).
func FromCommand(command string, timeout time.Duration) *Command {
	if timeout <= 0 {
		timeout = DefaultCommandTimeout
	}
	return &Command{command: command, timeout: timeout, now: time.Now}
}

// WithClock makes c read the time from now instead of the system clock,
// for tests. Call it before the first Token.
func (c *Command) WithClock(now func() time.Time) *Command {
	c.now = now
	return c
}

// Token returns the kept token, or runs the command when there is none or
// the kept one is near its expiry. When that run fails but the kept token
// has not expired yet, the kept one is returned; the command runs again at
// the next call.
func (c *Command) Token(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if c.token != "" && now.Before(c.refreshAt) {
		return c.token, nil
	}
	token, life, err := runTokenCommand(ctx, c.command, c.timeout)
	if err != nil {
		if c.token != "" && now.Before(c.expires) {
			return c.token, nil
		}
		return "", err
	}
	if life <= 0 {
		life = assumedLifetime
	}
	c.token = token
	c.expires = now.Add(life)
	c.refreshAt = c.expires.Add(-min(maxMargin, life/10))
	return token, nil
}

// Invalidate drops the kept token: the next Token runs the command.
func (c *Command) Invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.token = ""
}

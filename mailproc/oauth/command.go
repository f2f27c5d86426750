package oauth

import (
	"context"
	"time"
)

// DefaultCommandTimeout bounds one run of the command when FromCommand is
// given no timeout.
const DefaultCommandTimeout = 30 * time.Second

// Command is a token printed by a command, run with /bin/sh -c. Its output
// is the token on the first line and optionally the token's lifetime in
// seconds on a second, or a JSON token response with "access_token" and
// "expires_in". The token is kept and the command run again shortly before
// the token expires: when 5 minutes or a tenth of its lifetime are left,
// whichever is less; a token printed without a lifetime is taken to last an
// hour.
type Command struct {
	*cache
	command string
	timeout time.Duration
}

// FromCommand returns a source that runs command, each run bounded by
// timeout (DefaultCommandTimeout when 0).
func FromCommand(command string, timeout time.Duration) *Command {
	if timeout <= 0 {
		timeout = DefaultCommandTimeout
	}
	run := func(ctx context.Context) (string, time.Duration, error) {
		return runTokenCommand(ctx, command, timeout)
	}
	return &Command{cache: newCache(run, time.Now), command: command, timeout: timeout}
}

// WithClock makes c read the time from now instead of the system clock,
// for tests. Call it before the first Token.
func (c *Command) WithClock(now func() time.Time) *Command {
	c.now = now
	return c
}

package mailbox

import (
	"context"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
)

// idleRestart is the longest one IDLE command runs; servers may drop a
// client idle for 30 minutes (RFC 9051 § 5.4).
const idleRestart = 25 * time.Minute

// WaitForMail returns when the selected mailbox may have new mail (the
// server sent EXISTS), when d has passed, or with ctx's error when ctx ends.
//
// With IDLE it idles and returns moments after the server's EXISTS. It
// issues IDLE again at least every 25 minutes (RFC 2177 asks for less than
// 29) and, when Config.IdleRecheck is set, ends IDLE that often to send
// NOOP: some servers (Courier, Cyrus) announce new mail in IDLE only after
// their own polling, about a minute, but at once in answer to NOOP.
// Without IDLE it sleeps d, then sends NOOP so the server can report new
// mail. An EXISTS seen during an earlier
// command, or mail that may have come while another folder was selected,
// makes it return at once. It returns an error when the connection fails.
func (c *Client) WaitForMail(ctx context.Context, d time.Duration) error {
	if err := c.lock(ctx); err != nil {
		return fmt.Errorf("wait for mail: %w", err)
	}
	defer c.unlock()
	if err := c.guarded(ctx, c.ensureSelected); err != nil {
		return fmt.Errorf("wait for mail: %w", err)
	}
	var err error
	if c.caps.idle {
		err = c.idleFor(ctx, d)
	} else {
		err = c.pollAfter(ctx, d)
	}
	if err != nil {
		return fmt.Errorf("wait for mail: %w", err)
	}
	return nil
}

// idleFor idles until mail is announced, d has passed or ctx ends.
func (c *Client) idleFor(ctx context.Context, d time.Duration) error {
	deadline := time.Now().Add(d)
	for !c.takeMail() {
		if err := ctx.Err(); err != nil {
			return err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return nil
		}
		span := min(left, idleRestart)
		if r := c.cfg.IdleRecheck; r > 0 && r < span {
			span = r
		}
		mail, err := c.idleOnce(ctx, span)
		if err != nil || mail {
			return err
		}
		if span < left && c.cfg.IdleRecheck > 0 {
			if err := c.guarded(ctx, c.noop); err != nil {
				return err
			}
		}
	}
	return nil
}

// noop sends NOOP, which lets the server report new mail.
func (c *Client) noop() error {
	if err := c.imap.Noop().Wait(); err != nil {
		return fmt.Errorf("noop: %w", err)
	}
	return nil
}

// idleOnce runs one IDLE command for at most wait, and reports whether the
// server announced mail.
func (c *Client) idleOnce(ctx context.Context, wait time.Duration) (mail bool, err error) {
	var idle *imapclient.IdleCommand
	err = c.guarded(ctx, func() error {
		var err error
		idle, err = c.imap.Idle()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("idle: %w", err)
	}
	c.waiting()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-c.newMail:
		mail = true
	case <-timer.C:
	case <-ctx.Done():
	case <-c.imap.Closed():
		return false, ErrClosed
	}
	if err := c.endIdle(idle); err != nil {
		return false, err
	}
	return mail, ctx.Err()
}

// endIdle sends DONE and waits for the server's answer, closing the
// connection if that takes longer than logoutGrace.
func (c *Client) endIdle(idle *imapclient.IdleCommand) error {
	ctx, cancel := context.WithTimeout(context.Background(), min(c.cfg.Timeout, logoutGrace))
	defer cancel()
	stop := context.AfterFunc(ctx, c.abort)
	defer stop()
	if err := idle.Close(); err != nil {
		return fmt.Errorf("end idle: %w", err)
	}
	if err := idle.Wait(); err != nil {
		return fmt.Errorf("end idle: %w", err)
	}
	return nil
}

// pollAfter sleeps d, then sends NOOP.
func (c *Client) pollAfter(ctx context.Context, d time.Duration) error {
	if c.takeMail() {
		return nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	c.waiting()
	select {
	case <-timer.C:
	case <-c.newMail:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-c.imap.Closed():
		return ErrClosed
	}
	return c.guarded(ctx, c.noop)
}

// waiting calls the test hook onWait, if set.
func (c *Client) waiting() {
	if c.onWait != nil {
		c.onWait()
	}
}

package mailbox

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// startWaiting runs WaitForMail(ctx, d) in a goroutine and returns once
// the IDLE command runs or the poll sleep has begun.
func startWaiting(t *testing.T, ctx context.Context, c *Client, d time.Duration) <-chan error {
	t.Helper()
	waiting := make(chan struct{}, 1)
	c.onWait = func() {
		select {
		case waiting <- struct{}{}:
		default:
		}
	}
	c.takeMail() // Select may have left a token; this test wants a real wait
	done := make(chan error, 1)
	go func() { done <- c.WaitForMail(ctx, d) }()
	select {
	case <-waiting:
	case err := <-done:
		t.Fatalf("WaitForMail returned before waiting: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatalf("WaitForMail did not start waiting within 10s")
	}
	return done
}

// waitResult waits up to bound for WaitForMail to return.
func waitResult(t *testing.T, done <-chan error, bound time.Duration) (time.Duration, error) {
	t.Helper()
	start := time.Now()
	select {
	case err := <-done:
		return time.Since(start), err
	case <-time.After(bound):
		t.Fatalf("WaitForMail did not return within %v", bound)
		return 0, nil
	}
}

func TestWaitForMailWakesOnAppend(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		inbox := b.folder("in")
		u1 := b.seed(t, inbox, testMessage("w1@example.test", "first"), time.Now())
		c := b.dialSelected(t, inbox)
		if !c.CanIdle() {
			t.Fatalf("CanIdle() = false, want true")
		}
		other := b.dial(t)

		done := startWaiting(t, ctx, c, time.Minute)
		if err := other.Append(ctx, inbox, testMessage("w2@example.test", "second"), nil, time.Time{}); err != nil {
			t.Fatalf("Append from a second connection: %v", err)
		}
		took, err := waitResult(t, done, 30*time.Second)
		if err != nil {
			t.Fatalf("WaitForMail: %v", err)
		}
		if took > b.noticeBound {
			t.Errorf("WaitForMail returned %v after the APPEND, want under %v", took, b.noticeBound)
		}
		t.Logf("WaitForMail returned %v after the APPEND", took)
		got, err := c.FetchSince(ctx, u1, 0)
		if err != nil || len(got) != 1 {
			t.Errorf("FetchSince after waking = %v, %v, want the new message", summaryUIDs(got), err)
		}
	})
}

func TestWaitForMailPolls(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		inbox := b.folder("in")
		b.seed(t, inbox, testMessage("p1@example.test", "first"), time.Now())
		c := b.dialSelected(t, inbox)
		c.caps.idle = false // as on a server without IDLE
		other := b.dial(t)
		if err := other.Append(ctx, inbox, testMessage("p2@example.test", "second"), nil, time.Time{}); err != nil {
			t.Fatalf("Append from a second connection: %v", err)
		}

		const d = 50 * time.Millisecond
		done := startWaiting(t, ctx, c, d)
		took, err := waitResult(t, done, 10*time.Second)
		if err != nil {
			t.Fatalf("WaitForMail(%v) without IDLE: %v", d, err)
		}
		if took < d-5*time.Millisecond {
			t.Errorf("WaitForMail(%v) without IDLE returned after %v, want it to sleep", d, took)
		}
		// The NOOP after the sleep heard of the new mail, so this returns at once.
		again := make(chan error, 1)
		go func() { again <- c.WaitForMail(ctx, time.Hour) }()
		if _, err := waitResult(t, again, 5*time.Second); err != nil {
			t.Errorf("WaitForMail after a NOOP that saw EXISTS: %v", err)
		}
	})
}

func TestWaitForMailTimesOut(t *testing.T) {
	for _, idle := range []bool{true, false} {
		t.Run(fmt.Sprintf("idle=%t", idle), func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, b *backend) {
				ctx := testContext(t)
				inbox := b.folder("in")
				b.seed(t, inbox, testMessage("t1@example.test", "first"), time.Now())
				c := b.dialSelected(t, inbox)
				c.caps.idle = idle

				const d = 100 * time.Millisecond
				done := startWaiting(t, ctx, c, d)
				if _, err := waitResult(t, done, 10*time.Second); err != nil {
					t.Errorf("WaitForMail(%v), idle %t: %v", d, idle, err)
				}
			})
		})
	}
}

func TestWaitForMailCancel(t *testing.T) {
	for _, idle := range []bool{true, false} {
		t.Run(fmt.Sprintf("idle=%t", idle), func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, b *backend) {
				inbox := b.folder("in")
				u1 := b.seed(t, inbox, testMessage("c1@example.test", "first"), time.Now())
				c := b.dialSelected(t, inbox)
				c.caps.idle = idle

				ctx, cancel := context.WithCancel(testContext(t))
				done := startWaiting(t, ctx, c, time.Hour)
				cancel()
				took, err := waitResult(t, done, 5*time.Second)
				if !errors.Is(err, context.Canceled) {
					t.Errorf("WaitForMail after cancel (idle %t) = %v, want context.Canceled", idle, err)
				}
				if took > time.Second {
					t.Errorf("WaitForMail took %v to return after cancel (idle %t)", took, idle)
				}
				checkStillSelected(t, c, u1) // IDLE was ended politely
			})
		})
	}
}

func TestWaitForMailConnectionDies(t *testing.T) {
	b := newMemBackend(t)
	inbox := b.folder("in")
	b.seed(t, inbox, testMessage("d1@example.test", "first"), time.Now())
	c := b.dialSelected(t, inbox)

	done := startWaiting(t, testContext(t), c, time.Hour)
	b.mem.Close()
	if _, err := waitResult(t, done, 5*time.Second); err == nil {
		t.Errorf("WaitForMail when the server went away = nil, want an error")
	}
	select {
	case <-c.Done():
	case <-time.After(5 * time.Second):
		t.Errorf("Done() not closed after the server went away")
	}
	if _, err := c.FetchSince(testContext(t), 0, 0); !errors.Is(err, ErrClosed) {
		t.Errorf("FetchSince on a dead connection = %v, want ErrClosed", err)
	}
}

// TestWorkElsewhereWakesOnlyForNewMail: after a method selects another
// folder and then the caller's mailbox again, WaitForMail is woken if and
// only if mail came meanwhile (its EXISTS went unheard).
func TestWorkElsewhereWakesOnlyForNewMail(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		inbox, sent := b.folder("in"), b.folder("Sent")
		b.seed(t, inbox, testMessage("e1@example.test", "first"), time.Now())
		b.seed(t, sent, testMessage("reply@example.test", "reply"), time.Now())
		c := b.dialSelected(t, inbox)
		c.takeMail()

		if _, err := c.FolderHasMessageID(ctx, sent, "reply@example.test"); err != nil {
			t.Fatalf("FolderHasMessageID: %v", err)
		}
		if c.takeMail() {
			t.Errorf("WaitForMail woken after working in %s with no new mail", sent)
		}
		b.seed(t, inbox, testMessage("e2@example.test", "second"), time.Now())
		if _, err := c.FolderHasMessageID(ctx, sent, "reply@example.test"); err != nil {
			t.Fatalf("FolderHasMessageID: %v", err)
		}
		if !c.takeMail() {
			t.Errorf("WaitForMail not woken after mail came while %s was selected", sent)
		}
	})
}

// TestWaitForMailRechecksWhileIdling: with IdleRecheck set, a wait longer
// than it ends IDLE that often for a NOOP and idles again, and still
// returns when its time is up; without it, one IDLE covers the wait.
func TestWaitForMailRechecksWhileIdling(t *testing.T) {
	for _, tt := range []struct {
		recheck time.Duration
		idles   int // at least
	}{{40 * time.Millisecond, 4}, {0, 1}} {
		t.Run(fmt.Sprintf("recheck=%v", tt.recheck), func(t *testing.T) {
			b := newMemBackend(t)
			b.cfg.IdleRecheck = tt.recheck
			inbox := b.folder("in")
			b.seed(t, inbox, testMessage("r1@example.test", "first"), time.Now())
			c := b.dialSelected(t, inbox)
			idles := 0
			c.onWait = func() { idles++ }
			c.takeMail()
			if err := c.WaitForMail(testContext(t), 250*time.Millisecond); err != nil {
				t.Fatalf("WaitForMail: %v", err)
			}
			if idles < tt.idles || (tt.recheck == 0 && idles != 1) {
				t.Errorf("IDLE issued %d times in 250ms with recheck %v, want at least %d", idles, tt.recheck, tt.idles)
			}
		})
	}
}

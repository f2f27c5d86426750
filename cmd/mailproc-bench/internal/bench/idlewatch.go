package bench

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// idleWatch is a bare client idling in an INBOX of its own, which gets the
// same APPENDs as the daemon's: the time at which Dovecot told it of each
// new message, in the order they came. Nothing else touches that INBOX, so
// the n-th arrival is the n-th message appended. (In the daemon's INBOX a
// message the daemon moves before Dovecot's notice is due is never
// announced at all.)
type idleWatch struct {
	c    *imapclient.Client
	idle *imapclient.IdleCommand

	mu       sync.Mutex
	known    uint32 // messages in the INBOX as the server last told
	arrivals []time.Time
	changed  chan struct{} // closed and replaced at each arrival
}

// watchInbox selects the INBOX of acct and idles in it.
func watchInbox(ctx context.Context, acct mailbox.Config) (*idleWatch, error) {
	w := &idleWatch{changed: make(chan struct{})}
	h := &imapclient.UnilateralDataHandler{Mailbox: w.onMailbox}
	c, err := dialIMAP(ctx, acct, h)
	if err != nil {
		return nil, err
	}
	data, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("watch: examine INBOX: %w", err)
	}
	w.mu.Lock()
	w.known = data.NumMessages
	w.mu.Unlock()
	if w.idle, err = c.Idle(); err != nil {
		c.Close()
		return nil, fmt.Errorf("watch: idle: %w", err)
	}
	w.c = c
	return w, nil
}

// onMailbox counts the messages an EXISTS adds.
func (w *idleWatch) onMailbox(data *imapclient.UnilateralDataMailbox) {
	if data.NumMessages == nil {
		return
	}
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	for ; w.known < *data.NumMessages; w.known++ {
		w.arrivals = append(w.arrivals, now)
	}
	close(w.changed)
	w.changed = make(chan struct{})
}

// arrived is when each new message was announced, in order.
func (w *idleWatch) arrived() []time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Time(nil), w.arrivals...)
}

// waitArrivals waits until n messages were announced or ctx ends.
func (w *idleWatch) waitArrivals(ctx context.Context, n int) error {
	for {
		w.mu.Lock()
		got, changed := len(w.arrivals), w.changed
		w.mu.Unlock()
		if got >= n {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return fmt.Errorf("watch: %d of %d messages announced: %w", got, n, ctx.Err())
		}
	}
}

// close ends the IDLE and logs out.
func (w *idleWatch) close() {
	_ = w.idle.Close()
	_ = w.idle.Wait()
	_ = w.c.Logout().Wait()
	w.c.Close()
}

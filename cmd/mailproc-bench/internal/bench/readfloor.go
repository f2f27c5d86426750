package bench

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// FloorResult is what a baseline did and how long it took, from dialling
// to logging out.
type FloorResult struct {
	Seconds  float64
	Messages int   // messages fetched whole
	Bytes    int64 // bytes of them
	Replies  int   // replies sent (work floor)
	Moved    int   // messages moved (work floor)
	Phases   []Phase
}

// Phase is how long one step of a run took.
type Phase struct {
	Name    string
	Seconds float64
}

// phases times the steps of a run, one after another.
type phases struct {
	list []Phase
	last time.Time
}

func startPhases() *phases { return &phases{last: time.Now()} }

// done ends the step name.
func (p *phases) done(name string) {
	now := time.Now()
	p.list = append(p.list, Phase{Name: name, Seconds: now.Sub(p.last).Seconds()})
	p.last = now
}

// ReadFloor reads every message of the INBOX whole, with one
// UID FETCH 1:* BODY.PEEK[], and throws the bytes away: the least it takes
// to read the backlog. Nothing in the mailbox changes.
func ReadFloor(ctx context.Context, acct mailbox.Config) (FloorResult, error) {
	start := time.Now()
	c, err := dialIMAP(ctx, acct, nil)
	if err != nil {
		return FloorResult{}, err
	}
	defer c.Close()
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return FloorResult{}, fmt.Errorf("examine INBOX: %w", err)
	}
	all := imap.UIDSet{{Start: 1, Stop: 0}}
	r := FloorResult{}
	err = drainBodies(c.Fetch(all, wholeBody()), func(uid imap.UID, body io.Reader) error {
		n, err := io.Copy(io.Discard, body)
		r.Messages++
		r.Bytes += n
		return err
	})
	if err != nil {
		return FloorResult{}, fmt.Errorf("uid fetch 1:* body.peek[]: %w", err)
	}
	if err := c.Logout().Wait(); err != nil {
		return FloorResult{}, fmt.Errorf("logout: %w", err)
	}
	r.Seconds = time.Since(start).Seconds()
	return r, nil
}

// wholeBody is UID FETCH (UID BODY.PEEK[]).
func wholeBody() *imap.FetchOptions {
	return &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}}}
}

// drainBodies streams the one body section of each message of a FETCH to
// fn, with its UID (which Dovecot sends before the body).
func drainBodies(cmd *imapclient.FetchCommand, fn func(uid imap.UID, body io.Reader) error) error {
	defer cmd.Close()
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		var uid imap.UID
		for item := msg.Next(); item != nil; item = msg.Next() {
			switch it := item.(type) {
			case imapclient.FetchItemDataUID:
				uid = it.UID
			case imapclient.FetchItemDataBodySection:
				if it.Literal == nil {
					continue
				}
				if err := fn(uid, it.Literal); err != nil {
					return err
				}
			}
		}
	}
	return cmd.Close()
}

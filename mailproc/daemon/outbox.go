package daemon

import (
	"context"
	"errors"
	"fmt"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/store"
)

// inFlight is a reply marked sending, with what it takes to send it.
type inFlight struct {
	id  string // its case
	i   int    // its index in the case's replies
	raw []byte
	to  string
}

// outbox sends, one at a time and in order, the due planned replies of
// the cases that come on ids. Each reply's intent is recorded before it is
// sent and its outcome after, so a process that dies mid-send never sends
// it again; when the next case is queued already, the intent of its reply
// is recorded in the step that records the outcome of the one before
// (nothing happens between that step's sync and its send, so the window
// in which a kill leaves it unconfirmed is as before).
type outbox struct {
	d    *Daemon
	ctx  context.Context // once it ends, no further reply is begun
	ids  <-chan string   // nil once closed
	todo []string        // cases taken from ids that may have due replies
}

// sendFrom sends the due planned replies of the cases that come on ids
// until ids is closed, ctx ends, sending pauses, or the store fails. Its
// steps are made durable in the store's journal (stepCase); when it
// returns, they are committed, so that what reads the store after a batch
// (the filing, the console) sees every reply's outcome. A panic leaves
// them in the journal, for the next transaction or the next open.
func (d *Daemon) sendFrom(ctx context.Context, ids <-chan string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			panic(r)
		}
		if ferr := d.store.Flush(); err == nil {
			err = ferr
		}
	}()
	o := &outbox{d: d, ctx: ctx, ids: ids}
	var cur *inFlight
	for {
		if cur == nil {
			id, ok := o.head(true)
			if !ok {
				return nil
			}
			var err error
			if cur, err = d.recordIntent(id); err != nil {
				return err
			}
			if cur == nil {
				o.drop() // nothing (more) to send on this case
			}
			continue
		}
		serr := d.deliver(context.WithoutCancel(ctx), cur)
		var err error
		if cur, err = d.recordOutcome(cur, serr, o); err != nil {
			return err
		}
	}
}

// head returns the case whose replies go next, taking one from ids when
// none is held (waiting for it when wait is set). It returns false when
// there is none to be had (ids closed, or none ready and wait unset), when
// ctx has ended, or while sending is paused.
func (o *outbox) head(wait bool) (string, bool) {
	if len(o.todo) == 0 && o.ids != nil {
		var id string
		ok := true
		if wait {
			id, ok = <-o.ids
		} else {
			select {
			case id, ok = <-o.ids:
			default:
				return "", false
			}
		}
		if !ok {
			o.ids = nil
		} else {
			o.todo = append(o.todo, id)
		}
	}
	if len(o.todo) == 0 || o.ctx.Err() != nil || o.d.paused() {
		return "", false
	}
	return o.todo[0], true
}

// drop forgets the case at the head: it has no due reply left.
func (o *outbox) drop() { o.todo = o.todo[1:] }

// paused reports whether sending waits, after the SMTP server refused our
// configuration or could not be reached.
func (d *Daemon) paused() bool { return d.sendPausedUntil.After(d.now()) }

// recordIntent marks the next due reply of a case as being sent, in a
// step of its own (stepCase), and returns it, or nil when there is none.
func (d *Daemon) recordIntent(id string) (*inFlight, error) {
	var f *inFlight
	_, err := d.stepCase(id, func(tx *store.Tx, c *cases.Case) error {
		var err error
		f, err = d.markSending(tx, c)
		return err
	})
	if errors.Is(err, errSkip) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("record intent to send on %s: %w", id, err)
	}
	return f, nil
}

// markSending marks the first planned reply of c whose time has come as
// being sent and returns it; errSkip when there is none. Replies on a case
// that came by post are never sent: a letter is printed and posted by
// staff, and nothing of its case goes to SMTP or the sent folder; such
// replies fail, the case goes to staff, and nil is returned.
func (d *Daemon) markSending(tx *store.Tx, c *cases.Case) (*inFlight, error) {
	i := d.firstDue(c)
	if i < 0 {
		return nil, errSkip
	}
	if c.ByPost() {
		for ; i >= 0; i = d.firstDue(c) {
			d.replyFails(c, &c.Replies[i], cases.ReplyFailed, cases.ReasonDeliveryFailed, errLetterByEmail)
		}
		return nil, nil
	}
	r := &c.Replies[i]
	raw, err := d.replyBytes(tx, r.MessageID)
	if err != nil {
		return nil, err
	}
	if raw == nil {
		return nil, fmt.Errorf("reply %s: bytes missing from the store", r.MessageID)
	}
	r.State = cases.ReplySending
	r.Attempts++
	return &inFlight{id: c.ID, i: i, raw: raw, to: r.To}, nil
}

// firstDue is the index of the first planned reply of c whose time has
// come, or -1.
func (d *Daemon) firstDue(c *cases.Case) int {
	for i, r := range c.Replies {
		if r.State == cases.ReplyPlanned && !r.NextAttempt.After(d.now()) {
			return i
		}
	}
	return -1
}

// deliver hands a reply whose intent is recorded to the SMTP server.
func (d *Daemon) deliver(ctx context.Context, f *inFlight) error {
	d.failpoint("after-intent")
	sctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	err := d.opts.Sender.Send(sctx, d.cfg.ReplyAddress(), []string{f.to}, f.raw)
	d.failpoint("after-send")
	return err
}

// recordOutcome records how the send of f ended and, while sending goes
// on, the intent to send the next due reply among the cases o holds
// already (without waiting for more), in one transaction. It returns that
// reply marked sending, or nil.
func (d *Daemon) recordOutcome(f *inFlight, serr error, o *outbox) (*inFlight, error) {
	var nf *inFlight
	c, err := d.stepCase(f.id, func(tx *store.Tx, c *cases.Case) error {
		d.sendOutcome(c, f.i, serr)
		var err error
		nf, err = d.intendNext(tx, c, o)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("record send on %s: %w", f.id, err)
	}
	d.failpoint("after-record")
	if r := c.Replies[f.i]; r.State == cases.ReplySent {
		d.obs.Sent(Sent{CaseID: f.id, Template: r.Template, To: r.To, Raw: f.raw})
	}
	return nf, nil
}

// intendNext marks the next due reply among the cases o holds as being
// sent, within the step that records the outcome for case c, dropping
// the cases that have none left. It returns nil when there is no
// such reply without waiting, or sending has paused.
func (d *Daemon) intendNext(tx *store.Tx, c *cases.Case, o *outbox) (*inFlight, error) {
	for {
		id, ok := o.head(false)
		if !ok {
			return nil, nil
		}
		nf, err := d.intendAlso(tx, c, id)
		if nf != nil || err != nil {
			return nf, err
		}
		o.drop()
	}
}

// intendAlso marks the next due reply of case next as being sent within
// the step that records the outcome for case c (which the caller
// writes); next is written here when it is another case.
func (d *Daemon) intendAlso(tx *store.Tx, c *cases.Case, next string) (*inFlight, error) {
	nc, h := c, (*store.CaseHead)(nil)
	if next != c.ID {
		var err error
		if h, err = tx.CaseHead(next); err != nil {
			return nil, err
		}
		nc = h.Case
	}
	nf, err := d.markSending(tx, nc)
	if errors.Is(err, errSkip) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if h != nil {
		if err := tx.PutCaseHead(h); err != nil {
			return nil, err
		}
	}
	return nf, nil
}

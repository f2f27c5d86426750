package daemon

import (
	"context"
	"errors"
	"fmt"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/store"
)

// pending names a planned reply: its case and its index there.
type pending struct {
	id string
	i  int
}

// inFlight is a reply marked sending, with what it takes to send it.
type inFlight struct {
	pending
	raw []byte
	to  string
}

// outbox sends, one at a time and in order, the due planned replies of
// the cases that come on ids. Each reply's intent is recorded before it is
// sent and its outcome after, so a process that dies mid-send never sends
// it again; when the next reply is known already, its intent is recorded
// in the transaction that records the outcome of the one before (nothing
// happens between that commit and its send, so the window in which a kill
// leaves it unconfirmed is as before).
type outbox struct {
	d    *Daemon
	ctx  context.Context // once it ends, no further reply is begun
	ids  <-chan string   // nil once closed
	todo []pending       // due replies of the cases taken from ids
}

// sendPlanned sends the due planned replies of one case.
func (d *Daemon) sendPlanned(ctx context.Context, id string) error {
	ids := make(chan string, 1)
	ids <- id
	close(ids)
	return d.sendFrom(ctx, ids)
}

// sendFrom sends the due planned replies of the cases that come on ids
// until ids is closed, ctx ends, sending pauses, or the store fails.
func (d *Daemon) sendFrom(ctx context.Context, ids <-chan string) error {
	o := &outbox{d: d, ctx: ctx, ids: ids}
	var cur *inFlight
	for {
		if cur == nil {
			p, ok := o.next(true)
			if !ok {
				return nil
			}
			var err error
			if cur, err = d.recordIntent(p); err != nil {
				return err
			}
			continue
		}
		serr := d.deliver(context.WithoutCancel(ctx), cur)
		p, ok := o.next(false)
		var err error
		if cur, err = d.recordOutcome(cur, serr, p, ok); err != nil {
			return err
		}
	}
}

// next returns the next due reply, taking cases from ids as needed and
// waiting for one when wait is set. It returns false when there is none
// to be had (ids closed, or none ready and wait unset), when ctx has ended,
// or while sending is paused.
func (o *outbox) next(wait bool) (pending, bool) {
	for len(o.todo) == 0 {
		if o.ids == nil {
			return pending{}, false
		}
		var id string
		var ok bool
		if wait {
			id, ok = <-o.ids
		} else {
			select {
			case id, ok = <-o.ids:
			default:
				return pending{}, false
			}
		}
		if !ok {
			o.ids = nil
			return pending{}, false
		}
		o.todo = o.d.dueReplies(id)
	}
	if o.ctx.Err() != nil || o.d.paused() {
		return pending{}, false
	}
	p := o.todo[0]
	o.todo = o.todo[1:]
	return p, true
}

// dueReplies lists a case's planned replies whose time has come.
func (d *Daemon) dueReplies(id string) []pending {
	c, err := d.loadCase(id)
	if err != nil {
		d.log.Error("case cannot be read; its replies wait for the next cycle", "case", id, "err", err)
		return nil
	}
	var out []pending
	for i, r := range c.Replies {
		if r.State == cases.ReplyPlanned && !r.NextAttempt.After(d.now()) {
			out = append(out, pending{id, i})
		}
	}
	return out
}

// paused reports whether sending waits, after the SMTP server refused our
// configuration or could not be reached.
func (d *Daemon) paused() bool { return d.sendPausedUntil.After(d.now()) }

// recordIntent marks a reply as being sent, in a transaction of its own,
// and returns it, or nil when there is nothing to send.
func (d *Daemon) recordIntent(p pending) (*inFlight, error) {
	var f *inFlight
	_, err := d.updateCase(p.id, func(tx *store.Tx, c *cases.Case) error {
		var err error
		f, err = d.markSending(tx, c, p)
		return err
	})
	if errors.Is(err, errSkip) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("record intent to send on %s: %w", p.id, err)
	}
	return f, nil
}

// markSending marks reply p.i of c as being sent and returns it; errSkip
// when it is no longer planned. A reply on a case that came by post is
// never sent: a letter is printed and posted by staff, and nothing of its
// case goes to SMTP or the sent folder; such a reply fails, its case goes
// to staff, and nil is returned.
func (d *Daemon) markSending(tx *store.Tx, c *cases.Case, p pending) (*inFlight, error) {
	r := &c.Replies[p.i]
	switch {
	case r.State != cases.ReplyPlanned:
		return nil, errSkip
	case c.ByPost():
		d.replyFails(c, r, cases.ReplyFailed, cases.ReasonDeliveryFailed, errLetterByEmail)
		return nil, nil
	}
	raw := tx.Raw(r.MessageID)
	if raw == nil {
		return nil, fmt.Errorf("reply %s: bytes missing from the store", r.MessageID)
	}
	r.State = cases.ReplySending
	r.Attempts++
	return &inFlight{pending: p, raw: raw, to: r.To}, nil
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

// recordOutcome records how the send of f ended and, when next is set and
// sending goes on, the intent to send next, in one transaction. It returns
// next marked sending, or nil.
func (d *Daemon) recordOutcome(f *inFlight, serr error, next pending, ok bool) (*inFlight, error) {
	var nf *inFlight
	c, err := d.updateCase(f.id, func(tx *store.Tx, c *cases.Case) error {
		d.sendOutcome(c, f.i, serr)
		if r := c.Replies[f.i]; r.InSent {
			if err := tx.DeleteRaw(r.MessageID); err != nil { // no sent folder: nothing more to do with its bytes
				return err
			}
		}
		if !ok || d.paused() {
			return nil
		}
		var err error
		nf, err = d.intendAlso(tx, c, next)
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

// intendAlso marks the next reply as being sent within the transaction
// that records the outcome for case c (which the caller writes); the next
// reply's own case is written here when it is another.
func (d *Daemon) intendAlso(tx *store.Tx, c *cases.Case, next pending) (*inFlight, error) {
	if next.id == c.ID {
		return d.intendIn(tx, c, next)
	}
	nc, err := tx.Case(next.id)
	if err != nil {
		return nil, err
	}
	nf, err := d.intendIn(tx, nc, next)
	if err != nil {
		return nil, err
	}
	return nf, tx.PutCase(nc)
}

// intendIn is markSending with nothing to send counted as nil, not errSkip.
func (d *Daemon) intendIn(tx *store.Tx, c *cases.Case, next pending) (*inFlight, error) {
	nf, err := d.markSending(tx, c, next)
	if errors.Is(err, errSkip) {
		return nil, nil
	}
	return nf, err
}

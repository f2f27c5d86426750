package daemon

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/plan"
	"github.com/mailproc/mailproc/mailproc/smtpout"
	"github.com/mailproc/mailproc/mailproc/store"
)

// sendTimeout bounds one SMTP transaction.
const sendTimeout = 2 * time.Minute

// configPause is how long sending stops when the SMTP server refuses our
// configuration.
const configPause = 5 * time.Minute

// giveUpAfter is how long a reply is retried after temporary failures
// before the case goes to staff.
const giveUpAfter = 48 * time.Hour

// settleAll carries out the pending work of every case that has some, as
// a batch does: the planned replies that are due go out one at a time, in
// order; then the cases are filed batchSize at a time through fileCases,
// in UID sets. Once ctx ends no further reply is begun.
func (d *Daemon) settleAll(ctx context.Context, mb Mailbox) error {
	var ids []string
	if err := d.store.View(func(tx *store.Tx) error {
		ids = tx.PendingCases()
		return nil
	}); err != nil {
		return err
	}
	return d.settleCases(ctx, mb, ids)
}

// settleCases sends the due replies of the cases, then files them.
func (d *Daemon) settleCases(ctx context.Context, mb Mailbox, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	queue := make(chan string, len(ids))
	for _, id := range ids {
		queue <- id
	}
	close(queue)
	if err := d.sendFrom(ctx, queue); err != nil {
		return err
	}
	for chunk := range slices.Chunk(ids, batchSize) {
		if ctx.Err() != nil {
			return nil
		}
		if err := d.fileCases(context.WithoutCancel(ctx), mb, chunk); err != nil {
			return err
		}
	}
	return nil
}

// settle carries a case's pending work forward: within a batch its replies
// join the batch's send queue and its mail is filed with the batch;
// otherwise at once, through the same path.
func (d *Daemon) settle(ctx context.Context, mb Mailbox, id string) error {
	if d.deferToBatch(id) {
		return nil
	}
	return d.settleCases(ctx, mb, []string{id})
}

// updateCase changes a case in one transaction and returns it as written.
// It reads and writes the case's head only (store.CaseHead): the mail loop
// needs neither the texts of a case's messages nor its history, so an
// update decodes and writes neither again (the events it adds are
// appended, the messages it adds written with their texts).
func (d *Daemon) updateCase(id string, fn func(tx *store.Tx, c *cases.Case) error) (*cases.Case, error) {
	return changeCase(d.store.Update, id, fn)
}

// stepCase is updateCase for the outbox's steps (a reply's intent and
// outcome): the change is made durable in the store's journal, and
// committed with the next transaction (store.Step).
func (d *Daemon) stepCase(id string, fn func(tx *store.Tx, c *cases.Case) error) (*cases.Case, error) {
	return changeCase(d.store.Step, id, fn)
}

// changeCase changes the head of case id by fn in a transaction that run
// runs.
func changeCase(run func(func(*store.Tx) error) error, id string, fn func(tx *store.Tx, c *cases.Case) error) (*cases.Case, error) {
	var c *cases.Case
	err := run(func(tx *store.Tx) error {
		h, err := tx.CaseHead(id)
		if err != nil {
			return err
		}
		c = h.Case
		if err := fn(tx, c); err != nil {
			return err
		}
		return tx.PutCaseHead(h)
	})
	return c, err
}

var errSkip = errors.New("nothing to do")

var errLetterByEmail = errors.New("a reply on a case that came by post is never sent by email")

// sendOutcome records how a send ended.
func (d *Daemon) sendOutcome(c *cases.Case, i int, err error) {
	now := d.now()
	r := &c.Replies[i]
	var se *smtpout.Error
	switch {
	case err == nil:
		d.here.sent(r.MessageID)
		r.State, r.SentAt, r.Error = cases.ReplySent, now, ""
		r.InSent = d.sentFolder() == ""
		if r.Answer || plan.Outcome(r.Template) != "" {
			c.Answered = now
		}
		c.Log(now, cases.ActorDaemon, "reply sent", string(r.Template)+" <"+r.MessageID+">")
		d.metrics.Reply(r.Template, "sent")
		d.log.Info("reply sent", "case", c.ID, "template", r.Template)
	case errors.Is(err, smtpout.ErrConfig):
		// Our side is wrong (a refused password, no usable AUTH): no reply
		// could go out, so none is failed for it; sending pauses instead.
		r.State, r.Error = cases.ReplyPlanned, err.Error()
		r.NextAttempt = now.Add(configPause)
		d.sendPausedUntil = r.NextAttempt
		c.Log(now, cases.ActorDaemon, "send failed: SMTP configuration; will retry", err.Error())
		d.log.Error("SMTP refuses our configuration; sending paused", "until", r.NextAttempt, "err", err)
	case errors.As(err, &se) && se.Unknown:
		d.replyFails(c, r, cases.ReplyUnknown, cases.ReasonDeliveryUnknown, err)
	case errors.As(err, &se) && se.Permanent:
		d.replyFails(c, r, cases.ReplyFailed, cases.ReasonDeliveryFailed, err)
	case now.Sub(r.PlannedAt) > giveUpAfter:
		d.replyFails(c, r, cases.ReplyFailed, cases.ReasonDeliveryFailed, fmt.Errorf("still failing after %s: %w", giveUpAfter, err))
	default:
		r.State, r.Error = cases.ReplyPlanned, err.Error()
		r.NextAttempt = now.Add(retryDelay(r.Attempts))
		if unreachable(err) {
			// Every reply would fail alike (and, with a server that does
			// not answer, slowly): the others wait for this one's retry.
			d.sendPausedUntil = r.NextAttempt
		}
		c.Log(now, cases.ActorDaemon, "send failed; will retry", err.Error())
		d.metrics.Reply(r.Template, "retry")
		d.log.Warn("reply not sent; will retry", "case", c.ID, "template", r.Template, "retry_at", r.NextAttempt, "err", err)
	}
	if r.State != cases.ReplySent || r.InSent {
		d.composed.drop(r.MessageID) // not sent now, or no copy to file
	}
}

// unreachable reports whether a send failed before the SMTP server took
// part in a mail transaction: it could not be reached, or did not greet or
// negotiate, or no OAuth2 token could be had from a token endpoint that is
// down.
func unreachable(err error) bool {
	var se *smtpout.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Stage {
	case smtpout.StageConnect, smtpout.StageHello, smtpout.StageStartTLS, smtpout.StageToken:
		return true
	}
	return false
}

// replyFails settles a reply that will not be sent automatically, and
// hands its case to staff.
func (d *Daemon) replyFails(c *cases.Case, r *cases.Reply, state cases.ReplyState, reason cases.Reason, err error) {
	now := d.now()
	r.State, r.Error = state, err.Error()
	d.composed.drop(r.MessageID)
	d.metrics.Reply(r.Template, string(state))
	toReview(c, reason, d.cfg.Mailbox.ReviewFolder)
	c.Log(now, cases.ActorDaemon, "reply "+string(state), string(r.Template)+": "+err.Error())
	d.log.Warn("reply "+string(state)+"; case to review", "case", c.ID, "template", r.Template, "reason", reason, "err", err)
}

// toReview hands a case to staff for reason and sends its messages still in
// the inbox to the review folder.
func toReview(c *cases.Case, reason cases.Reason, folder string) {
	c.State = cases.Review
	if !slices.Contains(c.Reasons, reason) {
		c.Reasons = append(c.Reasons, reason)
	}
	for i := range c.Messages {
		if !c.Messages[i].Moved {
			c.Messages[i].Folder, c.Messages[i].Flag = folder, true
		}
	}
}

// nextWake is how long to wait for mail before working again: the poll
// interval, or less when a reply is due for another attempt. When the
// store cannot be read it is the poll interval, and the failure is logged.
func (d *Daemon) nextWake() time.Duration {
	wait := d.cfg.Mailbox.PollInterval.Duration
	now := d.now()
	err := d.store.View(func(tx *store.Tx) error {
		for _, id := range tx.PendingCases() {
			h, err := tx.CaseHead(id)
			if err != nil {
				continue
			}
			for _, r := range h.Case.Replies {
				if r.State == cases.ReplyPlanned {
					due := r.NextAttempt
					if d.sendPausedUntil.After(due) {
						due = d.sendPausedUntil
					}
					wait = min(wait, max(due.Sub(now), time.Second))
				}
			}
		}
		return nil
	})
	if err != nil {
		d.log.Warn("cannot read when replies are due; waiting the poll interval", "err", err)
		return d.cfg.Mailbox.PollInterval.Duration
	}
	return wait
}

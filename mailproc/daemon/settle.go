package daemon

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/mailbox"
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

// settleAll carries out the pending work of every case that has some.
func (d *Daemon) settleAll(ctx context.Context, mb Mailbox) error {
	var ids []string
	if err := d.store.View(func(tx *store.Tx) error {
		ids = tx.PendingCases()
		return nil
	}); err != nil {
		return err
	}
	for _, id := range ids {
		if ctx.Err() != nil {
			return nil
		}
		if err := d.settle(context.WithoutCancel(ctx), mb, id); err != nil {
			return err
		}
	}
	return nil
}

// settle carries a case's pending work forward: send its planned replies,
// copy sent ones to the sent folder, and, once no reply is unsettled, move
// its messages out of the inbox.
func (d *Daemon) settle(ctx context.Context, mb Mailbox, id string) error {
	if d.deferToBatch(id) {
		return nil // sent by the batch's queue, then copied and moved with the rest of the batch
	}
	if err := d.sendPlanned(ctx, id); err != nil {
		return err
	}
	c, err := d.loadCase(id)
	if err != nil {
		return err
	}
	for i, r := range c.Replies {
		if r.State == cases.ReplySent && !r.InSent {
			if err := d.copyToSent(ctx, mb, id, i); err != nil {
				// The reply went out; its copy is retried on later cycles
				// and does not hold the request in the inbox.
				d.log.Warn("reply sent but not yet copied to the sent folder", "case", id, "err", err)
			}
		}
	}
	return d.moveMessages(ctx, mb, id)
}

// updateCase changes a case in one transaction and returns it as written.
func (d *Daemon) updateCase(id string, fn func(tx *store.Tx, c *cases.Case) error) (*cases.Case, error) {
	var c *cases.Case
	err := d.store.Update(func(tx *store.Tx) error {
		var err error
		if c, err = tx.Case(id); err != nil {
			return err
		}
		if err := fn(tx, c); err != nil {
			return err
		}
		return tx.PutCase(c)
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
		r.InSent = d.cfg.Mailbox.SentFolder == ""
		if r.Answer || outcome(r.Template) != "" {
			c.Answered = now
		}
		c.Log(now, cases.ActorDaemon, "reply sent", r.Template+" <"+r.MessageID+">")
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
}

// unreachable reports whether a send failed before the SMTP server took
// part in a mail transaction: it could not be reached, or did not greet or
// negotiate.
func unreachable(err error) bool {
	var se *smtpout.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Stage {
	case smtpout.StageConnect, smtpout.StageHello, smtpout.StageStartTLS:
		return true
	}
	return false
}

// replyFails settles a reply that will not be sent automatically, and
// hands its case to staff.
func (d *Daemon) replyFails(c *cases.Case, r *cases.Reply, state cases.ReplyState, reason string, err error) {
	now := d.now()
	r.State, r.Error = state, err.Error()
	d.metrics.Reply(r.Template, string(state))
	toReview(c, reason, d.cfg.Mailbox.ReviewFolder)
	c.Log(now, cases.ActorDaemon, "reply "+string(state), r.Template+": "+err.Error())
	d.log.Warn("reply "+string(state)+"; case to review", "case", c.ID, "template", r.Template, "reason", reason, "err", err)
}

// toReview hands a case to staff for reason and sends its messages still in
// the inbox to the review folder.
func toReview(c *cases.Case, reason, folder string) {
	c.State = cases.Review
	if !contains(c.Reasons, reason) {
		c.Reasons = append(c.Reasons, reason)
	}
	for i := range c.Messages {
		if !c.Messages[i].Moved {
			c.Messages[i].Folder, c.Messages[i].Flag = folder, true
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// copyToSent appends a sent reply to the sent folder, unless a copy is
// there already (the process may have died after appending).
func (d *Daemon) copyToSent(ctx context.Context, mb Mailbox, id string, i int) error {
	folder := d.cfg.Mailbox.SentFolder
	var raw []byte
	var r cases.Reply
	if err := d.store.View(func(tx *store.Tx) error {
		c, err := tx.Case(id)
		if err != nil {
			return err
		}
		r = c.Replies[i]
		raw = tx.Raw(r.MessageID)
		return nil
	}); err != nil {
		return err
	}
	there := false
	if !d.here.firstAppend(r.MessageID) {
		// Sent or appended by an earlier process, or tried before: a copy
		// may be there already.
		var err error
		if there, err = mb.FolderHasMessageID(ctx, folder, r.MessageID); err != nil {
			return fmt.Errorf("look for %s in %s: %w", r.MessageID, folder, err)
		}
	}
	if !there && raw != nil {
		if err := mb.Append(ctx, folder, raw, []string{`\Seen`}, r.SentAt); err != nil {
			return fmt.Errorf("append reply %s to %s: %w", r.MessageID, folder, err)
		}
	}
	_, err := d.updateCase(id, func(tx *store.Tx, c *cases.Case) error {
		c.Replies[i].InSent = true
		// The sent folder holds the copy now: the bytes need not stay.
		return tx.DeleteRaw(c.Replies[i].MessageID)
	})
	d.here.forgetReply(r.MessageID)
	return err
}

// moveMessages moves a case's messages out of the inbox once none of its
// replies is unsettled.
func (d *Daemon) moveMessages(ctx context.Context, mb Mailbox, id string) error {
	c, err := d.loadCase(id)
	if err != nil {
		return err
	}
	if unsettled(c) {
		return nil // the message stays put until its reply is settled
	}
	for i, m := range c.Messages {
		if m.Moved {
			continue
		}
		if err := d.moveMessage(ctx, mb, m); errors.Is(err, errSkip) {
			continue
		} else if err != nil {
			return err
		}
		if _, err := d.updateCase(id, func(_ *store.Tx, c *cases.Case) error {
			cm := &c.Messages[i]
			cm.At = m.Folder
			// Staff may have re-filed it meanwhile: then it moves again.
			cm.Moved = cm.Folder == m.Folder && cm.Flag == m.Flag
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// moveMessage moves one message where its case says: from the inbox by
// UID, or, when staff re-filed it, from the folder it is in by Message-ID.
func (d *Daemon) moveMessage(ctx context.Context, mb Mailbox, m cases.Message) error {
	d.failpoint("before-move")
	if m.At != "" && m.At != d.cfg.Mailbox.Inbox {
		if m.MessageID == "" {
			return errSkip // cannot be found again outside the inbox
		}
		if err := mb.MoveByMessageID(ctx, m.At, m.Folder, m.MessageID, m.Flag); err != nil && !errors.Is(err, mailbox.ErrNotFound) {
			return fmt.Errorf("move %s from %s to %s: %w", m.MessageID, m.At, m.Folder, err)
		}
		return nil
	}
	if m.UIDValidity != d.validity {
		return errSkip // renumbered: the rescan finds it again
	}
	// A message decided in an earlier process may be gone from the inbox
	// already (moved before a crash, or by a person): it is where it should
	// be, or out of our hands. Some servers answer a MOVE of nothing badly,
	// so it is looked for first. One this process just decided is there.
	if !d.here.firstMove(m.Key) {
		if left, err := mb.FetchUIDs(ctx, []uint32{m.UID}); err != nil {
			return fmt.Errorf("look for uid %d: %w", m.UID, err)
		} else if len(left) == 0 {
			d.log.Info("message already gone from the inbox", "uid", m.UID)
			return nil
		}
	}
	if err := mb.Move(ctx, []uint32{m.UID}, m.Folder, m.Flag); err != nil {
		return fmt.Errorf("move uid %d to %s: %w", m.UID, m.Folder, err)
	}
	return nil
}

// nextWake is how long to wait for mail before working again: the poll
// interval, or less when a reply is due for another attempt.
func (d *Daemon) nextWake() time.Duration {
	wait := d.cfg.Mailbox.PollInterval.Duration
	now := d.now()
	d.store.View(func(tx *store.Tx) error {
		for _, id := range tx.PendingCases() {
			c, err := tx.Case(id)
			if err != nil {
				continue
			}
			for _, r := range c.Replies {
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
	return wait
}

package daemon

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/privacy"
	"github.com/mailproc/mailproc/mailproc/store"
)

// dueFor is the due date of a case of a kind received at a moment, in the
// company's zone (SPEC §7, §10), as the kind's row says: california 30
// days, coppa the configured target, a privacy request by its law;
// machine mail has none (the zero time).
func (d *Daemon) dueFor(kind cases.Kind, law string, received time.Time) time.Time {
	return cases.KindOf(kind).DueDate(received, law, d.cfg.AnswerDays(kind), d.cfg.Location())
}

// acknowledge plans privacy-received on a new privacy request when [privacy]
// acknowledge is on: once per case, only for a request nothing else is
// wrong with (no failed DMARC, no address of ours), within the rate limits.
// The case stays with staff either way; nothing is disclosed or deleted.
func (d *Daemon) acknowledge(tx *store.Tx, c *cases.Case, dec decide.Decision, in decisionInput) decide.Decision {
	if !d.cfg.Privacy.Acknowledge || dec.Kind != cases.Privacy || len(c.Messages) != 1 ||
		!slices.Equal(dec.Reasons, []string{cases.ReasonPrivacyRequest}) || c.Reply(decide.PrivacyReceived) != nil {
		return dec
	}
	ack := decide.Decision{Kind: cases.Privacy, Action: decide.Reply, Template: decide.PrivacyReceived}
	ans := d.withHistory(tx, c, ack)
	if ans.Action != decide.Reply {
		c.Log(d.now(), cases.ActorDaemon, "acknowledgement withheld", ans.Detail)
		return addReasons(dec, ans.Reasons...)
	}
	if err := d.planReply(tx, c, ans, targetOf(in.msg), cases.ActorDaemon, ""); err != nil {
		d.log.Error("acknowledgement cannot be made; staff acknowledge the request", "case", c.ID, "err", err)
		c.Log(d.now(), cases.ActorDaemon, "acknowledgement failed", err.Error())
		return addReasons(dec, cases.ReasonTemplateFailed)
	}
	return dec
}

// addReasons adds review reasons a decision does not have yet.
func addReasons(dec decide.Decision, reasons ...string) decide.Decision {
	for _, r := range reasons {
		if !slices.Contains(dec.Reasons, r) {
			dec.Reasons = append(slices.Clone(dec.Reasons), r)
		}
	}
	slices.Sort(dec.Reasons)
	return dec
}

// Close closes a privacy case as staff decided (SPEC §10): complied or
// partly complied (answered now), denied with a reason (answered now), or
// not a request after all (kind other, dismissed). Its mail goes to the
// processed folder.
func (d *Daemon) Close(id string, cl control.Closing) (*cases.Case, error) {
	return d.staffAct(id, "close", cl.Act, func(_ *store.Tx, c *cases.Case) error {
		if c.Kind != cases.Privacy {
			return refuse(id, "close", "a %s case; close is for privacy requests (approve, dismiss or mark the others done)", c.Kind)
		}
		if !c.State.Open() {
			return refuse(id, "close", "the case is %s; reopen it first", c.State)
		}
		reason := strings.TrimSpace(cl.Reason)
		now := d.now()
		switch cl.Outcome {
		case cases.OutcomeComplied, cases.OutcomePartlyComplied:
			c.State, c.Outcome, c.Answered = cases.Done, cl.Outcome, now
		case cases.OutcomeDenied:
			if reason == "" {
				return fmt.Errorf("close %s: %w: a denial needs a reason", id, control.ErrInvalid)
			}
			c.State, c.Outcome, c.Answered = cases.Done, cases.JoinOutcome(cases.OutcomeDenied, reason), now
		case cases.OutcomeNotRequest:
			c.Kind, c.State, c.Outcome = cases.Other, cases.Dismissed, cases.JoinOutcome(cases.OutcomeDismissed, "not a request")
		default:
			return fmt.Errorf("close %s: %w: outcome %q is not one of %s", id, control.ErrInvalid, cl.Outcome, strings.Join(cases.Closings, ", "))
		}
		c.Reasons = nil
		d.fileMail(c, d.cfg.Mailbox.ProcessedFolder, false)
		c.Log(now, cl.Actor, "closed", strings.TrimSpace(cl.Outcome+" "+reason+" "+cl.Note))
		return nil
	})
}

// rereadPrivacy reads what a case's first message asks again, for a case
// staff reclassify as a privacy request; a message the detector does not
// take for a request leaves the law unknown and the rights unclear.
func rereadPrivacy(c *cases.Case) {
	c.Law, c.Rights = cases.LawUnknown, nil
	if len(c.Messages) == 0 {
		return
	}
	m := c.Messages[0]
	if f := privacy.Detect(m.Subject, parse.StripQuotes(m.Text)); f.Request {
		c.Law, c.Rights = string(f.Law), f.Rights
	}
}

// about names a privacy case in plain words with its due date, from its
// row: "GDPR access request, due 4 April"; "" for the other kinds.
func about(r cases.Row, loc *time.Location) string {
	if r.Kind != cases.Privacy {
		return ""
	}
	return cases.PrivacyDueWords(r.Law, r.Rights, r.Due, loc)
}

package staff

import (
	"fmt"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/privacy"
	"github.com/mailproc/mailproc/mailproc/store"
)

// Close closes a privacy case as staff decided (SPEC §10): complied or
// partly complied (answered now), denied with a reason (answered now), or
// not a request after all (kind other, dismissed). Its mail goes to the
// processed folder.
func (d *Desk) Close(id string, cl control.Closing) (*cases.Case, error) {
	return d.Act(id, "close", cl.Act, func(_ *store.Tx, c *cases.Case) error {
		if c.Kind != cases.Privacy {
			return control.Refuse(id, "close", "a %s case; close is for privacy requests (approve, dismiss or mark the others done)", c.Kind)
		}
		if !c.State.Open() {
			return control.Refuse(id, "close", "the case is %s; reopen it first", c.State)
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
			return fmt.Errorf("close %s: %w: outcome %q is not one of %s", id, control.ErrInvalid, cl.Outcome, cases.Join(cases.Closings, ", "))
		}
		c.Reasons = nil
		d.fileMail(c, d.cfg.Mailbox.ProcessedFolder, false)
		c.Log(now, cl.Actor, "closed", strings.TrimSpace(string(cl.Outcome)+" "+reason+" "+cl.Note))
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

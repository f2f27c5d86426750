package staff

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/plan"
	"github.com/mailproc/mailproc/mailproc/store"
)

// The desk is the control.Service staff tools use.
var _ control.Service = (*Desk)(nil)

// Act changes a case on behalf of staff in one transaction, then wakes
// the daemon so replies go out and mail is filed at once.
func (d *Desk) Act(id, action string, act control.Act, fn func(tx *store.Tx, c *cases.Case) error) (*cases.Case, error) {
	if err := checkActor(act.Actor); err != nil {
		return nil, fmt.Errorf("%s %s: %w", action, id, err)
	}
	c, err := d.updateCase(id, fn)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("%s %s: %w", action, id, control.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	d.log.Info("staff action", "case", id, "action", action, "actor", act.Actor)
	d.opts.Wake()
	return c, nil
}

// checkActor refuses an action by nobody, or by the daemon's own name:
// staff's replies are not the daemon's (they do not count against the
// limits on automatic replies).
func checkActor(actor string) error {
	switch strings.TrimSpace(actor) {
	case "":
		return fmt.Errorf("%w: who acts must be named", control.ErrInvalid)
	case cases.ActorDaemon:
		return fmt.Errorf("%w: %q is the daemon's own name in the history", control.ErrInvalid, cases.ActorDaemon)
	}
	return nil
}

// Get returns one case.
func (d *Desk) Get(id string) (*cases.Case, error) {
	c, err := d.loadCase(id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("case %s: %w", id, control.ErrNotFound)
	}
	return c, err
}

// Approve sends a reply chosen by staff and files the case's mail as
// processed. The answer's row (cases.Answers) says what the case then
// records and where it stands; a reply staff write records the outcome
// they give it.
func (d *Desk) Approve(id string, a control.Approval) (*cases.Case, error) {
	return d.Act(id, "approve", a.Act, func(tx *store.Tx, c *cases.Case) error {
		ans, err := checkApproval(c, a.Template)
		if err != nil {
			return err
		}
		outcome, err := staffOutcome(c, ans, a.Outcome, a.Reason)
		if err != nil {
			return err
		}
		if c.Kind == cases.California {
			f, err := replyFields(c, a.Fields, a.Template)
			if err != nil {
				return fmt.Errorf("approve %s: %w", c.ID, err)
			}
			d.correctFields(c, f, a.Actor)
		}
		dec, err := d.staffAnswer(tx, c, a.Template)
		if err != nil {
			return err
		}
		if err := d.plan.Answer(tx, c, dec, a.Actor, a.Message); err != nil {
			return planRefused("approve", c.ID, err)
		}
		c.State, c.Reasons = stateAfterAnswer(c, ans, outcome), nil
		if outcome != "" {
			c.Outcome = outcome
			c.Replies[len(c.Replies)-1].Answer = true
		}
		d.fileMail(c, d.cfg.Mailbox.ProcessedFolder, false)
		c.Log(d.now(), a.Actor, "approved", actDetail(a.Template, a.Act)+"; reported as "+cases.ReportedAs(c.Kind, outcome))
		return nil
	})
}

// checkApproval finds the answer's row and checks that it fits the case.
func checkApproval(c *cases.Case, template cases.Template) (cases.Answer, error) {
	if !c.State.Open() {
		return cases.Answer{}, control.Refuse(c.ID, "approve", "the case is %s; reopen it first", c.State)
	}
	if r := c.LetterToPost(); r != nil {
		return cases.Answer{}, control.Refuse(c.ID, "approve", "the letter %s is still to post: post it and mark it posted first", r.Template)
	}
	ans, ok := cases.AnswerOf(template)
	if cases.KindOf(c.Kind).StaffClose && !ans.FreeText {
		return ans, control.Refuse(c.ID, "approve", "%s is answered by staff in the company's systems and closed as %s; the only reply to send on it is one you write (%s)",
			cases.ACase(c.Kind), cases.Join(cases.Closings, ", "), cases.TemplateStaffReply)
	}
	if !ok || !ans.Fits(c.Kind) {
		var fit []cases.Template
		for _, a := range cases.Answers() {
			if a.Fits(c.Kind) {
				fit = append(fit, a.Template)
			}
		}
		if len(fit) == 0 {
			return ans, control.Refuse(c.ID, "approve", "%s has no answer; reclassify it first", cases.ACase(c.Kind))
		}
		return ans, fmt.Errorf("approve %s: %w: template %q does not answer %s (one of %s)", c.ID, control.ErrInvalid, template,
			cases.ACase(c.Kind), cases.Join(fit, ", "))
	}
	return ans, nil
}

// staffOutcome is what sending an answer records: the answer's own, or for
// a reply staff write the outcome they chose (none, or one of
// cases.OutcomeChoices, with a reason where it needs one). A case of a
// kind staff close (privacy) records its outcome when it is closed, never
// with a reply.
func staffOutcome(c *cases.Case, ans cases.Answer, chosen cases.Outcome, reason string) (cases.Outcome, error) {
	id := c.ID
	if chosen != "" && cases.KindOf(c.Kind).StaffClose {
		return "", fmt.Errorf("approve %s: %w: %s records its outcome when it is closed (%s), not with a reply",
			id, control.ErrInvalid, cases.ACase(c.Kind), cases.Join(cases.Closings, ", "))
	}
	if !ans.FreeText {
		if chosen != "" {
			return "", fmt.Errorf("approve %s: %w: %s records its own outcome; an outcome is chosen only for a reply you write", id, control.ErrInvalid, ans.Template)
		}
		return ans.Outcome, nil
	}
	if chosen == "" {
		return "", nil
	}
	info, ok := cases.OutcomeInfoOf(chosen)
	if !ok || !info.Choice {
		var codes []cases.Outcome
		for _, o := range cases.OutcomeChoices() {
			codes = append(codes, o.Code)
		}
		return "", fmt.Errorf("approve %s: %w: outcome %q is not one of %s", id, control.ErrInvalid, chosen, cases.Join(codes, ", "))
	}
	if info.NeedsReason && strings.TrimSpace(reason) == "" {
		return "", fmt.Errorf("approve %s: %w: %s needs its reason", id, control.ErrInvalid, info.Words)
	}
	if !info.NeedsReason {
		reason = ""
	}
	return cases.JoinOutcome(chosen, reason), nil
}

// stateAfterAnswer is where a case stands once staff planned an answer: a
// letter waits for staff to post it; a reply staff write that settles the
// request leaves it answered; else as the answer's row says.
func stateAfterAnswer(c *cases.Case, ans cases.Answer, outcome cases.Outcome) cases.State {
	switch {
	case c.ByPost():
		return cases.AwaitingStaff
	case ans.FreeText && outcome != "":
		return cases.Answered
	}
	return ans.State
}

// staffAnswer is what a staff-chosen template needs from the history.
func (d *Desk) staffAnswer(tx *store.Tx, c *cases.Case, tmpl cases.Template) (decide.Answer, error) {
	ans := decide.Answer{Decision: decide.Decision{Kind: c.Kind, Action: decide.Reply, Template: tmpl, Fields: c.Fields}}
	switch tmpl {
	case decide.CaliforniaDisclosure:
		if _, ok := d.plan.Disclosure(c.Year - 1); !ok {
			return ans, control.Refuse(c.ID, "approve", "no disclosure data for %d is configured", c.Year-1)
		}
		return ans, tx.RecordAnswer(c.Year, c.Email, c.Fields, c.ID, d.now())
	case decide.CaliforniaRepeat:
		at, earlier, ok := tx.EarlierAnswer(c.Year, c.Email, c.Fields)
		if !ok || earlier == c.ID {
			return ans, control.Refuse(c.ID, "approve", "no earlier answer this calendar year to name")
		}
		ans.EarlierAnswer, ans.EarlierCase = at, earlier
	}
	return ans, nil
}

// fileMail sends a case's mail to a folder: messages still in the inbox go
// there on the next cycle; ones already filed are moved over.
func (d *Desk) fileMail(c *cases.Case, folder string, flag bool) {
	for i := range c.Messages {
		m := &c.Messages[i]
		if m.Folder == folder && m.Flag == flag {
			continue
		}
		if m.Moved {
			m.At, m.Moved = m.Folder, false
		}
		m.Folder, m.Flag = folder, flag
	}
}

// withdrawLetter takes back a letter not yet posted when its case is
// closed without an answer: it is never to be posted.
func withdrawLetter(c *cases.Case) {
	if r := c.LetterToPost(); r != nil {
		r.State, r.Error = cases.ReplyFailed, "withdrawn: the case was dismissed before the letter was posted"
	}
}

// Dismiss closes a case without an answer.
func (d *Desk) Dismiss(id string, act control.Act) (*cases.Case, error) {
	return d.Act(id, "dismiss", act, func(_ *store.Tx, c *cases.Case) error {
		if strings.TrimSpace(act.Reason) == "" {
			return fmt.Errorf("dismiss %s: %w: a reason is required", id, control.ErrInvalid)
		}
		if !c.State.Open() {
			return control.Refuse(id, "dismiss", "the case is %s", c.State)
		}
		c.State, c.Reasons, c.Outcome = cases.Dismissed, nil, cases.JoinOutcome(cases.OutcomeDismissed, act.Reason)
		d.fileMail(c, d.cfg.Mailbox.ProcessedFolder, false)
		withdrawLetter(c)
		c.Log(d.now(), act.Actor, "dismissed", act.Reason+"; reported as "+cases.ReportedAs(c.Kind, c.Outcome))
		return nil
	})
}

// Done marks a coppa case done and plans coppa-completed; the note, when
// given, tells the parent what was done.
func (d *Desk) Done(id string, act control.Act) (*cases.Case, error) {
	return d.Act(id, "done", act, func(tx *store.Tx, c *cases.Case) error {
		if c.Kind != cases.Coppa {
			return control.Refuse(id, "done", "a %s case, not coppa", c.Kind)
		}
		if c.State != cases.AwaitingStaff && c.State != cases.Review {
			return control.Refuse(id, "done", "the case is %s", c.State)
		}
		if c.Reply(decide.CoppaCompleted) != nil {
			return control.Refuse(id, "done", "the completion notice was already sent")
		}
		ans := decide.Answer{Decision: decide.Decision{Kind: cases.Coppa, Action: decide.Reply, Template: decide.CoppaCompleted}}
		if err := d.plan.Answer(tx, c, ans, act.Actor, act.Message); err != nil {
			return planRefused("done", id, err)
		}
		c.State, c.Outcome, c.Reasons = plan.StateAfterPlan(c, decide.CoppaCompleted), cases.OutcomeCompleted, nil
		d.fileMail(c, d.cfg.Mailbox.ProcessedFolder, false)
		c.Log(d.now(), act.Actor, "marked done", actDetail("", act))
		return nil
	})
}

// Complete is Done for callers that have no control.Act at hand.
func (d *Desk) Complete(id, actor, note string) error {
	_, err := d.Done(id, control.Act{Actor: actor, Note: note})
	return err
}

// planRefused is why staff's reply could not be planned: their mistake
// (invalid) or the case's (refused) as it is, anything else as refused.
func planRefused(action, id string, err error) error {
	if errors.Is(err, control.ErrInvalid) || errors.Is(err, control.ErrRefused) {
		return fmt.Errorf("%s %s: %w", action, id, err)
	}
	return fmt.Errorf("%s %s: %w: %v", action, id, control.ErrRefused, err)
}

// actDetail is what the history says of an action that sends a reply:
// the template, whether it carried a message for the requester (the
// message itself is in the reply), and the note for the history.
func actDetail(template cases.Template, act control.Act) string {
	parts := []string{}
	if template != "" {
		parts = append(parts, string(template))
	}
	if act.Message != "" {
		parts = append(parts, "with a message for the requester")
	}
	if act.Note != "" {
		parts = append(parts, "note: "+act.Note)
	}
	return strings.Join(parts, "; ")
}

// Reopen puts a closed case back with staff; its mail goes back to the
// review folder, flagged.
func (d *Desk) Reopen(id string, act control.Act) (*cases.Case, error) {
	return d.Act(id, "reopen", act, func(_ *store.Tx, c *cases.Case) error {
		if strings.TrimSpace(act.Reason) == "" {
			return fmt.Errorf("reopen %s: %w: a reason is required", id, control.ErrInvalid)
		}
		if c.State.Open() {
			return control.Refuse(id, "reopen", "the case is still %s", c.State)
		}
		c.State, c.Reasons = cases.Review, []cases.Reason{cases.ReasonReopened}
		d.fileMail(c, d.cfg.Mailbox.ReviewFolder, true)
		c.Log(d.now(), act.Actor, "reopened", act.Reason)
		return nil
	})
}

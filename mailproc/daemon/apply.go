package daemon

import (
	"fmt"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/store"
)

// apply writes a decision into its case: fields, the reply planned, the
// state, and where the message goes.
func (d *Daemon) apply(tx *store.Tx, c *cases.Case, ans decide.Answer, in decisionInput) error {
	now := d.now()
	dec := ans.Decision
	takeFields(c, dec)
	dec = d.acknowledge(tx, c, dec, in)
	if dec.Action == decide.Reply {
		if err := d.planReply(tx, c, ans, targetOf(in.msg), cases.ActorDaemon, ""); err != nil {
			d.log.Error("reply cannot be made; handing the case to staff", "case", c.ID, "template", dec.Template, "err", err)
			dec.Action, dec.Template, dec.Detail = decide.Review, "", err.Error()
			dec.Reasons = append(dec.Reasons, cases.ReasonTemplateFailed)
		}
	}
	last := &c.Messages[len(c.Messages)-1]
	last.Action, last.Template, last.Reasons = string(dec.Action), dec.Template, dec.Reasons
	if dec.Action == decide.Reply {
		last.Folder = d.cfg.Mailbox.ProcessedFolder
		c.State, c.Reasons = stateAfter(dec.Template), nil
		if o := outcome(dec.Template); o != "" {
			c.Outcome = o
		}
	} else {
		last.Folder, last.Flag = d.cfg.Mailbox.ReviewFolder, true
		c.State, c.Reasons = cases.Review, dec.Reasons
	}
	c.Log(now, cases.ActorDaemon, "decided", describe(dec))
	return nil
}

func takeFields(c *cases.Case, dec decide.Decision) {
	if dec.Fields != (cases.Fields{}) || dec.FirstLine {
		c.Fields, c.FirstLine = dec.Fields, dec.FirstLine
	}
	if c.Kind == cases.California && dec.Kind == cases.California {
		c.Missing = dec.Missing
	}
	if dec.Coppa != (cases.CoppaFields{}) {
		c.Coppa = dec.Coppa
	}
	if dec.Kind == cases.Privacy && dec.Law != "" {
		c.Law, c.Rights = dec.Law, dec.Rights
	}
}

// stateAfter is the state a case is in once a template is sent (its row
// in cases.Answers).
func stateAfter(template string) cases.State {
	if a, ok := cases.AnswerOf(template); ok {
		return a.State
	}
	return cases.Answered
}

// outcome names how a template answers a request, for records and
// reports: its row's outcome, "" for one that does not answer it.
func outcome(template string) string {
	a, _ := cases.AnswerOf(template)
	return a.Outcome
}

// describe is a decision as the case history says it.
func describe(dec decide.Decision) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", dec.Kind, dec.Action)
	if dec.Template != "" {
		fmt.Fprintf(&b, " %s", dec.Template)
	}
	if len(dec.Reasons) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(dec.Reasons, ", "))
	}
	if len(dec.Missing) > 0 {
		fmt.Fprintf(&b, "; missing %s", strings.Join(dec.Missing, ", "))
	}
	if dec.Detail != "" {
		fmt.Fprintf(&b, ": %s", dec.Detail)
	}
	return b.String()
}

// requesterName is the name a reply addresses: as the request gave it, else
// the From display name.
func requesterName(c *cases.Case, fromName string) string {
	for _, n := range []string{c.Fields.Name, c.Coppa.ParentName, fromName} {
		if n != "" {
			return n
		}
	}
	return ""
}

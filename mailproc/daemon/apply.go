package daemon

import (
	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/plan"
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
		if err := d.plan.Reply(tx, c, ans, plan.TargetOf(in.msg), cases.ActorDaemon, ""); err != nil {
			d.log.Error("reply cannot be made; handing the case to staff", "case", c.ID, "template", dec.Template, "err", err)
			dec.Action, dec.Template, dec.Detail = decide.Review, "", err.Error()
			dec.Reasons = append(dec.Reasons, cases.ReasonTemplateFailed)
		}
	}
	last := &c.Messages[len(c.Messages)-1]
	last.Action, last.Template, last.Reasons = string(dec.Action), dec.Template, dec.Reasons
	if dec.Action == decide.Reply {
		last.Folder = d.cfg.Mailbox.ProcessedFolder
		c.State, c.Reasons = plan.StateAfter(dec.Template), nil
		if o := plan.Outcome(dec.Template); o != "" {
			c.Outcome = o
		}
	} else {
		last.Folder, last.Flag = d.cfg.Mailbox.ReviewFolder, true
		c.State, c.Reasons = cases.Review, dec.Reasons
	}
	c.Log(now, cases.ActorDaemon, "decided", plan.Describe(dec))
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

package daemon

import (
	"slices"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/plan"
	"github.com/mailproc/mailproc/mailproc/store"
)

// acknowledge plans privacy-received on a new privacy request when [privacy]
// acknowledge is on: once per case, only for a request nothing else is
// wrong with (no failed DMARC, no address of ours), within the rate limits.
// The case stays with staff either way; nothing is disclosed or deleted.
func (d *Daemon) acknowledge(tx *store.Tx, c *cases.Case, dec decide.Decision, in decisionInput) decide.Decision {
	if !d.cfg.Privacy.Acknowledge || dec.Kind != cases.Privacy || len(c.Messages) != 1 ||
		!slices.Equal(dec.Reasons, []cases.Reason{cases.ReasonPrivacyRequest}) || c.Reply(decide.PrivacyReceived) != nil {
		return dec
	}
	ack := decide.Decision{Kind: cases.Privacy, Action: decide.Reply, Template: decide.PrivacyReceived}
	ans := d.withHistory(tx, c, ack)
	if ans.Action != decide.Reply {
		c.Log(d.now(), cases.ActorDaemon, "acknowledgement withheld", ans.Detail)
		return addReasons(dec, ans.Reasons...)
	}
	if err := d.plan.Reply(tx, c, ans, plan.TargetOf(in.msg), cases.ActorDaemon, ""); err != nil {
		d.log.Error("acknowledgement cannot be made; staff acknowledge the request", "case", c.ID, "err", err)
		c.Log(d.now(), cases.ActorDaemon, "acknowledgement failed", err.Error())
		return addReasons(dec, cases.ReasonTemplateFailed)
	}
	return dec
}

// addReasons adds review reasons a decision does not have yet.
func addReasons(dec decide.Decision, reasons ...cases.Reason) decide.Decision {
	for _, r := range reasons {
		if !slices.Contains(dec.Reasons, r) {
			dec.Reasons = append(slices.Clone(dec.Reasons), r)
		}
	}
	slices.Sort(dec.Reasons)
	return dec
}

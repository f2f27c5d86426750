package daemon

import (
	"fmt"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/parse"
)

// decideAndRecord parses and decides one fetched message, and holds the
// decision to be recorded with the batch's group.
func (d *Daemon) decideAndRecord(s mailbox.Summary, key string, raw []byte, thread string, herr error) error {
	var in decisionInput
	if herr != nil {
		in = d.unreadable(raw, s.Size, "the header cannot be read: "+herr.Error())
	} else if got, ok := d.decideWithin(raw, s.Size, thread); ok {
		in = got
	} else {
		in = d.unreadable(s.Header, s.Size, fmt.Sprintf("reading the message took longer than %s or failed", d.cfg.Limits.MessageTimeout.Duration))
	}
	if in.dec.Kind == cases.Automated {
		if err := d.noteReports(s, key, in.msg); err != nil {
			return err
		}
		thread = "" // machine mail never joins a case; it may open its own
	}
	if in.dec.Action == decide.Ignore {
		d.tell(s, Decided{UID: s.UID, Subject: in.msg.Header.Subject, From: in.msg.Header.From.Email, Decision: in.dec})
		return nil
	}
	d.record(s, key, in, thread)
	return nil
}

// decideWithin parses and decides within the per-message time limit. A
// parse that panics or runs too long reports false.
func (d *Daemon) decideWithin(raw []byte, size int64, thread string) (decisionInput, bool) {
	var c *cases.Case
	if thread != "" {
		c, _ = d.loadCase(thread)
	}
	done := make(chan decisionInput, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				d.log.Error("panic while reading a message", "panic", fmt.Sprint(r))
				close(done)
			}
		}()
		done <- d.decideMessage(raw, size, c)
	}()
	timer := time.NewTimer(d.cfg.Limits.MessageTimeout.Duration)
	defer timer.Stop()
	select {
	case in, ok := <-done:
		return in, ok
	case <-timer.C:
		return decisionInput{}, false
	}
}

// decidePolicy is the policy messages are decided with, knowing the
// current templates' replies.
func (d *Daemon) decidePolicy() decide.Policy {
	p := d.policy
	p.Ours = d.plan.Ours()
	return p
}

func (d *Daemon) decideMessage(raw []byte, size int64, c *cases.Case) decisionInput {
	m := parse.Parse(raw, d.limits)
	in := decide.Input{Msg: m, Size: size, Policy: d.decidePolicy()}
	if c != nil {
		return decisionInput{msg: m, dec: decide.FollowUp(c, in)}
	}
	return decisionInput{msg: m, dec: decide.Decide(in)}
}

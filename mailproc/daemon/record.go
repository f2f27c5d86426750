package daemon

import (
	"fmt"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/store"
)

// maxStoredText is how much of a message's text a case keeps for staff.
const maxStoredText = 64 << 10

// record holds the decision about one message in the batch's group, to
// be written into its case (a new one, or the thread's case for a
// follow-up) with the reply it plans when the group is recorded; its
// replies are sent and its mail filed after that. Everything is recorded
// before anything is sent or moved.
func (d *Daemon) record(s mailbox.Summary, key string, in decisionInput, thread string) {
	d.batch.group.add(pending{s: s, key: key, in: &in, thread: thread})
}

// recordIn writes the decision about one message into its case within tx.
func (d *Daemon) recordIn(tx *store.Tx, p pending) (made, error) {
	now := d.now()
	in, s := *p.in, p.s
	c, err := d.caseFor(tx, p.thread, in, s)
	if err != nil {
		return made{}, err
	}
	ans := d.withHistory(tx, c, in.dec)
	m := d.caseMessage(s, p.key, in, ans.Decision)
	c.Messages = append(c.Messages, m)
	c.Log(now, cases.ActorDaemon, "received", fmt.Sprintf("message %s (uid %d)", shortKey(p.key), s.UID))
	if err := d.apply(tx, c, ans, in); err != nil {
		return made{}, err
	}
	if err := tx.PutCase(c); err != nil {
		return made{}, err
	}
	return made{c: c, dec: ans.Decision}, nil
}

// caseFor returns the case a message joins: the thread's case, or a new one.
func (d *Daemon) caseFor(tx *store.Tx, thread string, in decisionInput, s mailbox.Summary) (*cases.Case, error) {
	if thread != "" {
		return tx.Case(thread)
	}
	received := s.InternalDate
	if received.IsZero() {
		received = d.now()
	}
	year := cases.Year(received, d.cfg.Location())
	id, err := tx.NewCaseID(year)
	if err != nil {
		return nil, err
	}
	return &cases.Case{
		ID:       id,
		Kind:     in.dec.Kind,
		Channel:  "email",
		Email:    strings.ToLower(in.msg.Header.From.Email),
		Received: received,
		Year:     year,
		Due:      d.plan.Due(in.dec.Kind, in.dec.Law, received),
	}, nil
}

// withHistory completes a reply decision with the store's history.
func (d *Daemon) withHistory(tx *store.Tx, c *cases.Case, dec decide.Decision) decide.Answer {
	if dec.Action == decide.Reply && c.Reply(dec.Template) != nil {
		dec.Action, dec.Template = decide.Review, ""
		dec.Reasons = append(dec.Reasons, cases.ReasonAlreadyReplied)
		return decide.Answer{Decision: dec}
	}
	return decide.WithHistory(dec, d.plan.History(tx), decide.Context{
		Year:  c.Year,
		Now:   d.now(),
		Email: c.Email,
		Limits: decide.Limits{
			PerSenderPerDay: d.cfg.Limits.RepliesPerSenderPerDay,
			PerHour:         d.cfg.Limits.RepliesPerHour,
		},
	})
}

// caseMessage is the case's record of the message.
func (d *Daemon) caseMessage(s mailbox.Summary, key string, in decisionInput, dec decide.Decision) cases.Message {
	h := in.msg.Header
	text := in.msg.FullText
	if len(text) > maxStoredText {
		text = text[:maxStoredText]
	}
	return cases.Message{
		Key:         key,
		MessageID:   h.MessageID,
		Received:    s.InternalDate,
		From:        h.FromRaw,
		Subject:     h.Subject,
		Text:        text,
		UID:         s.UID,
		UIDValidity: d.validity,
		Action:      string(dec.Action),
		Template:    dec.Template,
		Reasons:     dec.Reasons,
		Attachments: attachmentsOf(in.msg.Files),
	}
}

// attachmentsOf is what a case keeps of a message's attachments: their
// names, types, sizes and sections, never their content (SPEC §4).
func attachmentsOf(files []parse.File) []cases.Attachment {
	var out []cases.Attachment
	for _, f := range files {
		out = append(out, cases.Attachment{Part: f.Section, Name: f.Name, Type: f.Type, Size: f.Size, Encoding: f.Encoding})
	}
	return out
}

func shortKey(key string) string {
	if len(key) > 80 {
		return key[:80]
	}
	return key
}

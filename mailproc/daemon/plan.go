package daemon

import (
	"fmt"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/store"
	"github.com/mailproc/mailproc/mailproc/validate"
)

// planReply renders and composes the reply a decision calls for and records
// it as planned, with its bytes, in the reply log for the rate limits and,
// for a disclosure, in the once-a-year record.
func (d *Daemon) planReply(tx *store.Tx, c *cases.Case, ans decide.Answer, m *parse.Message) error {
	now := d.now()
	tmpl := ans.Template
	mid, err := reply.MessageID(c.ID, tmpl, d.cfg.Company.ReplyFrom)
	if err != nil {
		return err
	}
	r, err := d.opts.Templates.Render(tmpl, d.replyData(c, ans, m))
	if err != nil {
		return fmt.Errorf("render %s: %w", tmpl, err)
	}
	raw, err := reply.Compose(reply.Headers{
		From:        d.cfg.Company.ReplyFrom,
		To:          reply.Address{Name: m.Header.From.Name, Email: m.Header.From.Email},
		Subject:     r.Subject,
		OrigSubject: m.Header.Subject,
		MessageID:   mid,
		InReplyTo:   m.Header.MessageID,
		References:  references(c, m),
		Date:        now,
	}, r)
	if err != nil {
		return fmt.Errorf("compose %s: %w", tmpl, err)
	}
	if err := tx.PutRaw(mid, raw); err != nil {
		return err
	}
	if err := tx.RecordReply(c.Email, now, mid); err != nil {
		return err
	}
	if tmpl == decide.CaliforniaDisclosure {
		if err := tx.RecordAnswer(c.Year, c.Email, ans.Fields, c.ID, now); err != nil {
			return err
		}
	}
	c.Replies = append(c.Replies, cases.Reply{
		Template: tmpl, MessageID: mid, To: m.Header.From.Email, InReplyTo: m.Header.MessageID,
		State: cases.ReplyPlanned, Actor: cases.ActorDaemon, PlannedAt: now,
	})
	c.Log(now, cases.ActorDaemon, "reply planned", tmpl+" <"+mid+">")
	return nil
}

// references are the Message-IDs a reply's References carry: the thread as
// the request gave it, then the case's messages and our earlier replies.
func references(c *cases.Case, m *parse.Message) []string {
	refs := append([]string{}, m.Header.References...)
	for _, cm := range c.Messages {
		refs = append(refs, cm.MessageID)
	}
	for _, r := range c.Replies {
		refs = append(refs, r.MessageID)
	}
	out := refs[:0]
	seen := map[string]bool{"": true}
	for _, r := range refs {
		if !seen[r] && r != m.Header.MessageID {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// replyData is what the templates see.
func (d *Daemon) replyData(c *cases.Case, ans decide.Answer, m *parse.Message) reply.Data {
	loc := d.cfg.Location()
	data := reply.Data{
		Company:        d.cfg.Company.Name,
		CaseID:         c.ID,
		RequesterName:  requesterName(c, m),
		RequesterEmail: c.Email,
		Subject:        m.Header.Subject,
		Received:       c.Received.In(loc),
		Due:            c.Due.In(loc),
		Fields:         reply.Fields(c.Fields),
		Missing:        c.Missing,
		CoveredYear:    c.Year - 1,
		EarlierAnswer:  ans.EarlierAnswer.In(loc),
		CoppaInfo:      reply.CoppaInfo{Collected: d.cfg.Coppa.Collected},
		Coppa:          reply.CoppaFields(c.Coppa),
		CoppaMissing:   validate.CoppaMissing(c.Coppa),
		ReplyAddress:   d.cfg.ReplyAddress(),
	}
	if disc, ok := d.cfg.DisclosureFor(c.Year - 1); ok {
		data.Disclosure.Categories = disc.Categories
		for _, tp := range disc.ThirdParties {
			data.Disclosure.ThirdParties = append(data.Disclosure.ThirdParties, reply.ThirdParty(tp))
		}
		data.Disclosure.NothingShared = len(disc.Categories) == 0 && len(disc.ThirdParties) == 0
	}
	return data
}

package daemon

import (
	"fmt"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/store"
	"github.com/mailproc/mailproc/mailproc/validate"
)

// planReply renders and composes the reply a decision calls for, with
// staff's message for the requester, and records it as planned, with its
// bytes, in the reply log for the rate limits and, for a disclosure, in
// the once-a-year record.
func (d *Daemon) planReply(tx *store.Tx, c *cases.Case, ans decide.Answer, to target, actor, message string) error {
	now := d.now()
	tmpl := ans.Template
	m, err := d.composeReply(c, ans, to, message)
	if err != nil {
		return err
	}
	mid := m.id
	if err := tx.PutRaw(mid, m.raw); err != nil {
		return err
	}
	if actor == cases.ActorDaemon {
		if err := tx.RecordReply(to.email, now, mid); err != nil {
			return err
		}
	}
	if tmpl == decide.CaliforniaDisclosure {
		if err := tx.RecordAnswer(c.Year, c.Email, ans.Fields, c.ID, now); err != nil {
			return err
		}
	}
	c.Replies = append(c.Replies, cases.Reply{
		Template: tmpl, MessageID: mid, To: to.email, InReplyTo: to.messageID,
		State: cases.ReplyPlanned, Actor: actor, PlannedAt: now,
	})
	c.Log(now, actor, "reply planned", tmpl+" <"+mid+">")
	return nil
}

// composed is a reply as it goes out: its Message-ID, its parts and its
// bytes.
type composed struct {
	id       string
	rendered reply.Rendered
	raw      []byte
}

// composeReply renders a template for a case and composes the email, as
// planReply records it and Preview shows it: the same input gives the
// same bytes.
func (d *Daemon) composeReply(c *cases.Case, ans decide.Answer, to target, message string) (composed, error) {
	tmpl := ans.Template
	mid, err := d.replyMessageID(c, tmpl)
	if err != nil {
		return composed{}, err
	}
	r, err := d.render(tmpl, d.replyData(c, ans, to), message)
	if err != nil {
		return composed{}, err
	}
	raw, err := reply.Compose(reply.Headers{
		From:        d.cfg.Company.ReplyFrom,
		To:          reply.Address{Name: to.name, Email: to.email},
		Subject:     r.Subject,
		OrigSubject: to.subject,
		MessageID:   mid,
		InReplyTo:   to.messageID,
		References:  references(c, to),
		Date:        d.now(),
	}, r)
	if err != nil {
		return composed{}, fmt.Errorf("compose %s: %w", tmpl, err)
	}
	return composed{mid, r, raw}, nil
}

// render renders a template with staff's message for the requester. A
// message the template has no place for is refused rather than dropped.
func (d *Daemon) render(tmpl string, data reply.Data, message string) (reply.Rendered, error) {
	if a, _ := cases.AnswerOf(tmpl); a.FreeText && strings.TrimSpace(message) == "" {
		return reply.Rendered{}, fmt.Errorf("%w: %s: write the text of the reply (the message for the requester)", control.ErrInvalid, tmpl)
	}
	data.StaffNote = message
	r, err := d.templates().Render(tmpl, data)
	if err != nil {
		return r, fmt.Errorf("render %s: %w", tmpl, err)
	}
	if message != "" {
		data.StaffNote = ""
		if without, err := d.templates().Render(tmpl, data); err == nil && without == r {
			return r, fmt.Errorf("%w: %s has no place for a message to the requester: leave the message out "+
				"(what is only for the history goes in the note)", control.ErrInvalid, tmpl)
		}
	}
	return r, nil
}

// references are the Message-IDs a reply's References carry: the thread as
// the request gave it, then the case's messages and our earlier replies.
func references(c *cases.Case, to target) []string {
	refs := append([]string{}, to.references...)
	for _, cm := range c.Messages {
		refs = append(refs, cm.MessageID)
	}
	for _, r := range c.Replies {
		refs = append(refs, r.MessageID)
	}
	out := refs[:0]
	seen := map[string]bool{"": true}
	for _, r := range refs {
		if !seen[r] && r != to.messageID {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// replyData is what the templates see.
func (d *Daemon) replyData(c *cases.Case, ans decide.Answer, to target) reply.Data {
	loc := d.cfg.Location()
	data := reply.Data{
		Company:        d.cfg.Company.Name,
		CaseID:         c.ID,
		RequesterName:  requesterName(c, to.name),
		RequesterEmail: to.email,
		Subject:        to.subject,
		Received:       c.Received.In(loc),
		Due:            c.Due.In(loc),
		Fields:         reply.Fields(c.Fields),
		Missing:        c.Missing,
		CoveredYear:    c.Year - 1,
		EarlierAnswer:  ans.EarlierAnswer.In(loc),
		CoppaInfo:      reply.CoppaInfo{Collected: d.collected()},
		Coppa:          reply.CoppaFields(c.Coppa),
		CoppaMissing:   validate.CoppaMissing(c.Coppa),
		ReplyAddress:   d.cfg.ReplyAddress(),
		ByPost:         c.ByPost(),
		Privacy:        reply.Privacy{Law: c.Law, Rights: c.Rights},
	}
	if disc, ok := d.disclosureFor(c.Year - 1); ok {
		data.Disclosure.Categories = disc.Categories
		for _, tp := range disc.ThirdParties {
			data.Disclosure.ThirdParties = append(data.Disclosure.ThirdParties, reply.ThirdParty(tp))
		}
		data.Disclosure.NothingShared = len(disc.Categories) == 0 && len(disc.ThirdParties) == 0
	}
	return data
}

// target is who a reply answers and in which thread.
type target struct {
	name, email        string
	subject, messageID string
	references         []string
}

// targetOf answers the message in hand.
func targetOf(m *parse.Message) target {
	h := m.Header
	return target{name: h.From.Name, email: h.From.Email, subject: h.Subject, messageID: h.MessageID, references: h.References}
}

// caseTarget answers the case's latest message from its requester, for
// replies staff send later.
func caseTarget(c *cases.Case) target {
	t := target{email: c.Email}
	for i := len(c.Messages) - 1; i >= 0; i-- {
		m := c.Messages[i]
		if strings.EqualFold(addressOf(m.From), c.Email) || i == 0 {
			t.name, t.subject, t.messageID = nameOf(m.From), m.Subject, m.MessageID
			break
		}
	}
	return t
}

// replyMessageID is the fixed Message-ID of a case's reply from a template:
// "<case>.<template>.<instance>@<our domain>". A template sent again by
// staff gets ".2", ".3"... after the template.
func (d *Daemon) replyMessageID(c *cases.Case, tmpl string) (string, error) {
	name, n := tmpl, 0
	for _, r := range c.Replies {
		if r.Template == tmpl {
			n++
		}
	}
	if n > 0 {
		name = fmt.Sprintf("%s.%d", tmpl, n+1)
	}
	return reply.MessageID(c.ID, name+"."+d.store.Instance(), d.cfg.Company.ReplyFrom)
}

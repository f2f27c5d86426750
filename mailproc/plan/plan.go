package plan

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

// Reply renders and composes the reply a decision calls for, with
// staff's message for the requester, and records it as planned, with its
// bytes, in the reply log for the rate limits and, for a disclosure, in
// the once-a-year record.
func (d *Planner) Reply(tx *store.Tx, c *cases.Case, ans decide.Answer, to Target, actor, message string) error {
	now := d.now()
	tmpl := ans.Template
	m, err := d.ComposeReply(c, ans, to, message)
	if err != nil {
		return err
	}
	mid := m.ID
	if err := tx.PutRaw(mid, m.Raw); err != nil {
		return err
	}
	if actor == cases.ActorDaemon {
		if err := tx.RecordReply(to.Email, now, mid); err != nil {
			return err
		}
	}
	if tmpl == decide.CaliforniaDisclosure {
		if err := tx.RecordAnswer(c.Year, c.Email, ans.Fields, c.ID, now); err != nil {
			return err
		}
	}
	c.Replies = append(c.Replies, cases.Reply{
		Template: tmpl, MessageID: mid, To: to.Email, InReplyTo: to.MessageID,
		State: cases.ReplyPlanned, Actor: actor, PlannedAt: now,
	})
	c.Log(now, actor, "reply planned", string(tmpl)+" <"+mid+">")
	return nil
}

// Composed is a reply as it goes out: its Message-ID, its parts and its
// bytes.
type Composed struct {
	ID       string
	Rendered reply.Rendered
	Raw      []byte
}

// ComposeReply renders a template for a case and composes the email, as
// Reply records it and staff's preview shows it: the same input gives the
// same bytes.
func (d *Planner) ComposeReply(c *cases.Case, ans decide.Answer, to Target, message string) (Composed, error) {
	tmpl := ans.Template
	mid, err := d.replyMessageID(c, tmpl)
	if err != nil {
		return Composed{}, err
	}
	r, err := d.render(tmpl, d.replyData(c, ans, to), message)
	if err != nil {
		return Composed{}, err
	}
	raw, err := reply.Compose(reply.Headers{
		From:        d.cfg.Company.ReplyFrom,
		To:          reply.Address{Name: to.Name, Email: to.Email},
		Subject:     r.Subject,
		OrigSubject: to.Subject,
		MessageID:   mid,
		InReplyTo:   to.MessageID,
		References:  references(c, to),
		Date:        d.now(),
	}, r)
	if err != nil {
		return Composed{}, fmt.Errorf("compose %s: %w", tmpl, err)
	}
	return Composed{mid, r, raw}, nil
}

// render renders a template with staff's message for the requester. A
// message the template has no place for is refused rather than dropped.
func (d *Planner) render(tmpl cases.Template, data reply.Data, message string) (reply.Rendered, error) {
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
func references(c *cases.Case, to Target) []string {
	refs := append([]string{}, to.References...)
	for _, cm := range c.Messages {
		refs = append(refs, cm.MessageID)
	}
	for _, r := range c.Replies {
		refs = append(refs, r.MessageID)
	}
	out := refs[:0]
	seen := map[string]bool{"": true}
	for _, r := range refs {
		if !seen[r] && r != to.MessageID {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// replyData is what the templates see.
func (d *Planner) replyData(c *cases.Case, ans decide.Answer, to Target) reply.Data {
	loc := d.cfg.Location()
	data := reply.Data{
		Company:        d.cfg.Company.Name,
		CaseID:         c.ID,
		RequesterName:  requesterName(c, to.Name),
		RequesterEmail: to.Email,
		Subject:        to.Subject,
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
	if disc, ok := d.Disclosure(c.Year - 1); ok {
		data.Disclosure.Categories = disc.Categories
		for _, tp := range disc.ThirdParties {
			data.Disclosure.ThirdParties = append(data.Disclosure.ThirdParties, reply.ThirdParty(tp))
		}
		data.Disclosure.NothingShared = len(disc.Categories) == 0 && len(disc.ThirdParties) == 0
	}
	return data
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

// Target is who a reply answers and in which thread.
type Target struct {
	Name, Email        string
	Subject, MessageID string
	References         []string
}

// TargetOf answers the message in hand.
func TargetOf(m *parse.Message) Target {
	h := m.Header
	return Target{Name: h.From.Name, Email: h.From.Email, Subject: h.Subject, MessageID: h.MessageID, References: h.References}
}

// CaseTarget answers the case's latest message from its requester, for
// replies staff send later.
func CaseTarget(c *cases.Case) Target {
	t := Target{Email: c.Email}
	for i := len(c.Messages) - 1; i >= 0; i-- {
		m := c.Messages[i]
		if strings.EqualFold(addressOf(m.From), c.Email) || i == 0 {
			t.Name, t.Subject, t.MessageID = nameOf(m.From), m.Subject, m.MessageID
			break
		}
	}
	return t
}

// replyMessageID is the fixed Message-ID of a case's reply from a template:
// "<case>.<template>.<instance>@<our domain>". A template sent again by
// staff gets ".2", ".3"... after the template.
func (d *Planner) replyMessageID(c *cases.Case, tmpl cases.Template) (string, error) {
	name, n := string(tmpl), 0
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

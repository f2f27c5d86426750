package daemon

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/classify"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/store"
	"github.com/mailproc/mailproc/mailproc/validate"
)

// List returns the cases that pass the filter, soonest due first.
func (d *Daemon) List(f control.Filter) ([]control.Summary, error) {
	now, loc := d.now(), d.cfg.Location()
	var out []control.Summary
	err := d.store.View(func(tx *store.Tx) error {
		return tx.ForEachCase(func(c *cases.Case) error {
			if s := summarize(c, now, loc); passes(f, s) {
				out = append(out, s)
			}
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	return out, err
}

func summarize(c *cases.Case, now time.Time, loc *time.Location) control.Summary {
	s := control.Summary{ID: c.ID, Kind: c.Kind, State: c.State, Reasons: c.Reasons, Email: c.Email,
		Received: c.Received, Due: c.Due, Messages: len(c.Messages), Channel: cases.ChannelEmail,
		ToPost: c.LetterToPost() != nil, Law: c.Law, Rights: c.Rights, About: about(c, loc)}
	if len(c.Messages) > 0 {
		s.Subject = c.Messages[0].Subject
	}
	if c.ByPost() {
		s.Channel, s.Subject = cases.ChannelLetter, "Letter: "+string(c.Kind)+" request"
	}
	s.Overdue = c.State.Open() && now.After(c.Due)
	if s.Reasons == nil {
		s.Reasons = []string{}
	}
	return s
}

func passes(f control.Filter, s control.Summary) bool {
	switch {
	case f.State != "" && s.State != f.State,
		f.Kind != "" && s.Kind != f.Kind,
		f.Reason != "" && !slices.Contains(s.Reasons, f.Reason),
		f.Overdue && !s.Overdue,
		f.ToPost && !s.ToPost,
		f.Open && !s.State.Open():
		return false
	}
	return true
}

// Preview renders the reply a draft would send on a case now, as
// approving it would: an email's very bytes, or a letter's text.
func (d *Daemon) Preview(id string, dr control.Draft) (control.Preview, error) {
	c, err := d.Get(id)
	if err != nil {
		return control.Preview{}, err
	}
	if c.Kind == cases.California {
		f, err := replyFields(c, dr.Fields, dr.Template)
		if err != nil {
			return control.Preview{}, previewRefused(dr.Template, id, err)
		}
		d.correctFields(c, f, "")
	}
	ans := decide.Answer{Decision: decide.Decision{Kind: c.Kind, Action: decide.Reply, Template: dr.Template, Fields: c.Fields}}
	d.store.View(func(tx *store.Tx) error {
		ans.EarlierAnswer, ans.EarlierCase, _ = tx.EarlierAnswer(c.Year, c.Email, c.Fields)
		return nil
	})
	p := control.Preview{Template: dr.Template}
	if c.ByPost() {
		content, err := d.composeLetter(c, ans, dr.Message)
		if err != nil {
			return p, previewRefused(dr.Template, id, err)
		}
		p.To, p.Subject, p.Text = c.PostalAddress().OneLine(), content.Subject, content.Text
		return p, nil
	}
	to := caseTarget(c)
	m, err := d.composeReply(c, ans, to, dr.Message)
	if err != nil {
		return p, previewRefused(dr.Template, id, err)
	}
	p.To, p.Subject, p.Text, p.HTML, p.Raw = to.email, m.rendered.Subject, m.rendered.Text, m.rendered.HTML, string(m.raw)
	return p, nil
}

// previewRefused is why a draft has no preview: invalid, in the words of
// what failed.
func previewRefused(template, id string, err error) error {
	if errors.Is(err, control.ErrInvalid) {
		return fmt.Errorf("preview %s on %s: %w", template, id, err)
	}
	return fmt.Errorf("preview %s on %s: %w: %v", template, id, control.ErrInvalid, err)
}

// Reclassify says what kind of request a case really is: its fields are
// read again from its messages for that kind, its due date follows the
// kind, and it stays with staff to answer.
func (d *Daemon) Reclassify(id string, kind cases.Kind, act control.Act) (*cases.Case, error) {
	if kind != cases.California && kind != cases.Coppa && kind != cases.Privacy && kind != cases.Other {
		return nil, fmt.Errorf("reclassify %s: %w: kind %q is not california, coppa, privacy or other", id, control.ErrInvalid, kind)
	}
	return d.staffAct(id, "reclassify", act, func(_ *store.Tx, c *cases.Case) error {
		if !c.State.Open() {
			return refuse(id, "reclassify", "the case is %s; reopen it first", c.State)
		}
		from := c.Kind
		c.Kind = kind
		if c.ByPost() {
			rereadLetter(c)
		} else {
			d.rereadFields(c)
		}
		c.Due = d.dueFor(kind, c.Law, c.Received)
		c.State, c.Reasons = cases.Review, []string{"reclassified"}
		c.Log(d.now(), act.Actor, "reclassified", fmt.Sprintf("%s to %s %s", from, kind, act.Note))
		return nil
	})
}

// rereadFields reads a case's fields from its messages' text again.
func (d *Daemon) rereadFields(c *cases.Case) {
	c.Fields, c.Coppa, c.FirstLine, c.Missing = cases.Fields{}, cases.CoppaFields{}, false, nil
	c.Law, c.Rights = "", nil
	if c.Kind == cases.Privacy {
		rereadPrivacy(c)
	}
	for i, m := range c.Messages {
		text := parse.StripQuotes(m.Text)
		if i == 0 {
			c.FirstLine = classify.HasRequestLine(validate.FirstLine(text))
		}
		switch c.Kind {
		case cases.California:
			c.Fields = mergeFirst(c.Fields, validate.California(text))
		case cases.Coppa:
			if c.Coppa == (cases.CoppaFields{}) {
				c.Coppa = validate.Coppa(text, c.Email)
			}
		}
	}
	if c.Kind == cases.California {
		c.Missing = validate.Missing(c.Fields, c.FirstLine)
	}
}

// rereadLetter checks a letter's fields again for its new kind: there is
// no mail to read them from, so they are kept as staff entered them.
func rereadLetter(c *cases.Case) {
	c.Missing = nil
	if c.Kind == cases.California {
		c.Missing = validate.Missing(c.Fields, c.FirstLine)
	}
}

// mergeFirst keeps what a already has and fills its gaps from b.
func mergeFirst(a, b cases.Fields) cases.Fields {
	for _, p := range []struct{ dst, src *string }{{&a.Name, &b.Name}, {&a.Street, &b.Street}, {&a.City, &b.City}, {&a.State, &b.State}, {&a.ZIP, &b.ZIP}} {
		if *p.dst == "" {
			*p.dst = *p.src
		}
	}
	return a
}

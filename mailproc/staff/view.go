package staff

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/classify"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/plan"
	"github.com/mailproc/mailproc/mailproc/store"
	"github.com/mailproc/mailproc/mailproc/validate"
)

// Preview renders the reply a draft would send on a case now, as
// approving it would: an email's very bytes, or a letter's text; and says
// what sending it records and how the monthly report will count it.
func (d *Desk) Preview(id string, dr control.Draft) (control.Preview, error) {
	c, err := d.Get(id)
	if err != nil {
		return control.Preview{}, err
	}
	a, ok := cases.AnswerOf(dr.Template)
	if !ok || !a.Fits(c.Kind) {
		return control.Preview{}, fmt.Errorf("preview %s on %s: %w: it does not answer %s", dr.Template, id, control.ErrInvalid, cases.ACase(c.Kind))
	}
	outcome, err := staffOutcome(c, a, dr.Outcome, dr.Reason)
	if err != nil {
		return control.Preview{}, previewRefused(dr.Template, id, err)
	}
	if c.Kind == cases.California {
		f, err := replyFields(c, dr.Fields, dr.Template)
		if err != nil {
			return control.Preview{}, previewRefused(dr.Template, id, err)
		}
		d.correctFields(c, f, "")
	}
	ans := decide.Answer{Decision: decide.Decision{Kind: c.Kind, Action: decide.Reply, Template: dr.Template, Fields: c.Fields}}
	err = d.store.View(func(tx *store.Tx) error {
		ans.EarlierAnswer, ans.EarlierCase, _ = tx.EarlierAnswer(c.Year, c.Email, c.Fields)
		return nil
	})
	if err != nil {
		return control.Preview{}, fmt.Errorf("preview %s: %w", id, err)
	}
	p := control.Preview{Template: dr.Template, Outcome: outcome, Reported: cases.ReportedAs(c.Kind, outcome)}
	if c.ByPost() {
		content, err := d.plan.ComposeLetter(c, ans, dr.Message)
		if err != nil {
			return p, previewRefused(dr.Template, id, err)
		}
		p.To, p.Subject, p.Text = c.PostalAddress().OneLine(), content.Subject, content.Text
		return p, nil
	}
	to := plan.CaseTarget(c)
	m, err := d.plan.ComposeReply(c, ans, to, dr.Message)
	if err != nil {
		return p, previewRefused(dr.Template, id, err)
	}
	p.To, p.Subject, p.Text, p.HTML, p.Raw = to.Email, m.Rendered.Subject, m.Rendered.Text, m.Rendered.HTML, string(m.Raw)
	return p, nil
}

// previewRefused is why a draft has no preview: invalid, in the words of
// what failed.
func previewRefused(template cases.Template, id string, err error) error {
	if errors.Is(err, control.ErrInvalid) {
		return fmt.Errorf("preview %s on %s: %w", template, id, err)
	}
	return fmt.Errorf("preview %s on %s: %w: %v", template, id, control.ErrInvalid, err)
}

// Reclassify says what kind of request a case really is: its fields are
// read again from its messages for that kind, its due date follows the
// kind, and it stays with staff to answer.
func (d *Desk) Reclassify(id string, kind cases.Kind, act control.Act) (*cases.Case, error) {
	if !cases.KindOf(kind).Reclassify {
		var kinds []string
		for _, k := range cases.Kinds() {
			if k.Reclassify {
				kinds = append(kinds, string(k.Kind))
			}
		}
		return nil, fmt.Errorf("reclassify %s: %w: kind %q is not one of %s", id, control.ErrInvalid, kind, strings.Join(kinds, ", "))
	}
	return d.Act(id, "reclassify", act, func(_ *store.Tx, c *cases.Case) error {
		if !c.State.Open() {
			return control.Refuse(id, "reclassify", "the case is %s; reopen it first", c.State)
		}
		from := c.Kind
		c.Kind = kind
		if c.ByPost() {
			rereadLetter(c)
		} else {
			d.rereadFields(c)
		}
		c.Due = d.plan.Due(kind, c.Law, c.Received)
		c.State, c.Reasons = cases.Review, []cases.Reason{cases.ReasonReclassified}
		c.Log(d.now(), act.Actor, "reclassified", fmt.Sprintf("%s to %s %s", from, kind, act.Note))
		return nil
	})
}

// rereadFields reads a case's fields from its messages' text again.
func (d *Desk) rereadFields(c *cases.Case) {
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

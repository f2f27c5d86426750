package letterdesk

import (
	"fmt"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/letter"
	"github.com/mailproc/mailproc/mailproc/plan"
	"github.com/mailproc/mailproc/mailproc/store"
)

// MarkPosted records that the case's letter waiting to be posted was
// posted on a day: the reply is posted, and for an answer that day is the
// case's answer date (deadlines, reports, and the once-a-year record).
func (d *Desk) MarkPosted(id string, act control.Act, posted time.Time) (*cases.Case, error) {
	return d.staff.Act(id, "mark posted", act, func(tx *store.Tx, c *cases.Case) error {
		r := c.LetterToPost()
		if !c.ByPost() || r == nil {
			return control.Refuse(id, "mark posted", "no letter is waiting to be posted on this case")
		}
		day, err := d.postingDay(c, r, posted)
		if err != nil {
			return fmt.Errorf("mark posted %s: %w", id, err)
		}
		r.State, r.SentAt = cases.ReplyPosted, day
		if r.Answer || plan.Outcome(r.Template) != "" {
			c.Answered = day
		}
		if r.Template == decide.CaliforniaDisclosure {
			if err := tx.RecordAnswer(c.Year, c.Email, c.Fields, c.ID, day); err != nil {
				return err
			}
		}
		if c.State == cases.AwaitingStaff {
			c.State = plan.StateAfter(r.Template)
			if r.Answer {
				c.State = cases.Answered
			}
		}
		c.Log(d.now(), act.Actor, cases.ActionLetterPosted, strings.TrimSpace(fmt.Sprintf("%s posted on %s %s", r.Template, day.Format(time.DateOnly), act.Note)))
		return nil
	})
}

// postingDay checks the day staff say a letter was posted: given, not in
// the future, and not before the letter was made.
func (d *Desk) postingDay(c *cases.Case, r *cases.Reply, posted time.Time) (time.Time, error) {
	var p problems
	loc := d.cfg.Location()
	day := p.day("posted", posted, d.today())
	if made := dayOf(r.PlannedAt.In(loc), loc); !posted.IsZero() && day.Before(made) {
		p.Add("posted %s: before the letter was made on %s", day.Format(time.DateOnly), made.Format(time.DateOnly))
	}
	return day, p.Err()
}

// PrintLetter renders a letter of a case for printing: reply n (from 1),
// or with n 0 the letter waiting to be posted, else the latest letter.
func (d *Desk) PrintLetter(id string, n int) (control.Printable, error) {
	c, err := d.staff.Get(id)
	if err != nil {
		return control.Printable{}, err
	}
	i, err := letterReply(c, n)
	if err != nil {
		return control.Printable{}, err
	}
	r := c.Replies[i]
	content, ok, err := d.plan.KeptLetter(r.MessageID)
	if err != nil {
		return control.Printable{}, fmt.Errorf("print %s: %w", id, err)
	}
	if !ok {
		return control.Printable{}, control.Refuse(id, "print", "the text of letter %d is no longer kept", i+1)
	}
	return d.printable(c, i, content)
}

func (d *Desk) printable(c *cases.Case, i int, content plan.LetterContent) (control.Printable, error) {
	l := d.plan.LetterOf(c.ID, content)
	html, err := letter.HTML(l)
	if err != nil {
		return control.Printable{}, fmt.Errorf("print %s: %w", c.ID, err)
	}
	pdf, err := letter.PDF(l)
	if err != nil {
		return control.Printable{}, fmt.Errorf("print %s: %w", c.ID, err)
	}
	g := letter.GeometryOf(l.Paper)
	r := c.Replies[i]
	return control.Printable{CaseID: c.ID, Reply: i + 1, Template: r.Template, State: r.State, To: content.To,
		Paper: string(g.Paper), Envelope: g.Envelope, HTML: html, PDF: pdf}, nil
}

// letterReply finds the index of the letter to print.
func letterReply(c *cases.Case, n int) (int, error) {
	if !c.ByPost() {
		return 0, control.Refuse(c.ID, "print", "the case came by email; its replies are not letters")
	}
	isLetter := func(r cases.Reply) bool { return r.State == cases.ReplyToPost || r.State == cases.ReplyPosted }
	if n > 0 {
		if n > len(c.Replies) || !isLetter(c.Replies[n-1]) {
			return 0, fmt.Errorf("print %s: %w: reply %d is not a letter to print", c.ID, control.ErrInvalid, n)
		}
		return n - 1, nil
	}
	latest := -1
	for i, r := range c.Replies {
		if r.State == cases.ReplyToPost {
			return i, nil
		}
		if isLetter(r) {
			latest = i
		}
	}
	if latest < 0 {
		return 0, control.Refuse(c.ID, "print", "the case has no letter to print")
	}
	return latest, nil
}

package letterdesk

import (
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/staff"
	"github.com/mailproc/mailproc/mailproc/validate"
)

// problems gathers what is wrong with a letter as staff entered it, each
// naming its field, so one refusal says everything.
type problems struct{ staff.Problems }

// checkLetter returns the letter with its values cleaned (one line each,
// the state as its USPS code, the ZIP as 12345 or 12345-6789, the day of
// receipt at midnight in the company's zone), or why it is refused.
func (d *Desk) checkLetter(l control.Letter) (control.Letter, error) {
	var p problems
	switch strings.TrimSpace(l.Actor) {
	case "":
		p.Add("who enters the letter must be named")
	case cases.ActorDaemon:
		p.Add("%q is the daemon's own name in the history", cases.ActorDaemon)
	}
	if !cases.KindOf(l.Kind).ByPost {
		p.Add("kind %q: %s", l.Kind, kindsByPost())
	}
	l.Received = p.day("received", l.Received, d.today())
	l.Fields = p.Address("", l.Fields)
	l.ReturnAddress = p.Address("return address ", l.ReturnAddress)
	l.Coppa = p.coppa(l.Coppa)
	if l.Kind == cases.Coppa && l.ReturnAddress.Name == "" && l.ReturnAddress != (cases.Fields{}) {
		l.ReturnAddress.Name = l.Coppa.ParentName
	}
	p.postable(l)
	return l, p.Err()
}

// kindsByPost names the kinds a letter can be: "california or coppa".
func kindsByPost() string {
	var names []string
	for _, k := range cases.KindsByPost() {
		names = append(names, string(k))
	}
	return strings.Join(names, " or ")
}

// today is the company's date now, at midnight in its zone.
func (d *Desk) today() time.Time { return dayOf(d.now().In(d.cfg.Location()), d.cfg.Location()) }

// dayOf is the date t names (as written: its own year, month and day) at
// midnight in loc.
func dayOf(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// day checks a day staff gave: required, and not after today.
func (p *problems) day(field string, t, today time.Time) time.Time {
	if t.IsZero() {
		p.Add("%s: the date is required", field)
		return t
	}
	day := dayOf(t, today.Location())
	if day.After(today) {
		p.Add("%s %s: in the future (today is %s)", field, day.Format(time.DateOnly), today.Format(time.DateOnly))
	}
	return day
}

func (p *problems) coppa(c cases.CoppaFields) cases.CoppaFields {
	c = cases.CoppaFields{ParentName: p.Text("parent name", c.ParentName), ChildName: p.Text("child name", c.ChildName),
		ChildEmail: p.Text("child email", c.ChildEmail), ChildUsername: p.Text("child username", c.ChildUsername)}
	if c.ChildEmail != "" && !strings.Contains(c.ChildEmail, "@") {
		p.Add("child email %q: not an email address", c.ChildEmail)
	}
	return c
}

// postable checks that the answer can be posted: the return address, or
// for california the letter's own address, is whole.
func (p *problems) postable(l control.Letter) {
	addr, where := l.ReturnAddress, "return address"
	if addr == (cases.Fields{}) {
		if l.Kind == cases.Coppa {
			p.Add("return address: required for a coppa letter (the address to post the answer to)")
			return
		}
		addr, where = l.Fields, "the letter's address"
	}
	if missing := validate.Missing(addr, true); len(missing) > 0 {
		hint := ""
		if where != "return address" {
			hint = ": give the return address from the envelope"
		}
		p.Add("%s lacks %s, needed to post the answer%s", where, strings.Join(missing, ", "), hint)
	}
}

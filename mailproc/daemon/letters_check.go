package daemon

import (
	"fmt"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/validate"
)

// maxLetterField is the longest value a letter's field may have.
const maxLetterField = 200

// problems gathers what is wrong with a letter as staff entered it, each
// naming its field, so one refusal says everything.
type problems []string

func (p *problems) add(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s", control.ErrInvalid, strings.Join(p, "; "))
}

// checkLetter returns the letter with its values cleaned (one line each,
// the state as its USPS code, the ZIP as 12345 or 12345-6789, the day of
// receipt at midnight in the company's zone), or why it is refused.
func (d *Daemon) checkLetter(l control.Letter) (control.Letter, error) {
	var p problems
	switch strings.TrimSpace(l.Actor) {
	case "":
		p.add("who enters the letter must be named")
	case cases.ActorDaemon:
		p.add("%q is the daemon's own name in the history", cases.ActorDaemon)
	}
	if !cases.KindOf(l.Kind).ByPost {
		p.add("kind %q: %s", l.Kind, kindsByPost())
	}
	l.Received = p.day("received", l.Received, d.today())
	l.Fields = p.address("", l.Fields)
	l.ReturnAddress = p.address("return address ", l.ReturnAddress)
	l.Coppa = p.coppa(l.Coppa)
	if l.Kind == cases.Coppa && l.ReturnAddress.Name == "" && l.ReturnAddress != (cases.Fields{}) {
		l.ReturnAddress.Name = l.Coppa.ParentName
	}
	p.postable(l)
	return l, p.err()
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
func (d *Daemon) today() time.Time { return dayOf(d.now().In(d.cfg.Location()), d.cfg.Location()) }

// dayOf is the date t names (as written: its own year, month and day) at
// midnight in loc.
func dayOf(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// day checks a day staff gave: required, and not after today.
func (p *problems) day(field string, t, today time.Time) time.Time {
	if t.IsZero() {
		p.add("%s: the date is required", field)
		return t
	}
	day := dayOf(t, today.Location())
	if day.After(today) {
		p.add("%s %s: in the future (today is %s)", field, day.Format(time.DateOnly), today.Format(time.DateOnly))
	}
	return day
}

// address cleans a name and address and checks its state and ZIP code.
func (p *problems) address(prefix string, f cases.Fields) cases.Fields {
	f = cases.Fields{Name: p.text(prefix+"name", f.Name), Street: p.text(prefix+"street", f.Street),
		City: p.text(prefix+"city", f.City), State: p.text(prefix+"state", f.State), ZIP: p.text(prefix+"zip", f.ZIP)}
	if f.State != "" {
		if code, ok := validate.ParseState(f.State); ok {
			f.State = code
		} else {
			p.add("%sstate %q: not a US state (write its two-letter USPS code, e.g. CA)", prefix, f.State)
		}
	}
	if f.ZIP != "" {
		if zip, ok := validate.ParseZIP(f.ZIP); ok {
			f.ZIP = zip
		} else {
			p.add("%szip %q: not a ZIP code (12345 or 12345-6789)", prefix, f.ZIP)
		}
	}
	return f
}

func (p *problems) coppa(c cases.CoppaFields) cases.CoppaFields {
	c = cases.CoppaFields{ParentName: p.text("parent name", c.ParentName), ChildName: p.text("child name", c.ChildName),
		ChildEmail: p.text("child email", c.ChildEmail), ChildUsername: p.text("child username", c.ChildUsername)}
	if c.ChildEmail != "" && !strings.Contains(c.ChildEmail, "@") {
		p.add("child email %q: not an email address", c.ChildEmail)
	}
	return c
}

// text makes a value one line of single spaces, and refuses a long one.
func (p *problems) text(field, v string) string {
	v = strings.Join(strings.Fields(v), " ")
	if len(v) > maxLetterField {
		p.add("%s: longer than %d characters", field, maxLetterField)
	}
	return v
}

// postable checks that the answer can be posted: the return address, or
// for california the letter's own address, is whole.
func (p *problems) postable(l control.Letter) {
	addr, where := l.ReturnAddress, "return address"
	if addr == (cases.Fields{}) {
		if l.Kind == cases.Coppa {
			p.add("return address: required for a coppa letter (the address to post the answer to)")
			return
		}
		addr, where = l.Fields, "the letter's address"
	}
	if missing := validate.Missing(addr, true); len(missing) > 0 {
		hint := ""
		if where != "return address" {
			hint = ": give the return address from the envelope"
		}
		p.add("%s lacks %s, needed to post the answer%s", where, strings.Join(missing, ", "), hint)
	}
}

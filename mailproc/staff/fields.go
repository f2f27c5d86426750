package staff

import (
	"fmt"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/validate"
)

// replyFields are the fields a california reply from tmpl will carry:
// staff's corrections (nil: the case's own), cleaned and checked as mail
// is (one line each, a US state stored as its code, a ZIP code), or every
// reason they cannot go out with tmpl.
func replyFields(c *cases.Case, corrected *cases.Fields, tmpl cases.Template) (cases.Fields, error) {
	var p Problems
	f := c.Fields
	if corrected != nil {
		f = p.Address("", *corrected)
	}
	p.answerable(tmpl, f)
	return f, p.Err()
}

// answerable checks that a disclosure or a repeat notice answers a whole
// request from California, as mail answers one: every field given, the
// state CA, the ZIP in California's range. An incomplete notice may lack
// fields: that is what it says.
func (p *Problems) answerable(tmpl cases.Template, f cases.Fields) {
	if tmpl != decide.CaliforniaDisclosure && tmpl != decide.CaliforniaRepeat {
		return
	}
	for _, missing := range validate.Missing(f, true) {
		p.Add("%s: required for %s", missing, tmpl)
	}
	if code, ok := validate.ParseState(f.State); ok && !validate.IsCalifornia(code) {
		p.Add("state %q: %s goes to a California address (CA)", f.State, tmpl)
	}
	if zip, ok := validate.ParseZIP(f.ZIP); ok && !validate.CaliforniaZIP(zip) {
		p.Add("zip %q: not a California ZIP code (90000–96199)", f.ZIP)
	}
}

// correctFields puts the fields of a california reply into its case and
// records each one staff changed in the history, before and after.
func (d *Desk) correctFields(c *cases.Case, f cases.Fields, actor string) {
	for _, ch := range fieldChanges(c.Fields, f) {
		c.Log(d.now(), actor, "field corrected", ch)
	}
	c.Fields = f
	c.Missing = decide.Check(decide.Decision{Kind: cases.California, Fields: f, FirstLine: c.FirstLine}).Missing
}

// fieldChanges says what changed from before to after, a field a line:
// `zip: "89501" → "93704"`.
func fieldChanges(before, after cases.Fields) []string {
	var out []string
	for _, f := range []struct{ name, was, is string }{
		{"name", before.Name, after.Name}, {"street", before.Street, after.Street}, {"city", before.City, after.City},
		{"state", before.State, after.State}, {"zip", before.ZIP, after.ZIP},
	} {
		if f.was != f.is {
			out = append(out, fmt.Sprintf("%s: %q → %q", f.name, f.was, f.is))
		}
	}
	return out
}

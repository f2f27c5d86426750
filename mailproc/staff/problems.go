package staff

import (
	"fmt"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/validate"
)

// maxLetterField is the longest value a field staff enter may have.
const maxLetterField = 200

// Problems gathers what is wrong with what staff entered (a letter, or
// fields corrected before a reply), each naming its field, so one
// refusal says everything.
type Problems []string

// Add records one problem.
func (p *Problems) Add(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

// Err is the refusal naming every problem (control.ErrInvalid), or nil.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s", control.ErrInvalid, strings.Join(p, "; "))
}

// Address cleans a name and address and checks its state and ZIP code.
func (p *Problems) Address(prefix string, f cases.Fields) cases.Fields {
	f = cases.Fields{Name: p.Text(prefix+"name", f.Name), Street: p.Text(prefix+"street", f.Street),
		City: p.Text(prefix+"city", f.City), State: p.Text(prefix+"state", f.State), ZIP: p.Text(prefix+"zip", f.ZIP)}
	if f.State != "" {
		if code, ok := validate.ParseState(f.State); ok {
			f.State = code
		} else {
			p.Add("%sstate %q: not a US state (write its two-letter USPS code, e.g. CA)", prefix, f.State)
		}
	}
	if f.ZIP != "" {
		if zip, ok := validate.ParseZIP(f.ZIP); ok {
			f.ZIP = zip
		} else {
			p.Add("%szip %q: not a ZIP code (12345 or 12345-6789)", prefix, f.ZIP)
		}
	}
	return f
}

// Text makes a value one line of single spaces, and refuses a long one.
func (p *Problems) Text(field, v string) string {
	v = strings.Join(strings.Fields(v), " ")
	if len(v) > maxLetterField {
		p.Add("%s: longer than %d characters", field, maxLetterField)
	}
	return v
}

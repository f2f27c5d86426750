package reply

import (
	"fmt"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// Rendered is one reply's content.
type Rendered struct {
	Subject string // one line
	Text    string // text/plain body, LF line ends
	HTML    string // text/html body, a complete document
}

// Render executes the named template's three parts with d. Values that came
// from the requester are made one line first; the rendered subject is one
// line; the bodies have trailing spaces and repeated blank lines removed.
// A missing map key or unknown field is an error.
func (s *Set) Render(name cases.Template, d Data) (Rendered, error) {
	r, ok := s.replies[name]
	if !ok {
		return Rendered{}, fmt.Errorf("render %q: unknown template (known: %s)",
			name, cases.Join(Names, ", "))
	}
	d = cleanRequesterValues(d)
	var subject, text, html strings.Builder
	if err := r.subject.Execute(&subject, d); err != nil {
		return Rendered{}, fmt.Errorf("render %s: %w", name, err)
	}
	if err := r.text.Execute(&text, d); err != nil {
		return Rendered{}, fmt.Errorf("render %s: %w", name, err)
	}
	if err := r.html.Execute(&html, d); err != nil {
		return Rendered{}, fmt.Errorf("render %s: %w", name, err)
	}
	return Rendered{
		Subject: oneLine(subject.String()),
		Text:    tidy(text.String()),
		HTML:    tidy(html.String()),
	}, nil
}

// cleanRequesterValues makes every value a requester wrote one line, so that
// nobody can add paragraphs of their own to our reply.
func cleanRequesterValues(d Data) Data {
	d.RequesterName = oneLine(d.RequesterName)
	d.RequesterEmail = oneLine(d.RequesterEmail)
	d.Subject = oneLine(d.Subject)
	d.Fields = Fields{
		Name:   oneLine(d.Fields.Name),
		Street: oneLine(d.Fields.Street),
		City:   oneLine(d.Fields.City),
		State:  oneLine(d.Fields.State),
		ZIP:    oneLine(d.Fields.ZIP),
	}
	d.Coppa = CoppaFields{
		ParentName:    oneLine(d.Coppa.ParentName),
		ChildName:     oneLine(d.Coppa.ChildName),
		ChildEmail:    oneLine(d.Coppa.ChildEmail),
		ChildUsername: oneLine(d.Coppa.ChildUsername),
	}
	return d
}

// tidy normalises a rendered body: LF line ends, no trailing white space, no
// leading blank lines, at most one blank line in a row, one final newline.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	blank := false
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, " \t\r")
		if line == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n") + "\n"
}

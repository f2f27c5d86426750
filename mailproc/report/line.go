package report

import (
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// Line is one case of the month, with a column for each definition the
// counts use: a count of the summary is the number of lines of its group
// and channel whose column is true.
type Line struct {
	ID             string     `json:"id"`
	Kind           string     `json:"kind"`    // the case's kind: california, coppa, privacy, other, automated
	Law            string     `json:"law"`     // a privacy case's law: gdpr, us-state, unknown; "" for other kinds
	Rights         []string   `json:"rights"`  // a privacy case's rights, sorted; empty when unclear or another kind
	Channel        string     `json:"channel"` // email or letter; a case that names none is email
	State          string     `json:"state"`   // at AsOf
	Outcome        string     `json:"outcome"` // disclosure, repeat, completed, complied, "denied: <reason>", "not-covered: <reason>", "dismissed: <reason>", or ""
	Received       time.Time  `json:"received"`
	Due            time.Time  `json:"due"`
	Answered       *time.Time `json:"answered"`        // nil when not answered
	Days           *int       `json:"days_to_answer"`  // nil when not answered
	WithinDeadline *bool      `json:"within_deadline"` // nil when not answered
	Reviewed       bool       `json:"reviewed"`
	Complied       bool       `json:"complied"`
	Denied         bool       `json:"denied"`
	DenialReason   string     `json:"denial_reason"`
	Incomplete     bool       `json:"incomplete"`
	Repeat         bool       `json:"repeat"`
	Dismissed      bool       `json:"dismissed"`
	Done           bool       `json:"done"`
	Open           bool       `json:"open"`
	Overdue        bool       `json:"overdue"`
	// NotCovered: answered as a request the law does not cover, for
	// NotCoveredReason; neither complied with nor denied.
	NotCovered       bool   `json:"not_covered"`
	NotCoveredReason string `json:"not_covered_reason"`
}

// lineOf applies every definition to one case; times are shown in loc.
func lineOf(c cases.Case, loc *time.Location, now time.Time) Line {
	reason, denied := denialReason(c)
	uncovered, notCov := notCovered(c)
	l := Line{
		ID:               c.ID,
		Kind:             string(c.Kind),
		Law:              lawOf(c),
		Rights:           rightsOf(c),
		Channel:          channelOf(c),
		State:            string(c.State),
		Outcome:          string(c.Outcome),
		Received:         c.Received.In(loc),
		Due:              inZone(c.Due, loc),
		Days:             daysToAnswer(c, loc),
		WithinDeadline:   withinDeadline(c),
		Reviewed:         reviewed(c),
		Complied:         complied(c),
		Denied:           denied,
		DenialReason:     reason,
		Incomplete:       incomplete(c),
		Repeat:           repeat(c),
		Dismissed:        c.State == cases.Dismissed,
		Done:             c.State == cases.Done,
		Open:             c.State.Open(),
		Overdue:          overdue(c, now),
		NotCovered:       notCov,
		NotCoveredReason: uncovered,
	}
	if isAnswered(c) {
		at := c.Answered.In(loc)
		l.Answered = &at
	}
	return l
}

// lawOf is a privacy case's law; a privacy case that names none is
// unknown; other kinds have none.
func lawOf(c cases.Case) string {
	switch {
	case c.Kind != cases.Privacy:
		return ""
	case c.Law == "":
		return cases.LawUnknown
	}
	return c.Law
}

// rightsOf is a privacy case's rights, never nil.
func rightsOf(c cases.Case) []string {
	if c.Kind != cases.Privacy {
		return []string{}
	}
	return append([]string{}, c.Rights...)
}

// channelOf is how a case came; cases made before letters existed name
// no channel and came by email.
func channelOf(c cases.Case) string {
	if c.Channel == "" {
		return ChannelEmail
	}
	return c.Channel
}

// inZone is t shown in loc; the zero time stays zero.
func inZone(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(loc)
}

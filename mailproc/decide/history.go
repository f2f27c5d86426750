package decide

import (
	"fmt"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// History is what the case store knows that a decision needs.
type History interface {
	// EarlierAnswer returns when a california request of the same requester
	// (same email, or same name, street and ZIP) received in year was
	// answered, and its case.
	EarlierAnswer(year int, email string, f cases.Fields) (at time.Time, caseID string, ok bool)
	// HasDisclosure reports whether disclosure data for a covered year is
	// configured.
	HasDisclosure(year int) bool
	// RepliesTo counts automatic replies to an address since a moment.
	RepliesTo(email string, since time.Time) int
	// Replies counts all automatic replies since a moment.
	Replies(since time.Time) int
}

// Limits are the automatic reply rate limits (SPEC §4).
type Limits struct {
	PerSenderPerDay int // 0 = no limit
	PerHour         int // 0 = no limit
}

// Context is what a decision with history knows of the moment.
type Context struct {
	Year   int       // the company's calendar year of receipt
	Now    time.Time // when the reply would be sent
	Email  string    // the requester's address
	Limits Limits
}

// Answer is the history's addition to a decision.
type Answer struct {
	Decision
	EarlierAnswer time.Time // for california-repeat
	EarlierCase   string
}

// WithHistory completes a stateless decision with the store: a california
// request already answered this calendar year gets california-repeat; a
// disclosure for a covered year without data goes to review; replies over
// the rate limits go to review.
func WithHistory(d Decision, h History, c Context) Answer {
	a := Answer{Decision: d}
	if d.Action != Reply {
		return a
	}
	if d.Template == CaliforniaDisclosure {
		if at, id, ok := h.EarlierAnswer(c.Year, c.Email, d.Fields); ok {
			a.Template, a.EarlierAnswer, a.EarlierCase = CaliforniaRepeat, at, id
		} else if !h.HasDisclosure(c.Year - 1) {
			a.Decision = toReview(d, cases.ReasonNoDisclosureData, fmt.Sprintf("no disclosure data for %d", c.Year-1))
			return a
		}
	}
	if why := overLimit(h, c); why != "" {
		a.Decision = toReview(d, cases.ReasonRateLimited, why)
	}
	return a
}

func overLimit(h History, c Context) string {
	if n := c.Limits.PerSenderPerDay; n > 0 && h.RepliesTo(c.Email, c.Now.Add(-24*time.Hour)) >= n {
		return fmt.Sprintf("%d replies to this sender in 24 hours", n)
	}
	if n := c.Limits.PerHour; n > 0 && h.Replies(c.Now.Add(-time.Hour)) >= n {
		return fmt.Sprintf("%d replies in the last hour", n)
	}
	return ""
}

func toReview(d Decision, reason cases.Reason, detail string) Decision {
	d.Action, d.Template, d.Detail = Review, "", detail
	d.Reasons = append(append([]cases.Reason{}, d.Reasons...), reason)
	return d.normal()
}

// FollowUp decides a message that belongs to an existing case (it names the
// case's messages or our replies in In-Reply-To or References), whatever its
// subject. Machine mail is decided as usual. A california case waiting for
// the requester merges the new fields and is checked again; anything else
// goes to staff.
func FollowUp(c *cases.Case, in Input) Decision {
	if d := Decide(in); d.Kind == cases.Automated {
		return d
	}
	if d, stop := headerReview(c.Kind, in); stop {
		return d
	}
	if c.Kind == cases.California && c.State == cases.AwaitingRequester {
		return mergeCalifornia(c, california(in.Msg))
	}
	d := Decision{Kind: c.Kind, Request: true, Fields: c.Fields, FirstLine: c.FirstLine}
	if c.Kind == cases.Coppa {
		d.Coppa = mergeCoppa(c.Coppa, coppa(in.Msg).Coppa)
	}
	return toReview(d, cases.ReasonFollowUp, "the requester wrote again on case "+c.ID)
}

func mergeCalifornia(c *cases.Case, d Decision) Decision {
	m := Decision{Kind: cases.California, Request: true}
	m.Fields = mergeFields(c.Fields, d.Fields)
	m.FirstLine = c.FirstLine || d.FirstLine
	m = Check(m)
	if m.Template != "" && c.Reply(m.Template) != nil {
		reason := cases.ReasonAlreadyReplied
		if m.Template == CaliforniaIncomplete {
			reason = cases.ReasonStillIncomplete
		}
		m = toReview(m, reason, "case "+c.ID+" already had "+string(m.Template))
	}
	return m
}

// mergeFields keeps what the case had and takes what the follow-up gives:
// a new value corrects an old one.
func mergeFields(old, new cases.Fields) cases.Fields {
	pick := func(o, n string) string {
		if n != "" {
			return n
		}
		return o
	}
	return cases.Fields{
		Name:   pick(old.Name, new.Name),
		Street: pick(old.Street, new.Street),
		City:   pick(old.City, new.City),
		State:  pick(old.State, new.State),
		ZIP:    pick(old.ZIP, new.ZIP),
	}
}

func mergeCoppa(old, new cases.CoppaFields) cases.CoppaFields {
	pick := func(o, n string) string {
		if o != "" {
			return o
		}
		return n
	}
	return cases.CoppaFields{
		ParentName:    pick(old.ParentName, new.ParentName),
		ChildName:     pick(old.ChildName, new.ChildName),
		ChildEmail:    pick(old.ChildEmail, new.ChildEmail),
		ChildUsername: pick(old.ChildUsername, new.ChildUsername),
	}
}

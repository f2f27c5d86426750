package report

import (
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// ReasonRepeat is the denial reason of a repeat request.
const ReasonRepeat = cases.ReasonRepeatDenied

// ReasonNoneGiven is the denial reason of a dismissal that recorded none.
const ReasonNoneGiven = "(no reason recorded)"

// isRequest reports whether a case is of a kind of request (california,
// coppa or privacy: cases.KindOf says); cases of kind other or automated
// are not requests.
func isRequest(c cases.Case) bool {
	return cases.KindOf(c.Kind).Request
}

// isAnswered: the case's substantive answer (a disclosure, a repeat notice,
// or a coppa completion notice) was accepted for delivery: Answered is set.
func isAnswered(c cases.Case) bool {
	return !c.Answered.IsZero()
}

// complied: answered, and the outcome is one cases.Classify counts as
// complied: "disclosure" (california), "completed" (coppa), "complied"
// (staff answered in their own words and said the request was met, or
// closed a privacy request so) or "partly-complied" (a privacy request
// met in part).
func complied(c cases.Case) bool {
	class, _ := cases.Classify(c.Kind, c.Outcome)
	return isAnswered(c) && class == cases.ClassComplied
}

// notCovered is the reason a request was answered as one the law does not
// cover (not a California resident, not a customer, a request outside the
// law), and whether it was: answered, with an outcome "not-covered: …".
// Such a request is neither complied with nor denied. Like complied, it
// is counted in the group of the case's kind, requests or not.
func notCovered(c cases.Case) (string, bool) {
	class, reason := cases.Classify(c.Kind, c.Outcome)
	if !isAnswered(c) || class != cases.ClassNotCovered {
		return "", false
	}
	if reason == "" {
		reason = ReasonNoneGiven
	}
	return reason, true
}

// repeat: answered, and the outcome is "repeat" (california-repeat sent).
func repeat(c cases.Case) bool {
	return isAnswered(c) && c.Outcome == cases.OutcomeRepeat
}

// denialReason is why a request was denied, and whether it was: a request
// in state dismissed (the reason staff gave, after "dismissed: "), a
// repeat, or one staff answered with a denial or closed as denied (a
// privacy request): "denied: " and the reason. Cases that are not
// requests are never denied.
func denialReason(c cases.Case) (string, bool) {
	if !isRequest(c) {
		return "", false
	}
	if class, reason := cases.Classify(c.Kind, c.Outcome); class == cases.ClassDenied && isAnswered(c) && c.State != cases.Dismissed {
		if reason == "" {
			reason = ReasonNoneGiven
		}
		return reason, true
	}
	if c.State == cases.Dismissed {
		reason := strings.TrimSpace(strings.TrimPrefix(string(c.Outcome), string(cases.OutcomeDismissed)+":"))
		if reason == "" {
			reason = ReasonNoneGiven
		}
		return reason, true
	}
	if repeat(c) {
		return ReasonRepeat, true
	}
	return "", false
}

// incomplete: a california case that was sent california-incomplete (a reply
// in state sent, or for a letter posted) and was never complied with nor
// answered as a repeat.
func incomplete(c cases.Case) bool {
	if c.Kind != cases.California || complied(c) || repeat(c) {
		return false
	}
	r := c.Reply(cases.TemplateIncomplete)
	return r != nil && r.State.Delivered()
}

// reviewed: the case went through staff review at some time: it is in
// review now, or one of its messages was sent to review, or a reply failed
// or was never confirmed (which sends the case to review), or anyone but
// the daemon acted on it.
func reviewed(c cases.Case) bool {
	if c.State == cases.Review {
		return true
	}
	for _, m := range c.Messages {
		if m.Action == "review" {
			return true
		}
	}
	for _, r := range c.Replies {
		if r.State == cases.ReplyFailed || r.State == cases.ReplyUnknown {
			return true
		}
	}
	for _, e := range c.History {
		if e.Actor != cases.ActorDaemon {
			return true
		}
	}
	return false
}

// overdue: answered after Due; or not answered, open at now, and now is
// after Due. An answered case is judged by its answer alone, so one
// reopened after a timely answer is not overdue. A case without a due date
// is never overdue.
func overdue(c cases.Case, now time.Time) bool {
	switch {
	case c.Due.IsZero():
		return false
	case isAnswered(c):
		return c.Answered.After(c.Due)
	}
	return c.State.Open() && now.After(c.Due)
}

// withinDeadline is whether an answered case was answered by its due date
// (Answered <= Due); nil when it was not answered or has no due date.
func withinDeadline(c cases.Case) *bool {
	if !isAnswered(c) || c.Due.IsZero() {
		return nil
	}
	ok := !c.Answered.After(c.Due)
	return &ok
}

// daysToAnswer is the number of calendar days, in the company's zone, from
// the day of receipt (day 0) to the day of the answer; nil when not
// answered. An answer on the due date of a 30-day request counts 30.
func daysToAnswer(c cases.Case, loc *time.Location) *int {
	if !isAnswered(c) {
		return nil
	}
	n := cases.CalendarDays(c.Received.In(loc), c.Answered.In(loc))
	return &n
}

package report

import (
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// pacific is the company's zone in every test.
func pacific(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatalf("load zone: %v", err)
	}
	return loc
}

// at is a wall-clock time in loc, written "2006-01-02 15:04".
func at(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatalf("parse time %q: %v", s, err)
	}
	return v
}

// caseBuilder makes fixture cases in one zone.
type caseBuilder struct {
	t   testing.TB
	loc *time.Location
}

// request is a case received at when, due after days, with the daemon's
// decision on its first message.
func (b caseBuilder) request(id string, kind cases.Kind, channel, when string, action string) cases.Case {
	received := at(b.t, b.loc, when)
	days := cases.CaliforniaDays
	c := cases.Case{ID: id, Kind: kind, Channel: channel, State: cases.Review,
		Received: received, Year: received.In(b.loc).Year(), Due: cases.Due(received, days, b.loc)}
	if channel == "letter" {
		c.Log(received, "clerk", "entered letter", "")
		return c
	}
	c.Messages = []cases.Message{{Key: id + "-m1", Received: received, Action: action}}
	c.Log(received, cases.ActorDaemon, "decided", string(kind)+" "+action)
	return c
}

// sent records a reply sent at when; an answer sets Answered and Outcome.
func (b caseBuilder) sent(c cases.Case, template cases.Template, when, actor string) cases.Case {
	sentAt := at(b.t, b.loc, when)
	c.Replies = append(c.Replies, cases.Reply{Template: template, State: cases.ReplySent, Actor: actor, PlannedAt: sentAt, SentAt: sentAt})
	answer, _ := cases.AnswerOf(template)
	outcome := answer.Outcome
	c.State = answer.State
	if outcome != "" {
		c.Outcome, c.Answered = outcome, sentAt
	}
	c.Log(sentAt, cases.ActorDaemon, "reply sent", string(template))
	return c
}

// written records a reply staff wrote, sent at when, with the outcome
// they gave it.
func (b caseBuilder) written(c cases.Case, outcome cases.Outcome, when string) cases.Case {
	c = b.staff(c, "approved", when)
	sentAt := at(b.t, b.loc, when)
	c.Replies = append(c.Replies, cases.Reply{Template: cases.TemplateStaffReply, State: cases.ReplySent, Actor: "alice", PlannedAt: sentAt, SentAt: sentAt, Answer: true})
	c.State, c.Outcome, c.Answered = cases.Answered, outcome, sentAt
	return c
}

// staff records an action by a person at when.
func (b caseBuilder) staff(c cases.Case, action, when string) cases.Case {
	c.Log(at(b.t, b.loc, when), "alice", action, "")
	return c
}

// dismiss closes c by staff with reason.
func (b caseBuilder) dismiss(c cases.Case, reason, when string) cases.Case {
	c.State, c.Outcome = cases.Dismissed, cases.Outcome("dismissed: "+reason)
	return b.staff(c, "dismissed", when)
}

// privacy is a privacy request received at when, in review, due by its law.
func (b caseBuilder) privacy(id, law string, rights []string, when string) cases.Case {
	c := b.request(id, cases.Privacy, "email", when, "review")
	c.Law, c.Rights, c.Reasons = law, rights, []cases.Reason{cases.ReasonPrivacyRequest}
	c.Due = cases.PrivacyDue(c.Received, law, b.loc)
	return c
}

// closed records staff closing a privacy case at when with an outcome
// ("denied: reason" for a denial).
func (b caseBuilder) closed(c cases.Case, outcome cases.Outcome, when string) cases.Case {
	c.State, c.Outcome, c.Answered, c.Reasons = cases.Done, outcome, at(b.t, b.loc, when), nil
	return b.staff(c, "closed", when)
}

// fixtureNow is when the March 2025 fixture report is made.
const fixtureNow = "2025-04-10 09:00"

// marchCases is a month of case histories covering every state, outcome,
// kind and channel, and privacy requests under each law, with cases
// either side of the month's edges.
func marchCases(t testing.TB) []cases.Case {
	b := caseBuilder{t, pacific(t)}
	cal, coppa := cases.California, cases.Coppa
	reopened := b.sent(b.request("2025-0017", cal, "email", "2025-03-20 08:15", "reply"), "california-disclosure", "2025-03-20 08:16", "daemon")
	reopened.State = cases.Review
	reopened = b.staff(reopened, "reopened", "2025-03-25 10:00")
	return []cases.Case{
		// 00:30 on the 1st: in March; answered two days late.
		b.sent(b.staff(b.request("2025-0002", cal, "email", "2025-03-01 00:30", "review"), "approved", "2025-04-02 09:00"), "california-disclosure", "2025-04-02 09:01", "alice"),
		b.sent(b.request("2025-0001", cal, "email", "2025-03-03 10:00", "reply"), "california-disclosure", "2025-03-10 11:00", "daemon"),
		b.sent(b.staff(b.request("2025-0003", cal, "letter", "2025-03-05 09:00", ""), "approved", "2025-03-20 15:00"), "california-disclosure", "2025-03-20 15:00", "alice"),
		b.sent(b.request("2025-0004", cal, "email", "2025-03-06 13:20", "reply"), "california-repeat", "2025-03-06 13:21", "daemon"),
		// incomplete, still waiting at the time of the report: overdue and open.
		b.sent(b.request("2025-0005", cal, "email", "2025-03-07 16:45", "reply"), "california-incomplete", "2025-03-07 16:46", "daemon"),
		b.dismiss(b.request("2025-0006", cal, "email", "2025-03-08 10:10", "review"), "not-california", "2025-03-11 09:30"),
		b.dismiss(b.sent(b.request("2025-0007", cal, "email", "2025-03-10 07:00", "reply"), "california-incomplete", "2025-03-10 07:01", "daemon"), "no reply from the requester", "2025-04-09 17:00"),
		// answered one minute before the end of the 30th day: in time.
		b.sent(b.request("2025-0010", cal, "email", "2025-03-10 14:00", "reply"), "california-disclosure", "2025-04-09 23:59", "daemon"),
		b.sent(b.request("2025-0008", coppa, "email", "2025-03-12 12:00", "reply"), "coppa-received", "2025-03-12 12:01", "daemon"),
		b.sent(b.staff(b.request("2025-0009", coppa, "letter", "2025-03-14 11:00", ""), "marked done", "2025-03-28 10:00"), "coppa-completed", "2025-03-28 10:00", "alice"),
		b.dismiss(b.sent(b.request("2025-0011", coppa, "email", "2025-03-17 19:30", "reply"), "coppa-received", "2025-03-17 19:31", "daemon"), "could not verify the parent", "2025-03-31 12:00"),
		b.request("2025-0012", cases.Other, "email", "2025-03-18 08:00", "review"),
		b.dismiss(b.request("2025-0013", cases.Automated, "email", "2025-03-19 02:00", "review"), "auto-reply, not a request", "2025-03-19 09:00"),
		reopened,
		// answered by staff: not covered (Nevada), and in their own words,
		// complied and denied.
		b.sent(b.staff(b.request("2025-0024", cal, "email", "2025-03-21 10:00", "review"), "approved", "2025-03-22 10:00"), "decline-not-california", "2025-03-22 10:01", "alice"),
		b.written(b.request("2025-0025", cases.Other, "email", "2025-03-21 11:00", "review"), "complied", "2025-03-23 09:00"),
		b.written(b.request("2025-0026", cal, "email", "2025-03-21 12:00", "review"), "denied: identity not verified", "2025-03-24 09:00"),
		// Privacy requests: answered in time, denied, open past the month's
		// due date, answered two days late, open and not yet due, and one
		// staff found was not a request.
		b.closed(b.privacy("2025-0018", cases.LawGDPR, []string{"access"}, "2025-03-04 09:00"), "complied", "2025-03-20 11:00"),
		b.closed(b.privacy("2025-0019", cases.LawUSState, []string{"deletion", "opt-out"}, "2025-03-12 10:00"), "denied: identity not verified", "2025-04-01 15:00"),
		b.privacy("2025-0020", cases.LawUnknown, []string{"access"}, "2025-03-05 08:00"),
		b.closed(b.privacy("2025-0021", cases.LawGDPR, []string{"deletion"}, "2025-03-06 12:00"), "partly-complied", "2025-04-08 10:00"),
		b.privacy("2025-0022", cases.LawGDPR, nil, "2025-03-28 16:00"),
		b.dismiss(b.request("2025-0023", cases.Other, "email", "2025-03-21 09:30", "review"), "not a request", "2025-03-24 10:00"),
		// 23:30 Pacific on the 31st (06:30 UTC on 1 April): in March.
		b.request("2025-0014", cal, "email", "2025-03-31 23:30", "review"),
		// 00:30 on 1 April and 23:30 on 28 February: not in March.
		b.request("2025-0015", cal, "email", "2025-04-01 00:30", "review"),
		b.request("2025-0016", cal, "email", "2025-02-28 23:30", "review"),
	}
}

package report

import (
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// caseAt is a california email case received at 10:00 on 3 March 2025
// (Pacific), due 2 April, changed by edit.
func caseAt(t *testing.T, edit func(c *cases.Case)) cases.Case {
	t.Helper()
	loc := pacific(t)
	received := at(t, loc, "2025-03-03 10:00")
	c := cases.Case{ID: "C", Kind: cases.California, Channel: "email", State: cases.Review,
		Received: received, Due: cases.Due(received, cases.CaliforniaDays, loc)}
	edit(&c)
	return c
}

func TestDefinitions(t *testing.T) {
	loc := pacific(t)
	now := at(t, loc, "2025-04-10 09:00")
	answered := at(t, loc, "2025-03-10 11:00")
	late := at(t, loc, "2025-04-03 00:00")
	sentIncomplete := cases.Reply{Template: "california-incomplete", State: cases.ReplySent}
	tests := []struct {
		name string
		edit func(c *cases.Case)
		want markSet
	}{
		{"disclosure sent: complied", func(c *cases.Case) {
			c.State, c.Outcome, c.Answered = cases.Answered, "disclosure", answered
		}, markSet{Complied: true}},
		{"disclosure decided, not yet sent: not complied", func(c *cases.Case) {
			c.State, c.Outcome = cases.Answered, "disclosure"
		}, markSet{}},
		{"coppa completed: complied and done", func(c *cases.Case) {
			c.Kind, c.State, c.Outcome, c.Answered = cases.Coppa, cases.Done, "completed", answered
		}, markSet{Complied: true, Done: true}},
		{"repeat sent: repeat and denied", func(c *cases.Case) {
			c.State, c.Outcome, c.Answered = cases.Answered, "repeat", answered
		}, markSet{Repeat: true, Denied: true, DenialReason: ReasonRepeat}},
		{"dismissed by staff: denied with the reason", func(c *cases.Case) {
			c.State, c.Outcome = cases.Dismissed, "dismissed: not-california"
			c.Log(answered, "alice", "dismissed", "not-california")
		}, markSet{Denied: true, DenialReason: "not-california", Dismissed: true, Reviewed: true}},
		{"dismissed without a reason", func(c *cases.Case) {
			c.State, c.Outcome = cases.Dismissed, "dismissed: "
		}, markSet{Denied: true, DenialReason: ReasonNoneGiven, Dismissed: true}},
		{"other kind dismissed: not denied", func(c *cases.Case) {
			c.Kind, c.State, c.Outcome = cases.Other, cases.Dismissed, "dismissed: spam"
		}, markSet{Dismissed: true}},
		{"incomplete sent, waiting, past due: incomplete, open, overdue", func(c *cases.Case) {
			c.State, c.Replies = cases.AwaitingRequester, []cases.Reply{sentIncomplete}
		}, markSet{Incomplete: true, Open: true, Overdue: true}},
		{"incomplete planned, not sent: not incomplete", func(c *cases.Case) {
			c.State = cases.AwaitingRequester
			c.Replies = []cases.Reply{{Template: "california-incomplete", State: cases.ReplyPlanned}}
		}, markSet{Open: true, Overdue: true}},
		{"incomplete then completed and answered: not incomplete", func(c *cases.Case) {
			c.State, c.Outcome, c.Answered = cases.Answered, "disclosure", answered
			c.Replies = []cases.Reply{sentIncomplete}
		}, markSet{Complied: true}},
		{"incomplete then dismissed: incomplete and denied", func(c *cases.Case) {
			c.State, c.Outcome = cases.Dismissed, "dismissed: no reply"
			c.Replies = []cases.Reply{sentIncomplete}
		}, markSet{Incomplete: true, Denied: true, DenialReason: "no reply", Dismissed: true}},
		{"in review now: reviewed, open, overdue", func(c *cases.Case) {}, markSet{Reviewed: true, Open: true, Overdue: true}},
		{"message sent to review once: reviewed", func(c *cases.Case) {
			c.State, c.Outcome, c.Answered = cases.Answered, "disclosure", answered
			c.Messages = []cases.Message{{Action: "reply"}, {Action: "review"}}
		}, markSet{Complied: true, Reviewed: true}},
		{"reply failed once: reviewed", func(c *cases.Case) {
			c.State = cases.AwaitingRequester
			c.Replies = []cases.Reply{{Template: "california-incomplete", State: cases.ReplyFailed}}
		}, markSet{Reviewed: true, Open: true, Overdue: true}},
		{"only the daemon acted: not reviewed", func(c *cases.Case) {
			c.State, c.Outcome, c.Answered = cases.Answered, "disclosure", answered
			c.Log(answered, cases.ActorDaemon, "reply sent", "")
		}, markSet{Complied: true}},
		{"answered after due: overdue though closed", func(c *cases.Case) {
			c.State, c.Outcome, c.Answered = cases.Answered, "disclosure", late
		}, markSet{Complied: true, Overdue: true}},
		{"awaiting staff before due: open, not overdue", func(c *cases.Case) {
			c.Kind, c.State = cases.Coppa, cases.AwaitingStaff
			c.Due = at(t, loc, "2025-04-11 23:59")
		}, markSet{Open: true}},
		{"no due date: never overdue", func(c *cases.Case) {
			c.State, c.Due = cases.AwaitingStaff, time.Time{}
		}, markSet{Open: true}},
		{"reopened after the answer: complied and open", func(c *cases.Case) {
			c.State, c.Outcome, c.Answered = cases.Review, "disclosure", answered
		}, markSet{Complied: true, Reviewed: true, Open: true}},
		{"reopened after a late answer: overdue", func(c *cases.Case) {
			c.State, c.Outcome, c.Answered = cases.Review, "disclosure", late
		}, markSet{Complied: true, Reviewed: true, Open: true, Overdue: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := marksOf(lineOf(caseAt(t, tc.edit), loc, now))
			if got != tc.want {
				t.Errorf("lineOf(case) marks = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// markSet is the marks and the denial reason of a line.
type markSet struct {
	Reviewed, Complied, Denied bool
	DenialReason               string
	Incomplete, Repeat         bool
	Dismissed, Done, Open      bool
	Overdue                    bool
}

// marksOf keeps the marks and the denial reason of a line.
func marksOf(l Line) markSet {
	return markSet{Reviewed: l.Reviewed, Complied: l.Complied, Denied: l.Denied, DenialReason: l.DenialReason,
		Incomplete: l.Incomplete, Repeat: l.Repeat, Dismissed: l.Dismissed, Done: l.Done, Open: l.Open, Overdue: l.Overdue}
}

func TestDaysAndDeadline(t *testing.T) {
	loc := pacific(t)
	tests := []struct {
		name, received, answered string
		wantDays                 int
		wantWithin, wantOverdue  bool
	}{
		{"same day", "2025-03-03 10:00", "2025-03-03 18:00", 0, true, false},
		{"next morning, under 24 hours", "2025-03-03 22:00", "2025-03-04 08:00", 1, true, false},
		{"across the change to daylight time", "2025-03-08 10:00", "2025-03-10 09:00", 2, true, false},
		{"30th day at 23:59: within", "2025-03-03 10:00", "2025-04-02 23:59", 30, true, false},
		{"31st day at 00:00: late", "2025-03-03 10:00", "2025-04-03 00:00", 31, false, true},
		{"received 23:59, answered on the 30th day", "2025-03-03 23:59", "2025-04-02 23:00", 30, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			received := at(t, loc, tc.received)
			c := cases.Case{Kind: cases.California, State: cases.Answered, Outcome: "disclosure",
				Received: received, Due: cases.Due(received, cases.CaliforniaDays, loc), Answered: at(t, loc, tc.answered)}
			l := lineOf(c, loc, at(t, loc, "2025-06-01 00:00"))
			if l.Days == nil || *l.Days != tc.wantDays {
				t.Errorf("days from %s to %s = %v, want %d", tc.received, tc.answered, show(ptrFloat(l.Days)), tc.wantDays)
			}
			if l.WithinDeadline == nil || *l.WithinDeadline != tc.wantWithin {
				t.Errorf("within deadline (due %s) = %v, want %v", c.Due.In(loc), l.WithinDeadline, tc.wantWithin)
			}
			if l.Overdue != tc.wantOverdue {
				t.Errorf("overdue = %v, want %v", l.Overdue, tc.wantOverdue)
			}
		})
	}
}

// ptrFloat turns a *int into a *float64 for messages.
func ptrFloat(n *int) *float64 {
	if n == nil {
		return nil
	}
	return ptr(float64(*n))
}

func TestNotAnsweredHasNoDaysNorDeadline(t *testing.T) {
	l := lineOf(caseAt(t, func(c *cases.Case) { c.State = cases.AwaitingStaff }), pacific(t), time.Now())
	if l.Answered != nil || l.Days != nil || l.WithinDeadline != nil {
		t.Errorf("lineOf(open case) = answered %v, days %v, within %v; want all nil", l.Answered, l.Days, l.WithinDeadline)
	}
}

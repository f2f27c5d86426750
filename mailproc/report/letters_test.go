package report

import (
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// letterCase is a california case entered from a letter received on
// 2 March 2026, as the daemon keeps it: the answer waits to be posted
// (posted zero) or was posted on a day.
func letterCase(t *testing.T, id string, template cases.Template, posted time.Time) cases.Case {
	loc := pacific(t)
	received := at(t, loc, "2026-03-02 00:00")
	c := cases.Case{ID: id, Kind: cases.California, Channel: cases.ChannelLetter, State: cases.AwaitingStaff,
		Received: received, Year: 2026, Due: cases.Due(received, cases.CaliforniaDays, loc)}
	c.Log(received, "alice", cases.ActionLetterEntered, "")
	r := cases.Reply{Template: template, State: cases.ReplyToPost, Actor: cases.ActorDaemon, PlannedAt: received}
	if template == "california-disclosure" {
		c.Outcome = "disclosure"
	}
	if !posted.IsZero() {
		r.State, r.SentAt = cases.ReplyPosted, posted
		c.State = cases.Answered
		if template == "california-incomplete" {
			c.State = cases.AwaitingRequester
		} else {
			c.Answered = posted
		}
	}
	c.Replies = []cases.Reply{r}
	return c
}

// TestLetterCounts: a letter counts as answered on the day it was posted,
// and not before; one printed and not posted past its due date is open
// and overdue; a posted incomplete notice counts as incomplete (and, still
// waiting for the requester past the due date, overdue). Letters
// and emails are counted apart and together.
func TestLetterCounts(t *testing.T) {
	loc := pacific(t)
	now := at(t, loc, "2026-04-20 12:00")
	email := cases.Case{ID: "E", Kind: cases.California, Channel: cases.ChannelEmail, State: cases.Answered, Outcome: "disclosure",
		Received: at(t, loc, "2026-03-03 09:00"), Answered: at(t, loc, "2026-03-03 09:01")}
	email.Due = cases.Due(email.Received, cases.CaliforniaDays, loc)
	all := []cases.Case{
		letterCase(t, "L1", "california-disclosure", at(t, loc, "2026-03-12 00:00")),
		letterCase(t, "L2", "california-disclosure", time.Time{}),
		letterCase(t, "L3", "california-incomplete", at(t, loc, "2026-03-05 00:00")),
		email,
	}
	r := Build(all, 2026, time.March, loc, now, "Cooper")
	tests := []struct {
		channel, metric string
		want            float64
	}{
		{ChannelLetter, "received", 3},
		{ChannelLetter, "answered", 1},
		{ChannelLetter, "complied", 1},
		{ChannelLetter, "incomplete", 1},
		{ChannelLetter, "open", 2},
		{ChannelLetter, "overdue", 2}, // L2 not posted; L3 still awaits the requester
		{ChannelLetter, "days_mean", 10},
		{ChannelLetter, "answered_within_deadline", 1},
		{ChannelEmail, "received", 1},
		{ChannelEmail, "answered", 1},
		{ChannelEmail, "days_mean", 0},
		{ChannelAll, "received", 4},
		{ChannelAll, "answered", 2},
		{ChannelAll, "open", 2},
	}
	for _, tc := range tests {
		t.Run(tc.channel+"/"+tc.metric, func(t *testing.T) {
			if got, ok := metricOf(t, r, GroupCalifornia, tc.channel, tc.metric); !ok || got != tc.want {
				t.Errorf("california/%s/%s = %v (defined %v), want %v", tc.channel, tc.metric, got, ok, tc.want)
			}
		})
	}
	for _, l := range r.Cases {
		if l.ID == "L1" && (l.Answered == nil || l.Answered.Format(time.DateOnly) != "2026-03-12" || *l.Days != 10) {
			t.Errorf("line L1 answered %v after %v days, want 2026-03-12 after 10", l.Answered, l.Days)
		}
	}
}

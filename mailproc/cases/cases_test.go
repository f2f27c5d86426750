package cases

import (
	"testing"
	"time"
)

func TestDue(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		received time.Time
		days     int
		want     string
	}{
		{"ordinary", time.Date(2025, 3, 3, 9, 14, 0, 0, la), 30, "2025-04-02 23:59:59"},
		{"received 30 Jan Pacific, 31 Jan UTC", time.Date(2025, 1, 31, 7, 30, 0, 0, time.UTC), 30, "2025-03-01 23:59:59"},
		{"across DST", time.Date(2025, 3, 1, 12, 0, 0, 0, la), 30, "2025-03-31 23:59:59"},
		{"year end", time.Date(2025, 12, 31, 23, 30, 0, 0, la), 30, "2026-01-30 23:59:59"},
		{"coppa 45", time.Date(2025, 6, 1, 0, 0, 0, 0, la), 45, "2025-07-16 23:59:59"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Due(tt.received, tt.days, la).Format("2006-01-02 15:04:05")
			if got != tt.want {
				t.Errorf("Due(%v, %d) = %s, want %s", tt.received, tt.days, got, tt.want)
			}
		})
	}
}

// TestDueDateOfEachKind: each kind's row gives its due date: california
// 30 days, coppa the configured target (30 without one), other mail 30
// days, a privacy request by its law, machine mail none.
func TestDueDateOfEachKind(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	received := time.Date(2025, 3, 3, 9, 14, 0, 0, la)
	for _, tt := range []struct {
		kind Kind
		law  string
		days int
		want string
	}{
		{California, "", 0, "2025-04-02"},
		{Coppa, "", 0, "2025-04-02"},
		{Coppa, "", 45, "2025-04-17"},
		{Other, "", 0, "2025-04-02"},
		{"unknown-kind", "", 0, "2025-04-02"},
		{Privacy, LawGDPR, 0, "2025-04-03"},
		{Privacy, LawUSState, 0, "2025-04-17"},
		{Automated, "", 0, "none"},
	} {
		due := KindOf(tt.kind).DueDate(received, tt.law, tt.days, la)
		got := "none"
		if !due.IsZero() {
			got = due.Format(time.DateOnly)
		}
		if got != tt.want {
			t.Errorf("KindOf(%s).DueDate(%s, %d days) = %s, want %s", tt.kind, tt.law, tt.days, got, tt.want)
		}
	}
}

// TestCalendarDays: days between the dates as each reads in its zone,
// across a change of daylight saving time and a year's end.
func TestCalendarDays(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		from, to time.Time
		want     int
	}{
		{time.Date(2025, 3, 3, 23, 59, 0, 0, la), time.Date(2025, 3, 4, 0, 1, 0, 0, la), 1},
		{time.Date(2025, 3, 8, 12, 0, 0, 0, la), time.Date(2025, 3, 10, 1, 0, 0, 0, la), 2},
		{time.Date(2025, 12, 31, 23, 0, 0, 0, la), time.Date(2026, 1, 30, 8, 0, 0, 0, la), 30},
		{time.Date(2025, 4, 2, 0, 0, 0, 0, la), time.Date(2025, 3, 31, 23, 0, 0, 0, la), -2},
		{time.Date(2025, 4, 2, 8, 0, 0, 0, la), time.Date(2025, 4, 2, 20, 0, 0, 0, la), 0},
	} {
		if got := CalendarDays(tt.from, tt.to); got != tt.want {
			t.Errorf("CalendarDays(%v, %v) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestYearAcrossNewYear(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	before := time.Date(2025, 12, 31, 23, 30, 0, 0, la)
	after := time.Date(2026, 1, 1, 0, 30, 0, 0, la)
	if Year(before, la) != 2025 || Year(after, la) != 2026 {
		t.Errorf("Year = %d, %d; want 2025, 2026", Year(before, la), Year(after, la))
	}
	// In UTC both are in 2026: the company's zone decides.
	if Year(before.UTC(), la) != 2025 {
		t.Errorf("Year(UTC instant) = %d, want 2025", Year(before.UTC(), la))
	}
}

func TestPendingWork(t *testing.T) {
	c := Case{Messages: []Message{{Moved: true}}, Replies: []Reply{{State: ReplySent, InSent: false}}}
	if !c.PendingWork() {
		t.Error("PendingWork = false for a reply not yet in Sent, want true")
	}
	c.Replies[0].InSent = true
	if c.PendingWork() {
		t.Error("PendingWork = true with everything settled, want false")
	}
	c.Replies[0].State = ReplyPlanned
	if !c.PendingWork() {
		t.Error("PendingWork = false with a planned reply, want true")
	}
	c.Replies[0].State = ReplyUnknown
	c.Messages[0].Moved = false
	if !c.PendingWork() {
		t.Error("PendingWork = false with a message not moved, want true")
	}
}

func TestErase(t *testing.T) {
	at := time.Date(2028, 4, 1, 0, 0, 0, 0, time.UTC)
	c := Case{ID: "C-2026-0001", Kind: California, State: Answered, Outcome: "disclosure", Email: "ada@example.com",
		Fields:   Fields{Name: "Ada", Street: "1 Oak St", City: "Fresno", State: "CA", ZIP: "93704"},
		Messages: []Message{{Key: "mid:a@x", MessageID: "a@x", From: "Ada <ada@example.com>", Subject: "s", Text: "t", Action: "reply"}},
		Replies:  []Reply{{Template: "california-disclosure", To: "ada@example.com", State: ReplySent}},
		History:  []Event{{Actor: "alice", Action: "approved", Detail: "for Ada"}}}
	c.Erase(at)
	if c.Email != "" || c.Fields != (Fields{}) || c.Messages[0].Text != "" || c.Messages[0].From != "" ||
		c.Replies[0].To != "" || c.History[0].Detail != "" || !c.Erased {
		t.Errorf("Erase left personal data: %+v", c)
	}
	if c.Kind != California || c.State != Answered || c.Outcome != "disclosure" || c.Messages[0].Action != "reply" ||
		c.Replies[0].Template != "california-disclosure" || c.History[0].Actor != "alice" {
		t.Errorf("Erase removed what reports count: %+v", c)
	}
}

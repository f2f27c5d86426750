package cases

import (
	"testing"
	"time"
)

// TestPrivacyDue: one month under the GDPR and when no law is named (the
// same day next month, or that month's last day), 45 days under a US state
// law, to the last second of the day in the company's zone.
func TestPrivacyDue(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		received time.Time
		law      string
		loc      *time.Location
		want     string
	}{
		{"gdpr, same day next month", time.Date(2026, 3, 4, 10, 0, 0, 0, la), LawGDPR, la, "2026-04-04 23:59:59 PDT"},
		{"31 January, no 31 February", time.Date(2026, 1, 31, 9, 0, 0, 0, la), LawGDPR, la, "2026-02-28 23:59:59 PST"},
		{"31 January of a leap year", time.Date(2028, 1, 31, 9, 0, 0, 0, la), LawGDPR, la, "2028-02-29 23:59:59 PST"},
		{"30 January of a leap year", time.Date(2028, 1, 30, 9, 0, 0, 0, la), LawUnknown, la, "2028-02-29 23:59:59 PST"},
		{"29 February to 29 March", time.Date(2028, 2, 29, 9, 0, 0, 0, la), LawGDPR, la, "2028-03-29 23:59:59 PDT"},
		{"31 March to 30 April", time.Date(2026, 3, 31, 9, 0, 0, 0, la), LawUnknown, la, "2026-04-30 23:59:59 PDT"},
		{"December to January", time.Date(2025, 12, 31, 9, 0, 0, 0, la), LawGDPR, la, "2026-01-31 23:59:59 PST"},
		{"received in UTC, read in LA: still the 31st there",
			time.Date(2026, 2, 1, 3, 0, 0, 0, time.UTC), LawGDPR, la, "2026-02-28 23:59:59 PST"},
		{"the same moment read in Berlin is 1 February",
			time.Date(2026, 2, 1, 3, 0, 0, 0, time.UTC), LawGDPR, berlin, "2026-03-01 23:59:59 CET"},
		{"us-state, 45 days from the day after", time.Date(2026, 3, 3, 10, 0, 0, 0, la), LawUSState, la, "2026-04-17 23:59:59 PDT"},
		{"us-state across New Year", time.Date(2025, 12, 31, 23, 30, 0, 0, la), LawUSState, la, "2026-02-14 23:59:59 PST"},
		{"unknown law: one month", time.Date(2026, 5, 15, 0, 0, 0, 0, la), LawUnknown, la, "2026-06-15 23:59:59 PDT"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := PrivacyDue(tt.received, tt.law, tt.loc).Format("2006-01-02 15:04:05 MST")
			if got != tt.want {
				t.Errorf("PrivacyDue(%s, %s) = %s, want %s", tt.received, tt.law, got, tt.want)
			}
		})
	}
}

func TestPrivacyWords(t *testing.T) {
	loc := time.UTC
	for _, tt := range []struct {
		law    string
		rights []string
		want   string
	}{
		{LawGDPR, []string{"access"}, "GDPR access request, due 4 April"},
		{LawUSState, []string{"deletion", "opt-out"}, "US state law deletion and opt-out request, due 4 April"},
		{LawUnknown, []string{"access", "consent-withdrawal", "correction"}, "Privacy access, consent withdrawal and correction request (no law named), due 4 April"},
		{LawGDPR, nil, "GDPR request (right unclear), due 4 April"},
		{"", []string{"made-up"}, "Privacy request (right unclear), due 4 April"},
	} {
		if got := PrivacyDueWords(tt.law, tt.rights, time.Date(2026, 4, 4, 23, 59, 59, 0, loc), loc); got != tt.want {
			t.Errorf("PrivacyDueWords(%q, %v) = %q, want %q", tt.law, tt.rights, got, tt.want)
		}
	}
}

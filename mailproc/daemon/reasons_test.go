package daemon_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// TestEveryReviewReason delivers one message for each review reason the
// headers and the body decide, and checks each lands in Privacy/Review,
// \Flagged, on a case in review with that reason. (too-large, unparseable,
// delivery-*, rate-limited, automated and no-disclosure-data have tests of
// their own.)
func TestEveryReviewReason(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		w.cfg.Auth.TrustedAuthServIDs = []string{"mx.cooper.example"}
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
		at := now.Add(-time.Hour)
		tests := []struct {
			reason cases.Reason
			id     string
		}{
			{cases.ReasonAmbiguous, w.deliver(at, "A <a@example.com>", calSubject+" and COPPA Information Request", fullBody)},
			{cases.ReasonNearMiss, w.deliver(at, "B <b@example.com>", "Request for Califronia Privacy Information", fullBody)},
			{cases.ReasonNotCalifornia, w.deliver(at, "C <c@example.com>", calSubject, strings.Replace(fullBody, "State: CA", "State: NV", 1))},
			{cases.ReasonZIPMismatch, w.deliver(at, "D <d@example.com>", calSubject, strings.Replace(fullBody, "93704", "10001", 1))},
			{cases.ReasonDMARCFail, w.deliver(at, "E <e@example.com>", calSubject, fullBody,
				"Authentication-Results: mx.cooper.example; dmarc=fail (p=reject) header.from=example.com")},
			{cases.ReasonNoReplyAddress, w.deliver(at, w.smtp.From, calSubject, fullBody)},
		}
		w.runOnce(now)
		if n := len(w.smtp.Messages()); n != 0 {
			t.Errorf("%d replies sent, want none: every message is for staff", n)
		}
		review := w.folder("Privacy/Review")
		if len(review) != len(tests) {
			t.Errorf("Privacy/Review holds %d, want %d", len(review), len(tests))
		}
		for _, m := range review {
			if !hasFlag(m, `\Flagged`) {
				t.Errorf("review uid %d not \\Flagged", m.UID)
			}
		}
		for _, tt := range tests {
			c := w.caseOf(tt.id)
			if c.State != cases.Review || !slices.Contains(c.Reasons, tt.reason) {
				t.Errorf("%s: case %s is %s %v, want review with %s", tt.reason, c.ID, c.State, c.Reasons, tt.reason)
			}
		}
	})
}

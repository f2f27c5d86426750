package daemon_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// TestStaffActions works a review queue as staff would: reclassify a near
// miss and approve it with corrected fields, dismiss another, mark a coppa
// case done, reopen; each action is in the history, its reply goes out,
// and the mail moves from Privacy/Review to Privacy/Processed unflagged.
func TestStaffActions(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
		near := w.deliver(now.Add(-3*time.Hour), "Ada Byron <ada@example.com>", "California privacy request", strings.Replace(fullBody, "ZIP code: 93704", "ZIP code: 9370", 1))
		spam := w.deliver(now.Add(-2*time.Hour), "Zed <zed@example.com>", "Shine the Light", "buy now")
		coppa := w.deliver(now.Add(-time.Hour), "Kim Lee <kim@example.com>", "COPPA Information Request", "Please delete my son's data.")
		w.runOnce(now)
		d := w.daemon(now.Add(time.Minute))
		nearID, spamID, coppaID := w.caseOf(near).ID, w.caseOf(spam).ID, w.caseOf(coppa).ID

		queue, err := d.List(control.Filter{State: cases.Review})
		if err != nil || len(queue) != 2 {
			t.Fatalf("review queue = %d cases, %v; want 2", len(queue), err)
		}
		if _, err := d.Approve(nearID, control.Approval{Act: control.Act{Actor: "alice"}, Template: "california-disclosure"}); !errors.Is(err, control.ErrInvalid) {
			t.Errorf("approve an 'other' case with a california answer = %v, want invalid (reclassify first)", err)
		}
		c, err := d.Reclassify(nearID, cases.California, control.Act{Actor: "alice"})
		if err != nil || c.Kind != cases.California || !slices.Equal(c.Missing, []string{"zip"}) {
			t.Fatalf("reclassify = %v, kind %s missing %v; want california missing zip (9370 is no ZIP)", err, c.Kind, c.Missing)
		}
		fixed := c.Fields
		fixed.ZIP = "93704"
		p, err := d.Preview(nearID, control.Draft{Template: "california-disclosure", Fields: &fixed})
		if err != nil || !strings.Contains(p.Text, "Acme Catalogs") || p.To != "ada@example.com" {
			t.Errorf("preview = %+v, %v; want the disclosure naming Acme Catalogs to ada@example.com", p, err)
		}
		if _, err := d.Approve(nearID, control.Approval{Act: control.Act{Actor: "alice", Note: "ZIP typo fixed"}, Template: "california-disclosure", Fields: &fixed}); err != nil {
			t.Fatalf("approve: %v", err)
		}
		if _, err := d.Dismiss(spamID, control.Act{Actor: "bob"}); !errors.Is(err, control.ErrInvalid) {
			t.Errorf("dismiss without a reason = %v, want invalid", err)
		}
		if _, err := d.Dismiss(spamID, control.Act{Actor: "bob", Reason: "spam"}); err != nil {
			t.Fatalf("dismiss: %v", err)
		}
		if _, err := d.Dismiss(spamID, control.Act{Actor: "bob", Reason: "again"}); !errors.Is(err, control.ErrRefused) {
			t.Errorf("dismiss a dismissed case = %v, want refused", err)
		}
		if _, err := d.Done(coppaID, control.Act{Actor: "carol", Message: "Deleted the account sam_l and its posts."}); err != nil {
			t.Fatalf("done: %v", err)
		}
		if _, err := d.Get("C-1999-0001"); !errors.Is(err, control.ErrNotFound) {
			t.Errorf("Get(unknown) = %v, want not found", err)
		}
		if _, err := d.Approve(nearID, control.Approval{Template: "california-disclosure"}); !errors.Is(err, control.ErrInvalid) {
			t.Errorf("approve with no actor = %v, want invalid", err)
		}
		w.runOnce(now.Add(2 * time.Minute))

		if got := w.templatesSent(); !slices.Equal(got, []string{"coppa-received kim@example.com", "california-disclosure ada@example.com", "coppa-completed kim@example.com"}) {
			t.Errorf("replies = %q", got)
		}
		if !strings.Contains(w.sent()[2].body, "Deleted the account sam_l") {
			t.Error("the completion notice lacks the staff's message")
		}
		if n := len(w.folder("Privacy/Review")); n != 0 {
			t.Errorf("Privacy/Review holds %d after the queue was cleared, want 0", n)
		}
		for _, m := range w.folder("Privacy/Processed") {
			if hasFlag(m, `\Flagged`) {
				t.Errorf("processed message uid %d still \\Flagged", m.UID)
			}
		}
		if c := w.caseOf(near); c.State != cases.Answered || c.Fields.ZIP != "93704" || !historyHas(c, "alice", "approved") {
			t.Errorf("approved case = %s %+v", c.State, c.Fields)
		}
		if c := w.caseOf(spam); c.State != cases.Dismissed || !historyHas(c, "bob", "dismissed") {
			t.Errorf("dismissed case = %s", c.State)
		}

		if _, err := d.Reopen(spamID, control.Act{Actor: "bob", Reason: "not spam after all"}); err != nil {
			t.Fatal(err)
		}
		w.runOnce(now.Add(3 * time.Minute))
		if review := w.folder("Privacy/Review"); len(review) != 1 || !hasFlag(review[0], `\Flagged`) {
			t.Errorf("after reopen Privacy/Review holds %d, want the reopened case's message, flagged", len(review))
		}
	})
}

func historyHas(c *cases.Case, actor, action string) bool {
	for _, e := range c.History {
		if e.Actor == actor && e.Action == action {
			return true
		}
	}
	return false
}

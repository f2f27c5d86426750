package daemon_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// TestFollowUpInTheSameBatch: a follow-up that names a request delivered
// just before it, both decided in one batch (one group of decisions),
// joins the case the request opened: its text alone (a ZIP code, no
// request subject or first line) would leave it unread in the inbox.
func TestFollowUpInTheSameBatch(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	req := w.deliver(now.Add(-2*time.Minute), "Bo Li <bo@example.com>", calSubject,
		"California Privacy Rights Request\nName: Bo Li\nStreet: 5 Elm St\nCity: Fresno\nState: CA\n")
	w.deliver(now.Add(-time.Minute), "Bo Li <bo@example.com>", "my zip", "ZIP: 93301\n",
		"In-Reply-To: <"+req+">", "References: <"+req+">")
	w.runOnce(now)
	c := w.caseOf(req)
	if len(c.Messages) != 2 || c.Fields.ZIP != "93301" || c.Fields.Name != "Bo Li" {
		t.Errorf("case %s has %d messages, fields %+v; want the follow-up merged, with name and ZIP", c.ID, len(c.Messages), c.Fields)
	}
	expectFolderEmpty(t, w, "INBOX")
	if got, want := w.templatesSent(), []string{"california-incomplete bo@example.com", "california-disclosure bo@example.com"}; !slices.Equal(got, want) {
		t.Errorf("replies = %q, want %q", got, want)
	}
}

// TestRateLimitsInOneGroup: five requests from one sender, after three
// from others, are decided in one batch and recorded in one group's
// transaction (the batch's groups hold 1, 2, then 4 decisions); the
// sender's first three are answered and the last two rate-limited, each
// decision counting the replies planned before it in the same
// transaction.
func TestRateLimitsInOneGroup(t *testing.T) {
	w := newWorld(t)
	w.cfg.Limits.RepliesPerSenderPerDay, w.cfg.Limits.RepliesPerHour = 3, 100
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	for i := range 3 {
		w.deliver(now.Add(-time.Duration(10-i)*time.Minute), fmt.Sprintf("Other %d <other%d@example.com>", i, i), coppaSubject, "Please delete my child's data.")
	}
	ids := make([]string, 5)
	for i := range ids {
		ids[i] = w.deliver(now.Add(-time.Duration(5-i)*time.Minute), "Parent <parent@example.com>", coppaSubject, "Please delete my child's data.")
	}
	w.runOnce(now)
	if n := len(w.smtp.Messages()); n != 6 {
		t.Errorf("replies = %d, want 6 (three to the others, three to the parent)", n)
	}
	for i, id := range ids {
		c := w.caseOf(id)
		limited := c.State == cases.Review && slices.Equal(c.Reasons, []cases.Reason{cases.ReasonRateLimited})
		if limited != (i >= 3) || len(c.Replies) != min(1, max(0, 3-i)) {
			t.Errorf("parent's request %d: case %s %v with %d replies, want rate-limited: %t", i, c.State, c.Reasons, len(c.Replies), i >= 3)
		}
	}
	expectFolderEmpty(t, w, "INBOX")
}

// TestLongMessageID: a Message-ID longer than the store takes as a key
// (bbolt's 32 KiB) is indexed by its hash: the request is answered like
// any other, the messages after it too, and a follow-up naming it in
// In-Reply-To joins its case. (Before, its group's transaction failed and
// it held back every message after it, cycle after cycle.)
func TestLongMessageID(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	w.deliver(now.Add(-3*time.Minute), "Kim <kim@example.com>", coppaSubject, "Please delete my child's data.")
	long := strings.Repeat("x", 40<<10) + "@example.com"
	raw := "From: Ann <ann@example.com>\r\nTo: privacy@cooper.example\r\nSubject: " + coppaSubject +
		"\r\nMessage-ID: <" + long + ">\r\nContent-Type: text/plain\r\n\r\nPlease delete my child's data.\r\n"
	if err := w.imap.Append("INBOX", []byte(raw), now.Add(-2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	w.deliver(now.Add(-time.Minute), "Lee <lee@example.com>", coppaSubject, "Please delete my child's data.")
	w.runOnce(now)
	want := []string{"coppa-received kim@example.com", "coppa-received ann@example.com", "coppa-received lee@example.com"}
	if got := w.templatesSent(); !slices.Equal(got, want) {
		t.Fatalf("replies = %q, want %q", got, want)
	}
	expectFolderEmpty(t, w, "INBOX")
	w.deliver(now.Add(time.Minute), "Ann <ann@example.com>", "more", "His username is sam_l.", "In-Reply-To: <"+long+">")
	w.runOnce(now.Add(time.Hour))
	if c := w.caseOf(long); len(c.Messages) != 2 {
		t.Errorf("the case of the long Message-ID has %d messages, want 2 (the follow-up joined)", len(c.Messages))
	}
}

// TestTwoFollowUpsInOneBatch: two follow-ups to one case in the same batch
// are decided in turn, the second on the case as the first left it (its
// answer planned), as when each was recorded before the next was read.
func TestTwoFollowUpsInOneBatch(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	req := w.deliver(now.Add(-time.Hour), "Bo Li <bo@example.com>", calSubject,
		"California Privacy Rights Request\nName: Bo Li\nStreet: 5 Elm St\nCity: Fresno\nState: CA\n")
	w.runOnce(now)
	for i := range 2 {
		w.deliver(now.Add(time.Duration(i+1)*time.Minute), "Bo Li <bo@example.com>", "my zip", "ZIP: 93301\n",
			"In-Reply-To: <"+req+">", "References: <"+req+">")
	}
	w.runOnce(now.Add(time.Hour))
	if got, want := w.templatesSent(), []string{"california-incomplete bo@example.com", "california-disclosure bo@example.com"}; !slices.Equal(got, want) {
		t.Errorf("replies = %q, want %q", got, want)
	}
	// Decided on the case as it was before the first follow-up, the second
	// would ask for the same answer again: already-replied.
	c := w.caseOf(req)
	if len(c.Messages) != 3 || !slices.Equal(c.Messages[2].Reasons, []cases.Reason{cases.ReasonFollowUp}) {
		t.Errorf("case %s %v with %d messages; want 3, the last to review as a follow-up", c.State, c.Reasons, len(c.Messages))
	}
}

package daemon_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// internalNote is what staff write for the history: it must never reach
// a requester.
const internalNote = "INTERNAL: parent verified by phone, 555-0100"

// twoCoppaCases delivers two coppa requests, lets the daemon acknowledge
// them, and returns their case IDs and a daemon for staff at now.
func twoCoppaCases(t *testing.T, w *world, now time.Time) (kim, pat string) {
	t.Helper()
	k := w.deliver(now.Add(-2*time.Hour), "Kim Lee <kim@example.com>", "COPPA Information Request", "Please delete my son's data.")
	p := w.deliver(now.Add(-time.Hour), "Pat Roe <pat@example.com>", "COPPA Information Request", "Please delete my daughter's data.")
	w.runOnce(now.Add(-time.Minute))
	return w.caseOf(k).ID, w.caseOf(p).ID
}

// TestInternalNoteNeverMailed: a note for the history, given when
// approving coppa-completed or marking a case done, stays in the history
// and out of every reply; the message for the requester is in the reply.
func TestInternalNoteNeverMailed(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, la)
	kim, pat := twoCoppaCases(t, w, now)
	d := w.daemon(now)
	if _, err := d.Approve(kim, control.Approval{Act: control.Act{Actor: "alice", Note: internalNote}, Template: "coppa-completed"}); err != nil {
		t.Fatal(err)
	}
	message := "We deleted the account sam_l and its posts."
	if _, err := d.Done(pat, control.Act{Actor: "carol", Note: internalNote, Message: message}); err != nil {
		t.Fatal(err)
	}
	w.runOnce(now.Add(time.Minute))
	sent := w.sent()
	if len(sent) != 4 {
		t.Fatalf("%d replies sent, want 4 (two received, two completed)", len(sent))
	}
	for _, s := range sent {
		if strings.Contains(s.body, "INTERNAL") || strings.Contains(s.body, "555-0100") {
			t.Errorf("the reply to %s carries the internal note:\n%s", s.to, s.body)
		}
	}
	if !strings.Contains(sent[3].body, "We deleted the account sam_l") {
		t.Errorf("the completion notice to pat lacks the message for the requester:\n%s", sent[3].body)
	}
	for _, id := range []string{kim, pat} {
		c, _ := d.Get(id)
		if !historyHasDetail(c, internalNote) {
			t.Errorf("case %s: the history lacks the note: %+v", id, c.History)
		}
	}
}

// TestPreviewIsTheReply: the preview of a reply with a message for the
// requester is the reply's bytes exactly, as the SMTP server receives
// them; a message for a template that has no place for one is refused.
func TestPreviewIsTheReply(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, la)
	_, pat := twoCoppaCases(t, w, now)
	d := w.daemon(now)
	message := "We deleted the account sam_l and its posts."
	p, err := d.Preview(pat, control.Draft{Template: "coppa-completed", Message: message})
	if err != nil || !strings.Contains(p.Text, message) || !strings.Contains(p.HTML, message) || p.Raw == "" {
		t.Fatalf("preview = %+v, %v; want the message in its text and HTML, and the raw message", p, err)
	}
	if _, err := d.Done(pat, control.Act{Actor: "carol", Note: internalNote, Message: message}); err != nil {
		t.Fatal(err)
	}
	w.runOnce(now.Add(time.Minute))
	msgs := w.smtp.Messages()
	if got := string(msgs[len(msgs)-1].Raw); got != p.Raw {
		t.Errorf("the reply sent differs from its preview:\nsent:\n%s\npreview:\n%s", got, p.Raw)
	}
	if _, err := d.Preview(pat, control.Draft{Template: "coppa-received", Message: "hello"}); !errors.Is(err, control.ErrInvalid) {
		t.Errorf("preview coppa-received with a message = %v, want invalid (it has no place for one)", err)
	}
}

// TestMessageWithoutPlaceRefused: a message for the requester with a
// template that would drop it is refused, not lost.
func TestMessageWithoutPlaceRefused(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, la)
	kim, _ := twoCoppaCases(t, w, now)
	d := w.daemon(now)
	_, err := d.Approve(kim, control.Approval{Act: control.Act{Actor: "alice", Message: "hello"}, Template: "coppa-received"})
	if !errors.Is(err, control.ErrInvalid) || !strings.Contains(err.Error(), "no place for a message") {
		t.Errorf("approve coppa-received with a message = %v, want refused", err)
	}
	if c, _ := d.Get(kim); len(c.Replies) != 1 {
		t.Errorf("the refused approval planned a reply: %+v", c.Replies)
	}
}

func historyHasDetail(c *cases.Case, text string) bool {
	for _, e := range c.History {
		if strings.Contains(e.Detail, text) {
			return true
		}
	}
	return false
}

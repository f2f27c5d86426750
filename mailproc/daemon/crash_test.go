package daemon_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/daemon"
)

// killed stands for the process dying at a failpoint.
type killed struct{}

// runUntilKilled runs the daemon with a failpoint that "kills" it (a panic
// caught here), and restarts the store from its files as they are then
// (world.restart): what the daemon's other lines did meanwhile stays, and
// what the killed one left in the store's journal is found there by the
// next open, as after a real SIGKILL (the outbox writes its journal in
// when it stops, but not when a panic stops it).
func runUntilKilled(t *testing.T, w *world, now time.Time, point string, opts ...func(*daemon.Options)) {
	t.Helper()
	d := w.daemon(now, append(opts, func(o *daemon.Options) {
		o.Failpoint = point
		o.Kill = func() { panic(killed{}) }
	})...)
	defer func() {
		if r := recover(); r == nil {
			t.Fatalf("failpoint %s was never reached", point)
		} else if _, ok := r.(killed); !ok {
			panic(r)
		}
		w.restart(w.snapshot())
	}()
	d.RunOnce(context.Background())
}

// crashCase is a failpoint and what must hold after the restart.
type crashCase struct {
	point   string
	replies int         // accepted by the SMTP server, in all
	state   cases.State // of the case after the restart
	folder  string      // where the request ends
	reason  cases.Reason
}

// TestCrashAtEachStep kills the daemon at each step of the outbox order and
// restarts it: no mail is lost, no reply is sent twice, and the case ends in
// the state SPEC §4 names.
func TestCrashAtEachStep(t *testing.T) {
	tests := []crashCase{
		{"after-decision", 1, cases.Answered, "Privacy/Processed", ""},
		{"after-intent", 0, cases.Review, "Privacy/Review", cases.ReasonDeliveryUnknown},
		{"after-send", 1, cases.Review, "Privacy/Review", cases.ReasonDeliveryUnknown},
		{"after-record", 1, cases.Answered, "Privacy/Processed", ""},
		{"before-move", 1, cases.Answered, "Privacy/Processed", ""},
	}
	for _, tt := range tests {
		t.Run(tt.point, func(t *testing.T) {
			eachKind(t, func(t *testing.T, w *world) { crashAt(t, w, tt) })
		})
	}
}

func crashAt(t *testing.T, w *world, tt crashCase) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	id := w.deliver(now.Add(-time.Hour), "Ada Byron <ada@example.com>", calSubject, fullBody)
	runUntilKilled(t, w, now, tt.point)
	w.runOnce(now.Add(time.Minute))
	w.runOnce(now.Add(2 * time.Minute)) // and once more: still nothing twice
	if n := len(w.smtp.Messages()); n != tt.replies {
		t.Errorf("replies = %d, want %d", n, tt.replies)
	}
	c := w.caseOf(id)
	if c.State != tt.state || (tt.reason != "" && !slices.Contains(c.Reasons, tt.reason)) {
		t.Errorf("case = %s %v, want %s %s", c.State, c.Reasons, tt.state, tt.reason)
	}
	if n := len(w.folder("INBOX")); n != 0 {
		t.Errorf("INBOX still holds %d messages, want the request moved", n)
	}
	if n := len(w.folder(tt.folder)); n != 1 {
		t.Errorf("%s holds %d, want the request", tt.folder, n)
	}
	wantSent := 0
	if tt.state == cases.Answered {
		wantSent = 1
	}
	if n := len(w.folder("Sent")); n != wantSent {
		t.Errorf("Sent holds %d copies, want %d", n, wantSent)
	}
}

// TestRateLimits: one sender gets at most three automatic replies a day; the
// rest go to review.
func TestRateLimits(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
		for i := 0; i < 6; i++ {
			w.deliver(now.Add(-time.Duration(60-i)*time.Minute), "Kim <kim@example.com>", "COPPA Information Request", "Please delete my child's data.")
		}
		w.runOnce(now)
		if n := len(w.smtp.Messages()); n != 3 {
			t.Errorf("replies to one sender = %d, want 3", n)
		}
		review := w.folder("Privacy/Review")
		if len(review) != 3 {
			t.Errorf("Privacy/Review holds %d, want 3 rate-limited", len(review))
		}
		// The next day the sender may be answered again.
		w.deliver(now.Add(25*time.Hour), "Kim <kim@example.com>", "COPPA Information Request", "And this one.")
		w.runOnce(now.Add(25 * time.Hour))
		if n := len(w.smtp.Messages()); n != 4 {
			t.Errorf("replies after a day = %d, want 4", n)
		}
	})
}

// TestUIDValidityChange: the same messages under a new UIDVALIDITY are not
// decided or answered again; one not yet moved is found again and moved.
func TestUIDValidityChange(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
		w.deliver(now.Add(-2*time.Hour), "Ada Byron <ada@example.com>", calSubject, fullBody)
		w.deliver(now.Add(-time.Hour), "Tom <tom@example.com>", "Where is my order?", "Hi")
		runUntilKilled(t, w, now, "before-move") // the request is answered but still in INBOX
		if err := w.imap.ResetUIDValidity("INBOX"); err != nil {
			t.Fatal(err)
		}
		w.runOnce(now.Add(time.Minute))
		w.runOnce(now.Add(2 * time.Minute))
		if n := len(w.smtp.Messages()); n != 1 {
			t.Errorf("replies = %d, want 1", n)
		}
		if inbox := w.folder("INBOX"); len(inbox) != 1 {
			t.Errorf("INBOX holds %d, want only the unrelated message", len(inbox))
		}
		if n := len(w.folder("Privacy/Processed")); n != 1 {
			t.Errorf("Privacy/Processed holds %d, want the request", n)
		}
	})
}

// TestDuplicateDelivery: the same message delivered twice, and copied back
// into the inbox after it was filed, makes one case and one reply; the
// copies are filed where the first went.
func TestDuplicateDelivery(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
		raw := "From: Ada Byron <ada@example.com>\r\nTo: privacy@cooper.example\r\nSubject: " + calSubject +
			"\r\nMessage-ID: <dup@example.com>\r\nContent-Type: text/plain\r\n\r\n" + fullBody
		for i := 0; i < 2; i++ {
			if err := w.imap.Append("INBOX", []byte(raw), now.Add(-time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		w.runOnce(now)
		if err := w.imap.Append("INBOX", []byte(raw), now); err != nil { // copied back in
			t.Fatal(err)
		}
		w.runOnce(now.Add(time.Minute))
		if n := len(w.smtp.Messages()); n != 1 {
			t.Errorf("replies = %d, want 1", n)
		}
		if n := len(w.folder("INBOX")); n != 0 {
			t.Errorf("INBOX holds %d, want the copies filed", n)
		}
		if n := len(w.folder("Privacy/Processed")); n != 3 {
			t.Errorf("Privacy/Processed holds %d, want all three copies", n)
		}
		if c := w.caseOf("dup@example.com"); len(c.Messages) != 1 {
			t.Errorf("case has %d messages, want 1", len(c.Messages))
		}
	})
}

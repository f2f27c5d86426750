package daemon_test

import (
	"slices"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/smtpsink"
	"github.com/mailproc/mailproc/mailproc/testenv"
)

// smtpFailureCase is one way the SMTP server fails and what must follow.
type smtpFailureCase struct {
	name    string
	fail    smtpsink.FailKind
	replies int // accepted by the SMTP server in the end
	state   cases.State
	reason  cases.Reason
	inbox   int // messages left in INBOX after the first run
}

// TestSMTPFailures: a temporary failure keeps the request in the inbox and
// retries later; a permanent one hands it to staff; a lost reply after the
// end of the data is never sent again. The SMTP side is the in-process
// server (it can fail on demand); the mailbox is each kind.
func TestSMTPFailures(t *testing.T) {
	tests := []smtpFailureCase{
		{"4xx then accepted", smtpsink.Fail4xx, 1, cases.Answered, "", 1},
		{"down then up", smtpsink.Down, 1, cases.Answered, "", 1},
		{"5xx", smtpsink.Fail5xx, 0, cases.Review, cases.ReasonDeliveryFailed, 0},
		{"reply lost after data", smtpsink.DropAfterData, 1, cases.Review, cases.ReasonDeliveryUnknown, 0},
	}
	for _, tt := range tests {
		for _, kind := range testenv.Kinds() {
			t.Run(tt.name+"/"+kind, func(t *testing.T) { smtpFailure(t, newWorldOn(t, kind, testenv.Memory), tt) })
		}
	}
}

func smtpFailure(t *testing.T, w *world, tt smtpFailureCase) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	id := w.deliver(now.Add(-time.Hour), "Ada Byron <ada@example.com>", calSubject, fullBody)
	w.smtp.Sink.FailNext(tt.fail, 1)
	w.runOnce(now)
	if n := len(w.folder("INBOX")); n != tt.inbox {
		t.Errorf("INBOX after the failure holds %d, want %d", n, tt.inbox)
	}
	if tt.fail == smtpsink.Down {
		if err := w.smtp.Sink.Up(); err != nil {
			t.Fatal(err)
		}
	}
	w.runOnce(now.Add(30 * time.Second)) // too early for a retry
	w.runOnce(now.Add(2 * time.Minute))  // the retry
	w.runOnce(now.Add(time.Hour))        // nothing more
	if n := len(w.smtp.Messages()); n != tt.replies {
		t.Errorf("replies = %d, want %d", n, tt.replies)
	}
	c := w.caseOf(id)
	if c.State != tt.state || (tt.reason != "" && !slices.Contains(c.Reasons, tt.reason)) {
		t.Errorf("case = %s %v, want %s %s", c.State, c.Reasons, tt.state, tt.reason)
	}
	if n := len(w.folder("INBOX")); n != 0 {
		t.Errorf("INBOX finally holds %d, want 0", n)
	}
}

// TestSMTPDownPausesSending: with the SMTP server down, the first reply's
// failed connection holds back the others (none is tried against a server
// that cannot be reached); when the retry is due and the server is up,
// all go out, once each.
func TestSMTPDownPausesSending(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	ids := []string{
		w.deliver(now.Add(-time.Hour), "Ada Byron <ada@example.com>", calSubject, fullBody),
		w.deliver(now.Add(-time.Hour), "Parent <parent@example.com>", coppaSubject, "Please delete my child's data."),
		w.deliver(now.Add(-time.Hour), "Other Parent <other@example.com>", coppaSubject, "Please delete my child's data."),
	}
	w.smtp.Sink.FailNext(smtpsink.Down, 1)
	w.runOnce(now)
	for i, id := range ids {
		r := w.caseOf(id).Replies[0]
		want := 0 // held back
		if i == 0 {
			want = 1 // the one that found the server down
		}
		if r.Attempts != want || r.State != cases.ReplyPlanned {
			t.Errorf("reply %d: %d attempts, %s; want %d attempts, planned", i, r.Attempts, r.State, want)
		}
	}
	if n := len(w.folder("INBOX")); n != len(ids) {
		t.Errorf("INBOX holds %d, want all %d while unanswered", n, len(ids))
	}
	if err := w.smtp.Sink.Up(); err != nil {
		t.Fatal(err)
	}
	w.runOnce(now.Add(2 * time.Minute))
	if n := len(w.smtp.Messages()); n != len(ids) {
		t.Errorf("replies = %d, want %d", n, len(ids))
	}
	expectFolderEmpty(t, w, "INBOX")
}

package daemon_test

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// The loop guard beyond headers (SPEC §2): machine mail that returns the
// text of one of our replies is never answered, whatever its header says;
// a person who answers our reply is merged as a follow-up even when they
// copy its text.

// replyText is the body of our reply as it went out (after its header).
func replyText(t *testing.T, reply []byte) string {
	t.Helper()
	i := bytes.Index(reply, []byte("\r\n\r\n"))
	if i < 0 {
		t.Fatal("our reply has no body")
	}
	return string(reply[i+4:])
}

// TestOurReplyTextReturned: a relay that returns our reply's text under a
// person-like From and the request's subject, with no machine field and
// without our Message-ID, is not answered: it goes to review as automated.
func TestOurReplyTextReturned(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
		_, reply := answered(t, w, now)
		body := "Your message was not accepted by the recipient's system.\n\n" + replyText(t, reply)
		w.deliver(now.Add(time.Minute), "Mail Relay <relay@example.net>", "Re: "+calSubject, body)
		w.runOnce(now.Add(2 * time.Minute))
		if n := len(w.smtp.Messages()); n != 1 {
			t.Errorf("replies = %d, want still 1: our returned reply was answered", n)
		}
		expectAllInReview(t, w, cases.ReasonAutomated, 1)
	})
}

// TestAnswerCopyingOurForm: a requester who answers our incomplete notice
// (In-Reply-To naming it) and copies its instructions along with the form
// is merged into the case and answered, not taken for a machine.
func TestAnswerCopyingOurForm(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
		request := w.deliver(now.Add(-time.Hour), "Bo Li <bo@example.com>", calSubject,
			"California Privacy Rights Request\n\nName: Bo Li\nStreet address: 5 Elm Street\nCity: Fresno\nState: CA\n")
		w.runOnce(now)
		notice := w.sent()[0].messageID
		body := "Please reply to this email. Start your reply with the line \"California\nPrivacy Rights Request\", then complete the form below, with each item on\nits own line:\n\n" +
			"California Privacy Rights Request\nName: Bo Li\nStreet address: 5 Elm Street\nCity: Fresno\nState: CA\nZIP code: 93721\n"
		w.deliver(now.Add(time.Hour), "Bo Li <bo@example.com>", "Re: "+calSubject, body, "In-Reply-To: "+notice, "References: "+notice)
		w.runOnce(now.Add(2 * time.Hour))
		want := []string{"california-incomplete bo@example.com", "california-disclosure bo@example.com"}
		if got := w.templatesSent(); !slices.Equal(got, want) {
			t.Fatalf("replies = %q, want %q", got, want)
		}
		c := w.caseOf(request)
		if c.State != cases.Answered || c.Fields.ZIP != "93721" || len(c.Messages) != 2 {
			t.Errorf("case = %s %+v with %d messages, want answered with the ZIP of the answer", c.State, c.Fields, len(c.Messages))
		}
	})
}

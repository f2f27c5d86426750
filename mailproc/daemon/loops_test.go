package daemon_test

import (
	"bytes"
	"context"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/store"
	"github.com/mailproc/mailproc/mailproc/testenv"
)

// Loops and abuse (SPEC §2, §4): two instances that answer each other, our
// own replies and their bounces and read reports back in our inbox, and the
// rate limits under a flood.

const coppaSubject = "COPPA Information Request"

// postman carries what each world's SMTP server accepted into the inbox of
// the world it is addressed to, as the MTAs between two mailboxes would: at
// final delivery it adds Return-Path (the envelope sender) when the SMTP
// server has not, and Delivered-To.
type postman struct {
	t       *testing.T
	worlds  []*world
	carried map[string]bool // "sender message-id" already delivered
	// delivered counts the messages brought to each world.
	delivered map[*world]int
}

func newPostman(t *testing.T, worlds ...*world) *postman {
	return &postman{t: t, worlds: worlds, carried: map[string]bool{}, delivered: map[*world]int{}}
}

// carry delivers every message not carried yet, received at at, and
// returns how many it delivered.
func (p *postman) carry(at time.Time) int {
	p.t.Helper()
	n := 0
	for _, from := range p.worlds {
		for _, m := range from.smtp.Messages() {
			key := from.smtp.From + " " + headerOf(p.t, m.Raw, "Message-ID")
			if p.carried[key] {
				continue
			}
			p.carried[key] = true
			n += p.deliver(from, m.To, m.Raw, at)
		}
	}
	return n
}

// deliver puts raw into the inbox of each world among rcpts.
func (p *postman) deliver(from *world, rcpts []string, raw []byte, at time.Time) int {
	p.t.Helper()
	n := 0
	for _, rcpt := range rcpts {
		for _, to := range p.worlds {
			if !strings.EqualFold(rcpt, to.smtp.From) {
				continue
			}
			trace := "Delivered-To: " + rcpt + "\r\n"
			if !bytes.HasPrefix(raw, []byte("Return-Path:")) {
				trace = "Return-Path: <" + from.smtp.From + ">\r\n" + trace
			}
			if err := to.imap.Append("INBOX", append([]byte(trace), raw...), at); err != nil {
				p.t.Fatalf("postman: deliver to %s: %v", rcpt, err)
			}
			p.delivered[to]++
			n++
		}
	}
	return n
}

// headerOf returns one header field of a raw message.
func headerOf(t *testing.T, raw []byte, name string) string {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("message does not parse: %v", err)
	}
	return m.Header.Get(name)
}

// field returns one header field of a raw message we made, "" when the
// message does not parse.
func field(raw []byte, name string) string {
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return ""
	}
	return m.Header.Get(name)
}

// eachKindPair runs f on two worlds of each kind.
func eachKindPair(t *testing.T, f func(t *testing.T, a, b *world)) {
	for _, kind := range testenv.Kinds() {
		t.Run(kind, func(t *testing.T) { f(t, newWorldOn(t, kind, kind), newWorldOn(t, kind, kind)) })
	}
}

// TestTwoInstancesAnswerEachOther: two mailproc instances whose mailboxes
// answer each other (a request from B's address reaches A; A's answer
// reaches B; whatever B sends reaches A, and so on, six rounds) send at
// most one reply each, and what each receives from the other is never
// answered: it ends in review (automated). In "each asked" both start with
// a request from the other's address.
func TestTwoInstancesAnswerEachOther(t *testing.T) {
	for _, eachAsked := range []bool{false, true} {
		name := map[bool]string{false: "B asks A", true: "each asked"}[eachAsked]
		t.Run(name, func(t *testing.T) {
			eachKindPair(t, func(t *testing.T, a, b *world) { pingPong(t, a, b, eachAsked) })
		})
	}
}

func pingPong(t *testing.T, a, b *world, eachAsked bool) {
	start := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	a.deliver(start.Add(-time.Hour), "Cooper Privacy B <"+b.smtp.From+">", calSubject, fullBody)
	wantB := 0
	if eachAsked {
		b.deliver(start.Add(-time.Hour), "Cooper Privacy A <"+a.smtp.From+">", calSubject, fullBody)
		wantB = 1
	}
	post := newPostman(t, a, b)
	for round := 0; round < 6; round++ {
		at := start.Add(time.Duration(round) * 10 * time.Minute)
		a.runOnce(at)
		post.carry(at)
		b.runOnce(at.Add(5 * time.Minute))
		post.carry(at.Add(5 * time.Minute))
	}
	if n := len(a.smtp.Messages()); n != 1 {
		t.Errorf("A sent %d replies, want 1 (to the request from B's address)", n)
	}
	if n := len(b.smtp.Messages()); n != wantB {
		t.Errorf("B sent %d replies, want %d", n, wantB)
	}
	if post.delivered[b] != 1 || post.delivered[a] != wantB {
		t.Errorf("the postman carried %d messages to A and %d to B, want %d and 1", post.delivered[a], post.delivered[b], wantB)
	}
	expectFolderEmpty(t, a, "INBOX") // the request was answered and filed
	// What each received from the other: review, automated; never answered.
	expectAllInReview(t, b, cases.ReasonAutomated, post.delivered[b])
	if eachAsked {
		expectAllInReview(t, a, cases.ReasonAutomated, post.delivered[a])
	}
}

// TestTwoInstancesOnOneDomain: two instances whose reply addresses share a
// domain (privacy@ and support@ of one company, or an instance set up again
// with a new database) must not give two different replies the same
// Message-ID (RFC 5322 §3.6.4: globally unique), or each takes the other's
// answer for its own and leaves it in INBOX, and a requester's mail service
// that drops duplicate Message-IDs loses the second answer.
func TestTwoInstancesOnOneDomain(t *testing.T) {
	eachKindPair(t, func(t *testing.T, a, b *world) {
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
		_, fromA := answered(t, a, now)
		_, fromB := answered(t, b, now)
		idA, idB := headerOf(t, fromA, "Message-ID"), headerOf(t, fromB, "Message-ID")
		if idA == idB {
			t.Errorf("A and B both sent a reply with Message-ID %s, want each instance's replies distinct", idA)
		}
		// A's answer reaches B's mailbox (as when B's address had asked A).
		if err := b.imap.Append("INBOX", fromA, now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		b.runOnce(now.Add(2 * time.Minute))
		if n := len(b.folder("INBOX")); n != 0 {
			t.Errorf("B left A's answer in INBOX (taken for its own reply), want it in review as automated mail")
		}
	})
}

// expectAllInReview checks that a world's inbox is empty and its review
// folder holds n messages, each \Flagged, each on a case in review for
// reason.
func expectAllInReview(t *testing.T, w *world, reason cases.Reason, n int) {
	t.Helper()
	expectFolderEmpty(t, w, "INBOX")
	review := w.folder("Privacy/Review")
	if len(review) != n {
		t.Errorf("Privacy/Review holds %d, want %d", len(review), n)
	}
	for _, m := range review {
		if !hasFlag(m, `\Flagged`) {
			t.Errorf("review message uid %d has flags %v, want \\Flagged", m.UID, m.Flags)
		}
		id := strings.Trim(headerOf(t, m.Raw, "Message-ID"), "<>")
		if c := w.caseOf(id); c.State != cases.Review || !slices.Equal(c.Reasons, []cases.Reason{reason}) {
			t.Errorf("case of <%s> = %s %v, want review [%s]", id, c.State, c.Reasons, reason)
		}
	}
}

func expectFolderEmpty(t *testing.T, w *world, folder string) {
	t.Helper()
	if msgs := w.folder(folder); len(msgs) != 0 {
		t.Errorf("%s holds %d messages, want none", folder, len(msgs))
	}
}

// allCases returns every case in a world's store.
func allCases(t *testing.T, w *world) []*cases.Case {
	t.Helper()
	var out []*cases.Case
	if err := w.store.View(func(tx *store.Tx) error {
		return tx.ForEachCase(func(c *cases.Case) error {
			out = append(out, c)
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// answered delivers one california request, runs the daemon, and returns
// the request's Message-ID and the bytes of our reply as they went to the
// sent folder.
func answered(t *testing.T, w *world, now time.Time) (request string, reply []byte) {
	t.Helper()
	request = w.deliver(now.Add(-time.Hour), "Ada Byron <ada@example.com>", calSubject, fullBody)
	w.runOnce(now)
	w.runOnce(now.Add(time.Second)) // the sent copy is filed on the next cycle
	sent := w.folder("Sent")
	if len(sent) != 1 || len(w.smtp.Messages()) != 1 {
		t.Fatalf("after the request: %d replies, %d in Sent, want 1 and 1", len(w.smtp.Messages()), len(sent))
	}
	return request, sent[0].Raw
}

// TestOwnReplyBackInInbox: our own reply delivered back into our inbox (the
// sent copy filed into INBOX, or a BCC copy as the SMTP server passed it
// on) is never answered and never decided: it stays in INBOX untouched and
// its case does not change.
func TestOwnReplyBackInInbox(t *testing.T) {
	tests := []struct {
		name string
		copy func(w *world, sentCopy []byte) []byte
	}{
		{"sent copy, exact bytes", func(_ *world, sentCopy []byte) []byte { return sentCopy }},
		{"bcc copy from the SMTP server", func(w *world, _ []byte) []byte {
			m := w.smtp.Messages()[0]
			return append([]byte("Delivered-To: "+w.smtp.From+"\r\n"), m.Raw...)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eachKind(t, func(t *testing.T, w *world) { ownReplyBack(t, w, tt.copy) })
		})
	}
}

// TestOwnReplyWithNewMessageID: a copy of our reply whose Message-ID a relay
// replaced is not known as ours, but it is still never answered: it comes
// from our own address with Auto-Submitted, so it goes to review as
// automated mail on a case of its own, and the request's case gains no
// event about it.
func TestOwnReplyWithNewMessageID(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
		request, sentCopy := answered(t, w, now)
		before := w.caseOf(request)
		ours := field(sentCopy, "Message-ID")
		raw := bytes.Replace(sentCopy, []byte(ours), []byte("<relay-1@smtp.cooper.example>"), 1)
		if err := w.imap.Append("INBOX", raw, now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		w.runOnce(now.Add(2 * time.Minute))
		w.runOnce(now.Add(3 * time.Minute))
		if n := len(w.smtp.Messages()); n != 1 {
			t.Errorf("replies = %d, want still 1: our own reply was answered", n)
		}
		expectAllInReview(t, w, cases.ReasonAutomated, 1)
		if after := w.caseOf(request); len(after.History) != len(before.History) {
			t.Errorf("the request's case has %d events, want still %d", len(after.History), len(before.History))
		}
	})
}

func ownReplyBack(t *testing.T, w *world, copyOf func(*world, []byte) []byte) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	request, sentCopy := answered(t, w, now)
	before := w.caseOf(request)
	raw := copyOf(w, sentCopy)
	if err := w.imap.Append("INBOX", raw, now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	w.runOnce(now.Add(2 * time.Minute))
	w.runOnce(now.Add(3 * time.Minute))
	if n := len(w.smtp.Messages()); n != 1 {
		t.Errorf("replies = %d, want still 1: our own reply was answered", n)
	}
	inbox := w.folder("INBOX")
	if len(inbox) != 1 || !bytes.Equal(inbox[0].Raw, raw) || len(inbox[0].Flags) != 0 {
		t.Fatalf("INBOX = %d messages, want our reply left alone (unflagged, unseen)", len(inbox))
	}
	if n := len(allCases(t, w)); n != 1 {
		t.Errorf("cases = %d, want 1: our reply opened a case", n)
	}
	if after := w.caseOf(request); len(after.History) != len(before.History) || after.State != before.State {
		t.Errorf("case after our reply came back = %s with %d events, want %s with %d", after.State, len(after.History), before.State, len(before.History))
	}
}

// report is a delivery or read report on our reply, as the machine that
// makes it writes it.
type report struct {
	name string
	make func(reply []byte, to string, at time.Time) []byte
	// inReview: the report ends in Privacy/Review on a case of its own
	// (review, automated); otherwise it is ignored and stays in INBOX.
	inReview bool
	bounce   bool // the reply was not delivered: its Bounced time is set
}

// dsnAction is what a delivery status notification says of our reply.
type dsnAction struct {
	action, status, text string
}

// dsnFailedText is the diagnostic of a reply that could not be delivered.
const dsnFailedText = "550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown"

// TestReportsOnOurReply: a bounce or read report of our reply is never
// answered and is recorded on the reply's case (an event "bounce or report
// on our reply" naming the reply; Bounced set for a bounce). A report whose
// subject names the request ends in review (automated); one whose subject
// does not is ignored and stays in INBOX untouched.
func TestReportsOnOurReply(t *testing.T) {
	tests := []report{
		{"bounce naming the request", func(r []byte, to string, at time.Time) []byte {
			return dsn(r, to, at, "Microsoft Outlook <postmaster@mx.example.net>", "Undeliverable: Re: "+calSubject, dsnAction{"failed", "5.1.1", dsnFailedText})
		}, true, true},
		{"bounce not naming it", func(r []byte, to string, at time.Time) []byte {
			return dsn(r, to, at, "Mail Delivery Subsystem <mailer-daemon@mx.example.net>", "Delivery Status Notification (Failure)", dsnAction{"failed", "5.1.1", dsnFailedText})
		}, false, true},
		{"delay warning", func(r []byte, to string, at time.Time) []byte {
			return dsn(r, to, at, "Mail Delivery Subsystem <mailer-daemon@mx.example.net>", "Delivery Status Notification (Delay)",
				dsnAction{"delayed", "4.4.7", "421 4.4.7 mail.example.com: connection timed out; will retry for 4 more days"})
		}, false, false},
		{"read receipt", mdn, true, false},
		{"inline bounce, our reply copied into its text", func(r []byte, to string, at time.Time) []byte {
			return inlineBounce(r, to, at, "Mail delivery failed: returning message to sender")
		}, false, true},
		{"inline bounce naming the request", func(r []byte, to string, at time.Time) []byte {
			return inlineBounce(r, to, at, "Undeliverable: Re: "+calSubject)
		}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eachKind(t, func(t *testing.T, w *world) { reportOnReply(t, w, tt) })
		})
	}
}

func reportOnReply(t *testing.T, w *world, tt report) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	request, reply := answered(t, w, now)
	replyID := strings.Trim(headerOf(t, reply, "Message-ID"), "<>")
	raw := tt.make(reply, w.smtp.From, now.Add(time.Minute))
	reportID := strings.Trim(headerOf(t, raw, "Message-ID"), "<>")
	if err := w.imap.Append("INBOX", raw, now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	w.runOnce(now.Add(2 * time.Minute))
	w.runOnce(now.Add(3 * time.Minute)) // and again: noted once, still not answered
	if n := len(w.smtp.Messages()); n != 1 {
		t.Errorf("replies = %d, want still 1: the report was answered", n)
	}
	expectReportNoted(t, w.caseOf(request), replyID, tt.bounce, now.Add(2*time.Minute))
	if tt.inReview {
		expectAllInReview(t, w, cases.ReasonAutomated, 1)
		if c := w.caseOf(reportID); c.Kind != cases.Automated {
			t.Errorf("case of the report is of kind %s, want automated", c.Kind)
		}
		return
	}
	inbox := w.folder("INBOX")
	if len(inbox) != 1 || !bytes.Equal(inbox[0].Raw, raw) || len(inbox[0].Flags) != 0 {
		t.Errorf("INBOX = %d messages, want the report left alone (no flags)", len(inbox))
	}
	if n := len(allCases(t, w)); n != 1 {
		t.Errorf("cases = %d, want 1: an ignored report opened a case", n)
	}
}

// expectReportNoted checks that the case of our reply records the report
// once, and sets the reply's Bounced time only for a bounce (not for a
// read receipt or a delay warning: the reply was delivered, or may be).
func expectReportNoted(t *testing.T, c *cases.Case, replyID string, bounce bool, at time.Time) {
	t.Helper()
	n := 0
	for _, e := range c.History {
		if e.Action == "bounce or report on our reply" && strings.Contains(e.Detail, "<"+replyID+">") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("case %s records %d events \"bounce or report on our reply\" for <%s>, want 1", c.ID, n, replyID)
	}
	r := c.Replies[0]
	if bounce && !r.Bounced.Equal(at) {
		t.Errorf("reply %s Bounced = %v, want %v", r.MessageID, r.Bounced, at)
	}
	if !bounce && !r.Bounced.IsZero() {
		t.Errorf("reply %s Bounced = %v, want unset: a report that is not a failure is no bounce", r.MessageID, r.Bounced)
	}
}

// headerBlock returns the header section of a raw message, without the
// blank line that ends it.
func headerBlock(raw []byte) string {
	s := string(raw)
	if i := strings.Index(s, "\r\n\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}

// dsn is a delivery status notification (RFC 3464) for our reply, as an MTA
// writes one: null return path, multipart/report with the reply's header
// in text/rfc822-headers.
func dsn(reply []byte, to string, at time.Time, from, subject string, what dsnAction) []byte {
	rcpt := field(reply, "To")
	lines := []string{
		"Return-Path: <>",
		"Received: from mx.example.net by mx.cooper.example; " + at.Format(time.RFC1123Z),
		"From: " + from,
		"To: " + to,
		"Subject: " + subject,
		"Date: " + at.Format(time.RFC1123Z),
		fmt.Sprintf("Message-ID: <bounce-%d@mx.example.net>", at.Unix()),
		"Auto-Submitted: auto-replied",
		"MIME-Version: 1.0",
		`Content-Type: multipart/report; report-type=delivery-status; boundary="=_dsn"`,
		"",
		"This is a MIME-encapsulated message.",
		"",
		"--=_dsn",
		"Content-Type: text/plain; charset=us-ascii",
		"",
		"Delivery to these recipients " + what.action + ":",
		"",
		rcpt,
		"",
		"--=_dsn",
		"Content-Type: message/delivery-status",
		"",
		"Reporting-MTA: dns; mx.example.net",
		"Arrival-Date: " + at.Format(time.RFC1123Z),
		"",
		"Final-Recipient: rfc822; ada@example.com",
		"Action: " + what.action,
		"Status: " + what.status,
		"Diagnostic-Code: smtp; " + what.text,
		"",
		"--=_dsn",
		"Content-Type: text/rfc822-headers",
		"",
		headerBlock(reply),
		"",
		"--=_dsn--",
		"",
	}
	return []byte(strings.Join(lines, "\r\n"))
}

// inlineBounce is a bounce as Exim and qmail write one: plain text from the
// mailer daemon with a null return path, our reply copied whole (header
// and body as sent) into its text, no report part.
func inlineBounce(reply []byte, to string, at time.Time, subject string) []byte {
	head := strings.Join([]string{
		"Return-Path: <>",
		"From: Mail Delivery System <Mailer-Daemon@mx.example.net>",
		"To: " + to,
		"Subject: " + subject,
		"Date: " + at.Format(time.RFC1123Z),
		fmt.Sprintf("Message-ID: <E1inline-%d@mx.example.net>", at.Unix()),
		"Content-Type: text/plain; charset=us-ascii",
		"",
		"This message was created automatically by mail delivery software.",
		"",
		"A message that you sent could not be delivered to one or more of its",
		"recipients. This is a permanent error. The following address(es) failed:",
		"",
		"  ada@example.com",
		"    mailbox is full",
		"",
		"------ This is a copy of the message, including all the headers. ------",
		"", "",
	}, "\r\n")
	return append([]byte(head), reply...)
}

// mdn is a read receipt (RFC 8098) for our reply, as the requester's mail
// program sends it: null return path, multipart/report with
// Original-Message-ID, and References naming our reply.
func mdn(reply []byte, to string, at time.Time) []byte {
	id := field(reply, "Message-ID")
	lines := []string{
		"Return-Path: <>",
		"From: Ada Byron <ada@example.com>",
		"To: " + to,
		"Subject: Read: " + field(reply, "Subject"),
		"Date: " + at.Format(time.RFC1123Z),
		fmt.Sprintf("Message-ID: <mdn-%d@example.com>", at.Unix()),
		"References: " + id,
		"MIME-Version: 1.0",
		`Content-Type: multipart/report; report-type=disposition-notification; boundary="=_mdn"`,
		"",
		"--=_mdn",
		"Content-Type: text/plain; charset=utf-8",
		"",
		"This is a receipt for the mail you sent to ada@example.com. It was displayed.",
		"",
		"--=_mdn",
		"Content-Type: message/disposition-notification",
		"",
		"Reporting-UA: mail.example.com; Thunderbird",
		"Final-Recipient: rfc822;ada@example.com",
		"Original-Message-ID: " + id,
		"Disposition: manual-action/MDN-sent-manually; displayed",
		"",
		"--=_mdn",
		"Content-Type: text/rfc822-headers",
		"",
		headerBlock(reply),
		"",
		"--=_mdn--",
		"",
	}
	return []byte(strings.Join(lines, "\r\n"))
}

// floodSize is how many requests one sender sends in TestRateLimitFlood.
const floodSize = 500

// TestRateLimitFlood: one address sends a flood of valid requests (coppa
// and california mixed); it gets exactly replies_per_sender_per_day
// replies, every other request goes to review as rate-limited, and nothing
// is left in INBOX.
func TestRateLimitFlood(t *testing.T) {
	eachPasswordKind(t, func(t *testing.T, w *world) {
		w.cfg.Limits.RepliesPerSenderPerDay, w.cfg.Limits.RepliesPerHour = 3, 1000
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
		began := time.Now()
		ids := deliverFlood(t, w, now, floodSize)
		delivered := time.Since(began)
		w.runOnce(now)
		t.Logf("%s: %d requests delivered in %.1fs, handled in %.1fs", w.imap.Kind, floodSize, delivered.Seconds(), (time.Since(began) - delivered).Seconds())
		expectRateLimited(t, w, ids, 3)
	})
}

// deliverFlood appends n valid requests from one address over one IMAP
// connection, the last received just before now, and returns their
// Message-IDs in order.
func deliverFlood(t *testing.T, w *world, now time.Time, n int) []string {
	t.Helper()
	ctx := context.Background()
	c, err := mailbox.Dial(ctx, w.imap.Config())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ids := make([]string, n)
	for i := range ids {
		at := now.Add(-time.Duration(n-i) * time.Second)
		ids[i] = fmt.Sprintf("flood-%d@example.com", i)
		subject, body := calSubject, fullBody
		if i%2 == 1 {
			subject, body = coppaSubject, fmt.Sprintf("Please delete my child's data. Her username is kit_%d.", i)
		}
		raw := strings.Join([]string{"From: Flood <flood@example.com>", "To: privacy@cooper.example", "Subject: " + subject,
			"Date: " + at.Format(time.RFC1123Z), "Message-ID: <" + ids[i] + ">", "MIME-Version: 1.0",
			"Content-Type: text/plain; charset=utf-8", "", strings.ReplaceAll(body, "\n", "\r\n")}, "\r\n")
		if err := c.Append(ctx, "INBOX", []byte(raw), nil, at); err != nil {
			t.Fatalf("deliver request %d: %v", i, err)
		}
	}
	return ids
}

// TestRateLimitPerHour: twenty senders within the hour with
// replies_per_hour = 10 get exactly ten replies; the other ten go to review
// as rate-limited; an hour later a new sender is answered again.
func TestRateLimitPerHour(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		w.cfg.Limits.RepliesPerSenderPerDay, w.cfg.Limits.RepliesPerHour = 3, 10
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
		ids := make([]string, 20)
		for i := range ids {
			from := fmt.Sprintf("Parent %d <parent%d@example.com>", i, i)
			ids[i] = w.deliver(now.Add(-time.Duration(20-i)*time.Minute), from, coppaSubject, "Please delete my child's data.")
		}
		w.runOnce(now)
		expectRateLimited(t, w, ids, 10)
		w.deliver(now.Add(61*time.Minute), "Late <late@example.com>", coppaSubject, "Please delete my child's data.")
		w.runOnce(now.Add(61 * time.Minute))
		if n := len(w.smtp.Messages()); n != 11 {
			t.Errorf("replies an hour later = %d, want 11", n)
		}
	})
}

// expectRateLimited checks that the first n requests were answered and all
// the others are in review (\Flagged) with the reason rate-limited alone,
// and that INBOX is empty.
func expectRateLimited(t *testing.T, w *world, ids []string, n int) {
	t.Helper()
	if got := len(w.smtp.Messages()); got != n {
		t.Errorf("replies = %d, want %d", got, n)
	}
	expectFolderEmpty(t, w, "INBOX")
	review := w.folder("Privacy/Review")
	if len(review) != len(ids)-n {
		t.Errorf("Privacy/Review holds %d, want %d", len(review), len(ids)-n)
	}
	for _, m := range review {
		if !hasFlag(m, `\Flagged`) {
			t.Errorf("review message uid %d has flags %v, want \\Flagged", m.UID, m.Flags)
		}
	}
	if got := len(w.folder("Privacy/Processed")); got != n {
		t.Errorf("Privacy/Processed holds %d, want %d", got, n)
	}
	for i, id := range ids {
		c := w.caseOf(id)
		switch {
		case i < n && (len(c.Replies) != 1 || c.State == cases.Review):
			t.Errorf("request %d: case %s %s with %d replies, want answered", i, c.ID, c.State, len(c.Replies))
		case i >= n && (len(c.Replies) != 0 || c.State != cases.Review || !slices.Equal(c.Reasons, []cases.Reason{cases.ReasonRateLimited})):
			t.Errorf("request %d: case %s %s %v with %d replies, want review [rate-limited] with none", i, c.ID, c.State, c.Reasons, len(c.Replies))
		}
	}
}

// TestRateLimitPerSenderSlides: replies_per_sender_per_day counts the last
// 24 hours of sending, not a calendar day: after three replies, a fourth
// request 23 hours later is rate-limited, and a fifth 25 hours after the
// three is answered.
func TestRateLimitPerSenderSlides(t *testing.T) {
	w := newWorld(t)
	w.cfg.Limits.RepliesPerSenderPerDay, w.cfg.Limits.RepliesPerHour = 3, 100
	start := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	for i := range 3 {
		w.deliver(start.Add(-time.Duration(3-i)*time.Minute), "Parent <parent@example.com>", coppaSubject, "Please delete my child's data.")
	}
	w.runOnce(start)
	late := w.deliver(start.Add(23*time.Hour), "Parent <parent@example.com>", coppaSubject, "Please delete my child's data.")
	w.runOnce(start.Add(23*time.Hour + time.Minute))
	next := w.deliver(start.Add(25*time.Hour), "Parent <parent@example.com>", coppaSubject, "Please delete my child's data.")
	w.runOnce(start.Add(25*time.Hour + time.Minute))
	if n := len(w.smtp.Messages()); n != 4 {
		t.Errorf("replies = %d, want 4 (three, then one a day later)", n)
	}
	if c := w.caseOf(late); c.State != cases.Review || !slices.Contains(c.Reasons, cases.ReasonRateLimited) {
		t.Errorf("request 23 h later = %s %v, want review rate-limited", c.State, c.Reasons)
	}
	if c := w.caseOf(next); c.State != cases.AwaitingStaff {
		t.Errorf("request 25 h later = %s %v, want answered (awaiting-staff)", c.State, c.Reasons)
	}
}

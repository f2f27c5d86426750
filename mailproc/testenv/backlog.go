package testenv

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// DeliverBacklog appends n messages to m's INBOX over one connection, the
// last received at last and each a second after the one before: every
// fourth a valid california request from a sender of its own (Message-ID
// <backlog-I@example.com>), the rest unrelated mail. It returns the
// requests' Message-IDs.
func (m *Mailbox) DeliverBacklog(t testing.TB, n int, last time.Time) []string {
	t.Helper()
	return m.deliverMix(t, n, last, 4)
}

// DeliverRequests appends n valid california requests to m's INBOX, as
// DeliverBacklog does, and returns their Message-IDs.
func (m *Mailbox) DeliverRequests(t testing.TB, n int, last time.Time) []string {
	t.Helper()
	return m.deliverMix(t, n, last, 1)
}

// deliverMix delivers n messages, every one-in-every a request.
func (m *Mailbox) deliverMix(t testing.TB, n int, last time.Time, every int) []string {
	t.Helper()
	ctx := context.Background()
	c, err := mailbox.Dial(ctx, m.cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var requests []string
	for i := range n {
		at := last.Add(-time.Duration(n-1-i) * time.Second)
		id := fmt.Sprintf("backlog-%d@example.com", i)
		subject, body := fmt.Sprintf("Order %d", i), "Where is my parcel?\n"
		if i%every == 0 {
			subject = "Request for California Privacy Information"
			body = fmt.Sprintf("California Privacy Rights Request\n\nName: Person %d\nStreet address: %d Oak Street\nCity: Fresno\nState: CA\nZIP code: 93704\n", i, i)
			requests = append(requests, id)
		}
		raw := strings.Join([]string{fmt.Sprintf("From: Person %d <person%d@example.com>", i, i), "To: privacy@cooper.example",
			"Subject: " + subject, "Date: " + at.Format(time.RFC1123Z), "Message-ID: <" + id + ">", "MIME-Version: 1.0",
			"Content-Type: text/plain; charset=utf-8", "", strings.ReplaceAll(body, "\n", "\r\n")}, "\r\n")
		if err := c.Append(ctx, "INBOX", []byte(raw), nil, at); err != nil {
			t.Fatalf("deliver message %d: %v", i, err)
		}
	}
	return requests
}

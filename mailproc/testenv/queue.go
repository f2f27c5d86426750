package testenv

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// The kinds of mail QueueMix makes, one in every twenty messages each,
// the rest (13 in 20) valid california requests.
const (
	MixRequest    = "request"     // a valid california request
	MixNevada     = "nevada"      // a whole request from Nevada: not-california
	MixZIP        = "zip"         // state CA, a Nevada ZIP: zip-mismatch
	MixAutoReply  = "auto-reply"  // an out-of-office reply under the request subject
	MixNearMiss   = "near-miss"   // a question under a subject close to a request's
	MixCoppaPhoto = "coppa-photo" // a coppa request with a photo of an ID attached
	MixCoppa      = "coppa"       // a coppa request
	MixUnrelated  = "unrelated"   // mail that is no request: left in the inbox
)

// mixOrder is which kind the i-th message of every twenty is.
var mixOrder = []string{MixRequest, MixRequest, MixRequest, MixRequest, MixRequest, MixRequest, MixRequest,
	MixRequest, MixRequest, MixRequest, MixRequest, MixRequest, MixRequest,
	MixNevada, MixZIP, MixAutoReply, MixNearMiss, MixCoppaPhoto, MixCoppa, MixUnrelated}

// QueueMail is one message of a queue's mix.
type QueueMail struct {
	Kind      string
	MessageID string // without <>
	From      string // the address
	Name      string // the sender's name
	Raw       []byte
	At        time.Time
}

// PhotoBytes are the bytes of the ID photo MixCoppaPhoto attaches.
var PhotoBytes = []byte("\x89PNG\r\n\x1a\n" + strings.Repeat("a parent's ID card, scanned; ", 40))

// QueueMix makes n messages of a day's privacy mailbox, the last received
// at last and each a minute before the next; it is the same for the same
// n and last. Every sender and requester is a person of their own.
func QueueMix(n int, last time.Time) []QueueMail {
	out := make([]QueueMail, 0, n)
	for i := range n {
		m := QueueMail{Kind: mixOrder[i%len(mixOrder)], MessageID: fmt.Sprintf("queue-%d@example.com", i),
			Name: fmt.Sprintf("Person %d Quill", i), From: fmt.Sprintf("person%d@example.com", i),
			At: last.Add(-time.Duration(n-1-i) * time.Minute)}
		subject, body, extra := mixContent(m, i)
		if m.Kind == MixCoppaPhoto {
			body = photoBody(m)
		}
		h := []string{fmt.Sprintf("From: %s <%s>", m.Name, m.From), "To: privacy@cooper.example", "Subject: " + subject,
			"Date: " + m.At.Format(time.RFC1123Z), "Message-ID: <" + m.MessageID + ">", "MIME-Version: 1.0"}
		h = append(h, extra...)
		m.Raw = []byte(strings.Join(h, "\r\n") + "\r\n\r\n" + strings.ReplaceAll(body, "\n", "\r\n"))
		out = append(out, m)
	}
	return out
}

// mixContent is a message's subject, body and extra header fields (its
// Content-Type among them).
func mixContent(m QueueMail, i int) (subject, body string, extra []string) {
	const request = "Request for California Privacy Information"
	plain := []string{"Content-Type: text/plain; charset=utf-8"}
	address := func(city, state, zip string) string {
		return fmt.Sprintf("California Privacy Rights Request\n\nName: %s\nStreet address: %d Oak Street\nCity: %s\nState: %s\nZIP code: %s\n",
			m.Name, 100+i, city, state, zip)
	}
	switch m.Kind {
	case MixNevada:
		return request, address("Reno", "NV", "89501"), plain
	case MixZIP:
		return request, address("Fresno", "CA", "89501"), plain
	case MixAutoReply:
		return "Automatic reply: " + request, "I am out of the office until Monday.\n", append(plain, "Auto-Submitted: auto-replied")
	case MixNearMiss:
		return "Shine the Light question", fmt.Sprintf("Hello, do you sell my data? Ticket %d.\n", i), plain
	case MixCoppaPhoto:
		return "COPPA Information Request", "", []string{`Content-Type: multipart/mixed; boundary="id-photo"`}
	case MixCoppa:
		return "COPPA Information Request", fmt.Sprintf("Please delete my son's account kid%d.\nParent: %s\n", i, m.Name), plain
	case MixUnrelated:
		return fmt.Sprintf("Order %d", i), "Where is my parcel?\n", plain
	}
	return request, address("Fresno", "CA", "93704"), plain
}

// photoBody is the body of a MixCoppaPhoto message.
func photoBody(m QueueMail) string {
	return "--id-photo\nContent-Type: text/plain; charset=utf-8\n\nPlease delete my daughter's account. A photo of my ID is attached.\nParent: " +
		m.Name + "\n--id-photo\nContent-Type: image/png\nContent-Disposition: attachment; filename=\"id card.png\"\n" +
		"Content-Transfer-Encoding: base64\n\n" + base64.StdEncoding.EncodeToString(PhotoBytes) + "\n--id-photo--\n"
}

// DeliverQueue appends QueueMix(n, last) to m's INBOX, pipelined on one
// connection, and returns it.
func (m *Mailbox) DeliverQueue(t testing.TB, n int, last time.Time) []QueueMail {
	t.Helper()
	mails := QueueMix(n, last)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	items := make([]mailbox.AppendItem, len(mails))
	for i := range mails {
		items[i] = mailbox.AppendItem{Raw: mails[i].Raw, Date: mails[i].At}
	}
	if m.mem != nil {
		for _, it := range items {
			if err := m.mem.Append("INBOX", it.Raw, it.Date); err != nil {
				t.Fatal(err)
			}
		}
		return mails
	}
	c, err := mailbox.Dial(ctx, m.cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	refused, err := c.AppendMany(ctx, "INBOX", items)
	if err != nil {
		t.Fatalf("deliver the queue: %v", err)
	}
	for i, e := range refused {
		if e != nil {
			t.Fatalf("deliver message %d: %v", i, e)
		}
	}
	return mails
}

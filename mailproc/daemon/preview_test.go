package daemon_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// TestPreviewFindsTheFirstLine: under a subject that names no request, a
// body whose first line says "California Privacy Rights Request" is a near
// miss wherever that line starts in the first 64 KB: in the first read of
// the message, cut by it, or beyond it. An ordinary first line there
// leaves the message alone.
func TestPreviewFindsTheFirstLine(t *testing.T) {
	tests := []struct {
		name  string
		at    int // where the body starts, in bytes
		first string
		near  bool
	}{
		{"at the start", 0, "California Privacy Rights Request", true},
		{"cut by the first read", 16<<10 - 12, "California Privacy Rights Request", true},
		{"beyond the first read", 40 << 10, "California Privacy Rights Request", true},
		{"an ordinary line beyond the first read", 40 << 10, "Where is my parcel?", false},
	}
	eachKind(t, func(t *testing.T, w *world) {
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
		for i, tt := range tests {
			deliverBodyAt(t, w, now.Add(-time.Hour), i, tt.at, tt.first+"\r\nName: Ada Byron\r\n")
		}
		w.runOnce(now)
		for i, tt := range tests {
			if !tt.near {
				continue
			}
			c := w.caseOf(fmt.Sprintf("preview-%d@example.com", i))
			if c == nil || c.State != cases.Review || !slices.Contains(c.Reasons, cases.ReasonNearMiss) {
				t.Errorf("%s: case = %v, want review near-miss", tt.name, c)
			}
		}
		if n := len(w.folder("INBOX")); n != 1 {
			t.Errorf("INBOX holds %d, want the ordinary message alone", n)
		}
	})
}

// deliverBodyAt appends a message whose body starts at byte at (or just
// after its header, when that is longer), padded by header fields.
func deliverBodyAt(t *testing.T, w *world, when time.Time, i, at int, body string) {
	t.Helper()
	head := strings.Join([]string{fmt.Sprintf("From: P %d <p%d@example.com>", i, i), "To: privacy@cooper.example",
		"Subject: A question", "Date: " + when.Format(time.RFC1123Z), fmt.Sprintf("Message-ID: <preview-%d@example.com>", i),
		"MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8"}, "\r\n") + "\r\n"
	for len(head)+2 < at {
		n := min(at-2-len(head), 900)
		if n < 12 {
			n = 12 // a field shorter than that cannot be made; the body starts a little later
		}
		head += "X-Pad: " + strings.Repeat("x", n-9) + "\r\n"
	}
	raw := head + "\r\n" + body
	if i := strings.Index(raw, "\r\n\r\n") + 4; at > 0 && (i < at-12 || i > at+12) {
		t.Fatalf("body starts at %d, want about %d", i, at)
	}
	if err := w.imap.Append("INBOX", []byte(raw), when); err != nil {
		t.Fatal(err)
	}
}

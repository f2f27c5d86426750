package parse

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// parseWithin runs Parse and fails the test if it takes longer than limit.
func parseWithin(t *testing.T, raw []byte, lim Limits, limit time.Duration) *Message {
	t.Helper()
	done := make(chan *Message, 1)
	go func() { done <- Parse(raw, lim) }()
	select {
	case m := <-done:
		return m
	case <-time.After(limit):
		t.Fatalf("Parse did not return within %v", limit)
		return nil
	}
}

// manyParts is a multipart/mixed of n text parts "part 0" … "part n-1",
// the first one plain and the rest attachments.
func manyParts(n int) []byte {
	var b strings.Builder
	b.WriteString("From: a@example.com\r\nSubject: many\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n")
	b.WriteString("--b\r\nContent-Type: text/plain\r\n\r\nthe body\r\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "--b\r\nContent-Type: application/octet-stream\r\n\r\npart %d\r\n", i)
	}
	b.WriteString("--b--\r\n")
	return []byte(b.String())
}

// deepNesting is depth multiparts nested in each other with a text part
// at the top level and another at the bottom.
func deepNesting(depth int) []byte {
	var b strings.Builder
	b.WriteString("From: a@example.com\r\nSubject: deep\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n")
	b.WriteString("--b0\r\nContent-Type: text/plain\r\n\r\ntop text\r\n")
	for i := 1; i < depth; i++ {
		fmt.Fprintf(&b, "--b%d\r\nContent-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n", i-1, i)
	}
	fmt.Fprintf(&b, "--b%d\r\nContent-Type: text/plain\r\n\r\nbottom text\r\n", depth-1)
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\r\n", i)
	}
	return []byte(b.String())
}

func TestLimitsManyParts(t *testing.T) {
	m := parseWithin(t, manyParts(2000), Limits{}, 10*time.Second)
	if m.Text != "the body" {
		t.Errorf("Parse(2000 parts).Text = %q, want %q", m.Text, "the body")
	}
	if m.Attachments != DefaultMaxParts-1 {
		t.Errorf("Parse(2000 parts).Attachments = %d, want %d (walk stops at MaxParts)", m.Attachments, DefaultMaxParts-1)
	}
	m = parseWithin(t, manyParts(50), Limits{MaxParts: 10}, 10*time.Second)
	if m.Attachments != 9 {
		t.Errorf("Parse(50 parts, MaxParts 10).Attachments = %d, want 9", m.Attachments)
	}
}

func TestLimitsDeepNesting(t *testing.T) {
	m := parseWithin(t, deepNesting(100), Limits{}, 10*time.Second)
	if m.Text != "top text" {
		t.Errorf("Parse(100 deep).Text = %q, want %q (the bottom is below MaxDepth)", m.Text, "top text")
	}
	m = parseWithin(t, deepNesting(5), Limits{}, 10*time.Second)
	if want := "top text\n\nbottom text"; m.Text != want || m.Unreadable != "" {
		t.Errorf("Parse(5 deep) = Text %q Unreadable %q, want %q and none", m.Text, m.Unreadable, want)
	}
}

func TestLimitsDeepForwards(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&b, "Message-ID: <m%d@example.com>\r\nContent-Type: message/rfc822\r\n\r\n", i)
	}
	b.WriteString("Subject: innermost\r\n\r\ninnermost text\r\n")
	m := parseWithin(t, []byte("From: a@example.com\r\n"+b.String()), Limits{MaxDepth: 5}, 10*time.Second)
	if m.Text != "" {
		t.Errorf("Parse(100 nested messages, MaxDepth 5).Text = %q, want \"\"", m.Text)
	}
	if len(m.ReturnedMessageIDs) > 6 {
		t.Errorf("Parse(100 nested messages, MaxDepth 5) read %d levels, want at most 6", len(m.ReturnedMessageIDs))
	}
}

func TestLimitsMaxTextBytes(t *testing.T) {
	body := strings.Repeat("Zoë ", 10000) // 50,000 bytes
	tests := []struct {
		name string
		raw  []byte
	}{
		{"plain", buildMessage(plainType(), body)},
		{"html", buildMessage([]string{"Content-Type: text/html; charset=utf-8"}, "<p>"+body+"</p>")},
		{"with forwards", buildMessage([]string{`Content-Type: multipart/mixed; boundary="f"`},
			"--f", "Content-Type: text/plain", "", body,
			"--f", "Content-Type: message/rfc822", "", "Subject: in", "", body,
			"--f", "Content-Type: message/rfc822", "", "Subject: in", "", body,
			"--f--")},
	}
	const max = 1001 // odd, so that a cut would split "ë"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Parse(tt.raw, Limits{MaxTextBytes: max})
			for name, s := range map[string]string{"Text": m.Text, "FullText": m.FullText} {
				if len(s) > max || len(s) < max-10 {
					t.Errorf("len(Parse().%s) = %d, want about %d", name, len(s), max)
				}
				if !utf8.ValidString(s) {
					t.Errorf("Parse().%s is not valid UTF-8 after truncation", name)
				}
			}
		})
	}
}

func TestLimitsHugeHeaderLine(t *testing.T) {
	long := "X-Junk: " + strings.Repeat("=?utf-8?q?a?= ", 1<<20/14)
	raw := eml(long, "Subject: "+strings.Repeat("s", 1<<20), "Content-Type: text/plain", "", "body after")
	m := parseWithin(t, raw, Limits{}, 10*time.Second)
	if m.Text != "body after" {
		t.Errorf("Parse(1 MB header lines).Text = %q, want %q", m.Text, "body after")
	}
	if len(m.Header.Subject) != 1<<20 {
		t.Errorf("len(Subject) = %d, want %d", len(m.Header.Subject), 1<<20)
	}
}

func TestLimitsHugeBodyLine(t *testing.T) {
	raw := buildMessage([]string{`Content-Type: multipart/mixed; boundary="b"`},
		"--b", "Content-Type: text/html", "", strings.Repeat("<div>", 200000)+"deep"+strings.Repeat("</div>", 200000),
		"--b", "Content-Type: text/plain", "", strings.Repeat("x", 3<<20),
		"--b--")
	m := parseWithin(t, raw, Limits{}, 20*time.Second)
	if len(m.Text) != DefaultMaxTextBytes {
		t.Errorf("len(Parse().Text) = %d, want %d", len(m.Text), DefaultMaxTextBytes)
	}
}

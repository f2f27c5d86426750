package demo

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestDemo runs the whole demo and checks its story: each template the
// backlog calls for, the follow-up merged, nothing sent twice on restart,
// and where the mail ended.
func TestDemo(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out bytes.Buffer
	if err := Run(ctx, &out); err != nil {
		t.Fatalf("Run: %v\n%s", err, out.String())
	}
	s := out.String()
	for _, want := range []string{
		"case C-2025-0001, answered",
		"case C-2026-0001, answered",
		"reply california-incomplete; missing zip",
		"reply coppa-received",
		"reply california-repeat",
		"review (not-california)",
		"review (automated)",
		"review (unparseable)",
		"review (near-miss)",
		"merged into case C-2026-0003, now answered",
		"nothing new: every message was seen before",
		"replies accepted by the SMTP server in this pass: 0",
		"INBOX               2 messages (0 flagged, 0 seen)",
		"Privacy/Review      4 messages (4 flagged, 0 seen)",
		"SMTP server         7 replies",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("demo output:\n%s", s)
	}
}

package demo

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// TestDemo runs the whole demo and checks its story: each template the
// backlog calls for, a GDPR request acknowledged and closed by staff, an
// account closure left alone, the follow-up merged, nothing sent twice on
// restart, and where the mail ended.
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
		"decision: privacy, review (privacy-request)\n   understood as: GDPR access request",
		"reply sent to anna.lindqvist@example.se",
		"close it as complied",
		"\"Please close my account\"\n   decision: other, ignore",
		"merged into case C-2026-0003, now answered",
		"nothing new: every message was seen before",
		"replies accepted by the SMTP server in this pass: 0",
		"INBOX               3 messages (0 flagged, 0 seen)",
		"Privacy/Processed   8 messages (0 flagged, 0 seen)",
		"Privacy/Review      4 messages (4 flagged, 0 seen)",
		"SMTP server         8 replies",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	checkReport(t, s)
	if t.Failed() {
		t.Logf("demo output:\n%s", s)
	}
}

// checkReport reads the HTML report the demo wrote: it shows the privacy
// section with the GDPR access request, answered.
func checkReport(t *testing.T, out string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if p := strings.TrimSpace(line); strings.HasSuffix(p, ".html") {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"Other privacy-rights requests, by law and right", "GDPR (EU and UK): one month",
				`<th scope="row">Access (a copy; the right to know)</th><td class="num">1</td><td class="num">1</td><td class="num">1</td>`} {
				if !strings.Contains(string(b), want) {
					t.Errorf("the demo's report lacks %q", want)
				}
			}
			return
		}
	}
	t.Error("the demo names no HTML report")
}

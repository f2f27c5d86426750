package e2e

import (
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/web"
	"github.com/mailproc/mailproc/mailproc/web/browsertest"
)

// TestBrowserApprovesFlaggedCase drives the real daemon's console in
// headless Chromium: sign in, open a flagged case from the queue, approve
// it (refused while its ZIP is outside California, accepted once staff
// correct it, the correction in the history), and see the reply arrive at
// the SMTP server and the mail leave Privacy/Review unflagged; a <script>
// in a message shows as text.
func TestBrowserApprovesFlaggedCase(t *testing.T) {
	ctx := browsertest.Start(t) // skips without Chromium
	s := newSetup(t, "memory")
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	hash, err := web.HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	appendConfig(t, s.config, fmt.Sprintf("\n[web]\nlisten = %q\nsecure_cookies = false\n[[web.users]]\nname = \"alice\"\npassword_hash = %q\n", addr, hash))
	// A valid request but for a ZIP outside California's range: review.
	mismatch := "From: Ada Byron <ada@example.com>\r\nSubject: Request for California Privacy Information\r\nMessage-ID: <zip@example.com>\r\nContent-Type: text/plain\r\n\r\n" +
		strings.Replace(request, "93704", "89501", 1)
	script := "From: Eve <eve@example.com>\r\nSubject: Shine the Light <script>alert(1)</script>\r\nMessage-ID: <xss@example.com>\r\nContent-Type: text/plain\r\n\r\n<script>alert(2)</script>\r\n"
	for _, raw := range []string{mismatch, script} {
		if err := s.imap.Append("INBOX", []byte(raw), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	p := s.start(t)
	ids := s.waitCases(t, "zip@example.com", "xss@example.com")
	waitListening(t, addr)
	site := browsertest.Site{BaseURL: "http://" + addr, User: "alice", Password: "correct horse"}
	// As it is, the ZIP outside California is refused for a disclosure;
	// corrected, it is accepted and the history says who changed what.
	if _, err := browsertest.ApproveCorrected(ctx, site, ids["zip@example.com"], "california-disclosure", nil); err == nil || !strings.Contains(err.Error(), `zip \"89501\": not a California ZIP code`) {
		t.Errorf("a disclosure with the case's own ZIP outside California = %v, want refused naming it", err)
	}
	notice, err := browsertest.ApproveCorrected(ctx, site, ids["zip@example.com"], "california-disclosure", map[string]string{"zip": "93704"})
	if err != nil {
		t.Fatalf("approve in the browser: %v\n%s", err, p.out.String())
	}
	t.Logf("the console said: %s", notice)
	if c, err := control.Dial(filepath.Join(filepath.Dir(s.db), "control.sock")); err == nil {
		cs, _ := c.Get(ids["zip@example.com"])
		if !historyHas(cs, "alice", "field corrected", `zip: "89501" → "93704"`) {
			t.Errorf("the history does not record alice's correction: %+v", cs.History)
		}
	}
	s.waitReplies(t, 1, p)
	if r := string(s.smtp.Messages()[0].Raw); !strings.Contains(r, "To: Ada Byron <ada@example.com>") && !strings.Contains(r, "ada@example.com") {
		t.Errorf("the approved reply does not go to the requester:\n%s", r)
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(s.imap.Messages("Privacy/Review")) != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the approved case's mail never left Privacy/Review")
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, m := range s.imap.Messages("Privacy/Processed") {
		for _, f := range m.Flags {
			if strings.EqualFold(f, `\Flagged`) {
				t.Error("the approved case's mail is still \\Flagged in Privacy/Processed")
			}
		}
	}
	if err := browsertest.ShowsAsText(ctx, site, ids["xss@example.com"], "<script>alert(2)</script>"); err != nil {
		t.Errorf("a <script> in a message: %v", err)
	}
	p.stop(t)
}

// historyHas reports whether an actor's event with an action and a detail
// is in a case's history.
func historyHas(c *cases.Case, actor, action, detail string) bool {
	for _, e := range c.History {
		if e.Actor == actor && e.Action == action && e.Detail == detail {
			return true
		}
	}
	return false
}

// waitCases waits until the cases of the given messages exist, asking the
// daemon over its control socket, and returns their IDs by Message-ID.
func (s *setup) waitCases(t *testing.T, messageIDs ...string) map[string]string {
	t.Helper()
	sock := filepath.Join(filepath.Dir(s.db), "control.sock")
	deadline := time.Now().Add(30 * time.Second)
	for {
		ids := map[string]string{}
		if c, err := control.Dial(sock); err == nil {
			list, _ := c.List(control.Filter{})
			for _, sum := range list {
				full, err := c.Get(sum.ID)
				if err == nil && len(full.Messages) > 0 {
					ids[full.Messages[0].MessageID] = sum.ID
				}
			}
		}
		if len(ids) >= len(messageIDs) {
			return ids
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d cases appeared", len(ids), len(messageIDs))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitListening waits until something accepts connections on addr.
func waitListening(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("nothing listens on %s", addr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

package demo

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/decide"
)

// TestPrinterKeepsTheStoryInOrder: the daemon sends replies on a goroutine
// of its own, so a reply can be heard after the next message's decision;
// the demo still prints each reply under its own message, messages in
// order, and a reply that never came is said at the end.
func TestPrinterKeepsTheStoryInOrder(t *testing.T) {
	var out bytes.Buffer
	p := &printer{out: &out}
	reply := func(uid uint32, id string, tmpl cases.Template) daemon.Decided {
		return daemon.Decided{UID: uid, Subject: "s", CaseID: id, Decision: decide.Decision{Action: decide.Reply, Template: tmpl}}
	}
	sent := func(id string, tmpl cases.Template, subject string) daemon.Sent {
		return daemon.Sent{CaseID: id, Template: tmpl, To: "a@example.com",
			Raw: []byte("Subject: " + subject + "\r\nContent-Type: text/plain\r\n\r\nbody of " + subject + "\r\n")}
	}
	p.Decided(reply(1, "C-1", "coppa-received"))
	p.Decided(daemon.Decided{UID: 2, Subject: "s", Decision: decide.Decision{Action: decide.Ignore}})
	p.Decided(reply(3, "C-2", "coppa-received"))
	if out.Len() != 0 {
		t.Errorf("printed before the first reply came:\n%s", out.String())
	}
	p.Sent(sent("C-1", "coppa-received", "first reply"))
	p.Decided(reply(4, "C-3", "california-repeat"))
	if n := p.flush(); n != 4 {
		t.Errorf("flush = %d decisions, want 4", n)
	}
	s := out.String()
	order := []string{"-- uid 1", "first reply", "-- uid 2", "-- uid 3", "reply coppa-received not sent in this pass", "-- uid 4", "reply california-repeat not sent in this pass"}
	at := 0
	for _, want := range order {
		i := strings.Index(s[at:], want)
		if i < 0 {
			t.Fatalf("output lacks %q after byte %d, or has it out of order:\n%s", want, at, s)
		}
		at += i + len(want)
	}
}

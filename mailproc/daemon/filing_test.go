package daemon_test

import (
	"bytes"
	"context"
	"net"
	"net/mail"
	"strconv"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/testenv"
)

// dropStep is an IMAP command of filing after whose OK the connection
// breaks.
type dropStep struct {
	name     string
	pattern  string // the command line without its tag
	hideMove bool   // the proxy hides MOVE: the client copies, stores \Deleted, expunges
}

var dropSteps = []dropStep{
	{"move", `^UID MOVE`, false},
	{"copy", `^UID COPY`, true},
	{"store-deleted", `^UID STORE .*\\Deleted`, true},
	{"expunge", `EXPUNGE`, true},
}

// TestFilingSurvivesDrops breaks the IMAP connection right after the
// server's OK of each command that files mail — MOVE, and the fallback's
// COPY, STORE \Deleted and EXPUNGE — while a batch is filed and while
// recovery files what a killed process left, then runs again: each request
// is once in its folder, none is \Deleted there, the ones for staff are
// \Flagged, and the inbox keeps only the unrelated mail.
func TestFilingSurvivesDrops(t *testing.T) {
	for _, kind := range filingKinds() {
		for _, step := range dropSteps {
			if kind == testenv.Courier && !step.hideMove {
				continue // Courier has no MOVE
			}
			for _, phase := range []string{"batch", "recovery"} {
				t.Run(kind+"/"+step.name+"/"+phase, func(t *testing.T) {
					dropWhileFiling(t, kind, step, phase)
				})
			}
		}
	}
}

// filingKinds are the servers the filing tests run on: in-process always,
// Dovecot and Courier-IMAP when they run.
func filingKinds() []string {
	kinds := testenv.Kinds()
	if testenv.CourierAddr() != "" {
		kinds = append(kinds, testenv.Courier)
	}
	return kinds
}

func dropWhileFiling(t *testing.T, kind string, step dropStep, phase string) {
	w := newWorldOn(t, kind, testenv.Memory)
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	for i := 0; i < 3; i++ {
		w.deliver(now.Add(-time.Hour), "Ada Byron <ada"+strconv.Itoa(i)+"@example.com>", calSubject, fullBody)
	}
	w.deliver(now.Add(-time.Hour), "Bo <bo@example.com>", calSubject, "California Privacy Rights Request\n\nName: Bo\nStreet address: 1 Elm St\nCity: Reno\nState: NV\nZIP code: 89501\n")
	w.deliver(now.Add(-time.Hour), "Tom <tom@example.com>", "Where is my order?", "Hi")
	proxy := w.proxy(step.hideMove)
	if phase == "recovery" {
		runUntilKilled(t, w, now, "before-move", func(o *daemon.Options) { o.Dial = proxy.dial(w) }) // intents recorded, nothing filed
	}
	proxy.DropAfter(step.pattern, 1)
	err := w.daemon(now, func(o *daemon.Options) { o.Dial = proxy.dial(w) }).RunOnce(context.Background())
	if proxy.Drops() != 1 {
		t.Fatalf("the connection was never dropped after %s (RunOnce = %v)", step.pattern, err)
	}
	for i := 1; i <= 2; i++ {
		if err := w.daemon(now.Add(time.Duration(i)*time.Minute), func(o *daemon.Options) { o.Dial = proxy.dial(w) }).RunOnce(context.Background()); err != nil {
			t.Fatalf("run %d after the drop: %v", i, err)
		}
	}
	expectFiledOnce(t, w, "Privacy/Processed", 3, false)
	expectFiledOnce(t, w, "Privacy/Review", 1, true)
	if inbox := w.folder("INBOX"); len(inbox) != 1 {
		t.Errorf("INBOX holds %d, want only the unrelated message", len(inbox))
	}
	if n := len(w.smtp.Messages()); n != 3 {
		t.Errorf("replies = %d, want 3", n)
	}
}

// expectFiledOnce checks that folder holds want messages, each Message-ID
// once, none \Deleted, all \Flagged when flagged.
func expectFiledOnce(t *testing.T, w *world, folder string, want int, flagged bool) {
	t.Helper()
	msgs := w.folder(folder)
	seen := map[string]int{}
	for _, m := range msgs {
		id := headerMessageID(m.Raw)
		seen[id]++
		if seen[id] == 2 {
			t.Errorf("%s holds %s twice", folder, id)
		}
		if hasFlag(m, `\Deleted`) {
			t.Errorf("%s holds %s marked \\Deleted", folder, id)
		}
		if flagged && !hasFlag(m, `\Flagged`) {
			t.Errorf("%s holds %s without \\Flagged", folder, id)
		}
	}
	if len(seen) != want || len(msgs) != want {
		t.Errorf("%s holds %d messages (%d Message-IDs), want %d", folder, len(msgs), len(seen), want)
	}
}

// proxiedMailbox is the world's IMAP server seen through a fault proxy,
// in plain text so the proxy can read the commands.
type proxiedMailbox struct {
	*testenv.FaultProxy
	cfg mailbox.Config
}

// proxy starts a fault proxy in front of the world's IMAP server.
func (w *world) proxy(hideMove bool) *proxiedMailbox {
	w.t.Helper()
	cfg := w.imap.Config()
	target := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	if w.imap.Kind == testenv.Real {
		target = "127.0.0.1:10143" // Dovecot without TLS
	}
	p := testenv.StartFaultProxy(w.t, target, hideMove)
	cfg.Host, cfg.Port, cfg.Security, cfg.CAFile = p.Host, p.Port, mailbox.SecurityNone, ""
	return &proxiedMailbox{FaultProxy: p, cfg: cfg}
}

// dial dials through the proxy.
func (p *proxiedMailbox) dial(w *world) daemon.Dialer {
	return func(ctx context.Context) (daemon.Mailbox, error) { return mailbox.Dial(ctx, p.cfg) }
}

// headerMessageID is the Message-ID field of a raw message.
func headerMessageID(raw []byte) string {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return ""
	}
	return msg.Header.Get("Message-ID")
}

// TestStaffRefilingSurvivesDrops: mail staff move on (a dismissed case's
// message from Privacy/Review to Privacy/Processed) is moved by
// Message-ID; without MOVE, a connection broken right after the COPY, the
// STORE \Deleted or the EXPUNGE leaves it once in Privacy/Processed, not
// \Deleted there, and gone from Privacy/Review after the next run.
func TestStaffRefilingSurvivesDrops(t *testing.T) {
	for _, kind := range filingKinds() {
		for _, step := range dropSteps {
			if !step.hideMove {
				continue
			}
			t.Run(kind+"/"+step.name, func(t *testing.T) {
				w := newWorldOn(t, kind, testenv.Memory)
				now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
				id := w.deliver(now.Add(-time.Hour), "Bo <bo@example.com>", "COPPA question", "Is this the privacy team?")
				proxy := w.proxy(true)
				viaProxy := func(o *daemon.Options) { o.Dial = proxy.dial(w) }
				if err := w.daemon(now, viaProxy).RunOnce(context.Background()); err != nil {
					t.Fatal(err)
				}
				expectFiledOnce(t, w, "Privacy/Review", 1, true)
				if _, err := w.daemon(now, viaProxy).Dismiss(w.caseOf(id).ID, control.Act{Actor: "bob", Reason: "not a request"}); err != nil {
					t.Fatal(err)
				}
				proxy.DropAfter(step.pattern, 1)
				err := w.daemon(now, viaProxy).RunOnce(context.Background())
				if proxy.Drops() != 1 {
					t.Fatalf("the connection was never dropped after %s (RunOnce = %v)", step.pattern, err)
				}
				for i := 1; i <= 2; i++ {
					if err := w.daemon(now.Add(time.Duration(i)*time.Minute), viaProxy).RunOnce(context.Background()); err != nil {
						t.Fatalf("run %d after the drop: %v", i, err)
					}
				}
				expectFiledOnce(t, w, "Privacy/Processed", 1, false)
				expectFiledOnce(t, w, "Privacy/Review", 0, false)
			})
		}
	}
}

package daemon_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/parse"
)

// backlogSize spans more than two batches, so batches are filed on the
// second connection while the next is read, and replies go out beside the
// reading.
const backlogSize = 1201

// TestBacklogOverSeveralBatches: a backlog of requests and unrelated mail
// larger than a batch is answered exactly once per request, every request
// and its sent copy filed, and the unrelated mail left unread in INBOX.
func TestBacklogOverSeveralBatches(t *testing.T) {
	eachPasswordKind(t, func(t *testing.T, w *world) {
		now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
		requests := deliverBacklog(t, w, now, backlogSize)
		w.runOnce(now)
		expectBacklogDone(t, w, requests, 0, 0)
	})
}

// maxCommitsPerRequest is what recording a backlog may cost in store
// commits (each a write and a sync) per request answered (issue 17).
const maxCommitsPerRequest = 1.2

// TestBacklogCommitsPerRequest: a backlog of requests is recorded, sent
// and filed in at most maxCommitsPerRequest store commits per request, the
// decisions of a batch grouped rather than one commit per message.
func TestBacklogCommitsPerRequest(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	requests := deliverBacklog(t, w, now, backlogSize)
	before := w.store.Commits()
	w.runOnce(now)
	expectBacklogDone(t, w, requests, 0, 0)
	commits := w.store.Commits() - before
	per := float64(commits) / float64(len(requests))
	t.Logf("%d commits for %d requests: %.3f per request", commits, len(requests), per)
	if per > maxCommitsPerRequest {
		t.Errorf("commits per request = %.3f (%d for %d requests), want <= %.1f", per, commits, len(requests), maxCommitsPerRequest)
	}
}

// TestBacklogCrash kills the daemon in a backlog at its first move (made
// on the second connection while the next batch is read), just after its
// first reply is accepted (on the goroutine that sends while the batch is
// read), and just after the intent to send its second reply is recorded
// (usually in the transaction that records the first reply's outcome), and
// restarts it: nothing is sent twice, every request is filed, and only the
// reply whose sending was never confirmed leaves its case in review as
// delivery-unknown, sent or not.
func TestBacklogCrash(t *testing.T) {
	for _, tt := range []struct {
		point           string
		unknown, unsent int
	}{
		{"before-move", 0, 0},
		{"after-send", 1, 0},
		{"after-intent:2", 1, 1},
	} {
		t.Run(tt.point, func(t *testing.T) {
			eachPasswordKind(t, func(t *testing.T, w *world) {
				now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
				requests := deliverBacklog(t, w, now, backlogSize)
				runUntilKilled(t, w, now, tt.point)
				w.runOnce(now.Add(time.Minute))
				expectBacklogDone(t, w, requests, tt.unknown, tt.unsent)
			})
		})
	}
}

// TestBacklogWithOneConnection: a server that allows one login at a time
// refuses the second connection; the daemon files every batch on its one
// connection instead, and the backlog is done all the same.
func TestBacklogWithOneConnection(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	requests := deliverBacklog(t, w, now, backlogSize)
	dials := 0
	d := w.daemon(now, func(o *daemon.Options) {
		dial := o.Dial
		o.Dial = func(ctx context.Context) (daemon.Mailbox, error) {
			if dials++; dials > 1 {
				return nil, errors.New("NO [LIMIT] too many connections")
			}
			return dial(ctx)
		}
	})
	if err := d.RunOnce(context.Background()); err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	if dials != 2 {
		t.Errorf("dialled %d times, want 2 (the second refused once, not tried again)", dials)
	}
	expectBacklogDone(t, w, requests, 0, 0)
}

// deliverBacklog delivers testenv's backlog of n messages, the last a
// second before now, with an hourly limit that lets every request be
// answered, and returns the requests' Message-IDs.
func deliverBacklog(t *testing.T, w *world, now time.Time, n int) []string {
	t.Helper()
	w.cfg.Limits.RepliesPerHour = 2 * n
	return w.imap.DeliverBacklog(t, n, now.Add(-time.Second))
}

// expectBacklogDone checks that each request was answered once, but for
// unsent ones among the unknown whose sending was never confirmed; that
// every reply but the unknown ones has its one copy in Sent; that the
// requests left INBOX (unknown of them for review); and that the
// unrelated mail is still there, unread.
func expectBacklogDone(t *testing.T, w *world, requests []string, unknown, unsent int) {
	t.Helper()
	answered := map[string]int{}
	for _, s := range w.sent() {
		answered[strings.Trim(s.inReplyTo, "<>")]++
	}
	for _, id := range requests {
		if answered[id] > 1 {
			t.Errorf("request %s answered %d times", id, answered[id])
		}
	}
	if got, want := len(w.smtp.Messages()), len(requests)-unsent; got != want {
		t.Errorf("replies = %d, want %d (one per request, %d never sent)", got, want, unsent)
	}
	if got, want := len(w.folder("Privacy/Processed")), len(requests)-unknown; got != want {
		t.Errorf("Privacy/Processed holds %d, want %d", got, want)
	}
	if got := len(w.folder("Privacy/Review")); got != unknown {
		t.Errorf("Privacy/Review holds %d, want %d", got, unknown)
	}
	expectOneCopyEach(t, w, unknown-unsent)
	inbox := w.folder("INBOX")
	if got, want := len(inbox), backlogSize-len(requests); got != want {
		t.Errorf("INBOX holds %d, want the %d unrelated messages", got, want)
	}
	for _, m := range inbox {
		if len(m.Flags) != 0 {
			t.Errorf("unrelated uid %d has flags %v, want none", m.UID, m.Flags)
		}
	}
}

// expectOneCopyEach checks that Sent holds one copy of each reply the
// SMTP server accepted, except the unknown ones whose sending was never
// confirmed (they have none), and never two.
func expectOneCopyEach(t *testing.T, w *world, unknown int) {
	t.Helper()
	copies := map[string]int{}
	for _, m := range w.folder("Sent") {
		h, err := parse.ParseHeader(m.Raw)
		if err != nil {
			t.Fatalf("a copy in Sent does not parse: %v", err)
		}
		copies[h.MessageID]++
	}
	missing := 0
	for _, s := range w.sent() {
		switch n := copies[strings.Trim(s.messageID, "<>")]; {
		case n == 0:
			missing++
		case n > 1:
			t.Errorf("Sent holds %d copies of %s, want 1", n, s.messageID)
		}
	}
	if missing != unknown {
		t.Errorf("%d replies have no copy in Sent, want %d", missing, unknown)
	}
}

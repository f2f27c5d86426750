package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/testenv"
)

// backlogSize spans more than two batches.
const backlogSize = 1201

// TestSIGKILLDuringBacklog kills `mailproc run` with SIGKILL three times
// while it works through a backlog of several batches (replies going out
// beside the reading, batches filed on a second connection), at moments
// set by how many replies have gone out, and lets a fourth run finish: no
// request is answered twice, at most one reply per kill is left
// unconfirmed (review), every request is filed with at most one copy of
// its reply in Sent, and the unrelated mail is still in INBOX, unread.
func TestSIGKILLDuringBacklog(t *testing.T) {
	for _, kind := range testenv.Kinds() {
		t.Run(kind, func(t *testing.T) {
			s, requests := newBacklog(t, kind)
			kills := []int{5, 110, 230}
			for _, after := range kills {
				p := s.start(t)
				s.waitReplied(t, after)
				p.cmd.Process.Kill()
				<-p.done
			}
			s.finishBacklog(t, requests)
			s.expectBacklogDone(t, requests, backlogSize-requests, len(kills))
		})
	}
}

// TestSIGKILLAfterAGroupOfDecisions kills `mailproc run` with SIGKILL
// just after it commits the group of decisions that holds the 100th (in
// the middle of the first batch, replies of the groups before it going
// out meanwhile) and lets a second run finish: the group's requests are
// answered once each, by the second run, and at most the one reply in
// flight is left unconfirmed.
func TestSIGKILLAfterAGroupOfDecisions(t *testing.T) {
	for _, kind := range testenv.Kinds() {
		t.Run(kind, func(t *testing.T) {
			s, requests := newBacklog(t, kind)
			if out, err := s.run("MAILPROC_FAILPOINT=after-decision:100"); !killedBySIGKILL(err) {
				t.Fatalf("run with after-decision:100 = %v, want killed\n%s", err, out)
			}
			if n := len(s.smtp.Messages()); n >= 100 {
				t.Errorf("%d replies before the kill, want fewer than the 100 decisions recorded", n)
			}
			s.finishBacklog(t, requests)
			s.expectBacklogDone(t, requests, backlogSize-requests, 1)
		})
	}
}

// TestSIGTERMDuringBacklog stops `mailproc run` with SIGTERM in the middle
// of a backlog: it exits 0 promptly with nothing left unconfirmed, and the
// next run finishes the backlog with every request answered once.
func TestSIGTERMDuringBacklog(t *testing.T) {
	for _, kind := range testenv.Kinds() {
		t.Run(kind, func(t *testing.T) {
			s, requests := newBacklog(t, kind)
			p := s.start(t)
			s.waitReplied(t, 50)
			p.stop(t)
			stopped := len(s.smtp.Messages())
			if stopped == requests {
				t.Fatalf("all %d requests were answered before SIGTERM: nothing was left to stop", requests)
			}
			t.Logf("%d replies when stopped", stopped)
			s.finishBacklog(t, requests)
			s.expectBacklogDone(t, requests, backlogSize-requests, 0)
		})
	}
}

// newBacklog is a setup whose INBOX holds testenv's backlog, with an
// hourly limit that lets every request be answered; it returns how many
// requests the backlog holds.
func newBacklog(t *testing.T, kind string) (*setup, int) {
	s := newSetup(t, kind)
	appendConfig(t, s.config, "\n[limits]\nreplies_per_hour = 10000\n")
	return s, len(s.imap.DeliverBacklog(t, backlogSize, time.Now()))
}

// waitReplied waits until the SMTP server has accepted n replies.
func (s *setup) waitReplied(t *testing.T, n int) {
	t.Helper()
	waitUntil(t, time.Minute, func() bool { return len(s.smtp.Messages()) >= n }, fmt.Sprintf("%d replies", n))
}

// finishBacklog runs the daemon until every request is filed, then stops
// it with SIGTERM.
func (s *setup) finishBacklog(t *testing.T, requests int) {
	t.Helper()
	p := s.start(t)
	waitUntil(t, 2*time.Minute, func() bool {
		return len(s.imap.Messages("Privacy/Processed"))+len(s.imap.Messages("Privacy/Review")) == requests
	}, "every request filed")
	p.stop(t)
}

// expectBacklogDone checks the end of a backlog run with kills: one reply
// at most per address, at most kills requests in review (a reply left
// unconfirmed by each kill), one copy at most of each reply in Sent, and
// only the unrelated mail left in INBOX, without flags.
func (s *setup) expectBacklogDone(t *testing.T, requests, unrelated, kills int) {
	t.Helper()
	replies := s.smtp.Messages()
	to := map[string]int{}
	for _, r := range replies {
		to[strings.Join(r.To, ",")]++
	}
	for addr, k := range to {
		if k > 1 {
			t.Errorf("%d replies to %s", k, addr)
		}
	}
	if len(replies) < requests-kills || len(replies) > requests {
		t.Errorf("%d replies for %d requests and %d kills", len(replies), requests, kills)
	}
	if review := len(s.imap.Messages("Privacy/Review")); review > kills {
		t.Errorf("Privacy/Review holds %d, want at most %d (one unconfirmed reply per kill)", review, kills)
	}
	sent := map[string]int{}
	for _, m := range s.imap.Messages("Sent") {
		sent[messageID(m.Raw)]++
	}
	for id, k := range sent {
		if k > 1 {
			t.Errorf("Sent holds %d copies of %s", k, id)
		}
	}
	inbox := s.imap.Messages("INBOX")
	if len(inbox) != unrelated {
		t.Errorf("INBOX holds %d, want the %d unrelated messages", len(inbox), unrelated)
	}
	for _, m := range inbox {
		if len(m.Flags) != 0 {
			t.Errorf("unrelated message has flags %v, want none", m.Flags)
			break
		}
	}
	t.Logf("%d requests, %d kills: %d replies, %d copies in Sent, %d in review", requests, kills, len(replies), len(sent), len(s.imap.Messages("Privacy/Review")))
}

// messageID is the Message-ID field of a raw message.
func messageID(raw []byte) string {
	for _, line := range strings.Split(string(raw), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, "Message-ID") {
			return strings.TrimSpace(v)
		}
		if strings.TrimSpace(line) == "" {
			break
		}
	}
	return ""
}

// waitUntil polls cond until it holds or the deadline passes.
func waitUntil(t *testing.T, within time.Duration, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", within, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

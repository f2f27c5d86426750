package e2e

import (
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/testenv"
)

// TestSIGKILLWithoutMove kills `mailproc run` with SIGKILL at moments
// spread over a backlog on Courier-IMAP, a server without MOVE (messages
// are filed by COPY, STORE \Deleted and EXPUNGE), and lets a last run
// finish: besides what TestSIGKILLDuringBacklog checks, no message is
// filed twice and none is left \Deleted in a destination.
// MAILPROC_TEST_NOMOVE_BACKLOG="MESSAGES,KILLS" sets its size (default
// 400 messages and 4 kills; the full run is 1200,12).
func TestSIGKILLWithoutMove(t *testing.T) {
	testenv.RequireCourier(t)
	size, kills := noMoveSize(t)
	s := newSetup(t, testenv.Courier)
	appendConfig(t, s.config, "\n[limits]\nreplies_per_hour = 10000\n")
	start := time.Now()
	requests := len(s.imap.DeliverBacklog(t, size, time.Now()))
	t.Logf("%d messages delivered in %.1f s", size, time.Since(start).Seconds())
	start = time.Now()
	for i := 1; i <= kills; i++ {
		p := s.start(t)
		s.waitReplied(t, i*requests*9/(10*kills))
		time.Sleep(time.Duration(rand.IntN(400)) * time.Millisecond) // now and then in a filing
		p.cmd.Process.Kill()
		<-p.done
	}
	killed := time.Since(start)
	start = time.Now()
	s.finishBacklog(t, requests)
	t.Logf("%d kills over %.1f s; the last run finished in %.1f s", kills, killed.Seconds(), time.Since(start).Seconds())
	s.expectBacklogDone(t, requests, size-requests, kills)
	for _, folder := range []string{"Privacy/Processed", "Privacy/Review", "Sent"} {
		s.expectOnceEach(t, folder)
	}
}

// noMoveSize reads MAILPROC_TEST_NOMOVE_BACKLOG.
func noMoveSize(t *testing.T) (size, kills int) {
	v := os.Getenv("MAILPROC_TEST_NOMOVE_BACKLOG")
	if v == "" {
		return 400, 4
	}
	a, b, _ := strings.Cut(v, ",")
	size, err1 := strconv.Atoi(a)
	kills, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || size < 8 || kills < 1 {
		t.Fatalf("MAILPROC_TEST_NOMOVE_BACKLOG=%q: want MESSAGES,KILLS", v)
	}
	return size, kills
}

// expectOnceEach checks that no Message-ID is twice in folder and that no
// message there is marked \Deleted.
func (s *setup) expectOnceEach(t *testing.T, folder string) {
	t.Helper()
	seen := map[string]bool{}
	for _, m := range s.imap.Messages(folder) {
		id := messageID(m.Raw)
		if seen[id] {
			t.Errorf("%s holds %s twice", folder, id)
		}
		seen[id] = true
		for _, f := range m.Flags {
			if strings.EqualFold(f, `\Deleted`) {
				t.Errorf("%s holds %s marked \\Deleted", folder, id)
			}
		}
	}
}

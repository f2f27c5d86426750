package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/store"
	"github.com/mailproc/mailproc/mailproc/testenv"
)

// binary is the mailproc binary built once for the package's tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mailproc-e2e-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "mailproc")
	out, err := exec.Command("go", "build", "-o", binary, "../../cmd/mailproc").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build mailproc: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// setup is a mailbox, an SMTP server and a config file for the binary.
type setup struct {
	t      *testing.T
	imap   *testenv.Mailbox
	smtp   *testenv.SMTP
	config string
	db     string
}

func newSetup(t *testing.T, kind string) *setup {
	imap := testenv.NewMailbox(t, kind)
	smtp := testenv.NewSMTP(t, kind)
	dir := t.TempDir()
	s := &setup{t: t, imap: imap, smtp: smtp, config: filepath.Join(dir, "mailproc.toml"), db: filepath.Join(dir, "mailproc.db")}
	pw := filepath.Join(dir, "imap-password")
	if err := os.WriteFile(pw, []byte(imap.Config().Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mc := imap.Config()
	cfg := fmt.Sprintf(`[mailbox]
host = %q
port = %d
security = %q
ca_file = %q
username = %q
password_file = %q
poll_interval = "1s"

[smtp]
host = %q
port = %d
security = %q
ca_file = %q
username = ""

[company]
name = "Cooper"
reply_from = "Cooper Privacy <%s>"
timezone = "America/Los_Angeles"

[store]
path = %q

[[disclosure]]
year = 2025
categories = ["name and address"]
[[disclosure.third_parties]]
name = "Acme Catalogs"
address = "1 Market St, San Francisco, CA 94105"

[[disclosure]]
year = 2026
`, mc.Host, mc.Port, mc.Security, mc.CAFile, mc.Username, pw,
		smtp.Host, smtp.Port, smtp.Security, smtp.CAFile, smtp.From, s.db)
	if err := os.WriteFile(s.config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return s
}

// run runs `mailproc run --once` with env added, and returns its output
// and exit error.
func (s *setup) run(env ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "run", "--once", "--config", s.config)
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

const request = "California Privacy Rights Request\r\n\r\nName: Ada Byron\r\nStreet address: 12 Oak Street\r\nCity: Fresno\r\nState: CA\r\nZIP code: 93704\r\n"

func (s *setup) deliver(id string) {
	raw := "From: Ada Byron <ada@example.com>\r\nTo: privacy@cooper.example\r\nSubject: Request for California Privacy Information\r\n" +
		"Message-ID: <" + id + ">\r\nDate: Mon, 02 Mar 2026 09:00:00 -0800\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + request
	if err := s.imap.Append("INBOX", []byte(raw), time.Now()); err != nil {
		s.t.Fatal(err)
	}
}

// caseOf opens the store (the daemon is not running) and returns the case
// of a message.
func (s *setup) caseOf(messageID string) *cases.Case {
	st, err := store.Open(s.db)
	if err != nil {
		s.t.Fatal(err)
	}
	defer st.Close()
	var c *cases.Case
	err = st.View(func(tx *store.Tx) error {
		id, ok := tx.CaseForMessage("mid:" + messageID)
		if !ok {
			return fmt.Errorf("no case for %s", messageID)
		}
		var err error
		c, err = tx.Case(id)
		return err
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return c
}

// killKinds are the servers the kill tests run on: those of testenv.Kinds,
// and Courier-IMAP (no MOVE) when it runs.
func killKinds() []string {
	if testenv.CourierAddr() != "" {
		return append(testenv.Kinds(), testenv.Courier)
	}
	return testenv.Kinds()
}

func killedBySIGKILL(err error) bool {
	ee, ok := err.(*exec.ExitError)
	if !ok {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// TestSIGKILLAtEachStep kills the real binary with SIGKILL at each step of
// the outbox order (MAILPROC_FAILPOINT) and starts it again: no mail lost,
// no reply twice, each case in the state SPEC §4 names.
func TestSIGKILLAtEachStep(t *testing.T) {
	tests := []struct {
		point   string
		replies int
		state   cases.State
		folder  string
		reason  cases.Reason
	}{
		{"after-decision", 1, cases.Answered, "Privacy/Processed", ""},
		{"after-intent", 0, cases.Review, "Privacy/Review", cases.ReasonDeliveryUnknown},
		{"after-send", 1, cases.Review, "Privacy/Review", cases.ReasonDeliveryUnknown},
		{"after-record", 1, cases.Answered, "Privacy/Processed", ""},
		{"before-move", 1, cases.Answered, "Privacy/Processed", ""},
	}
	for _, tt := range tests {
		for _, kind := range killKinds() {
			t.Run(tt.point+"/"+kind, func(t *testing.T) {
				s := newSetup(t, kind)
				s.deliver("kill-" + tt.point + "@example.com")
				out, err := s.run("MAILPROC_FAILPOINT=" + tt.point)
				if !killedBySIGKILL(err) {
					t.Fatalf("first run = %v, want death by SIGKILL at %s\n%s", err, tt.point, out)
				}
				for i := 0; i < 2; i++ {
					if out, err := s.run(); err != nil {
						t.Fatalf("restart %d: %v\n%s", i+1, err, out)
					}
				}
				if n := len(s.smtp.Messages()); n != tt.replies {
					t.Errorf("replies = %d, want %d", n, tt.replies)
				}
				c := s.caseOf("kill-" + tt.point + "@example.com")
				if c.State != tt.state || (tt.reason != "" && !slices.Contains(c.Reasons, tt.reason)) {
					t.Errorf("case = %s %v, want %s %s", c.State, c.Reasons, tt.state, tt.reason)
				}
				if n := len(s.imap.Messages("INBOX")); n != 0 {
					t.Errorf("INBOX holds %d, want the request moved", n)
				}
				if msgs := s.imap.Messages(tt.folder); len(msgs) != 1 {
					t.Errorf("%s holds %d, want the request", tt.folder, len(msgs))
				}
			})
		}
	}
}

// TestSIGKILLMidBacklog kills the binary while it works through a backlog,
// at a different message each time, and restarts it until it finishes:
// every request is answered exactly once or handed to staff, none is lost.
func TestSIGKILLMidBacklog(t *testing.T) {
	for _, kind := range testenv.Kinds() {
		t.Run(kind, func(t *testing.T) {
			s := newSetup(t, kind)
			const n = 12
			for i := 0; i < n; i++ {
				raw := fmt.Sprintf("From: Person %d <p%d@example.com>\r\nSubject: COPPA Information Request\r\nMessage-ID: <b%d@example.com>\r\n"+
					"Content-Type: text/plain\r\n\r\nPlease delete my child's data.\r\n", i, i, i)
				if err := s.imap.Append("INBOX", []byte(raw), time.Now()); err != nil {
					t.Fatal(err)
				}
			}
			points := []string{"after-send", "after-decision", "before-move", "after-intent", "after-record"}
			for _, p := range points {
				out, err := s.run("MAILPROC_FAILPOINT=" + p)
				if err != nil && !killedBySIGKILL(err) {
					t.Fatalf("run with %s: %v\n%s", p, err, out)
				}
			}
			if out, err := s.run(); err != nil {
				t.Fatalf("final run: %v\n%s", err, out)
			}
			replies := s.smtp.Messages()
			seen := map[string]bool{}
			for _, r := range replies {
				to := strings.Join(r.To, ",")
				if seen[to] {
					t.Errorf("two replies to %s", to)
				}
				seen[to] = true
			}
			processed, review := len(s.imap.Messages("Privacy/Processed")), len(s.imap.Messages("Privacy/Review"))
			if inbox := len(s.imap.Messages("INBOX")); inbox != 0 || processed+review != n {
				t.Errorf("INBOX %d, Processed %d, Review %d: want all %d filed", inbox, processed, review, n)
			}
			if len(replies) < n-len(points) {
				t.Errorf("%d replies for %d requests with %d kills: too few", len(replies), n, len(points))
			}
			t.Logf("%d requests, %d kills: %d replies, %d processed, %d in review", n, len(points), len(replies), processed, review)
		})
	}
}

package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/testenv"
)

// cli runs a mailproc command with the setup's config and returns its
// output and exit error.
func (s *setup) cli(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, append(args, "--config", s.config)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// TestReviewCommands works the queue from the command line: through the
// running daemon's socket, then on the database when no daemon runs.
func TestReviewCommands(t *testing.T) {
	for _, kind := range testenv.Kinds() {
		t.Run(kind, func(t *testing.T) {
			s := newSetup(t, kind)
			raw := "From: Zed <zed@example.com>\r\nSubject: Shine the Light\r\nMessage-ID: <near@example.com>\r\nContent-Type: text/plain\r\n\r\n\x1b[31mred\x1b[0m text\r\n"
			if err := s.imap.Append("INBOX", []byte(raw), time.Now()); err != nil {
				t.Fatal(err)
			}
			p := s.start(t)
			deadline := time.Now().Add(30 * time.Second)
			var out string
			for !strings.Contains(out, "near-miss") {
				if time.Now().After(deadline) {
					t.Fatalf("the case never showed in the review list:\n%s\n%s", out, p.out.String())
				}
				out, _ = s.cli("review", "list")
				time.Sleep(50 * time.Millisecond)
			}
			if !strings.Contains(out, "working through the daemon at") {
				t.Errorf("review list did not go through the daemon:\n%s", out)
			}
			id := strings.Fields(strings.Split(out, "\n")[2])[0]
			if out, err := s.cli("review", "show", id); err != nil || strings.Contains(out, "\x1b") || !strings.Contains(out, "red") {
				t.Errorf("review show = %v; escape sequences must not reach the terminal:\n%q", err, out)
			}
			if out, err := s.cli("review", "dismiss", id); err == nil || !strings.Contains(out, "reason is required") {
				t.Errorf("dismiss without a reason = %v:\n%s", err, out)
			}
			if out, err := s.cli("review", "dismiss", id, "--reason", "spam", "--as", "alice"); err != nil || !strings.Contains(out, "dismissed") {
				t.Fatalf("dismiss = %v:\n%s", err, out)
			}
			p.stop(t)
			out, err := s.cli("review", "reopen", id, "--reason", "second look", "--as", "bob")
			if err != nil || !strings.Contains(out, "no daemon running") || !strings.Contains(out, "review") {
				t.Fatalf("reopen with no daemon = %v:\n%s", err, out)
			}
			out, err = s.cli("cases", "--json")
			if err != nil || !strings.Contains(out, `"state":"review"`) {
				t.Errorf("cases --json = %v:\n%s", err, out)
			}
			out, err = s.cli("review", "show", "C-1999-0001")
			if err == nil || !strings.Contains(out, "no such case") {
				t.Errorf("show unknown = %v:\n%s", err, out)
			}
		})
	}
}

// TestReportCommand writes a month's report from the command line, with no
// daemon running and through a running one.
func TestReportCommand(t *testing.T) {
	s := newSetup(t, testenv.Memory)
	s.deliver("rep-1@example.com")
	if err, out := s.run(); err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	month := time.Now().In(mustZone(t)).Format("2006-01")
	dir := t.TempDir()
	out, err := s.cli("report", "--month", month, "--out", dir)
	if err != nil || !strings.Contains(out, "mailproc-report-"+month+".html") {
		t.Fatalf("report = %v:\n%s", err, out)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "mailproc-report-"+month+".csv"))
	if err != nil || !strings.Contains(string(csv), "C-") {
		t.Errorf("the CSV does not list the case: %v\n%s", err, csv)
	}
	p := s.start(t)
	dir2 := t.TempDir()
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, err = s.cli("report", "--month", month, "--out", dir2, "--format", "json")
		if err == nil && strings.Contains(out, "through the daemon") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("report through the daemon = %v:\n%s", err, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.stop(t)
}

func mustZone(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

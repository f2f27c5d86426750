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
	if out, err := s.run(); err != nil {
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

// TestBackupRestoreExport backs the database up while the daemon runs,
// restores the copy in place of the original, and runs the daemon on it:
// nothing is answered twice; export finds the requester's case.
func TestBackupRestoreExport(t *testing.T) {
	s := newSetup(t, testenv.Memory)
	p := s.start(t)
	s.deliver("bk-1@example.com")
	s.waitReplies(t, 1, p)
	backup := filepath.Join(t.TempDir(), "copy.db")
	var out string
	var err error
	deadline := time.Now().Add(10 * time.Second)
	for out, err = s.cli("backup", backup); err != nil; out, err = s.cli("backup", backup) {
		if time.Now().After(deadline) {
			t.Fatalf("backup: %v\n%s", err, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(out, "through the daemon") || !strings.Contains(out, "opened and checked") {
		t.Errorf("backup output:\n%s", out)
	}
	if fi, err := os.Stat(backup); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup file mode = %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	out, err = s.cli("export", "--email", "ADA@example.com")
	if err != nil || !strings.Contains(out, `"email": "ada@example.com"`) || !strings.Contains(out, "bk-1@example.com") {
		t.Errorf("export = %v:\n%s", err, out)
	}
	p.stop(t)
	// Restore: the copy replaces the database; the daemon carries on from it.
	data, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.db, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s.deliver("bk-2@example.com")
	if out, err := s.run(); err != nil {
		t.Fatalf("run on the restored database: %v\n%s", err, out)
	}
	if n := len(s.smtp.Messages()); n != 2 {
		t.Errorf("replies = %d, want 2: the restored database knows the first request", n)
	}
}

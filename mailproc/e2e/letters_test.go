package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/testenv"
)

// withPostalAddress gives the setup's company a postal address for the
// letterhead.
func (s *setup) withPostalAddress(t *testing.T) {
	b, err := os.ReadFile(s.config)
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.Replace(string(b), "[company]\n", "[company]\npostal_address = [\"Cooper Inc.\", \"100 Market St\", \"San Francisco, CA 94105\"]\n", 1)
	if err := os.WriteFile(s.config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
}

var caseID = regexp.MustCompile(`Case (C-\d{4}-\d{4})`)

// TestLetterFromTheDesk takes a letter off the desk with the command
// line: enter it (refused when mistyped), print its answer as PDF and
// HTML, run the daemon (which sends nothing by SMTP for it), mark it
// posted, and find it answered in the month's report.
func TestLetterFromTheDesk(t *testing.T) {
	s := newSetup(t, testenv.Memory)
	s.withPostalAddress(t)
	today := time.Now().In(mustZone(t))
	day := today.Format(time.DateOnly)
	dir := t.TempDir()
	scans := filepath.Join(filepath.Dir(s.db), "scans") // the default scan folder
	os.MkdirAll(scans, 0o700)
	scan := filepath.Join(scans, "ada-scan.pdf")
	if err := os.WriteFile(scan, []byte("%PDF-1.4 scan of Ada's letter"), 0o600); err != nil {
		t.Fatal(err)
	}
	add := []string{"cases", "add", "--channel", "letter", "--kind", "california", "--received", day, "--first-line",
		"--name", "Ada Byron", "--street", "12 Oak Street", "--city", "Fresno", "--state", "CA", "--as", "alice"}
	refusals := []struct {
		name string
		args []string
		want string
	}{
		{"bad zip", []string{"--zip", "9370"}, `zip "9370": not a ZIP code`},
		{"future", []string{"--zip", "93704", "--received", today.AddDate(0, 0, 2).Format(time.DateOnly)}, "in the future"},
		{"missing scan", []string{"--zip", "93704", "--scan", "none.pdf"}, `scan "none.pdf": not found in the scan folder`},
		{"scan outside", []string{"--zip", "93704", "--scan", "/etc/passwd"}, `scan "/etc/passwd": not found in the scan folder`},
		{"email", []string{"--zip", "93704", "--channel", "email"}, "only letters are entered by hand"},
	}
	for _, r := range refusals {
		if out, err := s.cli(append(append([]string{}, add...), r.args...)...); err == nil || !strings.Contains(out, r.want) {
			t.Errorf("cases add, %s = %v, want refused saying %q:\n%s", r.name, err, r.want, out)
		}
	}
	out, err := s.cli(append(add, "--zip", "93704", "--scan", scan)...)
	m := caseID.FindStringSubmatch(out)
	if err != nil || m == nil || !strings.Contains(out, "Letter to post: california-disclosure") {
		t.Fatalf("cases add = %v:\n%s", err, out)
	}
	id := m[1]
	s.printAndCheck(t, id, dir)
	if out, err := s.run(); err != nil {
		t.Fatalf("run --once: %v\n%s", err, out)
	}
	if n := len(s.smtp.Messages()); n != 0 {
		t.Errorf("SMTP received %d messages for a letter, want 0", n)
	}
	if n := len(s.imap.Messages("Sent")); n != 0 {
		t.Errorf("Sent holds %d messages, want 0", n)
	}
	if out, err := s.cli("review", "posted", id, "--date", day, "--as", "bob"); err != nil || !strings.Contains(out, "answered") {
		t.Fatalf("review posted = %v:\n%s", err, out)
	}
	s.checkReport(t, id, today.Format("2006-01"), dir)
}

// printAndCheck prints a case's letter as PDF and HTML and reads them back.
func (s *setup) printAndCheck(t *testing.T, id, dir string) {
	pdf, html := filepath.Join(dir, id+".pdf"), filepath.Join(dir, id+".html")
	for _, path := range []string{pdf, html} {
		if out, err := s.cli("review", "print", id, "--out", path); err != nil || !strings.Contains(out, "#10 single-window envelope") {
			t.Fatalf("review print --out %s = %v:\n%s", path, err, out)
		}
	}
	if b, _ := os.ReadFile(html); !strings.Contains(string(b), "Fresno, CA 93704") || !strings.Contains(string(b), "100 Market St") {
		t.Errorf("the HTML letter lacks the requester's or the company's address")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: the PDF's text is not checked")
		return
	}
	text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil || !strings.Contains(string(text), "Ada Byron") || !strings.Contains(string(text), "Fresno, CA 93704") ||
		!strings.Contains(string(text), "Case "+id) || strings.Count(string(text), "\f") != 1 {
		t.Errorf("pdftotext = %v, want one page with the address and case:\n%s", err, text)
	}
}

// checkReport finds the letter answered, as a letter, in the month's CSV.
func (s *setup) checkReport(t *testing.T, id, month, dir string) {
	if out, err := s.cli("report", "--month", month, "--out", dir, "--format", "csv"); err != nil {
		t.Fatalf("report = %v:\n%s", err, out)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "mailproc-report-"+month+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(csv), "\n") {
		if strings.HasPrefix(line, id+",") {
			if f := strings.Split(line, ","); f[2] != "letter" || f[5] == "" {
				t.Errorf("report line %q: want channel letter, answered", line)
			}
			return
		}
	}
	t.Errorf("the report does not list %s:\n%s", id, csv)
}

// TestLetterThroughDaemon enters a coppa letter through the running
// daemon's socket and finds it waiting to be posted in the queue.
func TestLetterThroughDaemon(t *testing.T) {
	s := newSetup(t, testenv.Memory)
	p := s.start(t)
	day := time.Now().In(mustZone(t)).Format(time.DateOnly)
	args := []string{"cases", "add", "--channel", "letter", "--kind", "coppa", "--received", day, "--parent", "Pat Parent",
		"--child-username", "dino_max", "--return-street", "9 Elm Road", "--return-city", "Reno", "--return-state", "NV", "--return-zip", "89501"}
	deadline := time.Now().Add(30 * time.Second)
	for out, _ := s.cli("review", "list"); !strings.Contains(out, "working through the daemon at"); out, _ = s.cli("review", "list") {
		if time.Now().After(deadline) {
			t.Fatalf("the daemon never answered on its socket:\n%s\n%s", out, p.out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	out, err := s.cli(args...)
	if err != nil || !strings.Contains(out, "through the daemon") {
		t.Fatalf("cases add through the daemon = %v:\n%s", err, out)
	}
	if !strings.Contains(out, "coppa-received") {
		t.Errorf("cases add (coppa) = \n%s\nwant the acknowledgement to post", out)
	}
	if out, err := s.cli("review", "list"); err != nil || !strings.Contains(out, "(letter to post)") {
		t.Errorf("review list = %v:\n%s", err, out)
	}
	p.stop(t)
}

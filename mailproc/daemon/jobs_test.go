package daemon_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// TestMonthlyReport: on the 1st the daemon writes last month's report and
// mails it, CSV attached, to the compliance address, once.
func TestMonthlyReport(t *testing.T) {
	w := newWorld(t)
	w.cfg.Company.ComplianceAddress = "compliance@cooper.example"
	w.cfg.Store.Path = filepath.Join(t.TempDir(), "db", "mailproc.db")
	// 23:30 Pacific on 28 February is 1 March in UTC: a February request.
	w.deliver(time.Date(2026, 2, 28, 23, 30, 0, 0, la), "Ada Byron <ada@example.com>", calSubject, fullBody)
	w.runOnce(time.Date(2026, 2, 28, 23, 45, 0, 0, la))
	w.runOnce(time.Date(2026, 3, 1, 8, 0, 0, 0, la))
	w.runOnce(time.Date(2026, 3, 1, 9, 0, 0, 0, la)) // once per month
	var reports []string
	for _, m := range w.smtp.Messages() {
		if strings.Join(m.To, ",") == "compliance@cooper.example" {
			reports = append(reports, string(m.Raw))
		}
	}
	if len(reports) != 1 {
		t.Fatalf("%d reports mailed, want 1", len(reports))
	}
	if !strings.Contains(reports[0], "mailproc-report-2026-02.csv") || !strings.Contains(reports[0], "February 2026") {
		t.Errorf("the report mail lacks the CSV or the month:\n%.600s", reports[0])
	}
	for _, ext := range []string{"html", "csv", "json"} {
		p := filepath.Join(w.cfg.ReportsDir(), "mailproc-report-2026-02."+ext)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("report file: %v", err)
		} else if ext == "csv" && !strings.Contains(string(b), "C-2026-0001") {
			t.Errorf("%s does not list the February case", p)
		}
	}
}

// TestDailyDigest: staff get one digest a day listing what is due within
// five days or overdue, and none when nothing is.
func TestDailyDigest(t *testing.T) {
	w := newWorld(t)
	w.cfg.Company.StaffAddress = "privacy-team@cooper.example"
	w.deliver(time.Date(2026, 3, 2, 9, 0, 0, 0, la), "Olivia <olivia@example.com>", "Shine the Light", "hello")
	w.deliver(time.Date(2026, 3, 2, 9, 5, 0, 0, la), "Olivia <olivia@example.com>", "Out of Office: Request for California Privacy Information",
		"Away until May.", "Auto-Submitted: auto-replied")
	digests := func() int {
		n := 0
		for _, m := range w.smtp.Messages() {
			if strings.Join(m.To, ",") == "privacy-team@cooper.example" {
				n++
			}
		}
		return n
	}
	w.runOnce(time.Date(2026, 3, 3, 9, 0, 0, 0, la)) // due 1 April: nothing to say
	if n := digests(); n != 0 {
		t.Errorf("%d digests with nothing due, want 0", n)
	}
	w.runOnce(time.Date(2026, 3, 28, 6, 0, 0, 0, la)) // due in 4 days, but before 07:00
	w.runOnce(time.Date(2026, 3, 28, 8, 0, 0, 0, la))
	w.runOnce(time.Date(2026, 3, 28, 18, 0, 0, 0, la)) // once a day
	if n := digests(); n != 1 {
		t.Errorf("%d digests on the 28th, want 1", n)
	}
	w.runOnce(time.Date(2026, 4, 3, 8, 0, 0, 0, la)) // overdue
	msgs := w.smtp.Messages()
	last := string(msgs[len(msgs)-1].Raw)
	if n := digests(); n != 2 || strings.Count(last, "OVERDUE") != 1 || !strings.Contains(last, "1 machine message(s)") {
		t.Errorf("%d digests after the due date (want 2, the last saying OVERDUE once, and the machine mail apart):\n%s", n, last)
	}
}

// TestRetention: 24 months after receipt a closed case keeps only what
// the reports count; an open one is kept whole.
func TestRetention(t *testing.T) {
	w := newWorld(t)
	old := w.deliver(time.Date(2024, 1, 10, 9, 0, 0, 0, la), "Old <old@example.com>", "COPPA Information Request", "Delete my son's data.")
	open := w.deliver(time.Date(2024, 1, 11, 9, 0, 0, 0, la), "Near <near@example.com>", "Shine the Light", "hello")
	w.runOnce(time.Date(2024, 1, 12, 9, 0, 0, 0, la))
	d := w.daemon(time.Date(2024, 1, 12, 9, 0, 0, 0, la))
	if err := d.Complete(w.caseOf(old).ID, "alice", ""); err != nil {
		t.Fatal(err)
	}
	w.runOnce(time.Date(2024, 1, 13, 9, 0, 0, 0, la))
	oldID := w.caseOf(old).ID
	w.runOnce(time.Date(2026, 2, 1, 9, 0, 0, 0, la))
	c, err := w.daemon(time.Now()).Get(oldID)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Erased || c.Email != "" || c.Messages[0].Text != "" || c.State != cases.Done || c.Replies[0].Template != "coppa-completed" && c.Replies[1].Template != "coppa-completed" {
		t.Errorf("old case after retention = %+v", c)
	}
	if c := w.caseOf(open); c.Erased || c.Messages[0].Text == "" {
		t.Error("an open case lost its data")
	}
}

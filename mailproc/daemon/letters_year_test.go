package daemon_test

import (
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// TestOnceAYearEmailThenLetter: answered by email in March, the same
// person (same name, street and ZIP, written a little differently) by
// letter gets the repeat letter naming the earlier answer's date.
func TestOnceAYearEmailThenLetter(t *testing.T) {
	w := newWorld(t)
	emailed := time.Date(2026, 3, 2, 9, 0, 0, 0, la)
	w.deliver(emailed, "Ada Byron <ada@example.com>", calSubject, fullBody)
	w.runOnce(emailed.Add(time.Minute))
	if got := w.templatesSent(); len(got) != 1 || got[0] != "california-disclosure ada@example.com" {
		t.Fatalf("email replies = %q, want the disclosure", got)
	}
	l := adaLetter()
	l.Fields.Name, l.Fields.Street, l.Fields.ZIP = "ADA BYRON", "12 Oak St.", "93704-1234"
	d := w.daemon(letterNow)
	c, err := d.AddLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	if r := c.LetterToPost(); r == nil || r.Template != "california-repeat" || c.Outcome != "repeat" {
		t.Fatalf("letter after an email answer: replies %+v outcome %q; want a california-repeat letter", c.Replies, c.Outcome)
	}
	p, err := d.PrintLetter(c.ID, 0)
	if err != nil || !strings.Contains(p.HTML, "on March 2, 2026, and that answer") {
		t.Errorf("the repeat letter does not name the email answer's date: %v\n%s", err, p.HTML)
	}
}

// TestOnceAYearLetterThenEmail: answered by a letter posted on 10 March,
// the same name, street and ZIP by email from another address gets the
// repeat notice naming the day of posting.
func TestOnceAYearLetterThenEmail(t *testing.T) {
	w := newWorld(t)
	d := w.daemon(letterNow)
	c, err := d.AddLetter(adaLetter())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.daemon(letterNow.AddDate(0, 0, 2)).MarkPosted(c.ID, control.Act{Actor: "bob"}, letterNow); err != nil {
		t.Fatal(err)
	}
	later := letterNow.AddDate(0, 0, 5)
	w.deliver(later, "A. Byron <byron@example.net>", calSubject, fullBody)
	w.runOnce(later.Add(time.Minute))
	sent := w.sent()
	if got := w.templatesSent(); len(got) != 1 || got[0] != "california-repeat byron@example.net" {
		t.Fatalf("email replies = %q, want the repeat notice", got)
	}
	if !strings.Contains(sent[0].body, "March 10, 2026") {
		t.Errorf("the repeat notice does not name the day the letter was posted:\n%s", sent[0].body)
	}
	if got, _ := w.daemon(later).Get(c.ID); got.Outcome != "disclosure" || got.State != cases.Answered {
		t.Errorf("the letter's case = %s %q, want answered disclosure", got.State, got.Outcome)
	}
}

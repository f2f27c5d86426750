package daemon_test

import (
	"errors"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/store"
)

// letterNow is when staff enter letters in these tests.
var letterNow = time.Date(2026, 3, 10, 11, 0, 0, 0, la)

// adaLetter is a complete california letter, received on 9 March 2026.
func adaLetter() control.Letter {
	return control.Letter{Act: control.Act{Actor: "alice"}, Kind: cases.California,
		Received:  time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC),
		Fields:    cases.Fields{Name: "Ada Byron", Street: "12 Oak Street", City: "Fresno", State: "California", ZIP: "93704"},
		FirstLine: true}
}

// TestLetterNeverReachesSMTP: the daemon sends nothing for a letter's
// case, copies nothing to the Sent folder, and has no work for it; a reply
// that somehow stood planned on such a case fails rather than go out.
func TestLetterNeverReachesSMTP(t *testing.T) {
	w := newWorld(t)
	c, err := w.daemon(letterNow).AddLetter(adaLetter())
	if err != nil {
		t.Fatal(err)
	}
	w.runOnce(letterNow.Add(time.Minute))
	err = w.store.View(func(tx *store.Tx) error {
		if len(tx.PendingCases()) != 0 {
			t.Errorf("pending cases = %v, want none: a letter is not the daemon's work", tx.PendingCases())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = w.store.Update(func(tx *store.Tx) error {
		cc, err := tx.Case(c.ID)
		if err != nil {
			return err
		}
		cc.Replies[0].State, cc.Replies[0].To = cases.ReplyPlanned, "ada@example.com"
		return tx.PutCase(cc)
	})
	if err != nil {
		t.Fatal(err)
	}
	w.runOnce(letterNow.Add(2 * time.Minute))
	if n := len(w.smtp.Messages()); n != 0 {
		t.Fatalf("SMTP received %d messages for a letter case, want 0", n)
	}
	if n := len(w.folder("Sent")); n != 0 {
		t.Errorf("Sent holds %d messages, want 0", n)
	}
	got, _ := w.daemon(letterNow).Get(c.ID)
	if got.Replies[0].State != cases.ReplyFailed || got.State != cases.Review {
		t.Errorf("a planned reply on a letter case: reply %s, case %s; want failed and review", got.Replies[0].State, got.State)
	}
}

// TestPrintEmailCaseRefused: a case that came by email has no letters.
func TestPrintEmailCaseRefused(t *testing.T) {
	w := newWorld(t)
	id := w.deliver(letterNow, "Ada Byron <ada@example.com>", calSubject, fullBody)
	w.runOnce(letterNow.Add(time.Minute))
	d := w.daemon(letterNow.Add(time.Minute))
	c := w.caseOf(id)
	if _, err := d.PrintLetter(c.ID, 0); !errors.Is(err, control.ErrRefused) {
		t.Errorf("PrintLetter(email case) = %v, want refused", err)
	}
	if _, err := d.MarkPosted(c.ID, control.Act{Actor: "a"}, letterNow); !errors.Is(err, control.ErrRefused) {
		t.Errorf("MarkPosted(email case) = %v, want refused", err)
	}
}

package letterdesk_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// TestLetterPosted: marking a letter posted makes its day the answer's.
func TestLetterPosted(t *testing.T) {
	w := newWorld(t)
	d := w.desk(letterNow)
	c, err := d.AddLetter(adaLetter())
	if err != nil {
		t.Fatal(err)
	}
	day := func(dd int) time.Time { return time.Date(2026, 3, dd, 0, 0, 0, 0, time.UTC) }
	refusals := []struct {
		name   string
		act    control.Act
		posted time.Time
		want   error
		text   string
	}{
		{"in the future", control.Act{Actor: "bob"}, day(11), control.ErrInvalid, "posted 2026-03-11: in the future"},
		{"before it was made", control.Act{Actor: "bob"}, day(8), control.ErrInvalid, "before the letter was made on 2026-03-10"},
		{"no date", control.Act{Actor: "bob"}, time.Time{}, control.ErrInvalid, "posted: the date is required"},
		{"nobody", control.Act{}, day(10), control.ErrInvalid, "who acts must be named"},
	}
	for _, tt := range refusals {
		if _, err := d.MarkPosted(c.ID, tt.act, tt.posted); !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
			t.Errorf("MarkPosted(%s) = %v, want %v saying %q", tt.name, err, tt.want, tt.text)
		}
	}
	c, err = d.MarkPosted(c.ID, control.Act{Actor: "bob"}, day(10))
	if err != nil {
		t.Fatalf("MarkPosted = %v", err)
	}
	posted := time.Date(2026, 3, 10, 0, 0, 0, 0, la)
	if c.State != cases.Answered || !c.Answered.Equal(posted) || c.Replies[0].State != cases.ReplyPosted || !c.Replies[0].SentAt.Equal(posted) {
		t.Errorf("after posting: %s answered %v, reply %+v; want answered on %v", c.State, c.Answered, c.Replies[0], posted)
	}
	if e := c.History[len(c.History)-1]; e.Actor != "bob" || e.Action != cases.ActionLetterPosted {
		t.Errorf("last event = %+v, want bob's letter posted", e)
	}
	if _, err := d.MarkPosted(c.ID, control.Act{Actor: "bob"}, day(10)); !errors.Is(err, control.ErrRefused) {
		t.Errorf("MarkPosted twice = %v, want refused", err)
	}
	rep, err := d.MonthReport(2026, time.March)
	if err != nil {
		t.Fatal(err)
	}
	letters := rep.Groups[0].Channels[1]
	if letters.Channel != "letter" || letters.Received != 1 || letters.Answered != 1 || letters.Complied != 1 || letters.Open != 0 {
		t.Errorf("report, california by letter = %+v; want 1 received, answered and complied", letters)
	}
}

// TestLetterStaffActions: a coppa letter through its life, one letter in
// the tray at a time; printing; dismissing withdraws a letter not posted.
func TestLetterStaffActions(t *testing.T) {
	w := newWorld(t)
	d := w.desk(letterNow)
	l := adaLetter()
	l.Kind, l.Fields = cases.Coppa, cases.Fields{}
	l.Coppa = cases.CoppaFields{ParentName: "Pat Byron", ChildUsername: "dino_max"}
	l.ReturnAddress = cases.Fields{Street: "12 Oak Street", City: "Fresno", State: "CA", ZIP: "93704"}
	c, err := d.AddLetter(l)
	if err != nil || c.LetterToPost() == nil || c.Letter.ReturnAddress.Name != "Pat Byron" {
		t.Fatalf("AddLetter(coppa) = %+v, %v; want a coppa-received letter to Pat Byron", c, err)
	}
	if _, err := d.Done(c.ID, control.Act{Actor: "alice"}); !errors.Is(err, control.ErrRefused) {
		t.Errorf("Done with the acknowledgement not posted = %v, want refused", err)
	}
	p, err := d.PrintLetter(c.ID, 0)
	if err != nil || !strings.Contains(p.HTML, "Pat Byron") || !strings.HasPrefix(string(p.PDF), "%PDF") ||
		!strings.Contains(p.HTML, "write back to") || p.Template != "coppa-received" || p.Reply != 1 {
		t.Fatalf("PrintLetter = %+v, %v", p.Template, err)
	}
	if _, err := d.MarkPosted(c.ID, control.Act{Actor: "alice"}, letterNow); err != nil {
		t.Fatal(err)
	}
	if c, err = d.Done(c.ID, control.Act{Actor: "alice", Note: "INTERNAL called the parent", Message: "Deleted dino_max."}); err != nil || c.State != cases.AwaitingStaff {
		t.Fatalf("Done = %v, state %s; want awaiting-staff with the completion to post", err, c.State)
	}
	if p, err := d.PrintLetter(c.ID, 0); err != nil || !strings.Contains(p.HTML, "Deleted dino_max.") || strings.Contains(p.HTML, "INTERNAL") {
		t.Errorf("the completion letter = %v; want the message for the parent in it and not the note", err)
	}
	if c, err = d.MarkPosted(c.ID, control.Act{Actor: "alice"}, letterNow); err != nil || c.State != cases.Done || c.Answered.IsZero() {
		t.Fatalf("MarkPosted(completion) = %v, %s answered %v; want done and answered", err, c.State, c.Answered)
	}
	if p, err := d.PrintLetter(c.ID, 1); err != nil || p.Template != "coppa-received" || p.State != cases.ReplyPosted {
		t.Errorf("PrintLetter(1) = %s %s, %v; want the posted acknowledgement", p.Template, p.State, err)
	}
	if _, err := d.PrintLetter(c.ID, 3); !errors.Is(err, control.ErrInvalid) {
		t.Errorf("PrintLetter(3) = %v, want invalid", err)
	}
	second, _ := d.AddLetter(adaLetter())
	_, err = d.Approve(second.ID, control.Approval{Act: control.Act{Actor: "alice"}, Template: "california-disclosure"})
	if !errors.Is(err, control.ErrRefused) || !strings.Contains(err.Error(), "still to post") {
		t.Errorf("Approve with a letter still to post = %v, want refused", err)
	}
	if c, err := d.Dismiss(second.ID, control.Act{Actor: "alice", Reason: "duplicate"}); err != nil || c.LetterToPost() != nil || c.Replies[0].State != cases.ReplyFailed {
		t.Errorf("Dismiss = %v, replies %+v; want the letter withdrawn", err, c.Replies)
	}
	if list, _ := d.List(control.Filter{ToPost: true}); len(list) != 0 {
		t.Errorf("List(to post) = %+v, want none", list)
	}
}

package daemon_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// nevadaBody is a whole request, from Nevada.
var nevadaBody = strings.NewReplacer("Fresno", "Reno", "State: CA", "State: NV", "93704", "89501").Replace(fullBody)

// TestQueueWork clears a small queue as staff would: the rate-limited
// requests approved in bulk with their suggested answer (a Nevada request
// among them refused, on its own line), the Nevada request declined as not
// covered, a near miss answered in free text and denied; every reply goes
// out and the case records what staff did, as the report will count it.
func TestQueueWork(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		w.cfg.Limits.RepliesPerHour = 1
		now := time.Date(2026, 3, 2, 10, 0, 0, 0, la)
		var ids []string
		for i, who := range []string{"Ada Byron", "Bo Chen", "Cy Diaz"} {
			from := who + " <" + strings.ToLower(strings.Fields(who)[0]) + "@example.com>"
			body := strings.Replace(fullBody, "Ada Byron", who, 1)
			ids = append(ids, w.deliver(now.Add(time.Duration(i-5)*time.Minute), from, "Request for California Privacy Information", body))
		}
		nevada := w.deliver(now.Add(-4*time.Minute), "Nev Ada <nev@example.com>", "Request for California Privacy Information", nevadaBody)
		near := w.deliver(now.Add(-3*time.Minute), "Zoe <zoe@example.com>", "Shine the Light", "Do you sell my data to data brokers?")
		w.runOnce(now)
		d := w.daemon(now.Add(time.Minute))
		c := func(mid string) *cases.Case { return w.caseOf(mid) }
		if got := c(ids[0]).State; got != cases.Answered {
			t.Fatalf("the first request is %s, want answered", got)
		}
		advice, err := d.Advise(c(nevada).ID)
		if err != nil || advice.Suggested.Template != cases.TemplateNotCalifornia || !slicesHave(advice.Fields, "state") {
			t.Errorf("advice on the Nevada request = %+v, %v; want the not-California answer, the state marked", advice, err)
		}
		all := []string{c(ids[1]).ID, c(nevada).ID, c(ids[2]).ID}
		dry, err := d.Bulk(control.Bulk{Act: control.Act{Actor: "alice"}, Action: control.BulkApprove, IDs: all, DryRun: true})
		if err != nil || len(dry) != 3 || !dry[0].OK || dry[1].OK || !dry[2].OK || dry[0].Reported != "complied" {
			t.Fatalf("dry run = %+v, %v; want 1 and 3 ok (complied), 2 refused", dry, err)
		}
		if got := c(ids[1]).State; got != cases.Review {
			t.Fatalf("after a dry run the case is %s, want still review", got)
		}
		res, err := d.Bulk(control.Bulk{Act: control.Act{Actor: "alice"}, Action: control.BulkApprove, IDs: all})
		if err != nil || len(res) != 3 || !res[0].OK || res[1].OK || !res[2].OK || res[0].Template != cases.TemplateDisclosure ||
			!strings.Contains(res[1].Error, "decline with decline-not-california") || strings.Contains(res[1].Error, "refused") {
			t.Fatalf("bulk approve = %+v, %v; want the two rate-limited sent, the Nevada one refused in plain words", res, err)
		}
		p, err := d.Preview(c(nevada).ID, control.Draft{Template: cases.TemplateNotCalifornia})
		if err != nil || !strings.Contains(p.Reported, "not covered: not a California resident") || !strings.Contains(p.Text, "(state: NV, ZIP code 89501)") {
			t.Errorf("preview of the decline = %+v, %v", p, err)
		}
		if _, err := d.Approve(c(nevada).ID, control.Approval{Act: control.Act{Actor: "alice"}, Template: cases.TemplateNotCalifornia}); err != nil {
			t.Fatalf("decline: %v", err)
		}
		free := control.Approval{Act: control.Act{Actor: "bob"}, Template: cases.TemplateStaffReply, Outcome: cases.OutcomeDenied}
		if _, err := d.Approve(c(near).ID, free); !errors.Is(err, control.ErrInvalid) {
			t.Errorf("a free-text reply with no text = %v, want invalid", err)
		}
		free.Message = "We do not sell personal information to data brokers."
		if _, err := d.Approve(c(near).ID, free); !errors.Is(err, control.ErrInvalid) || !strings.Contains(err.Error(), "needs its reason") {
			t.Errorf("denied without a reason = %v, want invalid", err)
		}
		free.Reason = "no personal information is sold"
		if _, err := d.Approve(c(near).ID, free); err != nil {
			t.Fatalf("free-text reply: %v", err)
		}
		w.runOnce(now.Add(2 * time.Minute))
		for mid, want := range map[string]cases.Outcome{ids[1]: "disclosure", ids[2]: "disclosure",
			nevada: "not-covered: not a California resident", near: "denied: no personal information is sold"} {
			got := c(mid)
			if got.Outcome != want || got.State != cases.Answered || got.Answered.IsZero() {
				t.Errorf("%s: outcome %q, state %s, answered %v; want %q, answered", got.ID, got.Outcome, got.State, got.Answered, want)
			}
		}
		sent := strings.Join(w.templatesSent(), "\n")
		for _, want := range []string{"decline-not-california nev@example.com", "staff-reply zoe@example.com"} {
			if !strings.Contains(sent, want) {
				t.Errorf("sent:\n%s\nwant %s", sent, want)
			}
		}
		for _, s := range w.sent() {
			if strings.Contains(s.to, "zoe") && !strings.Contains(s.body, "We do not sell personal information to data brokers.") {
				t.Errorf("the free-text reply lacks its text:\n%s", s.body)
			}
		}
	})
}

func slicesHave(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// TestSearchAndViews: search finds cases open and closed by id, address,
// name, subject and message text; views split what needs staff from what
// waits and what is closed; pages hold 50.
func TestSearchAndViews(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, la)
	for i := range 55 {
		w.deliver(now.Add(time.Duration(i-60)*time.Minute), fmt.Sprintf("Person %d <p%d@example.com>", i, i),
			"Request for California Privacy Information", strings.Replace(fullBody, "ZIP code: 93704", "", 1))
	}
	spam := w.deliver(now.Add(-2*time.Minute), "Zed Spammer <zed@example.com>", "Shine the Light deals", "Cheap pills, unique-word-xyzzy")
	w.runOnce(now)
	d := w.daemon(now.Add(time.Minute))
	spamID := w.caseOf(spam).ID
	if _, err := d.Dismiss(spamID, control.Act{Actor: "alice", Reason: "spam"}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		q           control.Query
		total, rows int
		first       string
	}{
		{control.Query{View: control.ViewWaiting}, 55, 50, ""},
		{control.Query{View: control.ViewWaiting, Page: 2}, 55, 5, ""},
		{control.Query{View: control.ViewWaiting, Page: 9}, 55, 5, ""}, // past the last page: the last
		{control.Query{View: control.ViewNeedsStaff}, 0, 0, ""},
		{control.Query{View: control.ViewClosed}, 1, 1, spamID},
		{control.Query{Text: "XYZZY"}, 1, 1, spamID},
		{control.Query{Text: "zed@example.com"}, 1, 1, spamID},
		{control.Query{Text: "zed spammer"}, 1, 1, spamID},
		{control.Query{Text: strings.ToLower(spamID)}, 1, 1, spamID},
		{control.Query{Text: "p7@example.com"}, 1, 1, ""},
		{control.Query{Text: "shine deals", View: control.ViewNeedsStaff}, 0, 0, ""},
	} {
		p, err := d.Search(tt.q)
		if err != nil || p.Total != tt.total || len(p.Rows) != tt.rows || tt.first != "" && p.Rows[0].ID != tt.first {
			t.Errorf("Search(%+v) = total %d, %d rows, %v; want %d, %d, first %q", tt.q, p.Total, len(p.Rows), err, tt.total, tt.rows, tt.first)
		}
	}
	p, _ := d.Search(control.Query{Text: "shine deals", View: control.ViewNeedsStaff})
	if p.InViews[control.ViewClosed] != 1 {
		t.Errorf("a search in one view counts %v per view; want the closed match counted", p.InViews)
	}
	if _, err := d.Search(control.Query{View: "everything"}); !errors.Is(err, control.ErrInvalid) {
		t.Errorf("an unknown view = %v, want invalid", err)
	}
}

// TestMachineMailHasNoDueDate: an auto-reply under a request's subject
// goes to review with no due date, and is never overdue.
func TestMachineMailHasNoDueDate(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, la)
	auto := w.deliver(now.Add(-time.Hour), "Ada Byron <ada@example.com>", "Automatic reply: Request for California Privacy Information",
		"I am out of the office.", "Auto-Submitted: auto-replied")
	w.runOnce(now)
	c := w.caseOf(auto)
	if c.Kind != cases.Automated || !c.Due.IsZero() {
		t.Fatalf("machine mail: kind %s, due %v; want automated, no due date", c.Kind, c.Due)
	}
	d := w.daemon(now.AddDate(0, 2, 0))
	list, err := d.List(control.Filter{Overdue: true})
	if err != nil || len(list) != 0 {
		t.Errorf("overdue two months later = %+v, %v; want none", list, err)
	}
	advice, _ := d.Advise(c.ID)
	if advice.Suggested.Action != cases.SuggestDismiss {
		t.Errorf("suggested for machine mail: %+v, want dismiss", advice.Suggested)
	}
}

// TestAttachmentFromMailbox: a coppa request's attachment is listed on its
// case (name, type, size) but not kept; staff fetch it from the folder the
// message is in now.
func TestAttachmentFromMailbox(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		now := time.Date(2026, 3, 2, 10, 0, 0, 0, la)
		photo := []byte("\x89PNG\r\n\x1a\nnot really a picture, but bytes")
		body := "--b\r\nContent-Type: text/plain\r\n\r\nMy ID is attached.\r\n--b\r\nContent-Type: image/png\r\n" +
			"Content-Disposition: attachment; filename=\"id card.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
			b64(photo) + "\r\n--b--\r\n"
		id := "photo@example.com"
		raw := "From: Kim Lee <kim@example.com>\r\nSubject: COPPA Information Request\r\nMessage-ID: <" + id + ">\r\n" +
			"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" + body
		if err := w.imap.Append("INBOX", []byte(raw), now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		w.runOnce(now)
		c := w.caseOf(id)
		atts := c.Messages[0].Attachments
		if len(atts) != 1 || atts[0].Name != "id card.png" || atts[0].Type != "image/png" || atts[0].Size != int64(len(photo)) || atts[0].Part != "2" {
			t.Fatalf("attachments = %+v", atts)
		}
		var db bytes.Buffer
		if _, err := w.store.Backup(&db); err != nil || bytes.Contains(db.Bytes(), photo[8:]) || strings.Contains(db.String(), b64(photo)) {
			t.Errorf("the attachment's content is in the database (backup: %v)", err)
		}
		d := w.daemon(now.Add(time.Minute))
		f, err := d.Attachment(c.ID, 1, "2")
		if err != nil || string(f.Data) != string(photo) || f.Name != "id card.png" {
			t.Fatalf("Attachment = %q %q, %v", f.Name, f.Data, err)
		}
		if _, err := d.Attachment(c.ID, 1, "3"); !errors.Is(err, control.ErrNotFound) {
			t.Errorf("an attachment that is not there = %v, want not found", err)
		}
	})
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

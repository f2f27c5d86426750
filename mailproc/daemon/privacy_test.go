package daemon_test

import (
	"errors"
	"io"
	"mime/quotedprintable"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// TestPrivacyRequests: GDPR and CCPA requests become privacy cases with
// their law, rights and due date (a GDPR request received on 31 January
// 2024 in Los Angeles is due on 29 February; real Dovecot keeps no
// INTERNALDATE in the future), their mail goes to
// Privacy/Review, \Flagged, and nothing is sent; the look-alikes of a
// support mailbox stay in the inbox untouched.
func TestPrivacyRequests(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		// 23:30 on 31 January in Los Angeles is already 1 February in UTC.
		gdpr := w.deliver(time.Date(2024, 1, 31, 23, 30, 0, 0, la), "Anna Lindqvist <anna@example.se>", "Subject access request (GDPR Article 15)",
			"Under Article 15 of the GDPR I request a copy of all personal data you hold about me.")
		ccpa := w.deliver(time.Date(2024, 2, 1, 10, 0, 0, 0, la), "Derek Huang <derek@example.com>", "my data",
			"Hello,\n\nunder the CCPA please delete the personal information you have collected about me and do not sell it.\n")
		account := w.deliver(time.Date(2024, 2, 1, 11, 0, 0, 0, la), "Ben <ben@example.com>", "Please close my account", "Hi, please delete my account.")
		unsubscribe := w.deliver(time.Date(2024, 2, 1, 12, 0, 0, 0, la), "Linda <linda@example.com>", "unsubscribe", "Please take me off your mailing list.")

		w.runOnce(time.Date(2024, 2, 2, 9, 0, 0, 0, la))

		for _, tt := range []struct {
			id, law, due string
			rights       []string
		}{
			{gdpr, cases.LawGDPR, "2024-02-29 23:59:59 PST", []string{"access"}},
			{ccpa, cases.LawUSState, "2024-03-17 23:59:59 PDT", []string{"deletion", "opt-out"}},
		} {
			c := w.caseOf(tt.id)
			if c.Kind != cases.Privacy || c.State != cases.Review || !slices.Equal(c.Reasons, []cases.Reason{cases.ReasonPrivacyRequest}) {
				t.Errorf("case %s = %s %s %v, want privacy review [privacy-request]", c.ID, c.Kind, c.State, c.Reasons)
			}
			if c.Law != tt.law || !slices.Equal(c.Rights, tt.rights) {
				t.Errorf("case %s law %q rights %v, want %q %v", c.ID, c.Law, c.Rights, tt.law, tt.rights)
			}
			if got := c.Due.In(la).Format("2006-01-02 15:04:05 MST"); got != tt.due {
				t.Errorf("case %s due %s, want %s", c.ID, got, tt.due)
			}
		}
		if n := len(w.sent()); n != 0 {
			t.Errorf("%d replies sent, want none: [privacy] acknowledge is off by default", n)
		}
		review := w.folder("Privacy/Review")
		if len(review) != 2 {
			t.Fatalf("Privacy/Review holds %d messages, want the 2 requests", len(review))
		}
		for _, m := range review {
			if !hasFlag(m, `\Flagged`) {
				t.Errorf("review message uid %d not \\Flagged", m.UID)
			}
		}
		inbox := w.folder("INBOX")
		if len(inbox) != 2 || !strings.Contains(string(inbox[0].Raw), account) || !strings.Contains(string(inbox[1].Raw), unsubscribe) {
			t.Fatalf("INBOX holds %d messages, want the account closure and the unsubscribe", len(inbox))
		}
		for _, m := range inbox {
			if len(m.Flags) != 0 {
				t.Errorf("look-alike uid %d has flags %v, want none", m.UID, m.Flags)
			}
		}
	})
}

// TestPrivacyAcknowledge: with [privacy] acknowledge = true a new request
// is answered privacy-received once, naming the case, what was understood
// and the due date; the case stays with staff and its mail in review; a
// restart and a follow-up send nothing more.
func TestPrivacyAcknowledge(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		w.cfg.Privacy.Acknowledge = true
		req := w.deliver(time.Date(2026, 3, 4, 9, 0, 0, 0, la), "Anna Lindqvist <anna@example.se>", "Erasure",
			"Under Article 17 GDPR please erase all personal data you hold about me.")
		spoofed := w.deliver(time.Date(2026, 3, 4, 9, 5, 0, 0, la), "Mallory <cooper-privacy@example.com>", "Erasure",
			"Please erase all personal data you hold about me.", "Authentication-Results: mx.cooper.example; dmarc=fail")
		w.cfg.Auth.TrustedAuthServIDs = []string{"mx.cooper.example"}
		w.runOnce(time.Date(2026, 3, 4, 10, 0, 0, 0, la))

		sent := w.sent()
		if got := w.templatesSent(); !slices.Equal(got, []string{"privacy-received anna@example.se"}) {
			t.Fatalf("replies = %q, want one privacy-received to anna@example.se (none to a request that failed DMARC)", got)
		}
		c := w.caseOf(req)
		text := unQP(sent[0].body)
		for _, want := range []string{c.ID, "April 4, 2026", "General Data Protection Regulation", "delete the personal information"} {
			if !strings.Contains(text, want) {
				t.Errorf("the acknowledgement lacks %q:\n%s", want, text)
			}
		}
		if c.State != cases.Review || len(c.Replies) != 1 || c.Replies[0].State != cases.ReplySent {
			t.Errorf("acknowledged case = %s with replies %+v, want review and one sent reply", c.State, c.Replies)
		}
		if c := w.caseOf(spoofed); !slices.Contains(c.Reasons, cases.ReasonDMARCFail) || len(c.Replies) != 0 {
			t.Errorf("spoofed request = %v with %d replies, want dmarc-fail and none", c.Reasons, len(c.Replies))
		}
		if n := len(w.folder("Privacy/Review")); n != 2 {
			t.Errorf("Privacy/Review holds %d, want both requests", n)
		}

		w.deliver(time.Date(2026, 3, 5, 9, 0, 0, 0, la), "Anna Lindqvist <anna@example.se>", "Re: Erasure",
			"Thanks. I also want a copy first.", "In-Reply-To: "+sent[0].messageID)
		w.runOnce(time.Date(2026, 3, 5, 10, 0, 0, 0, la))
		w.runOnce(time.Date(2026, 3, 5, 10, 5, 0, 0, la))
		if n := len(w.sent()); n != 1 {
			t.Errorf("%d replies after a follow-up and a restart, want still 1", n)
		}
		if c := w.caseOf(req); len(c.Messages) != 2 || !slices.Contains(c.Reasons, cases.ReasonFollowUp) {
			t.Errorf("after the follow-up the case has %d messages, reasons %v; want 2 and follow-up", len(c.Messages), c.Reasons)
		}
	})
}

// unQP decodes a quoted-printable message as a whole, to read its text.
func unQP(raw string) string {
	b, _ := io.ReadAll(quotedprintable.NewReader(strings.NewReader(raw)))
	return string(b)
}

// TestPrivacyClose: staff close a privacy case as complied, partly
// complied, denied with a reason, or not a request; its mail leaves review
// for processed, unflagged; a denial without a reason and a close of
// another kind are refused.
func TestPrivacyClose(t *testing.T) {
	w := newWorld(t)
	body := "Please delete all my personal data."
	ids := []string{
		w.deliver(time.Date(2026, 3, 4, 9, 0, 0, 0, la), "A <a@example.com>", "delete", body),
		w.deliver(time.Date(2026, 3, 4, 9, 1, 0, 0, la), "B <b@example.com>", "delete", body),
		w.deliver(time.Date(2026, 3, 4, 9, 2, 0, 0, la), "C <c@example.com>", "delete", body),
		w.deliver(time.Date(2026, 3, 4, 9, 3, 0, 0, la), "D <d@example.com>", "delete", body),
		w.deliver(time.Date(2026, 3, 4, 9, 4, 0, 0, la), "E <e@example.com>", calSubject, fullBody),
	}
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, la)
	w.runOnce(now)
	d := w.daemon(now)
	act := control.Act{Actor: "alice"}
	id := func(i int) string { return w.caseOf(ids[i]).ID }

	if _, err := d.Close(id(0), control.Closing{Act: act, Outcome: cases.OutcomeDenied}); !errors.Is(err, control.ErrInvalid) {
		t.Errorf("a denial without a reason = %v, want invalid", err)
	}
	if _, err := d.Close(id(4), control.Closing{Act: act, Outcome: cases.OutcomeComplied}); !errors.Is(err, control.ErrRefused) {
		t.Errorf("closing a california case = %v, want refused", err)
	}
	for i, cl := range []control.Closing{
		{Act: act, Outcome: cases.OutcomeComplied},
		{Act: act, Outcome: cases.OutcomePartlyComplied},
		{Act: control.Act{Actor: "alice", Reason: "identity not verified"}, Outcome: cases.OutcomeDenied},
		{Act: act, Outcome: cases.OutcomeNotRequest},
	} {
		if _, err := d.Close(id(i), cl); err != nil {
			t.Fatalf("Close(%s, %s) = %v", id(i), cl.Outcome, err)
		}
	}
	if _, err := d.Close(id(0), control.Closing{Act: act, Outcome: cases.OutcomeComplied}); !errors.Is(err, control.ErrRefused) {
		t.Errorf("closing a closed case = %v, want refused", err)
	}
	w.runOnce(now)
	for i, want := range []struct {
		kind    cases.Kind
		state   cases.State
		outcome cases.Outcome
		answer  bool
	}{
		{cases.Privacy, cases.Done, "complied", true},
		{cases.Privacy, cases.Done, "partly-complied", true},
		{cases.Privacy, cases.Done, "denied: identity not verified", true},
		{cases.Other, cases.Dismissed, "dismissed: not a request", false},
	} {
		c := w.caseOf(ids[i])
		if c.Kind != want.kind || c.State != want.state || c.Outcome != want.outcome || c.Answered.IsZero() == want.answer {
			t.Errorf("closed case %s = %s %s %q answered %v, want %s %s %q answered %v", c.ID, c.Kind, c.State, c.Outcome,
				!c.Answered.IsZero(), want.kind, want.state, want.outcome, want.answer)
		}
	}
	if n, m := len(w.folder("Privacy/Review")), len(w.folder("Privacy/Processed")); n != 0 || m != 5 {
		t.Errorf("Privacy/Review holds %d and Privacy/Processed %d, want 0 and all 5", n, m)
	}
	for _, m := range w.folder("Privacy/Processed") {
		if hasFlag(m, `\Flagged`) {
			t.Errorf("closed message uid %d still \\Flagged", m.UID)
		}
	}
	if n := len(w.sent()); n != 1 {
		t.Errorf("%d replies, want only the california one: closing sends nothing", n)
	}
}

// TestDigestNamesPrivacyRequests: the daily digest lists a privacy
// request due soon in plain words.
func TestDigestNamesPrivacyRequests(t *testing.T) {
	w := newWorld(t)
	w.cfg.Company.StaffAddress = "privacy-team@cooper.example"
	w.deliver(time.Date(2026, 3, 2, 9, 0, 0, 0, la), "Anna <anna@example.se>", "GDPR", "Please delete my personal data.")
	w.runOnce(time.Date(2026, 3, 29, 8, 0, 0, 0, la)) // due 2 April
	msgs := w.smtp.Messages()
	if len(msgs) != 1 || !strings.Contains(unQP(string(msgs[0].Raw)), "GDPR deletion request") {
		t.Fatalf("digest = %d messages, want one naming the \"GDPR deletion request\"", len(msgs))
	}
}

// TestCrashAcknowledgement kills the daemon at each step of the outbox
// order while it acknowledges a privacy request, and restarts it: the
// acknowledgement goes out at most once, one begun but never confirmed is
// never sent again (delivery-unknown), and the request ends flagged in
// review with staff either way.
func TestCrashAcknowledgement(t *testing.T) {
	for _, tt := range []struct {
		point   string
		replies int
		unknown bool
	}{
		{"after-decision", 1, false},
		{"after-intent", 0, true},
		{"after-send", 1, true},
		{"after-record", 1, false},
		{"before-move", 1, false},
	} {
		t.Run(tt.point, func(t *testing.T) {
			eachKind(t, func(t *testing.T, w *world) {
				w.cfg.Privacy.Acknowledge = true
				now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
				id := w.deliver(now.Add(-time.Hour), "Anna <anna@example.se>", "GDPR", "Please send me a copy of my personal data.")
				runUntilKilled(t, w, now, tt.point)
				w.runOnce(now.Add(time.Minute))
				w.runOnce(now.Add(2 * time.Minute))
				if n := len(w.smtp.Messages()); n != tt.replies {
					t.Errorf("acknowledgements sent = %d, want %d", n, tt.replies)
				}
				c := w.caseOf(id)
				if c.State != cases.Review || !slices.Contains(c.Reasons, cases.ReasonPrivacyRequest) ||
					slices.Contains(c.Reasons, cases.ReasonDeliveryUnknown) != tt.unknown {
					t.Errorf("case = %s %v, want review with privacy-request (delivery-unknown: %v)", c.State, c.Reasons, tt.unknown)
				}
				review := w.folder("Privacy/Review")
				if len(review) != 1 || !hasFlag(review[0], `\Flagged`) || len(w.folder("INBOX")) != 0 {
					t.Errorf("Privacy/Review holds %d, INBOX %d; want the request flagged in review", len(review), len(w.folder("INBOX")))
				}
			})
		})
	}
}

// TestPrivacyInTheQueue: a privacy request needs staff: it is in that
// view, named in plain words with its legal due date; the advice is to
// close it once the work is done; no template answers it and bulk approve
// leaves it alone; a reply staff write goes out with no outcome (closing
// records one), and once closed the case is in the closed view with its
// outcome.
func TestPrivacyInTheQueue(t *testing.T) {
	w := newWorld(t)
	gdpr := w.deliver(time.Date(2026, 3, 4, 9, 0, 0, 0, la), "Anna Lindqvist <anna@example.se>", "Subject access request (GDPR Article 15)",
		"Under Article 15 of the GDPR I request a copy of all personal data you hold about me.")
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, la)
	w.runOnce(now)
	d := w.daemon(now)
	id := w.caseOf(gdpr).ID
	alice := control.Act{Actor: "alice"}

	p, err := d.Search(control.Query{View: control.ViewNeedsStaff})
	if err != nil || len(p.Rows) != 1 || p.Rows[0].About != "GDPR access request, due 4 April" || p.Rows[0].Due.IsZero() ||
		p.Rows[0].Law != cases.LawGDPR {
		t.Fatalf("needs staff = %+v, %v; want the request, \"GDPR access request, due 4 April\"", p.Rows, err)
	}
	if p, _ := d.Search(control.Query{Text: "article 15"}); p.Total != 1 {
		t.Errorf("a search of the request's words finds %d cases, want 1", p.Total)
	}
	a, err := d.Advise(id)
	if err != nil || a.Suggested.Action != cases.SuggestClose || len(a.Reasons) != 1 || a.Reasons[0].Code != cases.ReasonPrivacyRequest ||
		len(a.Answers) != 1 || a.Answers[0].Template != cases.TemplateStaffReply {
		t.Fatalf("advice = %+v, %v; want close suggested, the reason in words, only a reply staff write", a, err)
	}
	if _, err := d.Approve(id, control.Approval{Act: alice, Template: cases.TemplateOutsideLaw}); !errors.Is(err, control.ErrRefused) {
		t.Errorf("a template on a privacy case = %v, want refused", err)
	}
	free := control.Approval{Act: alice, Template: cases.TemplateStaffReply, Outcome: cases.OutcomeComplied}
	free.Message = "Please send us a copy of an identity document."
	if _, err := d.Approve(id, free); !errors.Is(err, control.ErrInvalid) || !strings.Contains(err.Error(), "when it is closed") {
		t.Errorf("a reply with an outcome on a privacy case = %v, want invalid: closing records it", err)
	}
	res, err := d.Bulk(control.Bulk{Act: alice, Action: control.BulkApprove, IDs: []string{id}, DryRun: true})
	if err != nil || len(res) != 1 || res[0].OK || !strings.Contains(res[0].Error, "close it") {
		t.Errorf("bulk approve of a privacy case = %+v, %v; want refused, saying to close it", res, err)
	}
	free.Outcome = ""
	c, err := d.Approve(id, free)
	if err != nil || c.State != cases.AwaitingRequester || c.Outcome != "" {
		t.Fatalf("a reply staff write = %+v, %v; want it sent, the case waiting on the requester, no outcome", c, err)
	}
	w.runOnce(now.Add(time.Minute))
	if a, _ := d.Advise(id); a.Suggested.Action != cases.SuggestClose {
		t.Errorf("advice while waiting = %+v, want close", a.Suggested)
	}
	if _, err := d.Close(id, control.Closing{Act: alice, Outcome: cases.OutcomeComplied}); err != nil {
		t.Fatal(err)
	}
	p, err = d.Search(control.Query{View: control.ViewClosed})
	if err != nil || len(p.Rows) != 1 || p.Rows[0].Outcome != cases.OutcomeComplied || cases.ReportedAs(p.Rows[0].Kind, p.Rows[0].Outcome) != "complied" {
		t.Errorf("closed = %+v, %v; want the request, complied", p.Rows, err)
	}
}

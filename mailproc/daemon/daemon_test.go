package daemon_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

const calSubject = "Request for California Privacy Information"

// TestEndToEnd runs the real daemon over an in-memory mailbox: every
// template, the once-a-year rule across New Year's Eve in the company's zone,
// a follow-up merge, unrelated mail untouched, and a restart that sends
// nothing twice.
func TestEndToEnd(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		eve := w.deliver(time.Date(2025, 12, 31, 23, 30, 0, 0, la), "Ada Byron <ada@example.com>", calSubject, fullBody)
		day := w.deliver(time.Date(2026, 1, 1, 0, 30, 0, 0, la), "Ada Byron <ada@example.com>", calSubject, fullBody)
		w.deliver(time.Date(2026, 2, 2, 9, 0, 0, 0, la), "Ada Byron <ada.byron@work.example>", "Re: "+calSubject, fullBody)
		incomplete := w.deliver(time.Date(2026, 2, 3, 9, 0, 0, 0, la), "Bo Li <bo@example.com>", calSubject,
			"California Privacy Rights Request\nName: Bo Li\nStreet: 5 Elm St\nCity: Fresno\nState: CA\n")
		coppa := w.deliver(time.Date(2026, 2, 4, 9, 0, 0, 0, la), "Kim Lee <kim@example.com>", "COPPA Information Request", "Please delete my son's data. His username is sam_l.")
		unrelated := w.deliver(time.Date(2026, 2, 5, 9, 0, 0, 0, la), "Tom <tom@example.com>", "Where is my order?", "Hi")
		near := w.deliver(time.Date(2026, 2, 6, 9, 0, 0, 0, la), "Olivia <olivia@example.com>", "Shine the Light request", fullBody)
		old := w.deliver(time.Date(2024, 6, 1, 9, 0, 0, 0, la), "Old <old@example.com>", calSubject, strings.ReplaceAll(fullBody, "Ada Byron", "Old Timer"))

		w.runOnce(time.Date(2026, 3, 1, 10, 0, 0, 0, la))

		want := []string{
			"california-disclosure ada@example.com", // 31 Dec 2025 23:30 Pacific: calendar year 2025
			"california-disclosure ada@example.com", // 1 Jan 2026 00:30 Pacific: a new calendar year
			"california-repeat ada.byron@work.example",
			"california-incomplete bo@example.com",
			"coppa-received kim@example.com",
		}
		if got := w.templatesSent(); !slices.Equal(got, want) {
			t.Fatalf("replies after the first run =\n%q\nwant\n%q", got, want)
		}
		if c := w.caseOf(eve); c.Year != 2025 || c.ID != "C-2025-0001" || c.State != cases.Answered {
			t.Errorf("New Year's Eve case = %s year %d %s, want C-2025-0001 year 2025 answered", c.ID, c.Year, c.State)
		}
		if c := w.caseOf(day); c.Year != 2026 || c.State != cases.Answered {
			t.Errorf("New Year's Day case = %s year %d %s, want year 2026 answered", c.ID, c.Year, c.State)
		}
		repeat := w.sent()[2]
		if !strings.Contains(repeat.body, "March 1, 2026") {
			t.Errorf("the repeat notice does not name the date of the earlier answer (March 1, 2026):\n%s", repeat.body)
		}
		if c := w.caseOf(old); c.State != cases.Review || !slices.Contains(c.Reasons, cases.ReasonNoDisclosureData) {
			t.Errorf("a 2024 request (covering 2023, not configured) = %s %v, want review no-disclosure-data", c.State, c.Reasons)
		}
		if c := w.caseOf(near); c.State != cases.Review || !slices.Contains(c.Reasons, cases.ReasonNearMiss) {
			t.Errorf("near miss = %s %v, want review near-miss", c.State, c.Reasons)
		}
		checkHeaders(t, w, eve)

		// The requester answers the incomplete notice, naming it in In-Reply-To.
		notice := w.sent()[3].messageID
		w.deliver(time.Date(2026, 3, 2, 8, 0, 0, 0, la), "Bo Li <bo@example.com>", "my zip",
			"California Privacy Rights Request\nZIP: 93301\n\nOn Mon wrote:\n> ZIP code:", "In-Reply-To: "+notice, "References: <"+incomplete+"> "+notice)
		// Staff mark the coppa case done: the completion notice goes out.
		d := w.daemon(time.Date(2026, 3, 2, 9, 0, 0, 0, la))
		if err := d.Complete(w.caseOf(coppa).ID, "alice", ""); err != nil {
			t.Fatal(err)
		}
		w.runOnce(time.Date(2026, 3, 2, 9, 0, 0, 0, la))
		// Pending work (the staff's notice) goes before new mail.
		want = append(want, "coppa-completed kim@example.com", "california-disclosure bo@example.com")
		if got := w.templatesSent(); !slices.Equal(got, want) {
			t.Fatalf("replies after the follow-up =\n%q\nwant\n%q", got, want)
		}
		c := w.caseOf(incomplete)
		if c.State != cases.Answered || c.Fields.ZIP != "93301" || c.Fields.Name != "Bo Li" || len(c.Messages) != 2 {
			t.Errorf("merged case = %s %+v with %d messages, want answered with name from the first and ZIP from the follow-up", c.State, c.Fields, len(c.Messages))
		}
		if c := w.caseOf(coppa); c.State != cases.Done {
			t.Errorf("coppa case = %s, want done", c.State)
		}

		// A restart over the same mailbox and store sends nothing again.
		w.runOnce(time.Date(2026, 3, 2, 9, 5, 0, 0, la))
		if got := len(w.sent()); got != len(want) {
			t.Errorf("after a restart %d replies, want still %d", got, len(want))
		}
		checkFolders(t, w, unrelated, len(want))
	})
}

func checkHeaders(t *testing.T, w *world, answered string) {
	t.Helper()
	r := w.sent()[0]
	if r.inReplyTo != "<"+answered+">" || !strings.Contains(r.references, answered) {
		t.Errorf("In-Reply-To %q References %q, want both to name <%s>", r.inReplyTo, r.references, answered)
	}
	if r.autoSubmitted != "auto-replied" {
		t.Errorf("Auto-Submitted = %q, want auto-replied", r.autoSubmitted)
	}
	if !strings.HasPrefix(r.messageID, "<C-2025-0001.california-disclosure.") || !strings.HasSuffix(r.messageID, "@cooper.example>") {
		t.Errorf("Message-ID = %q, want the fixed <C-2025-0001.california-disclosure.INSTANCE@cooper.example>", r.messageID)
	}
	if r.subject != "Re: "+calSubject {
		t.Errorf("Subject = %q, want %q", r.subject, "Re: "+calSubject)
	}
}

func checkFolders(t *testing.T, w *world, unrelated string, replies int) {
	t.Helper()
	inbox := w.folder("INBOX")
	if len(inbox) != 1 || !strings.Contains(string(inbox[0].Raw), unrelated) {
		t.Fatalf("INBOX holds %d messages, want only the unrelated one", len(inbox))
	}
	if len(inbox[0].Flags) != 0 {
		t.Errorf("unrelated mail has flags %v, want none (never \\Seen, never \\Flagged)", inbox[0].Flags)
	}
	review := w.folder("Privacy/Review")
	if len(review) != 2 {
		t.Errorf("Privacy/Review holds %d, want 2 (near miss, no disclosure data)", len(review))
	}
	for _, m := range review {
		if !hasFlag(m, `\Flagged`) {
			t.Errorf("review message uid %d not \\Flagged", m.UID)
		}
	}
	if n := len(w.folder("Privacy/Processed")); n != 6 {
		t.Errorf("Privacy/Processed holds %d, want 6", n)
	}
	if n := len(w.folder("Sent")); n != replies {
		t.Errorf("Sent holds %d, want %d (one copy per reply)", n, replies)
	}
}

package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// oneCase is a staff service holding one case; only List and Get answer.
type oneCase struct {
	control.Service
	c *cases.Case
}

func (o oneCase) List(control.Filter) ([]control.Summary, error) {
	return []control.Summary{{ID: o.c.ID, Kind: o.c.Kind, State: o.c.State, Due: o.c.Due, Subject: o.c.Messages[0].Subject, Email: o.c.Email}}, nil
}

func (o oneCase) Get(string) (*cases.Case, error) { return o.c, nil }

func (o oneCase) Search(q control.Query) (control.Page, error) {
	return control.Page{Rows: []control.Summary{{ID: o.c.ID, Kind: o.c.Kind, State: o.c.State, Name: o.c.Messages[0].From,
		Reasons: o.c.Reasons, Email: o.c.Email}}, Total: 1, Page: 1, PerPage: 50, InViews: map[string]int{control.ViewAll: 1}}, nil
}

func (o oneCase) Bulk(b control.Bulk) ([]control.BulkResult, error) {
	return []control.BulkResult{{ID: b.IDs[0], OK: true, Template: "california-disclosure", Reported: "complied"},
		{ID: b.IDs[1], Error: "the case is dismissed \u202E"}}, nil
}

// TestTerminalShowsHiddenCharacters is the attack of a U+202E (and an
// escape sequence) in what a sender wrote: `review list`, `cases` and
// `review show` write them out as <U+202E> instead of passing them to the
// terminal.
func TestTerminalShowsHiddenCharacters(t *testing.T) {
	due := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	c := &cases.Case{ID: "c1", Kind: cases.California, State: cases.Review, Due: due, Received: due.AddDate(0, 0, -30),
		Email: "eve\u202E@example.org",
		Messages: []cases.Message{{MessageID: "m1@example.org", From: "Eve \u202E<eve@example.org>",
			Subject: "Request for California Privacy Information \u202Egpj.exe", Text: "hello \u2066there\x1b]0;title\x07\n"}},
		History: []cases.Event{{At: due, Actor: "daemon", Action: "review", Detail: "near-miss \u202E"}},
	}
	svc := oneCase{c: c}
	for _, args := range [][]string{{"review", "list"}, {"cases"}, {"review", "show", "c1"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			verb, id := "list", ""
			if len(args) > 1 {
				verb = args[1]
			}
			f := newStaffFlags(newFlagSet(args[0]), verb)
			if len(args) > 2 {
				id = args[2]
			}
			var out bytes.Buffer
			if err := doReview(svc, verb, id, args[0] == "cases", f, &out); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			if strings.ContainsAny(got, "\u202E\u2066\x1b\x07") {
				t.Errorf("output passes a hidden character to the terminal:\n%q", got)
			}
			if !strings.Contains(got, "<U+202E>gpj.exe") {
				t.Errorf("output does not show the override as <U+202E>:\n%s", got)
			}
		})
	}
}

// TestQueueCommands: `review search` and `review bulk` print one line a
// case, hidden characters written out; a bulk action that left cases
// undone says so in its exit.
func TestQueueCommands(t *testing.T) {
	c := &cases.Case{ID: "c1", Kind: cases.California, State: cases.Review, Reasons: []cases.Reason{cases.ReasonNotCalifornia},
		Email: "eve\u202E@example.org", Messages: []cases.Message{{From: "Eve \u202E", Subject: "x",
			Attachments: []cases.Attachment{{Part: "2", Name: "id\u202Egnp.exe", Type: "image/png", Size: 3}}}}}
	svc := oneCase{c: c}
	var out bytes.Buffer
	f := newStaffFlags(newFlagSet("review search"), "search")
	if err := doReview(svc, "search", "eve", false, f, &out); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, "state not California") || !strings.Contains(got, "eve<U+202E>@example.org") || strings.Contains(got, "\u202E") {
		t.Errorf("review search prints:\n%s", got)
	}
	out.Reset()
	f = newStaffFlags(newFlagSet("review bulk"), "bulk")
	f.fs.Parse([]string{"--as", "alice", "c1", "c2"})
	err := doReview(svc, "bulk", "approve", false, f, &out)
	if got := out.String(); err == nil || !strings.Contains(got, "c1  california-disclosure; reported as complied") ||
		!strings.Contains(got, "c2  not done: the case is dismissed <U+202E>") {
		t.Errorf("review bulk = %v, prints:\n%s", err, got)
	}
	out.Reset()
	if err := doReview(svc, "show", "c1", false, newStaffFlags(newFlagSet("review show"), "show"), &out); err != nil || !strings.Contains(out.String(), "Attachment (part 2): id<U+202E>gnp.exe, image/png, 3 bytes") {
		t.Errorf("review show = %v, lists:\n%s", err, out.String())
	}
}

// TestListReasons: `review list` and `cases` filter on every reason a case
// can be with staff for, those staff actions give included, and refuse a
// word that is none.
func TestListReasons(t *testing.T) {
	c := &cases.Case{ID: "c1", Kind: cases.Other, State: cases.Review, Reasons: []cases.Reason{cases.ReasonReopened},
		Messages: []cases.Message{{Subject: "x"}}}
	for _, tt := range []struct {
		reason cases.Reason
		ok     bool
	}{
		{cases.ReasonReopened, true}, {cases.ReasonReclassified, true}, {cases.ReasonNearMiss, true}, {"", true},
		{"reopen", false}, {"bogus", false},
	} {
		f := newStaffFlags(newFlagSet("review list"), "list")
		if err := f.fs.Parse([]string{"--reason", string(tt.reason)}); err != nil {
			t.Fatal(err)
		}
		err := doReview(oneCase{c: c}, "list", "", false, f, &bytes.Buffer{})
		if (err == nil) != tt.ok {
			t.Errorf("review list --reason %q = %v, want ok %v", tt.reason, err, tt.ok)
		}
	}
}

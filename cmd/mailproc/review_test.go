package main

import (
	"bytes"
	"io"
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
			f := newStaffFlags(newFlagSet(args[0], io.Discard))
			verb, id := "list", ""
			if len(args) > 1 {
				verb = args[1]
			}
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

package daemon_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// TestCorrectedFieldsChecked: fields staff correct when approving go
// through the checks mail goes through (a US state, stored as its code; a
// ZIP code; for a disclosure or a repeat notice nothing empty, California
// and its ZIP range); a refusal names every problem and changes nothing.
func TestCorrectedFieldsChecked(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, la)
	m := w.deliver(now.Add(-time.Hour), "Ada Byron <ada@example.com>", "Request for California Privacy Information",
		strings.Replace(fullBody, "93704", "89501", 1)) // CA with a Nevada ZIP: review, zip-mismatch
	w.runOnce(now)
	id := w.caseOf(m).ID
	d := w.daemon(now.Add(time.Minute))
	good := cases.Fields{Name: "Ada Byron", Street: "12 Oak Street", City: "Fresno", State: "CA", ZIP: "93704"}
	with := func(change func(f *cases.Fields)) *cases.Fields {
		f := good
		change(&f)
		return &f
	}
	tests := []struct {
		name   string
		tmpl   cases.Template
		fields *cases.Fields
		want   []string
	}{
		{"the issue's", "california-disclosure", &cases.Fields{City: "Reno", State: "NV", ZIP: "ABCDE"},
			[]string{`zip "ABCDE": not a ZIP code`, `state "NV": california-disclosure goes to a California address`, "name: required", "street: required"}},
		{"not a state", "california-disclosure", with(func(f *cases.Fields) { f.State = "Califronia" }), []string{`state "Califronia": not a US state`}},
		{"a ZIP outside California", "california-disclosure", with(func(f *cases.Fields) { f.ZIP = "89501" }),
			[]string{`zip "89501": not a California ZIP code (90000–96199)`}},
		{"the case's own ZIP outside California", "california-disclosure", nil, []string{`zip "89501": not a California ZIP code`}},
		{"a repeat to nobody", "california-repeat", with(func(f *cases.Fields) { f.Name = " " }), []string{"name: required"}},
		{"an incomplete notice with a bad ZIP", "california-incomplete", with(func(f *cases.Fields) { f.ZIP = "9370" }), []string{`zip "9370": not a ZIP code`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := d.Approve(id, control.Approval{Act: control.Act{Actor: "alice"}, Template: tt.tmpl, Fields: tt.fields})
			if !errors.Is(err, control.ErrInvalid) {
				t.Fatalf("approve = %v, want refused as invalid", err)
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the refusal\n  %v\ndoes not say %q", err, want)
				}
			}
			if c, _ := d.Get(id); c.State != cases.Review || len(c.Replies) != 0 || c.Fields.ZIP != "89501" {
				t.Errorf("after the refusal the case is %s with %d replies and ZIP %q; want it untouched", c.State, len(c.Replies), c.Fields.ZIP)
			}
		})
	}
}

// TestCorrectionsRecorded: accepted corrections are stored as mail's
// are (the state as its code) and the history records each changed field,
// before and after, by whom; the disclosure carries them.
func TestCorrectionsRecorded(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, la)
	m := w.deliver(now.Add(-time.Hour), "Ada Byron <ada@example.com>", "Request for California Privacy Information",
		strings.Replace(fullBody, "93704", "89501", 1))
	w.runOnce(now)
	id := w.caseOf(m).ID
	d := w.daemon(now.Add(time.Minute))
	fixed := cases.Fields{Name: "Ada  Byron", Street: "12 Oak Street", City: "Fresno", State: "california", ZIP: "93704"}
	c, err := d.Approve(id, control.Approval{Act: control.Act{Actor: "alice"}, Template: "california-disclosure", Fields: &fixed})
	if err != nil {
		t.Fatal(err)
	}
	if c.Fields != (cases.Fields{Name: "Ada Byron", Street: "12 Oak Street", City: "Fresno", State: "CA", ZIP: "93704"}) {
		t.Errorf("fields stored as %+v, want them cleaned as mail's are", c.Fields)
	}
	var changes []string
	for _, e := range c.History {
		if e.Action == "field corrected" {
			changes = append(changes, e.Actor+": "+e.Detail)
		}
	}
	if want := []string{`alice: zip: "89501" → "93704"`}; strings.Join(changes, "|") != strings.Join(want, "|") {
		t.Errorf("history records corrections %q, want %q", changes, want)
	}
	w.runOnce(now.Add(2 * time.Minute))
	if sent := w.sent(); len(sent) != 1 || !strings.Contains(sent[0].body, "Dear Ada Byron") {
		t.Errorf("%d replies sent, want the disclosure to Ada Byron", len(sent))
	}
}

package web

import (
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// privacyCase is an open GDPR access request in review, due 4 June.
func privacyCase(id string) *cases.Case {
	rec := time.Date(2025, 5, 4, 9, 0, 0, 0, time.UTC)
	return &cases.Case{
		ID: id, Kind: cases.Privacy, State: cases.Review, Reasons: []cases.Reason{cases.ReasonPrivacyRequest},
		Email: "anna@example.se", Law: cases.LawGDPR, Rights: []string{"access"},
		Received: rec, Due: cases.PrivacyDue(rec, cases.LawGDPR, time.UTC),
		Messages: []cases.Message{{Key: "m3", From: "Anna <anna@example.se>", Subject: "Subject access request",
			Text: "Under Article 15 GDPR I request a copy of my personal data.", Received: rec}},
	}
}

// TestPrivacyInQueueAndCase: the queue names a privacy request in plain
// words with its due date; its page says what was understood and offers
// closing it, not a reply template.
func TestPrivacyInQueueAndCase(t *testing.T) {
	e := newEnv(t, privacyCase("p1"), californiaCase("c1"))
	c, _ := e.signedIn()
	queue := readBody(t, c.get("/"))
	if !strings.Contains(queue, "GDPR access request, due 4 June") {
		t.Errorf("queue lacks the plain words \"GDPR access request, due 4 June\":\n%s", queue)
	}
	filtered := readBody(t, c.get("/?kind=privacy&reason=privacy-request"))
	if !strings.Contains(filtered, "p1") || strings.Contains(filtered, ">c1<") {
		t.Errorf("the privacy filter does not select the privacy case alone")
	}
	page := readBody(t, c.get("/cases/p1"))
	for _, want := range []string{"GDPR access request", "Close the request", `value="denied"`, `value="not-a-request"`, "neither discloses nor deletes",
		"privacy-rights request", "then close it with its outcome"} {
		if !strings.Contains(page, want) {
			t.Errorf("privacy case page lacks %q", want)
		}
	}
	if strings.Contains(page, "Approve and send") || strings.Contains(page, `id="t-`+string(cases.TemplateOutsideLaw)) || strings.Contains(page, `id="a-outcome"`) {
		t.Errorf("privacy case page offers a reply template, or an outcome for a reply: closing records it")
	}
}

// TestClosePrivacy: the close form reaches the service with the outcome
// and reason; a denial without a reason and a close of another kind are
// refused before the service is asked.
func TestClosePrivacy(t *testing.T) {
	for _, tt := range []struct {
		name   string
		id     string
		form   url.Values
		want   *call
		status int
		msg    string
	}{
		{"complied", "p1", url.Values{"outcome": {"complied"}, "note": {"sent the export"}},
			&call{Method: "Close", ID: "p1", Outcome: "complied", Act: control.Act{Actor: testUser, Note: "sent the export"}}, 0, ""},
		{"denied with a reason", "p1", url.Values{"outcome": {"denied"}, "reason": {"identity not verified"}},
			&call{Method: "Close", ID: "p1", Outcome: "denied", Act: control.Act{Actor: testUser, Reason: "identity not verified"}}, 0, ""},
		{"denied without a reason", "p1", url.Values{"outcome": {"denied"}}, nil, http.StatusUnprocessableEntity, "Give the reason for the denial."},
		{"an outcome not offered", "p1", url.Values{"outcome": {"deleted-everything"}}, nil, http.StatusUnprocessableEntity, "Choose how the request was answered"},
		{"a california case", "c1", url.Values{"outcome": {"complied"}}, nil, http.StatusUnprocessableEntity, "Only a privacy request is closed this way."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, privacyCase("p1"), californiaCase("c1"))
			c, token := e.signedIn()
			tt.form.Set("csrf", token)
			res := c.post("/cases/"+tt.id+"/close", tt.form)
			got := e.svc.recorded("Close")
			if tt.want == nil {
				body := readBody(t, res)
				if res.StatusCode != tt.status || !strings.Contains(body, tt.msg) || len(got) != 0 {
					t.Errorf("close = %d with %d service calls, want %d, none, and %q", res.StatusCode, len(got), tt.status, tt.msg)
				}
				return
			}
			loc := res.Header.Get("Location")
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/?result=") {
				t.Fatalf("after close: %d to %q, want 303 back to the queue with the result", res.StatusCode, loc)
			}
			if len(got) != 1 || !reflect.DeepEqual(got[0], *tt.want) {
				t.Errorf("service calls = %+v, want [%+v]", got, *tt.want)
			}
			if page := readBody(t, c.get(loc)); !strings.Contains(page, "p1</a>: closed as "+string(tt.want.Outcome)) {
				t.Errorf("the queue after close lacks the line \"p1: closed as %s\":\n%s", tt.want.Outcome, page)
			}
		})
	}
}

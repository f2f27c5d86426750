package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

func TestActionsCallService(t *testing.T) {
	unchanged := url.Values{"template": {"california-disclosure"}, "name": {"Jane Roe"}, "street": {"1 Elm St"},
		"city": {"Fresno"}, "state": {"CA"}, "zip": {"93650"}, "note": {"looked fine"}, "confirm": {"1"}}
	changed := url.Values{"template": {"california-disclosure"}, "name": {"Jane Roe"}, "street": {"1 Elm St"},
		"city": {"Fresno"}, "state": {"CA"}, "zip": {" 93651 "}, "confirm": {"1"}}
	tests := []struct {
		name   string
		caseID string
		action string
		form   url.Values
		want   call
		result string // the queue's line after the action; "" for an action that stays on the case
	}{
		{"approve as read", "c1", "approve", unchanged,
			call{Method: "Approve", ID: "c1", Template: "california-disclosure", Act: control.Act{Actor: testUser, Note: "looked fine"}},
			"c1</a>: answered with california-disclosure to jane@example.org; reply california-disclosure: sent"},
		{"approve with a corrected ZIP", "c1", "approve", changed,
			call{Method: "Approve", ID: "c1", Template: "california-disclosure", Act: control.Act{Actor: testUser},
				Fields: &cases.Fields{Name: "Jane Roe", Street: "1 Elm St", City: "Fresno", State: "CA", ZIP: "93651"}}, "answered with"},
		{"approve another template", "c1", "approve", url.Values{"template": {"california-repeat"}, "confirm": {"1"}},
			call{Method: "Approve", ID: "c1", Template: "california-repeat", Act: control.Act{Actor: testUser}}, "answered with california-repeat"},
		{"decline", "c1", "approve", url.Values{"template": {"decline-not-california"}, "confirm": {"1"}, "reason": {"ignored"}},
			call{Method: "Approve", ID: "c1", Template: "decline-not-california", Act: control.Act{Actor: testUser}},
			"reported as not covered: not a California resident"},
		{"free text, denied", "c1", "approve", url.Values{"template": {"staff-reply"}, "confirm": {"1"}, "message": {"We cannot verify you."},
			"outcome": {"denied"}, "reason": {"identity not verified"}},
			call{Method: "Approve", ID: "c1", Template: "staff-reply", Outcome: "denied",
				Act: control.Act{Actor: testUser, Message: "We cannot verify you.", Reason: "identity not verified"}},
			"reported as denied, reason “identity not verified”"},
		{"approve coppa", "k1", "approve", url.Values{"template": {"coppa-completed"}, "note": {"verified by phone"}, "message": {"We deleted kiddo7."}, "confirm": {"1"}},
			call{Method: "Approve", ID: "k1", Template: "coppa-completed", Act: control.Act{Actor: testUser, Note: "verified by phone", Message: "We deleted kiddo7."}}, "answered with coppa-completed"},
		{"dismiss", "c1", "dismiss", url.Values{"reason": {" not a request "}, "confirm": {"1"}},
			call{Method: "Dismiss", ID: "c1", Act: control.Act{Actor: testUser, Reason: "not a request"}},
			"c1</a>: dismissed without an answer — reported as denied, reason “not a request”"},
		{"reclassify", "c1", "reclassify", url.Values{"kind": {"coppa"}, "note": {"about a child"}},
			call{Method: "Reclassify", ID: "c1", Kind: cases.Coppa, Act: control.Act{Actor: testUser, Note: "about a child"}}, ""},
		{"done", "k1", "done", url.Values{"note": {"verified by phone"}, "message": {"account kiddo7 deleted"}, "confirm": {"1"}},
			call{Method: "Done", ID: "k1", Act: control.Act{Actor: testUser, Note: "verified by phone", Message: "account kiddo7 deleted"}}, "marked done"},
		{"done without note", "k1", "done", url.Values{"confirm": {"1"}},
			call{Method: "Done", ID: "k1", Act: control.Act{Actor: testUser}}, "marked done"},
		{"reopen", "d1", "reopen", url.Values{"reason": {"dismissed by mistake"}},
			call{Method: "Reopen", ID: "d1", Act: control.Act{Actor: testUser, Reason: "dismissed by mistake"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dismissed := californiaCase("d1")
			dismissed.State = cases.Dismissed
			e := newEnv(t, californiaCase("c1"), coppaCase("k1"), dismissed)
			c, token := e.signedIn()
			tt.form.Set("csrf", token)
			tt.form.Set("back", "/?view=all&page=2")
			res := c.post("/cases/"+tt.caseID+"/"+tt.action, tt.form)
			got := e.svc.recorded(tt.want.Method)
			if len(got) != 1 || !reflect.DeepEqual(got[0], tt.want) {
				t.Fatalf("service calls = %+v, want [%+v]", got, tt.want)
			}
			loc := res.Header.Get("Location")
			if tt.result == "" {
				wantRedirect(t, res, "/cases/"+tt.caseID+"?back=%2F%3Fpage%3D2%26view%3Dall&done="+tt.action)
				if page := readBody(t, c.get(loc)); !strings.Contains(page, notices()[tt.action]) {
					t.Errorf("page after %s lacks the notice %q", tt.action, notices()[tt.action])
				}
				return
			}
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/?page=2&result=") || !strings.HasSuffix(loc, "&view=all") {
				t.Fatalf("after %s: %d to %q, want 303 back to the queue page with the result", tt.action, res.StatusCode, loc)
			}
			if page := readBody(t, c.get(loc)); !strings.Contains(page, tt.result) {
				t.Errorf("the queue after %s lacks the line %q:\n%s", tt.action, tt.result, page)
			}
		})
	}
}

// TestResultsAreTheirs: another user cannot read an action's results by
// its token.
func TestResultsAreTheirs(t *testing.T) {
	e := newEnv(t, californiaCase("c1"))
	c, token := e.signedIn()
	res := c.post("/cases/c1/dismiss", url.Values{"csrf": {token}, "reason": {"spam"}, "confirm": {"1"}})
	loc := res.Header.Get("Location")
	bob := e.client()
	bob.login("bob", "bob's own password")
	if page := readBody(t, bob.get(loc)); strings.Contains(page, "c1</a>: dismissed") || !strings.Contains(page, "no longer kept") {
		t.Errorf("bob sees alice's results:\n%s", page)
	}
}

func TestActionFormsRefused(t *testing.T) {
	other := californiaCase("o1")
	other.Kind = cases.Other
	tests := []struct {
		name, caseID, action string
		form                 url.Values
		want                 string
	}{
		{"dismiss without reason", "c1", "dismiss", url.Values{"reason": {"  "}, "confirm": {"1"}}, "Give a reason to dismiss the case."},
		{"dismiss unconfirmed", "c1", "dismiss", url.Values{"reason": {"spam"}}, "Tick the box to confirm: close the case without an answer."},
		{"reopen without reason", "c1", "reopen", url.Values{}, "Give a reason to reopen the case."},
		{"approve with a coppa template", "c1", "approve", url.Values{"template": {"coppa-received"}, "confirm": {"1"}}, "Choose one of the answers offered for a california case"},
		{"approve with no template", "k1", "approve", url.Values{"confirm": {"1"}}, "Choose one of the answers offered for a coppa case"},
		{"approve an other case with a disclosure", "o1", "approve", url.Values{"template": {"california-disclosure"}, "confirm": {"1"}}, "Choose one of the answers offered for an other case"},
		{"approve unconfirmed", "c1", "approve", url.Values{"template": {"california-disclosure"}}, "Tick the box to confirm that the reply previewed may be sent"},
		{"free text without text", "c1", "approve", url.Values{"template": {"staff-reply"}, "confirm": {"1"}}, "Write the text of the reply."},
		{"done unconfirmed", "k1", "done", url.Values{}, "Tick the box to confirm: send the completion notice."},
		{"reclassify to nothing", "c1", "reclassify", url.Values{"kind": {"spam"}}, "Choose the kind"},
		{"note too long", "k1", "done", url.Values{"note": {strings.Repeat("x", maxTextLen+1)}, "confirm": {"1"}}, "at most 4000 characters"},
		{"field too long", "c1", "approve", url.Values{"template": {"california-disclosure"}, "name": {strings.Repeat("x", maxFieldLen+1)}, "confirm": {"1"}}, "at most 300 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, californiaCase("c1"), coppaCase("k1"), other)
			c, token := e.signedIn()
			tt.form.Set("csrf", token)
			res := c.post("/cases/"+tt.caseID+"/"+tt.action, tt.form)
			body := readBody(t, res)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.want) {
				t.Errorf("POST %s = %d, want 422 saying %q:\n%s", tt.action, res.StatusCode, tt.want, body)
			}
			if calls := e.svc.recorded("Approve", "Dismiss", "Reclassify", "Done", "Reopen"); len(calls) != 0 {
				t.Errorf("service acted: %+v", calls)
			}
		})
	}
}

// TestServiceRefusalsShown: the service's refusal is shown once, in its
// own words ("refused: … refused: …" was shown).
func TestServiceRefusalsShown(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		want   string
	}{
		{"refused", fmt.Errorf("approve c1: %w: the case is done", control.ErrRefused), http.StatusUnprocessableEntity,
			"Not done: the case is done."},
		{"invalid", fmt.Errorf("approve c1: %w: zip must be five digits", control.ErrInvalid), http.StatusUnprocessableEntity,
			"Not accepted: zip must be five digits."},
		{"gone", fmt.Errorf("approve c1: %w", control.ErrNotFound), http.StatusNotFound, "Not found: approve c1: no such case."},
		{"daemon down", errors.New("dial unix /run/mailproc/control.sock: connection refused"), http.StatusInternalServerError,
			"Could not approve: dial unix /run/mailproc/control.sock: connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, californiaCase("c1"))
			e.svc.actionErr = tt.err
			c, token := e.signedIn()
			form := url.Values{"csrf": {token}, "template": {"california-disclosure"}, "note": {"my note"}, "zip": {"93651"}, "name": {"Jane Roe"}, "confirm": {"1"}}
			res := c.post("/cases/c1/approve", form)
			body := readBody(t, res)
			if res.StatusCode != tt.status || !strings.Contains(body, tt.want) || strings.Count(strings.ToLower(body), "refused:") > 0 {
				t.Errorf("approve refused with %v = %d, want %d saying %q once:\n%s", tt.err, res.StatusCode, tt.status, tt.want, body)
			}
			if !strings.Contains(body, "my note") || !strings.Contains(body, `value="93651"`) {
				t.Errorf("the page lost what was typed:\n%s", body)
			}
		})
	}
}

func TestUnknownCase(t *testing.T) {
	e := newEnv(t)
	c, token := e.signedIn()
	if res := c.get("/cases/nope"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET unknown case = %d, want 404", res.StatusCode)
	}
	res := c.post("/cases/nope/dismiss", url.Values{"csrf": {token}, "reason": {"x"}})
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("dismiss unknown case = %d, want 404", res.StatusCode)
	}
	if calls := e.svc.recorded("Dismiss"); len(calls) != 0 {
		t.Errorf("service asked to dismiss an unknown case: %+v", calls)
	}
}

func TestServiceDownShown(t *testing.T) {
	e := newEnv(t)
	e.svc.listErr = errors.New("daemon not running")
	e.svc.getErr = errors.New("daemon not running")
	c, _ := e.signedIn()
	for _, path := range []string{"/", "/cases/c1"} {
		res := c.get(path)
		body := readBody(t, res)
		if res.StatusCode != http.StatusInternalServerError || !strings.Contains(body, "daemon not running") {
			t.Errorf("GET %s with the daemon down = %d, want 500 saying so:\n%s", path, res.StatusCode, body)
		}
	}
}

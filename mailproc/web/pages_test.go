package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

func TestQueueSortedAndOverdueMarked(t *testing.T) {
	late, soon, later := coppaCase("late"), californiaCase("soon"), californiaCase("later")
	later.Due = later.Due.AddDate(0, 0, 5)
	closed := californiaCase("closed")
	closed.State = cases.Answered
	e := newEnv(t, later, soon, late, closed)
	c, _ := e.signedIn()
	res := c.get("/")
	body := readBody(t, res)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d, want 200", res.StatusCode)
	}
	order := regexp.MustCompile(`href="/cases/([^"]+)"`).FindAllStringSubmatch(body, -1)
	var ids []string
	for _, m := range order {
		ids = append(ids, m[1])
	}
	if got, want := strings.Join(ids, " "), "late soon later"; got != want {
		t.Errorf("queue order = %q, want %q", got, want)
	}
	if !strings.Contains(body, `<tr class="overdue">`) || !strings.Contains(body, "overdue by 9 days") {
		t.Errorf("the overdue case is not marked in class and words:\n%s", body)
	}
	if n := strings.Count(body, `class="overdue"`); n != 1 {
		t.Errorf("%d rows marked overdue, want 1", n)
	}
	if !strings.Contains(body, "due in 28 days") {
		t.Errorf("queue lacks the due date in words for a case not overdue:\n%s", body)
	}
}

func TestQueueFilters(t *testing.T) {
	tests := []struct {
		query string
		want  control.Filter
	}{
		{"", control.Filter{Open: true}},
		{"?state=review", control.Filter{Open: true, State: cases.Review}},
		{"?kind=coppa&reason=near-miss", control.Filter{Open: true, Kind: cases.Coppa, Reason: "near-miss"}},
		{"?overdue=1&state=", control.Filter{Open: true, Overdue: true}},
		{"?to_post=1", control.Filter{Open: true, ToPost: true}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			e := newEnv(t)
			c, _ := e.signedIn()
			before := len(e.svc.recorded("List"))
			if res := c.get("/" + tt.query); res.StatusCode != http.StatusOK {
				t.Fatalf("GET /%s = %d, want 200", tt.query, res.StatusCode)
			}
			got := e.svc.recorded("List")[before:]
			if len(got) != 1 || got[0].Filter != tt.want {
				t.Errorf("List calls = %+v, want one with %+v", got, tt.want)
			}
		})
	}
	for _, bad := range []string{"?state=done", "?kind=spam", "?reason=whatever"} {
		e := newEnv(t)
		c, _ := e.signedIn()
		if res := c.get("/" + bad); res.StatusCode != http.StatusBadRequest {
			t.Errorf("GET /%s = %d, want 400", bad, res.StatusCode)
		}
	}
}

func TestCasePageShowsTheCase(t *testing.T) {
	e := newEnv(t, californiaCase("c1"), coppaCase("k1"))
	c, _ := e.signedIn()
	tests := []struct {
		id    string
		wants []string
	}{
		{"c1", []string{"Jane Roe &lt;jane@example.org&gt;", "Request for California Privacy Information", "Fresno, CA 93650",
			"93650", "zip-mismatch", "2025-06-07", "due in 28 days", "daemon", "Approve and send", "Dismiss without answering",
			"Reclassify", "Dear Jane Roe,\nthis is california-disclosure.", "Re: Request for California Privacy Information"}},
		{"k1", []string{"Pat Parent", "kiddo7", "overdue by 9 days", "coppa-received", "Mark done",
			"this is coppa-completed."}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			body := readBody(t, c.get("/cases/"+tt.id))
			for _, w := range tt.wants {
				if !strings.Contains(body, w) {
					t.Errorf("case page %s lacks %q", tt.id, w)
				}
			}
			if strings.Contains(body, "html-part-of-the-preview") {
				t.Errorf("case page %s shows the preview's HTML body", tt.id)
			}
		})
	}
}

func TestCasePageActionsFitTheState(t *testing.T) {
	closed := californiaCase("d1")
	closed.State = cases.Dismissed
	e := newEnv(t, closed)
	c, _ := e.signedIn()
	body := readBody(t, c.get("/cases/d1"))
	if !strings.Contains(body, `action="/cases/d1/reopen"`) {
		t.Errorf("a dismissed case offers no reopen form")
	}
	for _, a := range []string{"approve", "dismiss", "done", "reclassify"} {
		if strings.Contains(body, `action="/cases/d1/`+a+`"`) {
			t.Errorf("a dismissed case offers %s", a)
		}
	}
}

func TestPreviewTemplate(t *testing.T) {
	incomplete := californiaCase("i1")
	incomplete.Missing = []string{"zip"}
	acked := coppaCase("k1")
	fresh := coppaCase("k2")
	fresh.Replies = nil
	other := californiaCase("o1")
	other.Kind = cases.Other
	tests := []struct {
		name, path, want string
	}{
		{"california default", "/cases/c1", "california-disclosure"},
		{"missing fields", "/cases/i1", "california-incomplete"},
		{"chosen", "/cases/c1?template=california-repeat", "california-repeat"},
		{"chosen but not fitting", "/cases/c1?template=coppa-received", "california-disclosure"},
		{"coppa acknowledged", "/cases/k1", "coppa-completed"},
		{"coppa fresh", "/cases/k2", "coppa-received"},
		{"other kind", "/cases/o1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, californiaCase("c1"), incomplete, acked, fresh, other)
			c, _ := e.signedIn()
			if res := c.get(tt.path); res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d, want 200", tt.path, res.StatusCode)
			}
			got := e.svc.recorded("Preview")
			if tt.want == "" {
				if len(got) != 0 {
					t.Errorf("previewed %+v, want no preview", got)
				}
				return
			}
			if len(got) != 1 || got[0].Template != tt.want || got[0].Fields != nil {
				t.Errorf("Preview calls = %+v, want one of %s with the case's fields", got, tt.want)
			}
		})
	}
}

func TestPreviewWithCorrectedFields(t *testing.T) {
	e := newEnv(t, californiaCase("c1"))
	c, token := e.signedIn()
	form := url.Values{"csrf": {token}, "template": {"california-disclosure"}, "name": {"Janet Roe"}, "street": {"1 Elm St"},
		"city": {"Fresno"}, "state": {"CA"}, "zip": {"93650"}}
	res := c.post("/cases/c1/preview", form)
	body := readBody(t, res)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Dear Janet Roe,") || !strings.Contains(body, `value="Janet Roe"`) {
		t.Errorf("preview with corrected name = %d, want 200 showing it:\n%s", res.StatusCode, body)
	}
	got := e.svc.recorded("Preview")
	if len(got) != 1 || got[0].Fields == nil || got[0].Fields.Name != "Janet Roe" {
		t.Errorf("Preview calls = %+v, want one with the corrected name", got)
	}
	if acted := e.svc.recorded("Approve"); len(acted) != 0 {
		t.Errorf("preview approved the case: %+v", acted)
	}
}

func TestPreviewErrorShownInPage(t *testing.T) {
	e := newEnv(t, californiaCase("c1"))
	e.svc.previewErr = errFake("no disclosure data for 2024")
	c, _ := e.signedIn()
	res := c.get("/cases/c1")
	body := readBody(t, res)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "No preview: no disclosure data for 2024") {
		t.Errorf("case page with a failing preview = %d, want 200 saying why:\n%s", res.StatusCode, body)
	}
}

type errFake string

func (e errFake) Error() string { return string(e) }

func TestDatesInCompanyZone(t *testing.T) {
	e := newEnv(t, californiaCase("c1"))
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	e.opts.Location = la
	h, err := New(e.svc, e.opts)
	if err != nil {
		t.Fatal(err)
	}
	e.h = h
	c, _ := e.signedIn()
	if body := readBody(t, c.get("/cases/c1")); !strings.Contains(body, "2025-05-07 05:00 PDT") {
		t.Errorf("received time not shown in the company's zone:\n%s", body)
	}
}

package web

import (
	"fmt"
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
	order := regexp.MustCompile(`href="/cases/([^"?]+)\?back=`).FindAllStringSubmatch(body, -1)
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
		want  control.Query
	}{
		{"", control.Query{View: control.ViewNeedsStaff}},
		{"?view=closed", control.Query{View: control.ViewClosed}},
		{"?kind=coppa&reason=near-miss", control.Query{View: control.ViewNeedsStaff, Filter: control.Filter{Kind: cases.Coppa, Reason: "near-miss"}}},
		{"?overdue=1", control.Query{View: control.ViewNeedsStaff, Filter: control.Filter{Overdue: true}}},
		{"?to_post=1", control.Query{View: control.ViewNeedsStaff, Filter: control.Filter{ToPost: true}}},
		{"?q=Ada+Byron&view=all&page=3", control.Query{View: control.ViewAll, Text: "Ada Byron", Page: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			e := newEnv(t)
			c, _ := e.signedIn()
			before := len(e.svc.recorded("Search"))
			if res := c.get("/" + tt.query); res.StatusCode != http.StatusOK {
				t.Fatalf("GET /%s = %d, want 200", tt.query, res.StatusCode)
			}
			got := e.svc.recorded("Search")[before:]
			if len(got) != 1 || got[0].Query != tt.want {
				t.Errorf("Search calls = %+v, want one with %+v", got, tt.want)
			}
		})
	}
	for _, bad := range []string{"?view=everything", "?kind=spam", "?reason=whatever", "?state=bogus"} {
		e := newEnv(t)
		c, _ := e.signedIn()
		if res := c.get("/" + bad); res.StatusCode != http.StatusBadRequest {
			t.Errorf("GET /%s = %d, want 400", bad, res.StatusCode)
		}
	}
}

// TestQueueFiltersOnEveryReason: the queue's reason filter offers every
// reason of the table, those staff actions give included, and takes each.
func TestQueueFiltersOnEveryReason(t *testing.T) {
	e := newEnv(t)
	c, _ := e.signedIn()
	page := readBody(t, c.get("/"))
	for _, r := range cases.Reasons() {
		if !strings.Contains(page, `<option value="`+string(r)+`">`) {
			t.Errorf("the reason filter does not offer %q", r)
		}
		if res := c.get("/?reason=" + string(r)); res.StatusCode != http.StatusOK {
			t.Errorf("GET /?reason=%s = %d, want 200", r, res.StatusCode)
		}
	}
}

// TestQueuePagesKeepTheQuery: 50 rows a page; the links to the next page,
// to each view and to each case keep the search and filters, and the case
// page leads back to the same queue page.
func TestQueuePagesKeepTheQuery(t *testing.T) {
	var cs []*cases.Case
	for i := range 120 {
		c := californiaCase(fmt.Sprintf("c%03d", i))
		c.Due = c.Due.Add(time.Duration(i) * time.Minute)
		cs = append(cs, c)
	}
	e := newEnv(t, cs...)
	c, _ := e.signedIn()
	body := readBody(t, c.get("/?kind=california&page=2"))
	for _, want := range []string{"51–100 of 120", "Page 2 of 3", `href="/?kind=california" rel="prev"`, `href="/?kind=california&amp;page=3" rel="next"`,
		`href="/?kind=california&amp;view=closed"`, `href="/cases/c050?back=%2F%3Fkind%3Dcalifornia%26page%3D2"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page 2 lacks %s", want)
		}
	}
	if n := strings.Count(body, `name="id" value=`); n != 50 {
		t.Errorf("page 2 has %d rows, want 50", n)
	}
	page := readBody(t, c.get("/cases/c050?back=%2F%3Fkind%3Dcalifornia%26page%3D2"))
	if !strings.Contains(page, `href="/?kind=california&amp;page=2">← Back to the queue`) {
		t.Errorf("the case page does not lead back to page 2")
	}
	for _, evil := range []string{"https://evil.example/", "//evil.example/", "/cases/x", "javascript:alert(1)"} {
		page := readBody(t, c.get("/cases/c050?back="+url.QueryEscape(evil)))
		if !strings.Contains(page, `href="/">← Back to the queue`) {
			t.Errorf("back=%s is followed", evil)
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
			"93650", "zip-mismatch", "ZIP outside California", "The state is California but the ZIP code is outside", "Suggested:</strong> Decline",
			`<mark>93650</mark> <span class="cause">← ZIP outside California</span>`,
			"2025-06-07", "due in 28 days", "daemon", "Send this answer", "Dismiss without answering",
			"Reclassify", "this is decline-not-california.", "Re: Request for California Privacy Information", "Reported as"}},
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

// TestPreviewTemplate: the preview defaults to what is suggested: a case
// outside California never to a disclosure.
func TestPreviewTemplate(t *testing.T) {
	limited := californiaCase("r1")
	limited.Reasons = []cases.Reason{cases.ReasonRateLimited}
	incomplete := californiaCase("i1")
	incomplete.Reasons, incomplete.Missing = []cases.Reason{cases.ReasonRateLimited}, []string{"zip"}
	nevada := californiaCase("n1")
	nevada.Reasons, nevada.Fields.State, nevada.Fields.ZIP = []cases.Reason{cases.ReasonNotCalifornia}, "NV", "89501"
	forged := californiaCase("f1")
	forged.Reasons = []cases.Reason{cases.ReasonDMARCFail}
	acked := coppaCase("k1")
	fresh := coppaCase("k2")
	fresh.Replies = nil
	other := californiaCase("o1")
	other.Kind, other.Reasons = cases.Other, []cases.Reason{cases.ReasonNearMiss}
	tests := []struct {
		name, path, want string
	}{
		{"rate limited: the disclosure", "/cases/r1", "california-disclosure"},
		{"zip mismatch: decline", "/cases/c1", "decline-not-california"},
		{"not california: decline", "/cases/n1", "decline-not-california"},
		{"missing fields", "/cases/i1", "california-incomplete"},
		{"forged sender: nothing", "/cases/f1", ""},
		{"chosen", "/cases/c1?template=california-repeat", "california-repeat"},
		{"chosen but not fitting", "/cases/c1?template=coppa-received", ""},
		{"coppa acknowledged", "/cases/k1", "coppa-completed"},
		{"coppa fresh", "/cases/k2", "coppa-received"},
		{"near miss", "/cases/o1", ""},
		{"free text, no text yet", "/cases/o1?template=staff-reply", ""},
		{"free text", "/cases/o1?template=staff-reply&message=Hello", "staff-reply"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, californiaCase("c1"), limited, incomplete, nevada, forged, acked, fresh, other)
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
			if len(got) != 1 || string(got[0].Template) != tt.want || got[0].Fields != nil {
				t.Errorf("Preview calls = %+v, want one of %s with the case's fields", got, tt.want)
			}
		})
	}
}

// TestPreviewWithCorrectedFields: a preview with corrected fields says so
// and marks them; it lives in the URL, so reloading it shows it again.
func TestPreviewWithCorrectedFields(t *testing.T) {
	e := newEnv(t, californiaCase("c1"))
	c, token := e.signedIn()
	form := url.Values{"csrf": {token}, "template": {"california-disclosure"}, "name": {"Janet Roe"}, "street": {"1 Elm St"},
		"city": {"Fresno"}, "state": {"CA"}, "zip": {"93650"}}
	res := c.post("/cases/c1/preview", form)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/cases/c1?") {
		t.Fatalf("preview post = %d to %q, want 303 to the case page", res.StatusCode, loc)
	}
	for range 2 { // the page, then a reload
		res = c.get(loc)
		body := readBody(t, res)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "<mark>Janet Roe</mark>") || !strings.Contains(body, `value="Janet Roe"`) ||
			!strings.Contains(body, "This answer uses the fields you corrected:</strong> name: “Jane Roe” → “Janet Roe”") {
			t.Errorf("preview with corrected name = %d, want 200 showing it, marked:\n%s", res.StatusCode, body)
		}
	}
	got := e.svc.recorded("Preview")
	if len(got) != 2 || got[0].Fields == nil || got[0].Fields.Name != "Janet Roe" {
		t.Errorf("Preview calls = %+v, want two with the corrected name", got)
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

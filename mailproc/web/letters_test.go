package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/letter"
)

func TestIntakeForm(t *testing.T) {
	e := newEnv(t, letterCase("L1"))
	c, _ := e.signedIn()
	q := readBody(t, c.get("/"))
	for _, want := range []string{`href="/letters/new"`, "<strong>letter to post</strong>", "by letter", `name="to_post"`} {
		if !strings.Contains(q, want) {
			t.Errorf("the queue lacks %s:\n%s", want, q)
		}
	}
	cal := readBody(t, c.get("/letters/new"))
	coppa := readBody(t, c.get("/letters/new?kind=coppa"))
	for name, want := range map[string][]string{
		"california": {`name="csrf"`, `name="received" type="date" required max="2025-05-10"`, `name="first_line"`, `name="zip"`, `name="return_zip"`, `name="scan"`},
		"coppa":      {`name="csrf"`, `name="parent_name"`, `name="child_username"`, `value="coppa"`, "where to post the answer (required)"},
	} {
		page := map[string]string{"california": cal, "coppa": coppa}[name]
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s intake form lacks %s", name, w)
			}
		}
	}
}

func TestIntakeCallsService(t *testing.T) {
	e := newEnv(t)
	c, token := e.signedIn()
	form := url.Values{"csrf": {token}, "kind": {"california"}, "received": {"2025-05-09"}, "first_line": {"1"},
		"name": {" Ada Byron "}, "street": {"12 Oak St"}, "city": {"Fresno"}, "state": {"CA"}, "zip": {"93704"},
		"parent_name": {"ignored for california"}, "return_city": {"Reno"}, "scan": {"/scans/ada.pdf"}, "note": {"front desk"}}
	res := c.post("/letters", form)
	wantRedirect(t, res, "/cases/L-1?done=letter")
	got := e.svc.recorded("AddLetter")
	if len(got) != 1 {
		t.Fatalf("AddLetter calls = %d, want 1", len(got))
	}
	want := control.Letter{Act: control.Act{Actor: testUser, Note: "front desk"}, Kind: cases.California,
		Received: time.Date(2025, 5, 9, 0, 0, 0, 0, time.UTC), FirstLine: true,
		Fields:        cases.Fields{Name: "Ada Byron", Street: "12 Oak St", City: "Fresno", State: "CA", ZIP: "93704"},
		ReturnAddress: cases.Fields{City: "Reno"}, Scan: "/scans/ada.pdf"}
	if l := *got[0].Letter; fmt.Sprintf("%+v", l) != fmt.Sprintf("%+v", want) {
		t.Errorf("AddLetter(%+v), want %+v", l, want)
	}
	if page := readBody(t, c.get("/cases/L-1?done=letter")); !strings.Contains(page, notices()["letter"]) {
		t.Errorf("the case page lacks the notice after entering a letter")
	}
}

func TestIntakeRefused(t *testing.T) {
	tests := []struct {
		name     string
		form     url.Values
		csrf     bool
		svcErr   error
		status   int
		want     string
		calls    int
		keepsTyp bool
	}{
		{"no csrf", url.Values{"kind": {"california"}, "received": {"2025-05-09"}}, false, nil, http.StatusForbidden, "stale", 0, false},
		{"bad date", url.Values{"kind": {"california"}, "received": {"9 May"}, "name": {hostile}}, true, nil, 422, "as YYYY-MM-DD", 0, true},
		{"no kind", url.Values{"received": {"2025-05-09"}}, true, nil, http.StatusBadRequest, "no kind", 0, false},
		{"refused by the service", url.Values{"kind": {"california"}, "received": {"2025-05-09"}, "name": {hostile}, "zip": {"9370"}}, true,
			fmt.Errorf("add letter: %w: zip \"9370\": not a ZIP code", control.ErrInvalid), 422, "zip &#34;9370&#34;: not a ZIP code", 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.svc.actionErr = tt.svcErr
			c, token := e.signedIn()
			if tt.csrf {
				tt.form.Set("csrf", token)
			}
			res := c.post("/letters", tt.form)
			body := readBody(t, res)
			if res.StatusCode != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("POST /letters = %d, want %d saying %q:\n%s", res.StatusCode, tt.status, tt.want, body)
			}
			if n := len(e.svc.recorded("AddLetter")); n != tt.calls {
				t.Errorf("AddLetter calls = %d, want %d", n, tt.calls)
			}
			if tt.keepsTyp && (!strings.Contains(body, "&#34;&gt;&lt;script&gt;") || strings.Contains(body, "<script")) {
				t.Errorf("the form does not keep what was typed, escaped:\n%s", body)
			}
		})
	}
}

func TestMarkPostedAction(t *testing.T) {
	e := newEnv(t, letterCase("L1"))
	c, _ := e.signedIn()
	page := readBody(t, c.get("/cases/L1"))
	for _, want := range []string{`action="/cases/L1/posted"`, `href="/cases/L1/letter"`, `href="/cases/L1/letter.pdf"`,
		`name="posted" type="date" required max="2025-05-10" value="2025-05-10"`, "/scans/ada.pdf", "abc123", "letter to post"} {
		if !strings.Contains(page, want) {
			t.Errorf("case page lacks %s", want)
		}
	}
	token := csrf(t, page)
	if res := c.post("/cases/L1/posted", url.Values{"posted": {"2025-05-10"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("mark posted without csrf = %d, want 403", res.StatusCode)
	}
	if res := c.post("/cases/L1/posted", url.Values{"csrf": {token}, "posted": {"yesterday"}}); res.StatusCode != 422 ||
		!strings.Contains(readBody(t, res), "Give the day the letter was posted") {
		t.Errorf("mark posted with a bad date = %d, want 422", res.StatusCode)
	}
	res := c.post("/cases/L1/posted", url.Values{"csrf": {token}, "posted": {"2025-05-09"}, "note": {"first class"}})
	wantRedirect(t, res, "/cases/L1?back=%2F&done=posted")
	got := e.svc.recorded("MarkPosted")
	want := call{Method: "MarkPosted", ID: "L1", Act: control.Act{Actor: testUser, Note: "first class"}, Posted: time.Date(2025, 5, 9, 0, 0, 0, 0, time.UTC)}
	if len(got) != 1 || fmt.Sprintf("%+v", got[0]) != fmt.Sprintf("%+v", want) {
		t.Errorf("MarkPosted calls = %+v, want [%+v]", got, want)
	}
	if page := readBody(t, c.get("/cases/L1?done=posted")); strings.Contains(page, `action="/cases/L1/posted"`) || !strings.Contains(page, `/cases/L1/letter?n=1`) {
		t.Errorf("after posting, the page still offers to mark it posted, or lacks the reprint link")
	}
}

func TestPrintView(t *testing.T) {
	e := newEnv(t, letterCase("L1"), californiaCase("c1"))
	c, _ := e.signedIn()
	res := c.get("/cases/L1/letter")
	body := readBody(t, res)
	csp := res.Header.Get("Content-Security-Policy")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Fresno, CA 93704") {
		t.Fatalf("GET letter = %d:\n%s", res.StatusCode, body)
	}
	if !strings.Contains(csp, "style-src "+letter.StyleSource()) || strings.Contains(csp, "unsafe") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("print view CSP = %q, want its style allowed by hash alone", csp)
	}
	res = c.get("/cases/L1/letter.pdf?n=1")
	pdf := readBody(t, res)
	if res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF") ||
		res.Header.Get("Content-Disposition") != `attachment; filename="L1-letter-1.pdf"` {
		t.Errorf("GET letter.pdf = %q %q %.8q", res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"), pdf)
	}
	if res := c.get("/cases/L1/letter?n=x"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("GET letter?n=x = %d, want 400", res.StatusCode)
	}
	if res := c.get("/cases/none/letter"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET letter of no case = %d, want 404", res.StatusCode)
	}
}

// TestNoLetterDesk: a service without a letter desk gets no letter pages.
func TestNoLetterDesk(t *testing.T) {
	clk := &clock{t: testStart()}
	svc := newFakeService(clk.Now, letterCase("L1"))
	h, err := New(noDesk{svc}, Options{Users: testUsers(t), SessionKey: testKey(), Secure: true, Company: "Cooper", Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, clock: clk, svc: svc, h: h}
	c, token := e.signedIn()
	if strings.Contains(readBody(t, c.get("/")), "/letters/new") {
		t.Error("the queue offers to enter letters without a letter desk")
	}
	for _, path := range []string{"/letters/new", "/cases/L1/letter"} {
		if res := c.get(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
		}
	}
	res := c.post("/cases/L1/posted", url.Values{"csrf": {token}, "posted": {"2025-05-09"}})
	if body := readBody(t, res); res.StatusCode != 422 || !strings.Contains(body, "takes no letters") {
		t.Errorf("mark posted without a desk = %d:\n%s", res.StatusCode, body)
	}
}

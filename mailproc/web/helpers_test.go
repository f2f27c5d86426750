package web

import (
	"bytes"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/config"
)

// clock is a settable time for the console and the fake service.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Test users; their hashes use bcrypt's lowest cost to keep tests quick.
const (
	testUser     = "alice"
	testPassword = "correct horse battery"
	testTTL      = time.Hour
	testIdle     = 20 * time.Minute
)

func testUsers(t testing.TB) []config.WebUser {
	t.Helper()
	var users []config.WebUser
	for name, pw := range map[string]string{testUser: testPassword, "bob": "bob's own password"} {
		h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
		if err != nil {
			t.Fatal(err)
		}
		users = append(users, config.WebUser{Name: name, PasswordHash: string(h)})
	}
	return users
}

func testKey() []byte { return bytes.Repeat([]byte{7}, 32) }

// testStart is the fake time: 10 May 2025, noon UTC.
func testStart() time.Time { return time.Date(2025, 5, 10, 12, 0, 0, 0, time.UTC) }

// californiaCase is an open california case in review, not yet due.
func californiaCase(id string) *cases.Case {
	rec := testStart().AddDate(0, 0, -3)
	return &cases.Case{
		ID: id, Kind: cases.California, State: cases.Review, Reasons: []cases.Reason{cases.ReasonZIPMismatch},
		Email:     "jane@example.org",
		Fields:    cases.Fields{Name: "Jane Roe", Street: "1 Elm St", City: "Fresno", State: "CA", ZIP: "93650"},
		FirstLine: true, Received: rec, Due: rec.AddDate(0, 0, 31),
		Messages: []cases.Message{{Key: "m1", From: "Jane Roe <jane@example.org>", Subject: "Request for California Privacy Information",
			Text: "California Privacy Rights Request\nJane Roe\n1 Elm St\nFresno, CA 93650\n", Received: rec}},
		History: []cases.Event{{At: rec, Actor: cases.ActorDaemon, Action: "review", Detail: "zip-mismatch"}},
	}
}

// coppaCase is a coppa case waiting for staff, overdue.
func coppaCase(id string) *cases.Case {
	rec := testStart().AddDate(0, 0, -40)
	return &cases.Case{
		ID: id, Kind: cases.Coppa, State: cases.AwaitingStaff, Email: "parent@example.net",
		Coppa:    cases.CoppaFields{ParentName: "Pat Parent", ChildUsername: "kiddo7"},
		Received: rec, Due: rec.AddDate(0, 0, 31),
		Messages: []cases.Message{{Key: "m2", From: "parent@example.net", Subject: "COPPA Information Request", Text: "Please delete kiddo7.", Received: rec}},
		Replies:  []cases.Reply{{Template: "coppa-received", To: "parent@example.net", State: cases.ReplySent, Actor: cases.ActorDaemon}},
		History:  []cases.Event{{At: rec, Actor: cases.ActorDaemon, Action: "replied", Detail: "coppa-received"}},
	}
}

// env is a console over a fake service, with a clock.
type env struct {
	t     *testing.T
	clock *clock
	svc   *fakeService
	h     http.Handler
	opts  Options
}

func newEnv(t *testing.T, cs ...*cases.Case) *env {
	t.Helper()
	clk := &clock{t: testStart()}
	svc := newFakeService(clk.Now, cs...)
	opts := Options{Users: testUsers(t), SessionKey: testKey(), Secure: true, SessionTTL: testTTL,
		IdleTimeout: testIdle, Sessions: newMemorySessions(), Company: "Cooper", Now: clk.Now}
	h, err := New(svc, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &env{t: t, clock: clk, svc: svc, h: h, opts: opts}
}

// client is a browser of sorts: it keeps cookies and sends same-origin
// headers unless told otherwise.
type client struct {
	e       *env
	cookies map[string]*http.Cookie
	ip      string
	base    string // scheme and host the browser addresses
}

func (e *env) client() *client {
	return &client{e: e, cookies: map[string]*http.Cookie{}, ip: "192.0.2.1", base: "https://console.example"}
}

// do sends a request through the console and keeps the cookies it sets.
func (c *client) do(req *http.Request) *http.Response {
	req.RemoteAddr = c.ip + ":4711"
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.e.h.ServeHTTP(rec, req)
	res := rec.Result()
	for _, ck := range res.Cookies() {
		if ck.MaxAge < 0 {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	return res
}

func (c *client) get(path string) *http.Response {
	return c.do(httptest.NewRequest(http.MethodGet, c.base+path, nil))
}

// post sends a form from this console's own page, as a browser would.
func (c *client) post(path string, form url.Values) *http.Response {
	return c.postWith(path, form, map[string]string{"Origin": c.base, "Sec-Fetch-Site": "same-origin"})
}

func (c *client) postWith(path string, form url.Values, headers map[string]string) *http.Response {
	req := httptest.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return c.do(req)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf returns the first CSRF token in a page.
func csrf(t *testing.T, body string) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no csrf field in page:\n%s", body)
	}
	return html.UnescapeString(m[1])
}

func readBody(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// login signs in and returns the response to the posted form.
func (c *client) login(user, password string) *http.Response {
	c.e.t.Helper()
	page := c.get("/login")
	token := csrf(c.e.t, readBody(c.e.t, page))
	return c.post("/login", url.Values{"user": {user}, "password": {password}, "csrf": {token}})
}

// signedIn returns a client signed in as testUser, and its CSRF token.
func (e *env) signedIn() (*client, string) {
	e.t.Helper()
	c := e.client()
	res := c.login(testUser, testPassword)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		e.t.Fatalf("sign in: %d to %q, want 303 to /", res.StatusCode, res.Header.Get("Location"))
	}
	return c, csrf(e.t, readBody(e.t, c.get("/")))
}

// wantRedirect checks a response redirects to a location.
func wantRedirect(t *testing.T, res *http.Response, want string) {
	t.Helper()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
		t.Errorf("response = %d to %q, want 303 to %q", res.StatusCode, res.Header.Get("Location"), want)
	}
}

// handler builds the console again with e.opts.
func (e *env) handler() http.Handler {
	e.t.Helper()
	h, err := New(e.svc, e.opts)
	if err != nil {
		e.t.Fatalf("New: %v", err)
	}
	return h
}

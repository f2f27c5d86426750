package e2e

import (
	"crypto/tls"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/web"
)

// browser is an HTTP client that keeps cookies, follows no redirect and
// posts forms with the headers a browser sends from the console's page.
type browser struct {
	t      *testing.T
	base   string // the console as the browser addresses it
	client *http.Client
}

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: base, client: &http.Client{
		Jar:           jar,
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}, // the test's own proxy certificate
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// get returns a page's status, body and Location.
func (b *browser) get(path string) (int, string, string) {
	b.t.Helper()
	res, err := b.client.Get(b.base + path)
	if err != nil {
		b.t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body), res.Header.Get("Location")
}

// post posts a form and returns the response (body closed).
func (b *browser) post(path string, form url.Values) *http.Response {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := b.client.Do(req)
	if err != nil {
		b.t.Fatalf("POST %s: %v", path, err)
	}
	res.Body.Close()
	return res
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// token is the first CSRF token of a page.
func (b *browser) token(path string) string {
	b.t.Helper()
	_, body, _ := b.get(path)
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		b.t.Fatalf("no csrf field in %s:\n%s", path, body)
	}
	return html.UnescapeString(m[1])
}

// signIn posts the sign-in form and returns its status.
func (b *browser) signIn(user, password string) int {
	b.t.Helper()
	return b.post("/login", url.Values{"user": {user}, "password": {password}, "csrf": {b.token("/login")}}).StatusCode
}

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// withConsole adds a [web] table to the setup's configuration: alice may
// sign in, the session key is kept in a file, more is added to the table.
func (s *setup) withConsole(t *testing.T, more string) string {
	t.Helper()
	hash, err := web.HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(filepath.Dir(s.config), "session-key")
	if err := os.WriteFile(key, []byte(strings.Repeat("k", 32)), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	appendConfig(t, s.config, fmt.Sprintf("\n[web]\nlisten = %q\nsession_key_file = %q\n%s\n[[web.users]]\nname = \"alice\"\npassword_hash = %q\n",
		addr, key, more, hash))
	return addr
}

// TestSignOutSurvivesRestart is the attack of issue 11 item 7: with a
// session key kept in a file, a cookie copied before sign-out worked
// again once the daemon restarted (sign-out lived in memory only).
func TestSignOutSurvivesRestart(t *testing.T) {
	s := newSetup(t, "memory")
	addr := s.withConsole(t, "secure_cookies = false")
	p := s.start(t)
	waitListening(t, addr)
	b := newBrowser(t, "http://"+addr)
	if code := b.signIn("alice", "correct horse"); code != http.StatusSeeOther {
		t.Fatalf("sign in = %d, want 303\n%s", code, p.out.String())
	}
	u, _ := url.Parse(b.base)
	kept := b.client.Jar.Cookies(u)
	if res := b.post("/logout", url.Values{"csrf": {b.token("/")}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out = %d, want 303", res.StatusCode)
	}
	p.stop(t)
	p = s.start(t)
	waitListening(t, addr)
	b.client.Jar.SetCookies(u, kept) // the copy taken before sign-out
	if code, _, loc := b.get("/"); code != http.StatusSeeOther || loc != "/login" {
		t.Errorf("the signed-out cookie after a restart = %d to %q, want 303 to /login", code, loc)
	}
	other := newBrowser(t, "http://"+addr) // a session not signed out lives on
	other.signIn("alice", "correct horse")
	kept = other.client.Jar.Cookies(u)
	p.stop(t)
	p = s.start(t)
	waitListening(t, addr)
	other.client.Jar.SetCookies(u, kept)
	if code, _, _ := other.get("/"); code != http.StatusOK {
		t.Errorf("a session not signed out, after a restart = %d, want 200", code)
	}
	p.stop(t)
}

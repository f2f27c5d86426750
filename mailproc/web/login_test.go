package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestSignIn(t *testing.T) {
	const generic = "The user name or password is wrong."
	tests := []struct {
		name, user, password string
		status               int
	}{
		{"good", testUser, testPassword, http.StatusSeeOther},
		{"other user", "bob", "bob's own password", http.StatusSeeOther},
		{"padded name", "  alice ", testPassword, http.StatusSeeOther},
		{"bad password", testUser, "wrong", http.StatusUnauthorized},
		{"other user's password", testUser, "bob's own password", http.StatusUnauthorized},
		{"empty password", testUser, "", http.StatusUnauthorized},
		{"unknown user", "mallory", testPassword, http.StatusUnauthorized},
		{"name in another case", "Alice", testPassword, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			c := e.client()
			res := c.login(tt.user, tt.password)
			if res.StatusCode != tt.status {
				t.Fatalf("sign in %q = %d, want %d", tt.user, res.StatusCode, tt.status)
			}
			_, hasSession := c.cookies["__Host-"+sessionCookie]
			if ok := tt.status == http.StatusSeeOther; hasSession != ok {
				t.Errorf("session cookie set = %v, want %v", hasSession, ok)
			}
			if tt.status == http.StatusUnauthorized {
				body := readBody(t, res)
				if !strings.Contains(body, generic) {
					t.Errorf("failed sign-in page lacks %q:\n%s", generic, body)
				}
				return
			}
			wantRedirect(t, res, "/")
			if res := c.get("/"); res.StatusCode != http.StatusOK {
				t.Errorf("queue after sign-in = %d, want 200", res.StatusCode)
			}
		})
	}
}

// TestSessionCookieAttributes: Secure and the __Host- prefix with
// secure_cookies, or whenever the browser speaks https.
func TestSessionCookieAttributes(t *testing.T) {
	tests := []struct {
		secureOption bool
		base         string
		secure       bool
	}{
		{true, "https://console.example", true},
		{false, "http://console.example", false},
		{false, "https://console.example", true},
	}
	for _, tt := range tests {
		e := newEnv(t)
		e.opts.Secure = tt.secureOption
		e.h = e.handler()
		c := e.client()
		c.base = tt.base
		res := c.login(testUser, testPassword)
		var ck *http.Cookie
		for _, c := range res.Cookies() {
			if strings.HasSuffix(c.Name, sessionCookie) {
				ck = c
			}
		}
		if ck == nil {
			t.Fatalf("secure_cookies=%v on %s: no session cookie", tt.secureOption, tt.base)
		}
		wantName := sessionCookie
		if tt.secure {
			wantName = "__Host-" + sessionCookie
		}
		if ck.Name != wantName || !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Secure != tt.secure ||
			ck.Path != "/" || ck.MaxAge != int(testTTL/time.Second) {
			t.Errorf("secure_cookies=%v on %s: cookie = %+v, want %s, HttpOnly, SameSite=Strict, Secure=%v, Path=/, MaxAge=%d",
				tt.secureOption, tt.base, ck, wantName, tt.secure, int(testTTL/time.Second))
		}
	}
}

func TestSignInNeedsFormToken(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.get("/login")
	tests := []struct {
		name  string
		token string
	}{{"none", ""}, {"wrong", "AAAA"}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.post("/login", url.Values{"user": {testUser}, "password": {testPassword}, "csrf": {tt.token}})
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("sign in with %s token = %d, want 403", tt.name, res.StatusCode)
			}
		})
	}
	t.Run("wrong origin", func(t *testing.T) {
		page := readBody(t, c.get("/login"))
		form := url.Values{"user": {testUser}, "password": {testPassword}, "csrf": {csrf(t, page)}}
		res := c.postWith("/login", form, map[string]string{"Origin": "https://evil.example"})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("sign in from another origin = %d, want 403", res.StatusCode)
		}
	})
}

func TestSignInGoesWhereAsked(t *testing.T) {
	e := newEnv(t, californiaCase("c1"))
	c := e.client()
	res := c.get("/cases/c1")
	wantRedirect(t, res, "/login?next=%2Fcases%2Fc1")
	page := readBody(t, c.get(res.Header.Get("Location")))
	form := url.Values{"user": {testUser}, "password": {testPassword}, "csrf": {csrf(t, page)}, "next": {"/cases/c1"}}
	wantRedirect(t, c.post("/login", form), "/cases/c1")
}

func TestSafeNext(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "/"},
		{"/cases/c1", "/cases/c1"},
		{"/?state=review", "/?state=review"},
		{"//evil.example/x", "/"},
		{"/\\evil.example", "/"},
		{"https://evil.example/", "/"},
		{"javascript:alert(1)", "/"},
		{"cases/c1", "/"},
		{"/x\r\nSet-Cookie: a=b", "/"},
	}
	for _, tt := range tests {
		if got := safeNext(tt.in); got != tt.want {
			t.Errorf("safeNext(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSessionExpires(t *testing.T) {
	e := newEnv(t)
	c, _ := e.signedIn()
	for used := time.Duration(0); used < testTTL-testIdle/2; used += testIdle / 2 {
		e.clock.Advance(testIdle / 2)
		if res := c.get("/"); res.StatusCode != http.StatusOK {
			t.Fatalf("queue %v after sign-in, used every %v = %d, want 200", used, testIdle/2, res.StatusCode)
		}
	}
	e.clock.Advance(testIdle / 2) // used all along, but at the end of its lifetime
	wantRedirect(t, c.get("/"), "/login")
}

func TestSignOut(t *testing.T) {
	e := newEnv(t)
	c, token := e.signedIn()
	kept := c.cookies["__Host-"+sessionCookie]
	res := c.post("/logout", url.Values{"csrf": {token}})
	wantRedirect(t, res, "/login")
	if _, ok := c.cookies["__Host-"+sessionCookie]; ok {
		t.Errorf("session cookie still set after sign-out")
	}
	wantRedirect(t, c.get("/"), "/login")
	c.cookies[kept.Name] = kept // a copy of the old cookie is no good either
	wantRedirect(t, c.get("/"), "/login")
}

func TestForgedSessionsRefused(t *testing.T) {
	e := newEnv(t)
	c, _ := e.signedIn()
	name := "__Host-" + sessionCookie
	good := c.cookies[name].Value
	tests := []struct{ name, value string }{
		{"tampered", good[:len(good)-2] + "AA"},
		{"garbage", "not-a-session"},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.cookies[name] = &http.Cookie{Name: name, Value: tt.value}
			wantRedirect(t, c.get("/"), "/login")
		})
	}
	t.Run("another key", func(t *testing.T) {
		other := newEnv(t)
		other.opts.SessionKey = []byte(strings.Repeat("k", 32))
		h, err := New(other.svc, other.opts)
		if err != nil {
			t.Fatal(err)
		}
		other.h = h
		c2, _ := other.signedIn()
		c.cookies[name] = c2.cookies[name]
		wantRedirect(t, c.get("/"), "/login")
	})
}

func TestPasswordChangeEndsSessions(t *testing.T) {
	e := newEnv(t)
	c, _ := e.signedIn()
	users := testUsers(t) // new hashes: new salts
	h, err := New(e.svc, Options{Users: users, SessionKey: testKey(), Secure: true, Now: e.clock.Now, Sessions: e.opts.Sessions})
	if err != nil {
		t.Fatal(err)
	}
	e.h = h
	wantRedirect(t, c.get("/"), "/login")
}

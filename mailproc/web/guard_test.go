package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// actionNames are every POST under /cases/{id}/.
func actionNames() []string {
	return []string{"approve", "dismiss", "reclassify", "done", "reopen", "preview"}
}

// validForm is a form each action would accept, without its token.
func validForm() url.Values {
	return url.Values{"template": {"california-disclosure"}, "reason": {"spam"}, "kind": {"coppa"}, "note": {"n"}}
}

func TestPagesNeedSignIn(t *testing.T) {
	e := newEnv(t, californiaCase("c1"))
	c := e.client()
	gets := map[string]string{
		"/":                                    "/login",
		"/cases/c1":                            "/login?next=%2Fcases%2Fc1",
		"/cases/c1?template=california-repeat": "/login?next=%2Fcases%2Fc1%3Ftemplate%3Dcalifornia-repeat",
		"/?state=review":                       "/login?next=%2F%3Fstate%3Dreview",
		"/cases/does-not-exist":                "/login?next=%2Fcases%2Fdoes-not-exist",
	}
	for path, want := range gets {
		t.Run("GET "+path, func(t *testing.T) { wantRedirect(t, c.get(path), want) })
	}
	for _, a := range append(actionNames(), "../logout") {
		path := "/cases/c1/" + a
		if a == "../logout" {
			path = "/logout"
		}
		t.Run("POST "+path, func(t *testing.T) {
			wantRedirect(t, c.post(path, validForm()), "/login")
		})
	}
	if calls := e.svc.recorded(); len(calls) != 0 {
		t.Errorf("service called without a session: %+v", calls)
	}
}

func TestActionsNeedCSRFToken(t *testing.T) {
	e := newEnv(t, californiaCase("c1"))
	c, _ := e.signedIn()
	_, otherToken := e.signedIn() // another session's token is no good here
	tokens := map[string]string{"no token": "", "wrong token": "d3Jvbmc", "another session's token": otherToken}
	for _, a := range append(actionNames(), "logout") {
		for name, token := range tokens {
			t.Run(a+"/"+name, func(t *testing.T) {
				path := "/cases/c1/" + a
				if a == "logout" {
					path = "/logout"
				}
				form := validForm()
				if token != "" {
					form.Set("csrf", token)
				}
				before := len(e.svc.recorded())
				res := c.post(path, form)
				if res.StatusCode != http.StatusForbidden {
					t.Errorf("POST %s with %s = %d, want 403", path, name, res.StatusCode)
				}
				if calls := e.svc.recorded()[before:]; len(calls) != 0 {
					t.Errorf("service called: %+v", calls)
				}
			})
		}
	}
}

func TestActionsNeedSameOrigin(t *testing.T) {
	tests := []struct {
		name    string
		headers map[string]string
		ok      bool
	}{
		{"same origin", map[string]string{"Origin": "https://console.example", "Sec-Fetch-Site": "same-origin"}, true},
		{"no-referrer browser", map[string]string{"Origin": "null", "Sec-Fetch-Site": "same-origin"}, true},
		{"no headers at all", map[string]string{}, true},
		{"referer only", map[string]string{"Referer": "https://console.example/cases/c1"}, true},
		{"other origin", map[string]string{"Origin": "https://evil.example"}, false},
		{"other port", map[string]string{"Origin": "https://console.example:8443"}, false},
		{"plain http origin with secure cookies", map[string]string{"Origin": "http://console.example"}, false},
		{"null origin unvouched", map[string]string{"Origin": "null"}, false},
		{"cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site"}, false},
		{"same-site fetch", map[string]string{"Sec-Fetch-Site": "same-site"}, false},
		{"other referer", map[string]string{"Referer": "https://evil.example/console.example"}, false},
		{"garbage origin", map[string]string{"Origin": "::::"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, californiaCase("c1"))
			c, token := e.signedIn()
			res := c.postWith("/cases/c1/dismiss", url.Values{"csrf": {token}, "reason": {"spam"}, "confirm": {"1"}}, tt.headers)
			dismissed := len(e.svc.recorded("Dismiss")) == 1
			if tt.ok && (res.StatusCode != http.StatusSeeOther || !dismissed) {
				t.Errorf("dismiss with %v = %d (called %v), want 303 and called", tt.headers, res.StatusCode, dismissed)
			}
			if !tt.ok && (res.StatusCode != http.StatusForbidden || dismissed) {
				t.Errorf("dismiss with %v = %d (called %v), want 403 and not called", tt.headers, res.StatusCode, dismissed)
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t, californiaCase("c1"))
	c, token := e.signedIn()
	anon := e.client()
	responses := map[string]*http.Response{
		"login page":     anon.get("/login"),
		"redirect":       anon.get("/"),
		"queue":          c.get("/"),
		"case":           c.get("/cases/c1"),
		"unknown case":   c.get("/cases/nope"),
		"unknown page":   c.get("/nope"),
		"refused action": c.post("/cases/c1/dismiss", url.Values{"reason": {"x"}}),
		"failed action":  c.post("/cases/c1/dismiss", url.Values{"csrf": {token}}),
		"style sheet":    c.get("/static/style.css"),
	}
	want := map[string]string{
		"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"X-Frame-Options":         "DENY",
	}
	for name, res := range responses {
		for k, v := range want {
			if got := res.Header.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", name, k, got, v)
			}
		}
		cache := res.Header.Get("Cache-Control")
		if name != "style sheet" && cache != "no-store" {
			t.Errorf("%s: Cache-Control = %q, want no-store", name, cache)
		}
		if ct := res.Header.Get("Content-Type"); name != "redirect" && !strings.Contains(ct, "charset=utf-8") {
			t.Errorf("%s: Content-Type = %q, want a charset", name, ct)
		}
	}
}

// TestNoInlineScriptOrStyle checks the pages need nothing the CSP
// forbids: no script at all, no inline style.
func TestNoInlineScriptOrStyle(t *testing.T) {
	e := newEnv(t, californiaCase("c1"), coppaCase("k1"))
	c, _ := e.signedIn()
	pages := map[string]*http.Response{
		"/":         c.get("/"),
		"/cases/c1": c.get("/cases/c1"),
		"/cases/k1": c.get("/cases/k1"),
		"/login":    e.client().get("/login"),
	}
	for path, res := range pages {
		body := strings.ToLower(readBody(t, res))
		for _, bad := range []string{"<script", "<style", " style="} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s has %q; the CSP forbids it", path, bad)
			}
		}
	}
}

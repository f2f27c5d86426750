package control

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

const testToken = "0123456789abcdef0123456789abcdef"

// guarded is the API of a fake service behind the HTTP guard, as if
// listening on 127.0.0.1:8026 with one token, "ops-bot".
func guarded(f *fake) http.Handler {
	addr := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8026}
	return newHTTPGuard(NewHandler(f), "127.0.0.1:0", addr, []Token{{Name: "ops-bot", Secret: testToken}}, slog.New(slog.DiscardHandler))
}

// TestHTTPGuard: a request needs the token and a Host naming the
// listener; a body needs JSON; the actor is the token's name.
func TestHTTPGuard(t *testing.T) {
	tests := []struct {
		name                        string
		method, path, host, auth    string
		contentType, body, wantCall string
		want                        int
	}{
		{"the token", "GET", "/v1/cases/C-1", "127.0.0.1:8026", "Bearer " + testToken, "", "", "get C-1", 200},
		{"localhost", "GET", "/v1/cases/C-1", "localhost:8026", "bearer " + testToken, "", "", "get C-1", 200},
		{"no token", "GET", "/v1/cases/C-1", "127.0.0.1:8026", "", "", "", "", 401},
		{"a wrong token", "GET", "/v1/cases/C-1", "127.0.0.1:8026", "Bearer " + strings.ToUpper(testToken), "", "", "", 401},
		{"a prefix of the token", "GET", "/v1/cases/C-1", "127.0.0.1:8026", "Bearer " + testToken[:31], "", "", "", 401},
		{"basic auth", "GET", "/v1/cases/C-1", "127.0.0.1:8026", "Basic " + testToken, "", "", "", 401},
		{"a rebound name", "GET", "/v1/backup", "rebind.test:8026", "Bearer " + testToken, "", "", "", 403},
		{"another port", "GET", "/v1/cases/C-1", "127.0.0.1:8027", "Bearer " + testToken, "", "", "", 403},
		{"text/plain", "POST", "/v1/cases/C-1/dismiss", "127.0.0.1:8026", "Bearer " + testToken, "text/plain", `{"reason":"spam"}`, "", 415},
		{"a form", "POST", "/v1/cases/C-1/dismiss", "127.0.0.1:8026", "Bearer " + testToken, "application/x-www-form-urlencoded", `{"reason":"spam"}`, "", 415},
		{"acting as alice", "POST", "/v1/cases/C-1/dismiss", "127.0.0.1:8026", "Bearer " + testToken, "application/json", `{"actor":"alice","reason":"spam"}`, "", 400},
		{"acting as itself", "POST", "/v1/cases/C-1/dismiss", "127.0.0.1:8026", "Bearer " + testToken, "application/json; charset=utf-8", `{"actor":"ops-bot","reason":"spam"}`, "dismiss C-1 ops-bot spam", 200},
		{"acting", "POST", "/v1/cases/C-1/reopen", "127.0.0.1:8026", "Bearer " + testToken, "application/json", `{"reason":"again"}`, "reopen C-1 ops-bot again", 200},
		{"closing as alice", "POST", "/v1/cases/C-1/close", "127.0.0.1:8026", "Bearer " + testToken, "application/json", `{"actor":"alice","outcome":"complied"}`, "", 400},
		{"closing", "POST", "/v1/cases/C-1/close", "127.0.0.1:8026", "Bearer " + testToken, "application/json", `{"outcome":"denied","reason":"not verified"}`, "close C-1 ops-bot denied not verified", 200},
		{"bulk as alice", "POST", "/v1/bulk", "127.0.0.1:8026", "Bearer " + testToken, "application/json", `{"actor":"alice","action":"approve","ids":["C-1"]}`, "", 400},
		{"bulk", "POST", "/v1/bulk", "127.0.0.1:8026", "Bearer " + testToken, "application/json", `{"action":"approve","ids":["C-1"]}`, "bulk approve ops-bot [C-1] false", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fake{}
			req := httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body))
			req.Host = tt.host
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			rec := httptest.NewRecorder()
			guarded(f).ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("status %d (%s), want %d", rec.Code, strings.TrimSpace(rec.Body.String()), tt.want)
			}
			var want []string
			if tt.wantCall != "" {
				want = []string{tt.wantCall}
			}
			if !slices.Equal(f.calls, want) {
				t.Errorf("service calls %q, want %q", f.calls, want)
			}
			if strings.Contains(rec.Body.String(), testToken) {
				t.Error("the answer shows the token")
			}
		})
	}
}

// TestNoCaller: the API's handler on a listener that vouches for nobody
// acts for nobody.
func TestNoCaller(t *testing.T) {
	f := &fake{}
	req := httptest.NewRequest("POST", "/v1/cases/C-1/dismiss", strings.NewReader(`{"actor":"alice","reason":"spam"}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	NewHandler(f).ServeHTTP(rec, req)
	if rec.Code != http.StatusConflict || len(f.calls) != 0 {
		t.Errorf("status %d, calls %q; want 409 and no call", rec.Code, f.calls)
	}
}

func TestLocalActor(t *testing.T) {
	for _, tt := range []struct{ claimed, user, want string }{
		{"alice", "mailproc", "alice (unix user mailproc)"},
		{"", "mailproc", "mailproc"},
		{" mailproc ", "mailproc", "mailproc"},
	} {
		if got := LocalActor(tt.claimed, tt.user); got != tt.want {
			t.Errorf("LocalActor(%q, %q) = %q, want %q", tt.claimed, tt.user, got, tt.want)
		}
	}
}

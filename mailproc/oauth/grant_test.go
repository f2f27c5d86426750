package oauth

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// tokenServer is a token endpoint whose answer the test sets.
type tokenServer struct {
	*httptest.Server
	requests atomic.Int32
	mu       sync.Mutex
	status   int
	body     string
	forms    []map[string][]string
}

func newTokenServer(t *testing.T) *tokenServer {
	ts := &tokenServer{status: 200}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := ts.requests.Add(1)
		r.ParseForm()
		ts.mu.Lock()
		ts.forms = append(ts.forms, r.PostForm)
		status, body := ts.status, ts.body
		ts.mu.Unlock()
		if body == "" {
			body = `{"access_token":"tok-` + string(rune('0'+n)) + `","token_type":"bearer","expires_in":600}`
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	return ts
}

// answer makes the server answer status with body ("" : a new token).
func (ts *tokenServer) answer(status int, body string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.status, ts.body = status, body
}

// lastForm is the form of the last request.
func (ts *tokenServer) lastForm() map[string][]string {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.forms[len(ts.forms)-1]
}

// secretFile writes secret to a 0600 file and returns its path.
func secretFile(t *testing.T, name, secret string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const clientSecret = "SECRET-client-7c1"

func clientCredentials(t *testing.T, ts *tokenServer) *Grant {
	t.Helper()
	g, err := New(Settings{Provider: Generic, TokenURL: ts.URL, ClientID: "mailproc", Scopes: []string{"mail"},
		ClientSecretFile: secretFile(t, "secret", clientSecret)}, "privacy@cooper.example")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestClientCredentialsRefreshesBeforeExpiry(t *testing.T) {
	ts := newTokenServer(t)
	clock := newFakeClock()
	g := clientCredentials(t, ts).WithClock(clock.Now)
	wantToken(t, g, "tok-1")
	form := ts.lastForm()
	for key, want := range map[string]string{"grant_type": "client_credentials", "client_id": "mailproc", "client_secret": clientSecret, "scope": "mail"} {
		if got := strings.Join(form[key], ","); got != want {
			t.Errorf("token request %s = %q, want %q", key, got, want)
		}
	}
	clock.Advance(9*time.Minute - time.Second) // 600 s: replaced a tenth before
	wantToken(t, g, "tok-1")
	clock.Advance(time.Second)
	wantToken(t, g, "tok-2")
	if n := ts.requests.Load(); n != 2 {
		t.Errorf("token endpoint asked %d times, want 2", n)
	}
}

// A token endpoint that is down: the kept token is used while it lasts,
// and the endpoint is asked again only after a growing wait.
func TestTokenEndpointDown(t *testing.T) {
	ts := newTokenServer(t)
	clock := newFakeClock()
	g := clientCredentials(t, ts).WithClock(clock.Now)
	wantToken(t, g, "tok-1")
	ts.answer(503, `<html>down</html>`)
	clock.Advance(9 * time.Minute)
	for range 5 {
		wantToken(t, g, "tok-1") // refresh fails: the kept token still works
	}
	if n := ts.requests.Load(); n != 2 {
		t.Errorf("token endpoint asked %d times during its outage within 1 s, want 2 (one refresh try)", n)
	}
	clock.Advance(time.Minute) // expired
	_, err := g.Token(t.Context())
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "HTTP 503") {
		t.Errorf("Token() after expiry with the endpoint down = %v, want ErrUnavailable naming HTTP 503", err)
	}
	before := ts.requests.Load()
	g.Token(t.Context())
	if n := ts.requests.Load(); n != before {
		t.Errorf("token endpoint asked again at once after a failure (%d → %d), want a wait", before, n)
	}
	ts.answer(200, "")
	clock.Advance(maxRetry)
	if tok, err := g.Token(t.Context()); err != nil || tok == "tok-1" {
		t.Errorf("Token() once the endpoint is back = %q, %v, want a new token", tok, err)
	}
}

func TestRefusalIsClearAndHidesTheSecret(t *testing.T) {
	ts := newTokenServer(t)
	ts.answer(401, `{"error":"invalid_client","error_description":"Client authentication failed (client_secret=`+clientSecret+` is wrong)"}`)
	_, err := clientCredentials(t, ts).Token(t.Context())
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "HTTP 401 invalid_client: Client authentication failed") {
		t.Fatalf("Token() with a refused client = %v, want ErrRefused with the server's code and description", err)
	}
	// The server's description is the server's; our own secret is never
	// added, and the request's form never shows.
	if strings.Count(err.Error(), clientSecret) > 1 {
		t.Errorf("error shows the secret more than the server did: %v", err)
	}
}

func TestClockSkewIsNamed(t *testing.T) {
	ts := newTokenServer(t)
	ts.answer(400, `{"error":"invalid_grant","error_description":"Token used before issued"}`)
	clock := newFakeClock()
	clock.now = time.Now().Add(10 * time.Minute)
	_, err := clientCredentials(t, ts).WithClock(clock.Now).Token(t.Context())
	if err == nil || !strings.Contains(err.Error(), "clock is 10m0s ahead of the token server's") {
		t.Errorf("Token() with a clock 10 minutes ahead = %v, want the skew named", err)
	}
}

func TestSettingsProblems(t *testing.T) {
	tests := []struct {
		name string
		s    Settings
		want []string
	}{
		{"no provider", Settings{}, []string{`[oauth2] provider: required: "microsoft", "google" or "generic"`}},
		{"microsoft bare", Settings{Provider: Microsoft}, []string{
			`[oauth2] tenant: required for provider "microsoft" (the directory (tenant) ID of the app registration)`,
			`[oauth2] client_id: required for provider "microsoft" (the application (client) ID)`,
			`[oauth2] client_secret_file: required for provider "microsoft" without refresh_token_file (or certificate_file and private_key_file)`}},
		{"microsoft secret and certificate", Settings{Provider: Microsoft, Tenant: "t", ClientID: "c", ClientSecretFile: "s", CertificateFile: "c.pem", PrivateKeyFile: "k.pem"},
			[]string{"[oauth2] client_secret_file: give client_secret_file or certificate_file and private_key_file, not both"}},
		{"microsoft certificate without key", Settings{Provider: Microsoft, Tenant: "t", ClientID: "c", CertificateFile: "c.pem"},
			[]string{"[oauth2] certificate_file: give certificate_file and private_key_file together"}},
		{"microsoft delegated", Settings{Provider: Microsoft, Tenant: "t", ClientID: "c", RefreshTokenFile: "r"}, nil},
		{"google bare", Settings{Provider: Google}, []string{
			`[oauth2] service_account_file: required for provider "google" without refresh_token_file (the service account's JSON key)`}},
		{"google delegated", Settings{Provider: Google, RefreshTokenFile: "r"}, []string{
			`[oauth2] client_id: required for provider "google" with refresh_token_file (an OAuth client of type Desktop app)`,
			`[oauth2] client_secret_file: required for provider "google" with refresh_token_file`}},
		{"generic", Settings{Provider: Generic, ClientSecretFile: "s", Mechanism: "plain"}, []string{
			`[oauth2] mechanism: "plain": must be "xoauth2" or "oauthbearer"`,
			`[oauth2] token_url: required for provider "generic"`,
			`[oauth2] client_id: required for provider "generic"`}},
		{"unknown provider", Settings{Provider: "yahoo"}, []string{`[oauth2] provider: "yahoo": must be "microsoft", "google" or "generic"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.s.Problems("[oauth2]")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Problems() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	ms := Settings{Provider: Microsoft, Tenant: "contoso.onmicrosoft.com"}
	if got := ms.tokenURL(); got != "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token" {
		t.Errorf("microsoft token URL = %q", got)
	}
	if got := strings.Join(ms.scopes(false), " "); got != "https://outlook.office365.com/.default" {
		t.Errorf("microsoft app-only scopes = %q", got)
	}
	g := Settings{Provider: Google}
	if got := g.tokenURL() + " " + strings.Join(g.scopes(false), " "); got != "https://oauth2.googleapis.com/token https://mail.google.com/" {
		t.Errorf("google token URL and scopes = %q", got)
	}
}

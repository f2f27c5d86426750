package oauth

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"
)

// certificate makes an RSA key and a self-signed certificate for it, and
// writes both as PEM files; it returns their paths and the key.
func certificate(t *testing.T) (certFile, keyFile string, key *rsa.PrivateKey) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mailproc"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	pk8, _ := x509.MarshalPKCS8PrivateKey(key)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk8}), 0o600)
	return certFile, keyFile, key
}

// The certificate credential: a client assertion signed with the key,
// with Microsoft's headers and claims, and no client secret.
func TestMicrosoftCertificateAssertion(t *testing.T) {
	ts := newTokenServer(t)
	certFile, keyFile, key := certificate(t)
	g, err := New(Settings{Provider: Microsoft, Tenant: "contoso", ClientID: "app-1", TokenURL: ts.URL,
		CertificateFile: certFile, PrivateKeyFile: keyFile}, "privacy@contoso.example")
	if err != nil {
		t.Fatal(err)
	}
	wantToken(t, g, "tok-1")
	form := ts.lastForm()
	if got := form["client_assertion_type"]; len(got) != 1 || got[0] != clientAssertionType {
		t.Errorf("client_assertion_type = %q", got)
	}
	if form["client_secret"] != nil || strings.Join(form["scope"], "") != "https://outlook.office365.com/.default" || strings.Join(form["client_id"], "") != "app-1" {
		t.Errorf("token request = %v, want client_id app-1, the .default scope and no secret", form)
	}
	var claims jwt.RegisteredClaims
	tok, err := jwt.ParseWithClaims(form["client_assertion"][0], &claims, func(*jwt.Token) (any, error) { return &key.PublicKey, nil },
		jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience(ts.URL), jwt.WithIssuer("app-1"), jwt.WithSubject("app-1"))
	if err != nil {
		t.Fatalf("client assertion does not verify: %v", err)
	}
	thumb, _ := Thumbprint(certFile)
	if tok.Header["x5t"] != thumb || tok.Header["kid"] != thumb || tok.Header["x5t#S256"] == nil || claims.ID == "" {
		t.Errorf("assertion header %v, jti %q: want x5t = kid = the thumbprint, x5t#S256 and a jti", tok.Header, claims.ID)
	}
	if life := claims.ExpiresAt.Sub(claims.NotBefore.Time); life != assertionBackdate+assertionLife {
		t.Errorf("assertion valid for %s", life)
	}
}

func TestMicrosoftCertificateMismatch(t *testing.T) {
	certFile, _, _ := certificate(t)
	_, otherKey, _ := certificate(t)
	_, err := New(Settings{Provider: Microsoft, Tenant: "t", ClientID: "c", CertificateFile: certFile, PrivateKeyFile: otherKey}, "u")
	if err == nil || !strings.Contains(err.Error(), "not the key of certificate_file") {
		t.Errorf("New() with another certificate's key = %v", err)
	}
}

// A Google service account: a JWT-bearer grant whose assertion names the
// mailbox as sub, signed with the account's key.
func TestGoogleServiceAccount(t *testing.T) {
	ts := newTokenServer(t)
	_, keyFile, key := certificate(t)
	pemKey, _ := os.ReadFile(keyFile)
	sa, _ := json.Marshal(map[string]string{"type": "service_account", "client_email": "mailproc@proj.iam.gserviceaccount.com",
		"private_key": string(pemKey), "private_key_id": "k1", "token_uri": ts.URL})
	g, err := New(Settings{Provider: Google, ServiceAccountFile: secretFile(t, "sa.json", string(sa))}, "privacy@cooper.example")
	if err != nil {
		t.Fatal(err)
	}
	wantToken(t, g, "tok-1")
	form := ts.lastForm()
	if got := strings.Join(form["grant_type"], ""); got != "urn:ietf:params:oauth:grant-type:jwt-bearer" {
		t.Errorf("grant_type = %q", got)
	}
	claims := jwt.MapClaims{}
	if _, err := jwt.ParseWithClaims(form["assertion"][0], claims, func(*jwt.Token) (any, error) { return &key.PublicKey, nil }); err != nil {
		t.Fatalf("assertion does not verify: %v", err)
	}
	if claims["sub"] != "privacy@cooper.example" || claims["iss"] != "mailproc@proj.iam.gserviceaccount.com" ||
		claims["scope"] != "https://mail.google.com/" || claims["aud"] != ts.URL {
		t.Errorf("assertion claims = %v", claims)
	}
}

// A refresh token the server rotates is kept in the file at once.
func TestRefreshTokenRotation(t *testing.T) {
	var got []string
	rotated := 0
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		got = append(got, r.PostForm.Get("refresh_token"))
		rotated++
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"access_token":"tok-a","expires_in":60,"refresh_token":"rt-`+string(rune('0'+rotated))+`"}`)
	}))
	defer ts.Close()
	path := secretFile(t, "refresh", "rt-0")
	clock := newFakeClock()
	g, err := New(Settings{Provider: Generic, TokenURL: ts.URL, ClientID: "mailproc", RefreshTokenFile: path}, "u")
	if err != nil {
		t.Fatal(err)
	}
	g.WithClock(clock.Now)
	wantToken(t, g, "tok-a")
	clock.Advance(time.Minute)
	wantToken(t, g, "tok-a")
	if strings.Join(got, " ") != "rt-0 rt-1" {
		t.Errorf("refresh tokens sent = %q, want the stored one, then the rotated one", got)
	}
	b, _ := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if string(b) != "rt-2\n" || fi.Mode().Perm() != 0o600 {
		t.Errorf("refresh token file = %q, mode %04o; want the last rotated token, 0600", b, fi.Mode().Perm())
	}
}

// Login: the authorization request carries a PKCE challenge and the
// state; the code comes back to the loopback redirect and is exchanged
// with the verifier; the refresh token lands in a 0600 file.
func TestLogin(t *testing.T) {
	as := newLoginServer(t)
	path := filepath.Join(t.TempDir(), "refresh")
	out := new(strings.Builder)
	if err := Login(t.Context(), as.settings(path), LoginOptions{Out: out, Opened: browse(t, nil)}); err != nil {
		t.Fatalf("Login: %v\n%s", err, out)
	}
	b, _ := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if string(b) != "rt-login\n" || fi.Mode().Perm() != 0o600 || strings.Contains(out.String(), "rt-login") {
		t.Errorf("refresh token file %q mode %04o, output %q: want the token in a 0600 file, not printed", b, fi.Mode().Perm(), out)
	}
}

// The page that says the login worked reaches the browser every time:
// the flow used to end, and its server to close the connection, before
// the page was written (the browser showed an empty response).
func TestLoginPageReachesBrowser(t *testing.T) {
	as := newLoginServer(t)
	for i := range 500 {
		page := make(chan string, 1)
		path := filepath.Join(t.TempDir(), "refresh")
		if err := Login(t.Context(), as.settings(path), LoginOptions{Out: io.Discard, Opened: browse(t, page)}); err != nil {
			t.Fatalf("Login %d: %v", i, err)
		}
		select {
		case got := <-page:
			if !strings.Contains(got, "mailproc is signed in") {
				t.Fatalf("login %d: the browser got %q, want the page saying mailproc is signed in", i, got)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("login %d: the browser got no page in 10 s", i)
		}
	}
}

// loginServer is an authorization server for Login's tests: it sends
// the browser back with code c-1 and exchanges that code for refresh
// token rt-login when the PKCE verifier matches.
type loginServer struct {
	*httptest.Server
	mu        sync.Mutex
	challenge string
}

func newLoginServer(t *testing.T) *loginServer {
	as := &loginServer{}
	mux := http.NewServeMux()
	mux.HandleFunc("/authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		as.mu.Lock()
		as.challenge = q.Get("code_challenge")
		as.mu.Unlock()
		if q.Get("code_challenge_method") != "S256" || !strings.HasPrefix(q.Get("redirect_uri"), "http://127.0.0.1:") {
			t.Errorf("authorization request %v: want S256 PKCE and a loopback redirect", q)
		}
		http.Redirect(w, r, q.Get("redirect_uri")+"?code=c-1&state="+url.QueryEscape(q.Get("state")), http.StatusFound)
	})
	mux.HandleFunc("/token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		as.mu.Lock()
		challenge := as.challenge
		as.mu.Unlock()
		if r.PostForm.Get("code") != "c-1" || oauth2.S256ChallengeFromVerifier(r.PostForm.Get("code_verifier")) != challenge {
			w.WriteHeader(400)
			io.WriteString(w, `{"error":"invalid_grant"}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"access_token":"tok","expires_in":60,"refresh_token":"rt-login"}`)
	})
	as.Server = httptest.NewServer(mux)
	t.Cleanup(as.Close)
	return as
}

func (as *loginServer) settings(refreshFile string) Settings {
	return Settings{Provider: Generic, ClientID: "mailproc", TokenURL: as.URL + "/token", AuthURL: as.URL + "/authorize",
		RefreshTokenFile: refreshFile, Scopes: []string{"offline_access"}}
}

// browse returns a browser for LoginOptions.Opened: it follows the URL
// and, when page is not nil, sends it the page it ends on.
func browse(t *testing.T, page chan<- string) func(string) {
	return func(u string) {
		go func() {
			resp, err := http.Get(u)
			if err != nil {
				t.Errorf("browser: %v", err)
				if page != nil {
					page <- ""
				}
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if page != nil {
				page <- string(b)
			}
		}()
	}
}

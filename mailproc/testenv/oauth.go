package testenv

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/mailproc/mailproc/mailproc/oauth"
)

// The OAuth2 kinds: Dovecot and an SMTP server that take tokens only,
// checked by introspection at Hydra; mailproc gets its tokens from Hydra
// as it would from Microsoft or Google.
const (
	// OAuthClientCredentials signs in like a Microsoft 365 app: the
	// client-credentials grant with a client secret, XOAUTH2.
	OAuthClientCredentials = "oauth-cc"
	// OAuthJWTBearer signs in like a Google service account: the
	// JWT-bearer grant (RFC 7523) for the mailbox as sub, OAUTHBEARER.
	OAuthJWTBearer = "oauth-jwt"
)

// oauthKinds are the OAuth2 kinds, when their servers run.
func oauthKinds() []string {
	if OAuthDir() == "" {
		return nil
	}
	return []string{OAuthClientCredentials, OAuthJWTBearer}
}

// IsOAuth reports whether kind is one of the OAuth2 kinds.
func IsOAuth(kind string) bool { return kind == OAuthClientCredentials || kind == OAuthJWTBearer }

// Identity is what mailproc signs in with as user on the OAuth2 kinds:
// an [oauth2] table, registered at Hydra for this test.
type Identity struct {
	User     string
	Settings oauth.Settings
	ClientID string // the Hydra client whose token lifespans SetLifespan sets
	Hydra    *Hydra
}

// NewIdentity registers user at Hydra for kind: a confidential client
// named user with a secret in a 0600 file (OAuthClientCredentials), or a
// trusted issuer with a service account key that may assert any subject
// (OAuthJWTBearer).
func NewIdentity(t testing.TB, kind, user string) *Identity {
	t.Helper()
	h := NewHydra(t)
	if kind == OAuthJWTBearer {
		return newServiceAccount(t, h, user)
	}
	secret := randomHex(16)
	h.CreateClient(t, Client{ID: user, Secret: secret, GrantTypes: []string{"client_credentials"},
		Scope: "https://outlook.office365.com/.default", TokenEndpointAuthMethod: "client_secret_post"})
	return &Identity{User: user, ClientID: user, Hydra: h, Settings: oauth.Settings{Provider: oauth.Microsoft,
		Tenant: "mailproc-test", ClientID: user, ClientSecretFile: writeSecret(t, "client-secret", secret), TokenURL: h.TokenURL()}}
}

// newServiceAccount makes a service account key, trusts it at Hydra for
// any subject, and registers the client Hydra needs beside it.
func newServiceAccount(t testing.TB, h *Hydra, user string) *Identity {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	issuer, kid := "sa-"+randomHex(6)+"@mailproc-test.iam.gserviceaccount.com", randomHex(8)
	jwk := map[string]string{"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
		"n": base64.RawURLEncoding.EncodeToString(key.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(key.E)).Bytes())}
	trust := map[string]any{"issuer": issuer, "allow_any_subject": true, "scope": []string{"https://mail.google.com/"},
		"jwk": jwk, "expires_at": time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)}
	var created struct{ ID string }
	if err := h.Do("POST", "/admin/trust/grants/jwt-bearer/issuers", trust, &created, http.StatusCreated); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		h.Do("DELETE", "/admin/trust/grants/jwt-bearer/issuers/"+created.ID, nil, nil, http.StatusNoContent)
	})
	clientID := "jwt-" + randomHex(6)
	h.CreateClient(t, Client{ID: clientID, GrantTypes: []string{"urn:ietf:params:oauth:grant-type:jwt-bearer"},
		Scope: "https://mail.google.com/", TokenEndpointAuthMethod: "none"})
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	sa, _ := json.Marshal(map[string]string{"type": "service_account", "client_email": issuer, "private_key_id": kid,
		"private_key": string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), "token_uri": h.TokenURL()})
	return &Identity{User: user, ClientID: clientID, Hydra: h, Settings: oauth.Settings{Provider: oauth.Google,
		Mechanism: "oauthbearer", ServiceAccountFile: writeSecret(t, "service-account.json", string(sa))}}
}

// Source is the token source mailproc makes from the identity's
// settings, with the HTTP client Hydra needs (see WithHydraClient).
func (id *Identity) Source(t testing.TB) oauth.TokenSource {
	t.Helper()
	g, err := oauth.New(id.Settings, id.User)
	if err != nil {
		t.Fatal(err)
	}
	return hydraSource{g, id}
}

// Mechanism is the auth value of the mailbox and smtpout packages.
func (id *Identity) Mechanism() string { return strings.ToLower(id.Settings.SASLMechanism()) }

// WithHydraClient puts into ctx the HTTP client that golang.org/x/oauth2
// uses for the identity's token requests. Hydra v2.3 requires client
// authentication for the JWT-bearer grant (its fosite configuration
// cannot skip it) while Google takes the assertion alone, so for
// OAuthJWTBearer the client adds the client_id of a public client, as a
// proxy in front of Hydra would; the assertion is mailproc's own.
func (id *Identity) WithHydraClient(ctx context.Context) context.Context {
	if id.Settings.Provider != oauth.Google {
		return ctx
	}
	return context.WithValue(ctx, oauth2.HTTPClient, &http.Client{Transport: addClientID{id.ClientID}})
}

// hydraSource is a token source whose requests carry the identity's
// HTTP client.
type hydraSource struct {
	oauth.TokenSource
	id *Identity
}

// Token asks the underlying source with the identity's HTTP client.
func (s hydraSource) Token(ctx context.Context) (string, error) {
	return s.TokenSource.Token(s.id.WithHydraClient(ctx))
}

// addClientID adds client_id to JWT-bearer token requests.
type addClientID struct{ id string }

// RoundTrip adds the client_id and sends the request.
func (a addClientID) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodPost || req.Body == nil {
		return http.DefaultTransport.RoundTrip(req)
	}
	b, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, err
	}
	if form, err := url.ParseQuery(string(b)); err == nil && form.Get("grant_type") == "urn:ietf:params:oauth:grant-type:jwt-bearer" {
		form.Set("client_id", a.id)
		b = []byte(form.Encode())
	}
	req = req.Clone(req.Context())
	req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
	return http.DefaultTransport.RoundTrip(req)
}

// writeSecret writes secret to a 0600 file in a directory of the test's.
func writeSecret(t testing.TB, name, secret string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

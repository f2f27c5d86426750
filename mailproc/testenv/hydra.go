package testenv

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

// Hydra is the Ory Hydra that `scripts/test-servers.sh start-oauth` runs:
// the authorization server of the OAuth2 kinds, reached through its admin
// API to register clients and trust relationships, and to introspect
// tokens as a mail server does.
type Hydra struct {
	Public string // e.g. http://127.0.0.1:26444
	Admin  string // e.g. http://127.0.0.1:26445
}

// OAuthDir is the directory of the running OAuth2 servers, or "".
func OAuthDir() string { return os.Getenv("MAILPROC_TEST_OAUTH") }

// RequireOAuth skips a test that needs Hydra and the OAuth2 Dovecot when
// they are not running, saying how to start them.
func RequireOAuth(t testing.TB) {
	t.Helper()
	if OAuthDir() == "" {
		t.Skip("needs Ory Hydra and the OAuth2 Dovecot: run scripts/test-servers.sh install-oauth && scripts/test-servers.sh start-oauth DIR && . DIR/oauth-env (.ci/run does this)")
	}
}

// NewHydra is the running Hydra; it skips the test without one.
func NewHydra(t testing.TB) *Hydra {
	t.Helper()
	RequireOAuth(t)
	return &Hydra{Public: os.Getenv("MAILPROC_TEST_HYDRA_PUBLIC"), Admin: os.Getenv("MAILPROC_TEST_HYDRA_ADMIN")}
}

// TokenURL is Hydra's token endpoint, the audience of assertions.
func (h *Hydra) TokenURL() string { return h.Public + "/oauth2/token" }

// Do sends a JSON request to the admin API and decodes the answer into
// out (when not nil); a status other than want is an error. Hydra's
// database refuses a write that meets another at the same moment ("Unable
// to serialize access due to a concurrent update"), which happens when the
// test packages register clients at once; such a refusal rolled the write
// back, and Do sends the request again until a deadline.
func (h *Hydra) Do(method, path string, in, out any, want int) error {
	var payload []byte
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		payload = b
	}
	deadline := time.Now().Add(20 * time.Second)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, 500*time.Millisecond) {
		b, err := h.do(method, path, payload, want)
		if err == errConcurrent && time.Now().Before(deadline) {
			time.Sleep(wait)
			continue
		}
		if err != nil {
			return err
		}
		if out != nil {
			return json.Unmarshal(b, out)
		}
		return nil
	}
}

// errConcurrent is do's answer when Hydra refused a write because another
// met it.
var errConcurrent = errors.New("hydra: concurrent update")

// do sends one request and returns the answer's body, errConcurrent when
// Hydra refused it for a concurrent update.
func (h *Hydra) do(method, path string, payload []byte, want int) ([]byte, error) {
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, h.Admin+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("hydra %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == want {
		return b, nil
	}
	if bytes.Contains(b, []byte("concurrent update")) {
		return nil, errConcurrent
	}
	return nil, fmt.Errorf("hydra %s %s: %s: %s", method, path, resp.Status, b)
}

// Client is an OAuth2 client registered at Hydra.
type Client struct {
	ID                      string   `json:"client_id"`
	Secret                  string   `json:"client_secret,omitempty"`
	GrantTypes              []string `json:"grant_types"`
	ResponseTypes           []string `json:"response_types,omitempty"`
	Scope                   string   `json:"scope"`
	Audience                []string `json:"audience,omitempty"`
	RedirectURIs            []string `json:"redirect_uris,omitempty"`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method"`
	JWKS                    any      `json:"jwks,omitempty"`
}

// CreateClient registers c; the test deletes it at its end.
func (h *Hydra) CreateClient(t testing.TB, c Client) {
	t.Helper()
	if err := h.Do("POST", "/admin/clients", c, nil, http.StatusCreated); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Do("DELETE", "/admin/clients/"+url.PathEscape(c.ID), nil, nil, http.StatusNoContent) })
}

// SetLifespan makes the access tokens Hydra gives client id last life.
func (h *Hydra) SetLifespan(t testing.TB, id string, life time.Duration) {
	t.Helper()
	l := life.String()
	spans := map[string]string{"client_credentials_grant_access_token_lifespan": l, "jwt_bearer_grant_access_token_lifespan": l,
		"refresh_token_grant_access_token_lifespan": l, "authorization_code_grant_access_token_lifespan": l}
	if err := h.Do("PUT", "/admin/clients/"+url.PathEscape(id)+"/lifespans", spans, nil, http.StatusOK); err != nil {
		t.Fatal(err)
	}
}

// Introspect asks Hydra about token as a mail server does, and reports
// whether it is active and whose it is.
func (h *Hydra) Introspect(token string) (sub string, active bool, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "POST", h.Admin+"/admin/oauth2/introspect",
		strings.NewReader(url.Values{"token": {token}}.Encode()))
	if err != nil {
		return "", false, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", false, err
	}
	defer resp.Body.Close()
	var r struct {
		Active bool   `json:"active"`
		Sub    string `json:"sub"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return "", false, fmt.Errorf("introspect: %w", err)
	}
	return r.Sub, r.Active, nil
}

// AcceptsFor is an smtpsink AcceptToken that takes a token Hydra says is
// active and issued for user, as Dovecot's oauth2 passdb does.
func (h *Hydra) AcceptsFor(user string) func(token string) bool {
	return func(token string) bool {
		sub, active, err := h.Introspect(token)
		return err == nil && active && sub == user
	}
}

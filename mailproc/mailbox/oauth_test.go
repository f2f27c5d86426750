package mailbox

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mailproc/mailproc/mailproc/oauth"
)

// tokenServer is a MemServer that signs in its user with the tokens that
// valid approves, and counts the OAuth2 attempts.
type tokenServer struct {
	MemServer
	mu       sync.Mutex
	attempts []string // the tokens tried, in order
}

func startTokenServer(t *testing.T, valid func(string) bool) *tokenServer {
	t.Helper()
	s, err := StartMemServer("support@example.test", "mem-secret")
	if err != nil {
		t.Fatalf("StartMemServer: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	ts := &tokenServer{MemServer: s}
	s.AcceptTokens(func(token string) bool {
		ts.mu.Lock()
		defer ts.mu.Unlock()
		ts.attempts = append(ts.attempts, token)
		return valid(token)
	})
	return ts
}

// tried returns the tokens tried so far.
func (ts *tokenServer) tried() []string {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]string(nil), ts.attempts...)
}

// oauthConfig is a Config for s with auth and token, and no password.
func (ts *tokenServer) oauthConfig(auth string, token oauth.TokenSource, logs *bytes.Buffer) Config {
	cfg := ts.Config()
	cfg.Password, cfg.Auth, cfg.Token = "", auth, token
	cfg.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return cfg
}

// tokenFile writes token to a new file and returns its path.
func tokenFile(t *testing.T, token string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(path, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOAuthLogin(t *testing.T) {
	const right, wrong = "tok-RIGHT-5d1e", "tok-WRONG-93ab"
	for _, auth := range []string{AuthXOAuth2, AuthOAuthBearer} {
		t.Run(auth, func(t *testing.T) {
			ts := startTokenServer(t, TokenEquals(right))
			var logs bytes.Buffer
			c, err := Dial(testContext(t), ts.oauthConfig(auth, oauth.FromFile(tokenFile(t, right)), &logs))
			if err != nil {
				t.Fatalf("Dial with the right token: %v", err)
			}
			if _, err := c.Select(testContext(t), "INBOX"); err != nil {
				t.Errorf("Select after signing in with a token: %v", err)
			}
			c.Close()

			_, err = Dial(testContext(t), ts.oauthConfig(auth, oauth.FromFile(tokenFile(t, wrong)), &logs))
			if !errors.Is(err, ErrAuthFailed) || !strings.Contains(err.Error(), "refused the token") {
				t.Errorf("Dial with a wrong token = %v, want ErrAuthFailed saying the token was refused", err)
			}
			for _, token := range []string{right, wrong} {
				if err != nil && strings.Contains(err.Error(), token) || strings.Contains(logs.String(), token) {
					t.Errorf("error %v or log %q shows a token", err, logs.String())
				}
			}
			if got := ts.tried(); len(got) != 2 { // the wrong token is not tried twice
				t.Errorf("server saw %d attempts, want 2", len(got))
			}
		})
	}
}

// A refused token is replaced at once when the source has a new one.
func TestOAuthLoginRetriesWithNewToken(t *testing.T) {
	counter := filepath.Join(t.TempDir(), "runs")
	cmd := "n=$(( $(cat '" + counter + "' 2>/dev/null || echo 0) + 1 )); echo $n > '" + counter + "'; echo tok-$n"
	ts := startTokenServer(t, TokenEquals("tok-2"))
	var logs bytes.Buffer
	c, err := Dial(testContext(t), ts.oauthConfig(AuthXOAuth2, oauth.FromCommand(cmd, 0), &logs))
	if err != nil {
		t.Fatalf("Dial with a stale token, then a fresh one: %v", err)
	}
	c.Close()
	if got := strings.Join(ts.tried(), " "); got != "tok-1 tok-2" {
		t.Errorf("server saw tokens %q, want %q", got, "tok-1 tok-2")
	}
}

// A refused token is fetched again by the next Dial, though the source
// would otherwise keep it for an hour.
func TestOAuthRefusedTokenFetchedAgain(t *testing.T) {
	path := tokenFile(t, "tok-stale")
	src := oauth.FromCommand("cat '"+path+"'", 0)
	ts := startTokenServer(t, TokenEquals("tok-fresh"))
	var logs bytes.Buffer
	cfg := ts.oauthConfig(AuthOAuthBearer, src, &logs)
	if _, err := Dial(testContext(t), cfg); !errors.Is(err, ErrAuthFailed) {
		t.Fatalf("Dial with a stale token = %v, want ErrAuthFailed", err)
	}
	if err := os.WriteFile(path, []byte("tok-fresh\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Dial(testContext(t), cfg)
	if err != nil {
		t.Fatalf("Dial after the token was renewed: %v", err)
	}
	c.Close()
}

func TestOAuthLoginErrors(t *testing.T) {
	plain, err := StartMemServer("support@example.test", "mem-secret") // offers no OAuth
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { plain.Close() })
	ts := startTokenServer(t, TokenEquals("tok-right"))
	var logs bytes.Buffer
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"server without XOAUTH2", withAuth(plain.Config(), AuthXOAuth2, oauth.FromFile(tokenFile(t, "tok-right"))),
			"the server does not offer AUTH=XOAUTH2"},
		{"token command fails", ts.oauthConfig(AuthXOAuth2, oauth.FromCommand("echo expired >&2; exit 1", 0), &logs),
			"get token: token command: exit status 1: expired"},
		{"no token source", withAuth(ts.Config(), AuthOAuthBearer, nil), "token: no token source"},
		{"unknown auth", withAuth(ts.Config(), "kerberos", nil), `auth: "kerberos"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Dial(testContext(t), tt.cfg)
			if err == nil {
				c.Close()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Dial = %v, want an error saying %q", err, tt.want)
			}
		})
	}
}

// withAuth is cfg signing in with auth and token instead of the password.
func withAuth(cfg Config, auth string, token oauth.TokenSource) Config {
	cfg.Password, cfg.Auth, cfg.Token = "", auth, token
	return cfg
}

package smtpout_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mailproc/mailproc/mailproc/oauth"
	"github.com/mailproc/mailproc/mailproc/smtpout"
	"github.com/mailproc/mailproc/mailproc/smtpsink"
)

// tokenChecker is a sink's AcceptToken that records the tokens tried and
// how many it refused.
type tokenChecker struct {
	valid   func(token string) bool
	mu      sync.Mutex
	tried   []string
	refused int
}

// accept is the func for smtpsink.Options.AcceptToken.
func (c *tokenChecker) accept(token string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tried = append(c.tried, token)
	ok := c.valid(token)
	if !ok {
		c.refused++
	}
	return ok
}

// seen returns the tokens tried so far, space-separated.
func (c *tokenChecker) seen() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.tried, " ")
}

// startTokenSink starts a sink that signs in testUser with the tokens
// valid approves.
func startTokenSink(t *testing.T, valid func(string) bool, tlsSink bool) (*smtpsink.Sink, *tokenChecker, string) {
	t.Helper()
	checker := &tokenChecker{valid: valid}
	opts := smtpsink.Options{Username: testUser, AcceptToken: checker.accept}
	if !tlsSink {
		return startSink(t, opts), checker, ""
	}
	opts.ImplicitTLS = true
	sink, caFile := startTLSSink(t, opts)
	return sink, checker, caFile
}

// tokenConfig is a Config for sink signing in with auth and src.
func tokenConfig(t *testing.T, sink *smtpsink.Sink, security, caFile, auth string, src oauth.TokenSource) smtpout.Config {
	cfg := sinkConfig(t, sink.Addr, security)
	cfg.CAFile, cfg.Username, cfg.Auth, cfg.Token = caFile, testUser, auth, src
	return cfg
}

// fileToken writes token to a new file and returns a source reading it.
func fileToken(t *testing.T, token string) *oauth.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(path, []byte(token), 0o600); err != nil {
		t.Fatal(err)
	}
	return oauth.FromFile(path)
}

// countingToken is a source running a command that prints "tok-N" and then
// the printf format more (say "\\n3600" for a lifetime), N counting its
// runs from 1.
func countingToken(t *testing.T, more string) *oauth.Command {
	counter := filepath.Join(t.TempDir(), "runs")
	cmd := "n=$(( $(cat '" + counter + "' 2>/dev/null || echo 0) + 1 )); echo $n > '" + counter + "'; printf 'tok-%s" + more + "' $n"
	return oauth.FromCommand(cmd, 0)
}

func TestSendWithToken(t *testing.T) {
	const right, wrong = "tok-RIGHT-41c7", "tok-WRONG-0be2"
	for _, auth := range []string{smtpout.AuthXOAuth2, smtpout.AuthOAuthBearer} {
		for _, security := range []string{smtpout.SecurityNone, smtpout.SecurityTLS} {
			t.Run(auth+"/"+security, func(t *testing.T) {
				sink, checker, caFile := startTokenSink(t, smtpsink.TokenEquals(right), security == smtpout.SecurityTLS)
				sender, logs := newSender(t, tokenConfig(t, sink, security, caFile, auth, fileToken(t, right)))
				if err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("right")); err != nil {
					t.Fatalf("Send with the right token = %v, want nil", err)
				}
				bad, badLogs := newSender(t, tokenConfig(t, sink, security, caFile, auth, fileToken(t, wrong)))
				err := bad.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("wrong"))
				checkTokenRefused(t, err, strings.ToUpper(auth))
				if got := checker.seen(); got != right+" "+wrong { // the same wrong token is not tried twice
					t.Errorf("sink saw tokens %q, want %q", got, right+" "+wrong)
				}
				for _, text := range []string{err.Error(), logs.String(), badLogs.String()} {
					if strings.Contains(text, right) || strings.Contains(text, wrong) {
						t.Errorf("error or log %q shows a token", text)
					}
				}
			})
		}
	}
}

// checkTokenRefused fails the test unless err is a refused token: 535,
// ErrConfig, saying so.
func checkTokenRefused(t *testing.T, err error, mech string) {
	t.Helper()
	if got := outcome(t, err); got != "permanent" || !errors.Is(err, smtpout.ErrConfig) {
		t.Errorf("Send with a refused token = %v (%s), want permanent ErrConfig", err, got)
	}
	checkFailure(t, err, smtpout.StageAuth, 535)
	if want := mech + " token refused"; !strings.Contains(err.Error(), want) {
		t.Errorf("Send with a refused token = %v, want it to say %q", err, want)
	}
}

// A refused token is replaced at once by a new one from the source.
func TestSendRetriesWithNewToken(t *testing.T) {
	sink, checker, _ := startTokenSink(t, smtpsink.TokenEquals("tok-2"), false)
	sender, logs := newSender(t, tokenConfig(t, sink, smtpout.SecurityNone, "", smtpout.AuthXOAuth2, countingToken(t, "\\n3600")))
	if err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("retry")); err != nil {
		t.Fatalf("Send with a stale, then a fresh token = %v, want nil", err)
	}
	if got, want := checker.seen(), "tok-1 tok-2"; got != want {
		t.Errorf("sink saw tokens %q, want %q", got, want)
	}
	if !strings.Contains(logs.String(), "token refused; trying a new one") {
		t.Errorf("log %q does not tell of the retry", logs.String())
	}
}

// When the fresh token is refused too, the send fails with ErrConfig, and
// the next send fetches a token again.
func TestSendFreshTokenRefusedToo(t *testing.T) {
	sink, checker, _ := startTokenSink(t, smtpsink.TokenEquals("tok-3"), false)
	sender, _ := newSender(t, tokenConfig(t, sink, smtpout.SecurityNone, "", smtpout.AuthOAuthBearer, countingToken(t, "\\n3600")))
	err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("one"))
	checkTokenRefused(t, err, "OAUTHBEARER")
	if err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("two")); err != nil {
		t.Fatalf("second Send = %v, want nil with a new token", err)
	}
	if got, want := checker.seen(), "tok-1 tok-2 tok-3"; got != want {
		t.Errorf("sink saw tokens %q, want %q", got, want)
	}
}

func TestSendTokenErrors(t *testing.T) {
	sink, _, _ := startTokenSink(t, smtpsink.TokenEquals("tok"), false)
	plainSink := startSink(t, smtpsink.Options{Username: testUser, Password: testPassword})
	tests := []struct {
		name string
		cfg  smtpout.Config
		want string
	}{
		{"token command fails", tokenConfig(t, sink, smtpout.SecurityNone, "", smtpout.AuthXOAuth2,
			oauth.FromCommand("echo consent revoked >&2; exit 2", 0)), "get oauth token: token command: exit status 2: consent revoked"},
		{"server without XOAUTH2", tokenConfig(t, plainSink, smtpout.SecurityNone, "", smtpout.AuthXOAuth2, fileToken(t, "tok")),
			"server does not offer AUTH XOAUTH2 (offers PLAIN)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sender, _ := newSender(t, tt.cfg)
			err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("x"))
			if !errors.Is(err, smtpout.ErrConfig) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Send = %v, want ErrConfig saying %q", err, tt.want)
			}
			checkFailure(t, err, smtpout.StageAuth, 0)
		})
	}
}

func TestNewChecksTokenConfig(t *testing.T) {
	good := smtpout.Config{Host: "smtp.example.test", Port: 465, Security: smtpout.SecurityTLS,
		Username: testUser, Auth: smtpout.AuthXOAuth2, Token: oauth.FromFile("/nonexistent")}
	tests := []struct {
		name string
		edit func(*smtpout.Config)
		want string
	}{
		{"no token source", func(c *smtpout.Config) { c.Token = nil }, `token: no token source for auth "xoauth2"`},
		{"no username", func(c *smtpout.Config) { c.Username = "" }, "username: must be set"},
		{"unknown auth", func(c *smtpout.Config) { c.Auth = "cram-md5" }, `auth "cram-md5"`},
		{"token in clear to a remote host", func(c *smtpout.Config) { c.Security = smtpout.SecurityNone }, "plain text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := good
			tt.edit(&cfg)
			if _, err := smtpout.New(cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New(%+v) = %v, want an error saying %q", cfg, err, tt.want)
			}
		})
	}
	if _, err := smtpout.New(good); err != nil {
		t.Errorf("New(%+v) = %v, want nil: no password is needed with a token", good, err)
	}
}

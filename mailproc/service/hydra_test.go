package service_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/oauth"
	"github.com/mailproc/mailproc/mailproc/service"
	"github.com/mailproc/mailproc/mailproc/smtpsink"
	"github.com/mailproc/mailproc/mailproc/store"
	"github.com/mailproc/mailproc/mailproc/testenv"
)

// hydraRun is the daemon, built by service.Build from a configuration
// with auth = "oauth2" on both sides, running against the Dovecot and an
// SMTP server that take Hydra's tokens only.
type hydraRun struct {
	t        *testing.T
	id       *testenv.Identity
	cfg      *config.Config
	sink     *smtpsink.Sink
	smtpAuth atomic.Int32 // tokens the SMTP server was shown
	smtpBad  atomic.Int32 // of which it refused
	logs     syncBuffer
	offset   atomic.Int64 // added to the daemon's clock
	d        *daemon.Daemon
	n        int
}

// syncBuffer is a bytes.Buffer safe for the logger's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newHydraRun registers a mailbox user of kind at Hydra, with access
// tokens that last ttl, and builds the daemon for it.
func newHydraRun(t *testing.T, kind string, ttl time.Duration) *hydraRun {
	return newHydraRunWith(t, kind, ttl, func(*oauth.Settings) {})
}

// newHydraRunWith is newHydraRun with [oauth2] edited.
func newHydraRunWith(t *testing.T, kind string, ttl time.Duration, edit func(*oauth.Settings)) *hydraRun {
	t.Helper()
	user := fmt.Sprintf("run-%s-%d@example.test", kind, time.Now().UnixNano())
	r := &hydraRun{t: t, id: testenv.NewIdentity(t, kind, user)}
	edit(&r.id.Settings)
	r.id.Hydra.SetLifespan(t, r.id.ClientID, ttl)
	accepts := r.id.Hydra.AcceptsFor(user)
	sink, err := smtpsink.Start(smtpsink.Options{Username: user, AcceptToken: func(token string) bool {
		r.smtpAuth.Add(1)
		ok := accepts(token)
		if !ok {
			r.smtpBad.Add(1)
		}
		return ok
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	r.sink = sink
	r.cfg = r.config()
	st, err := store.Open(r.cfg.Store.Path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := slog.New(slog.NewTextHandler(&r.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	p, closeSender, err := service.Build(r.cfg, st, log, "", func(o *daemon.Options) {
		o.Now = func() time.Time { return time.Now().Add(time.Duration(r.offset.Load())) }
	})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	t.Cleanup(closeSender)
	r.d = p.Daemon
	return r
}

// config is the daemon's configuration: OAuth2 only, as [oauth2] says.
func (r *hydraRun) config() *config.Config {
	c := config.Default()
	host, port, _ := net.SplitHostPort(os.Getenv("MAILPROC_TEST_OAUTH_IMAP"))
	c.Mailbox.Host, c.Mailbox.Security, c.Mailbox.CAFile = host, "tls", os.Getenv("MAILPROC_TEST_OAUTH_CA")
	c.Mailbox.Port, _ = strconv.Atoi(port)
	c.Mailbox.Username, c.Mailbox.Auth = r.id.User, "oauth2"
	c.Mailbox.PollInterval = config.Duration{Duration: time.Second}
	shost, sport, _ := net.SplitHostPort(r.sink.Addr)
	c.SMTP.Host, c.SMTP.Security, c.SMTP.Username, c.SMTP.Auth = shost, "none", r.id.User, "oauth2"
	c.SMTP.Port, _ = strconv.Atoi(sport)
	c.OAuth2 = r.id.Settings
	c.Company = config.Company{Name: "Cooper", ReplyFrom: "Cooper Privacy <" + r.id.User + ">", Timezone: "America/Los_Angeles"}
	c.Store.Path = filepath.Join(r.t.TempDir(), "mailproc.db")
	year := time.Now().Year()
	c.Disclosure = []config.Disclosure{{Year: year - 1}, {Year: year}}
	return &c
}

// run runs the daemon until the test ends, with the HTTP client Hydra's
// JWT-bearer grant needs.
func (r *hydraRun) run() {
	ctx, cancel := context.WithCancel(r.id.WithHydraClient(context.Background()))
	done := make(chan error, 1)
	go func() { done <- r.d.Run(ctx) }()
	r.t.Cleanup(func() {
		cancel()
		<-done
		if r.t.Failed() {
			r.t.Logf("daemon log:\n%s", r.logs.String())
		}
	})
}

// deliver puts a request in the inbox with doveadm, not over IMAP, so
// that the sign-ins counted are the daemon's alone.
func (r *hydraRun) deliver() {
	r.t.Helper()
	r.n++
	raw := fmt.Sprintf("From: Requester %d <req%d@example.net>\r\nTo: %s\r\nSubject: Request for California Privacy Information\r\n"+
		"Date: %s\r\nMessage-ID: <hydra-%d-%d@example.net>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"+
		"California Privacy Rights Request\r\n\r\nName: Dana Whitfield\r\nStreet address: %d Cypress Lane\r\nCity: Fresno\r\nState: CA\r\nZIP code: 93650\r\n",
		r.n, r.n, r.id.User, time.Now().Format(time.RFC1123Z), r.n, time.Now().UnixNano(), r.n)
	cmd := exec.Command("doveadm", "-c", filepath.Join(testenv.OAuthDir(), "dovecot.conf"), "save", "-u", r.id.User, "-m", "INBOX")
	cmd.Stdin = strings.NewReader(raw)
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("doveadm save: %v: %s", err, out)
	}
}

// waitReplies waits until the SMTP server has n replies.
func (r *hydraRun) waitReplies(n int, within time.Duration) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	if _, err := r.sink.WaitFor(ctx, n); err != nil {
		r.t.Fatalf("replies: %v", err)
	}
}

// imapLogins counts the user's IMAP sign-ins in Dovecot's log, and those
// it refused.
func (r *hydraRun) imapLogins() (ok, refused int) {
	b, _ := os.ReadFile(filepath.Join(testenv.OAuthDir(), "dovecot.log"))
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.Contains(line, "user=<"+r.id.User+">") {
			continue
		}
		switch {
		case strings.Contains(line, "imap-login: Info: Login:"):
			ok++
		case strings.Contains(line, "auth failed"):
			refused++
		}
	}
	return ok, refused
}

// tokenFetches counts the tokens the daemon fetched from Hydra.
func (r *hydraRun) tokenFetches() int {
	return strings.Count(r.logs.String(), `msg="oauth2 token fetched"`)
}

// waitFor polls cond until it holds or within passes.
func waitFor(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitIMAPLogins waits until Dovecot has logged n sign-ins of the user.
func (r *hydraRun) waitIMAPLogins(n int) {
	r.t.Helper()
	waitFor(r.t, 30*time.Second, fmt.Sprintf("%d IMAP logins", n), func() bool { ok, _ := r.imapLogins(); return ok >= n })
}

// Tokens that last 6 s, over a run of about 35 s with a request every 3
// s, each reply on a new SMTP connection (the server drops the last one)
// and the IMAP session ended once by the server (a BYE, as Exchange sends
// when a session's token expires): each request is answered, every sign-in
// shows a token that is still valid (none refused), a new token is fetched
// about once per lifetime, and each dropped connection costs exactly one
// sign-in: no reconnect storm.
func TestTokensExpireDuringARun(t *testing.T) {
	testenv.RequireOAuth(t)
	for _, kind := range []string{testenv.OAuthClientCredentials, testenv.OAuthJWTBearer} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			const ttl, rounds = 6 * time.Second, 10
			r := newHydraRun(t, kind, ttl)
			r.doveadm("mailbox", "create", "-u", r.id.User, "Sent Items") // marked \Sent, as in Exchange
			start := time.Now()
			r.run()
			r.waitIMAPLogins(1)
			for i := 1; i <= rounds; i++ {
				r.sink.FailNext(smtpsink.Down, 1) // the next reply signs in again
				if err := r.sink.Up(); err != nil {
					t.Fatal(err)
				}
				r.deliver()
				r.waitReplies(i, 30*time.Second)
				if i == rounds/2 {
					kick(t, r.id.User)
					r.waitIMAPLogins(2)
				}
				time.Sleep(3 * time.Second) // the pace of the run: tokens expire between requests
			}
			took := time.Since(start)
			logins, refused := r.imapLogins()
			fetches := r.tokenFetches()
			t.Logf("%s: %s, token lifetime %s: %d replies, %d tokens fetched, IMAP sign-ins %d (%d refused), SMTP sign-ins %d (%d refused)",
				kind, took.Round(time.Second), ttl, rounds, fetches, logins, refused, r.smtpAuth.Load(), r.smtpBad.Load())
			if refused != 0 || r.smtpBad.Load() != 0 {
				t.Errorf("servers refused %d IMAP and %d SMTP sign-ins: a token was shown after it expired", refused, r.smtpBad.Load())
			}
			if logins != 2 || r.smtpAuth.Load() != rounds {
				t.Errorf("sign-ins: IMAP %d, SMTP %d; want 2 (the first, one after the BYE) and %d (one per dropped connection)", logins, r.smtpAuth.Load(), rounds)
			}
			if max := int(took/(ttl*9/10)) + 2; fetches < 3 || fetches > max {
				t.Errorf("tokens fetched = %d in %s, want between 3 and %d (one per lifetime at most)", fetches, took.Round(time.Second), max)
			}
			r.checkSentCopies(rounds)
		})
	}
}

// checkSentCopies checks where the copies of n replies went: into the
// folder marked \Sent ("Sent Items"), none made called "Sent"; with
// provider "google" nowhere (Gmail files its own).
func (r *hydraRun) checkSentCopies(n int) {
	r.t.Helper()
	want := n
	if r.cfg.OAuth2.Provider == oauth.Google {
		want = 0
	}
	folders := r.doveadm("mailbox", "list", "-u", r.id.User)
	copies := strings.Count(r.doveadm("search", "-u", r.id.User, "mailbox", "Sent Items", "ALL"), "\n")
	if copies != want || strings.Contains("\n"+folders, "\nSent\n") {
		r.t.Errorf("%s: %d copies in \"Sent Items\", want %d; folders:\n%s", r.cfg.OAuth2.Provider, copies, want, folders)
	}
}

// doveadm runs doveadm on the OAuth2 Dovecot and returns its output.
func (r *hydraRun) doveadm(args ...string) string {
	r.t.Helper()
	out, err := exec.Command("doveadm", append([]string{"-c", filepath.Join(testenv.OAuthDir(), "dovecot.conf")}, args...)...).CombinedOutput()
	if err != nil {
		r.t.Fatalf("doveadm %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// kick ends the user's IMAP sessions with a BYE.
func kick(t *testing.T, user string) {
	t.Helper()
	out, err := exec.Command("doveadm", "-c", filepath.Join(testenv.OAuthDir(), "dovecot.conf"), "kick", user).CombinedOutput()
	if err != nil {
		t.Fatalf("doveadm kick: %v: %s", err, out)
	}
}

// A client revoked at the authorization server while the daemon runs:
// the next reply is not sent, sending pauses as for a wrong password with
// an error that says the server refused the client, the IMAP session
// goes on; a reconnect while revoked backs off; once the client is
// registered again, the reply goes out and the mailbox is read again.
func TestRevokedClient(t *testing.T) {
	testenv.RequireOAuth(t)
	r := newHydraRun(t, testenv.OAuthClientCredentials, time.Hour)
	h := r.id.Hydra
	secret, err := os.ReadFile(r.id.Settings.ClientSecretFile)
	if err != nil {
		t.Fatal(err)
	}
	r.run()
	r.deliver()
	r.waitReplies(1, 30*time.Second)

	// Revoke: the client and its tokens are gone; the SMTP connection the
	// daemon keeps is dropped, so the next reply signs in again.
	if err := h.Do("DELETE", "/admin/clients/"+r.id.ClientID, nil, nil, 204); err != nil {
		t.Fatal(err)
	}
	if err := h.Do("DELETE", "/admin/oauth2/tokens?client_id="+r.id.ClientID, nil, nil, 204); err != nil {
		t.Fatal(err)
	}
	r.sink.FailNext(smtpsink.Down, 1)
	if err := r.sink.Up(); err != nil {
		t.Fatal(err)
	}
	r.deliver()
	waitFor(t, 30*time.Second, "sending paused", func() bool { return strings.Contains(r.logs.String(), "sending paused") })
	paused := lineWith(r.logs.String(), "sending paused")
	t.Logf("the daemon said: %s", paused)
	if !strings.Contains(paused, "invalid_client") || !strings.Contains(paused, "refused the credentials") {
		t.Errorf("pause logged as %q, want the server's refusal (invalid_client) named", paused)
	}
	if strings.Contains(r.logs.String(), strings.TrimSpace(string(secret))) {
		t.Error("the log shows the client secret")
	}
	if n := len(r.sink.Messages()); n != 1 {
		t.Errorf("replies while revoked = %d, want still 1", n)
	}

	// A reconnect while revoked fails at the token and backs off.
	failedBefore := strings.Count(r.logs.String(), "oauth2 token not fetched")
	kick(t, r.id.User)
	time.Sleep(8 * time.Second) // the length of the outage being measured
	tries := strings.Count(r.logs.String(), "oauth2 token not fetched") - failedBefore
	t.Logf("token requests in 8 s of reconnecting while revoked: %d", tries)
	if tries < 1 || tries > 6 {
		t.Errorf("token requests while revoked in 8 s = %d, want 1 to 6 (backoff)", tries)
	}

	// Fixed: the client is back. Sending resumes after the pause, and the
	// mailbox is read again.
	h.CreateClient(t, testenv.Client{ID: r.id.ClientID, Secret: strings.TrimSpace(string(secret)), GrantTypes: []string{"client_credentials"},
		Scope: "https://outlook.office365.com/.default", TokenEndpointAuthMethod: "client_secret_post"})
	logins, _ := r.imapLogins()
	r.waitIMAPLogins(logins + 1)
	r.offset.Store(int64(6 * time.Minute)) // past the pause
	r.d.Wake()
	r.waitReplies(2, 60*time.Second)
}

// The token endpoint down while the daemon runs: the IMAP session it
// signed in with goes on (no reconnect), mail that comes is read, its
// reply waits and the endpoint is asked again only after a wait; when the
// endpoint is back, the reply goes out.
func TestTokenEndpointDown(t *testing.T) {
	testenv.RequireOAuth(t)
	var down atomic.Bool
	var hits atomic.Int32
	r := newHydraRunThrough(t, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			hits.Add(1)
			if down.Load() {
				http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
				return
			}
			next.ServeHTTP(w, req)
		})
	}, 5*time.Second)
	r.run()
	r.deliver()
	r.waitReplies(1, 30*time.Second)

	down.Store(true)
	r.sink.FailNext(smtpsink.Down, 1) // the next reply signs in again
	if err := r.sink.Up(); err != nil {
		t.Fatal(err)
	}
	before := hits.Load()
	time.Sleep(6 * time.Second) // the token expires while the endpoint is down
	r.deliver()
	waitFor(t, 30*time.Second, "the reply's retry", func() bool { return strings.Contains(r.logs.String(), "will retry") })
	time.Sleep(5 * time.Second)
	during := hits.Load() - before
	logins, _ := r.imapLogins()
	t.Logf("endpoint down 11 s: %d token requests, IMAP sign-ins %d, replies %d", during, logins, len(r.sink.Messages()))
	if logins != 1 {
		t.Errorf("IMAP sign-ins = %d, want 1: the session is kept while the endpoint is down", logins)
	}
	if during < 1 || during > 4 {
		t.Errorf("token requests while the endpoint was down = %d, want 1 to 4", during)
	}
	if !strings.Contains(lineWith(r.logs.String(), "will retry"), "the token endpoint is unavailable") {
		t.Errorf("retry logged as %q, want the endpoint named unavailable", lineWith(r.logs.String(), "will retry"))
	}

	down.Store(false)
	r.offset.Store(int64(2 * time.Minute)) // past the reply's retry time
	r.d.Wake()
	r.waitReplies(2, 60*time.Second)
}

// newHydraRunThrough is newHydraRun (client credentials) with the token
// endpoint reached through wrap, in front of Hydra.
func newHydraRunThrough(t *testing.T, wrap func(http.Handler) http.Handler, ttl time.Duration) *hydraRun {
	t.Helper()
	h := testenv.NewHydra(t)
	target, _ := url.Parse(h.Public)
	proxy := httptest.NewServer(wrap(httputil.NewSingleHostReverseProxy(target)))
	t.Cleanup(proxy.Close)
	return newHydraRunWith(t, testenv.OAuthClientCredentials, ttl, func(s *oauth.Settings) { s.TokenURL = proxy.URL + "/oauth2/token" })
}

// lineWith is the last line of text that holds s.
func lineWith(text, s string) string {
	lines := strings.Split(text, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], s) {
			return lines[i]
		}
	}
	return ""
}

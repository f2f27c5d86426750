package e2e

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/mailproc/mailproc/mailproc/smtpsink"
	"github.com/mailproc/mailproc/mailproc/testenv"
	"github.com/mailproc/mailproc/mailproc/web/browsertest"
)

// loginAppAddr is where Hydra sends the browser to sign in and consent
// (scripts/test-servers.sh start-oauth configures it).
const loginAppAddr = "127.0.0.1:26446"

// TestOAuthLogin is the small shop's way in, on the real binary: `mailproc
// oauth login` prints the URL; headless Chromium opens it, signs in at the
// authorization server (Hydra, with a login page of this test's) and
// comes back to the loopback redirect; the refresh token lands in a 0600
// file. The daemon then signs in to Dovecot and the SMTP server with
// tokens refreshed from it (Hydra rotates the refresh token at each use,
// so the second run works only if the first kept the new one), files its
// copy in the folder marked \Sent, and `config check --connect` reports
// what both servers offer.
func TestOAuthLogin(t *testing.T) {
	h := testenv.NewHydra(t) // skips without Hydra
	ctx := browsertest.Start(t)
	user := fmt.Sprintf("login-%d@example.test", time.Now().UnixNano())
	clientID := "mailproc-desktop-" + filepath.Base(t.TempDir())
	h.CreateClient(t, testenv.Client{ID: clientID, GrantTypes: []string{"authorization_code", "refresh_token"},
		ResponseTypes: []string{"code"}, Scope: "mail offline_access", RedirectURIs: []string{"http://127.0.0.1/"},
		TokenEndpointAuthMethod: "none"})
	startLoginApp(t, h)
	sink, err := smtpsink.Start(smtpsink.Options{Username: user, AcceptToken: h.AcceptsFor(user)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	dir := t.TempDir()
	refresh := filepath.Join(dir, "refresh-token")
	config := writeOAuthConfig(t, dir, user, sink.Addr, fmt.Sprintf(`provider = "generic"
client_id = %q
auth_url = %q
token_url = %q
scopes = ["mail", "offline_access"]
refresh_token_file = %q
`, clientID, h.Public+"/oauth2/auth", h.TokenURL(), refresh))

	login := exec.Command(binary, "oauth", "login", "--config", config)
	stdout, _ := login.StdoutPipe()
	var stderr strings.Builder
	login.Stderr = &stderr
	if err := login.Start(); err != nil {
		t.Fatal(err)
	}
	authURL, printed := readLoginURL(t, stdout)
	bctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(bctx,
		chromedp.Navigate(authURL),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), user),
		chromedp.Click(chromedp.ID("signin")),
		chromedp.WaitVisible(chromedp.CSS("p")),
	); err != nil {
		t.Fatalf("sign in in the browser: %v\nmailproc printed:\n%s", err, printed)
	}
	said, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("p")))
	if err != nil || !strings.Contains(said, "mailproc is signed in") {
		t.Fatalf("the browser ended on %q (%v), want mailproc's page saying it is signed in", said, err)
	}
	if err := waitExit(login, 30*time.Second); err != nil {
		t.Fatalf("mailproc oauth login: %v\n%s", err, stderr.String())
	}
	first := readToken(t, refresh)

	doveadm(t, "mailbox", "create", "-u", user, "Sent Items")
	for i, want := range []int{1, 2} {
		deliverBy(t, user, fmt.Sprintf("oauth-login-%d@example.net", i))
		out, err := exec.Command(binary, "run", "--once", "--config", config).CombinedOutput()
		if err != nil {
			t.Fatalf("run %d: %v\n%s", i+1, err, out)
		}
		if n := len(sink.Messages()); n != want {
			t.Fatalf("replies after run %d = %d, want %d\n%s", i+1, n, want, out)
		}
	}
	if readToken(t, refresh) == first {
		t.Error("the refresh token file still holds the token from the login: Hydra's rotated one was not kept")
	}
	folders := doveadmOut(t, "mailbox", "list", "-u", user)
	if !strings.Contains(folders, "Sent Items") || strings.Contains(folders, "\nSent\n") {
		t.Errorf("folders after the runs:\n%s\nwant the copies in \"Sent Items\" (\\Sent) and no \"Sent\" made", folders)
	}
	out, err := exec.Command(binary, "config", "check", "--config", config, "--connect").CombinedOutput()
	report := string(out)
	t.Logf("config check --connect:\n%s", report)
	for _, want := range []string{"sign-in mechanisms offered: OAUTHBEARER XOAUTH2", `"Sent Items" \Sent`, `sent copies: "Sent Items" (marked \Sent)`, "AUTH XOAUTH2 OAUTHBEARER"} {
		if !strings.Contains(report, want) {
			t.Errorf("config check --connect does not say %q", want)
		}
	}
	if err != nil || strings.Contains(report, first) {
		t.Errorf("config check --connect: %v (or it showed the refresh token)", err)
	}
}

// writeOAuthConfig writes the binary's configuration for user on the
// OAuth2 Dovecot and the SMTP server at smtpAddr, both signing in as
// [oauth2] (the given table) says.
func writeOAuthConfig(t *testing.T, dir, user, smtpAddr, oauth2 string) string {
	t.Helper()
	imapHost, imapPort, _ := net.SplitHostPort(os.Getenv("MAILPROC_TEST_OAUTH_IMAP"))
	smtpHost, smtpPort, _ := net.SplitHostPort(smtpAddr)
	text := fmt.Sprintf(`[mailbox]
host = %q
port = %s
security = "tls"
ca_file = %q
username = %q
auth = "oauth2"
poll_interval = "1s"

[smtp]
host = %q
port = %s
security = "none"
username = %q
auth = "oauth2"

[oauth2]
%s
[company]
name = "Cooper"
reply_from = "Cooper Privacy <%s>"

[store]
path = %q

[[disclosure]]
year = %d

[[disclosure]]
year = %d
`, imapHost, imapPort, os.Getenv("MAILPROC_TEST_OAUTH_CA"), user, smtpHost, smtpPort, user, oauth2, user,
		filepath.Join(dir, "mailproc.db"), time.Now().Year()-1, time.Now().Year())
	path := filepath.Join(dir, "mailproc.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// readLoginURL reads what `oauth login` prints until the URL to open, and
// returns it and the text so far.
func readLoginURL(t *testing.T, r io.Reader) (string, string) {
	t.Helper()
	found := make(chan [2]string, 1)
	go func() {
		var seen strings.Builder
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			line := sc.Text()
			seen.WriteString(line + "\n")
			if u := strings.TrimSpace(line); strings.HasPrefix(u, "http") {
				found <- [2]string{u, seen.String()}
				io.Copy(io.Discard, r)
				return
			}
		}
		found <- [2]string{"", seen.String()}
	}()
	select {
	case f := <-found:
		if f[0] == "" {
			t.Fatalf("mailproc oauth login printed no URL:\n%s", f[1])
		}
		return f[0], f[1]
	case <-time.After(30 * time.Second):
		t.Fatal("mailproc oauth login printed no URL in 30 s")
	}
	return "", ""
}

// startLoginApp serves Hydra's login and consent pages for the test: a
// form with the user name (the subject), and a consent that grants what
// was asked, both accepted through Hydra's admin API.
func startLoginApp(t *testing.T, h *testenv.Hydra) {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><title>Sign in</title><form method="post" action="/login">
<input type="hidden" name="challenge" value="%s"><label>User <input id="username" name="username"></label>
<button id="signin" type="submit">Sign in</button></form>`, html.EscapeString(r.URL.Query().Get("login_challenge")))
	})
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		var next struct {
			RedirectTo string `json:"redirect_to"`
		}
		err := h.Do("PUT", "/admin/oauth2/auth/requests/login/accept?login_challenge="+url.QueryEscape(r.FormValue("challenge")),
			map[string]any{"subject": r.FormValue("username")}, &next, http.StatusOK)
		redirectOr(w, r, next.RedirectTo, err)
	})
	mux.HandleFunc("GET /consent", func(w http.ResponseWriter, r *http.Request) {
		challenge := url.QueryEscape(r.URL.Query().Get("consent_challenge"))
		var req struct {
			Scope    []string `json:"requested_scope"`
			Audience []string `json:"requested_access_token_audience"`
		}
		var next struct {
			RedirectTo string `json:"redirect_to"`
		}
		err := h.Do("GET", "/admin/oauth2/auth/requests/consent?consent_challenge="+challenge, nil, &req, http.StatusOK)
		if err == nil {
			err = h.Do("PUT", "/admin/oauth2/auth/requests/consent/accept?consent_challenge="+challenge,
				map[string]any{"grant_scope": req.Scope, "grant_access_token_audience": req.Audience}, &next, http.StatusOK)
		}
		redirectOr(w, r, next.RedirectTo, err)
	})
	ln, err := net.Listen("tcp", loginAppAddr)
	if err != nil {
		t.Fatalf("login app: %v", err)
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
}

// redirectOr sends the browser on to where Hydra said, or shows err.
func redirectOr(w http.ResponseWriter, r *http.Request, to string, err error) {
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	http.Redirect(w, r, to, http.StatusFound)
}

// waitExit waits for cmd to end, killing it after within.
func waitExit(cmd *exec.Cmd, within time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(within):
		cmd.Process.Kill()
		return fmt.Errorf("still running after %s", within)
	}
}

// readToken reads the refresh token file, which must be mode 0600.
func readToken(t *testing.T, path string) string {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("refresh token file: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("refresh token file is mode %04o, want 0600", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	if strings.TrimSpace(string(b)) == "" {
		t.Fatal("refresh token file is empty")
	}
	return strings.TrimSpace(string(b))
}

// deliverBy saves a request into the user's inbox with doveadm.
func deliverBy(t *testing.T, user, id string) {
	t.Helper()
	raw := "From: Ada Byron <ada@example.com>\r\nTo: " + user + "\r\nSubject: Request for California Privacy Information\r\n" +
		"Message-ID: <" + id + ">\r\nDate: " + time.Now().Format(time.RFC1123Z) + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + request
	cmd := exec.Command("doveadm", "-c", filepath.Join(testenv.OAuthDir(), "dovecot.conf"), "save", "-u", user, "-m", "INBOX")
	cmd.Stdin = strings.NewReader(raw)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("doveadm save: %v: %s", err, out)
	}
}

// doveadm runs doveadm on the OAuth2 Dovecot.
func doveadm(t *testing.T, args ...string) { doveadmOut(t, args...) }

// doveadmOut runs doveadm on the OAuth2 Dovecot and returns its output.
func doveadmOut(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("doveadm", append([]string{"-c", filepath.Join(testenv.OAuthDir(), "dovecot.conf")}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("doveadm %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

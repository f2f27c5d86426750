package oauth

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// LoginTimeout bounds `mailproc oauth login` when the caller gives none.
const LoginTimeout = 10 * time.Minute

// LoginOptions tune Login.
type LoginOptions struct {
	// Listen is the loopback address of the redirect; default
	// 127.0.0.1:0 (a free port, which RFC 8252 § 7.3 servers accept).
	Listen string
	// Out gets the URL to open and what happened.
	Out io.Writer
	// Opened, when set, is called with the URL once the redirect listens
	// (a test's browser).
	Opened func(url string)
}

// Login runs the authorization-code flow with PKCE (RFC 7636) on a
// loopback redirect (RFC 8252) for s: it prints the URL to open, waits
// for the browser to come back with the code, exchanges it, and stores the
// refresh token in s.RefreshTokenFile (mode 0600). The daemon refreshes
// its access tokens from that file. Nothing secret is printed.
func Login(ctx context.Context, s Settings, o LoginOptions) error {
	if s.RefreshTokenFile == "" {
		return errors.New("[oauth2] refresh_token_file: required for `oauth login` (where to keep the refresh token)")
	}
	if p := s.Problems("[oauth2]"); len(p) > 0 {
		return fmt.Errorf("%s", p[0])
	}
	conf, err := s.authCodeConfig()
	if err != nil {
		return err
	}
	if conf.Endpoint.AuthURL == "" {
		return errors.New("[oauth2] auth_url: required for `oauth login` with provider \"generic\"")
	}
	ln, err := net.Listen("tcp", cmp.Or(o.Listen, "127.0.0.1:0"))
	if err != nil {
		return fmt.Errorf("listen for the redirect: %w", err)
	}
	conf.RedirectURL = "http://" + ln.Addr().String() + "/"
	f := newLoginFlow(conf, s)
	url := conf.AuthCodeURL(f.state, f.authOptions()...)
	fmt.Fprintf(o.Out, "Open this URL in a browser and sign in as the mailbox:\n\n  %s\n\nWaiting for the redirect to %s ...\n", url, conf.RedirectURL)
	if o.Opened != nil {
		o.Opened(url)
	}
	tok, err := f.serve(ctx, ln)
	if err != nil {
		return err
	}
	if tok.RefreshToken == "" {
		return errors.New("the server gave no refresh token: ask for offline access (Microsoft: scope offline_access; generic: the scope your server names, such as offline_access)")
	}
	if err := WriteRefreshToken(s.RefreshTokenFile, tok.RefreshToken); err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "Signed in. The refresh token is in %s (mode 0600); the daemon refreshes its access tokens from it.\n", s.RefreshTokenFile)
	return nil
}

// loginFlow is one authorization request: its state and PKCE verifier.
type loginFlow struct {
	conf     *oauth2.Config
	s        Settings
	state    string
	verifier string
	done     chan loginResult
}

type loginResult struct {
	tok *oauth2.Token
	err error
}

func newLoginFlow(conf *oauth2.Config, s Settings) *loginFlow {
	state := make([]byte, 16)
	rand.Read(state)
	return &loginFlow{conf: conf, s: s, state: hex.EncodeToString(state),
		verifier: oauth2.GenerateVerifier(), done: make(chan loginResult, 1)}
}

// authOptions are the PKCE challenge, and Google's request for a refresh
// token.
func (f *loginFlow) authOptions() []oauth2.AuthCodeOption {
	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(f.verifier)}
	if f.s.Provider == Google {
		opts = append(opts, oauth2.AccessTypeOffline, oauth2.SetAuthURLParam("prompt", "consent"))
	}
	return opts
}

// serve answers the redirect and returns the exchanged token, or fails
// when ctx ends (default LoginTimeout).
func (f *loginFlow) serve(ctx context.Context, ln net.Listener) (*oauth2.Token, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, LoginTimeout)
		defer cancel()
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { f.redirected(ctx, w, r) }),
		ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer shutdown(srv)
	select {
	case res := <-f.done:
		return res.tok, res.err
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for the browser's redirect: %w", ctx.Err())
	}
}

// redirected takes the browser's return: the code, or the server's error.
func (f *loginFlow) redirected(ctx context.Context, w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if r.URL.Path != "/" || (q.Get("code") == "" && q.Get("error") == "") {
		http.NotFound(w, r)
		return
	}
	var res loginResult
	switch {
	case q.Get("state") != f.state:
		res.err = errors.New("the redirect's state is not this login's: start again")
	case q.Get("error") != "":
		res.err = fmt.Errorf("the authorization server refused: %s: %s", oneLine(q.Get("error")), oneLine(q.Get("error_description")))
	default:
		res.tok, res.err = f.conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(f.verifier))
		if res.err != nil {
			res.err = fmt.Errorf("exchange the code: %w", (&Grant{name: f.s.Provider, url: f.conf.Endpoint.TokenURL}).explain(res.err))
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if res.err != nil {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, "<!doctype html><title>mailproc</title><p>mailproc could not sign in: %s</p>", html.EscapeString(res.err.Error()))
	} else {
		fmt.Fprint(w, "<!doctype html><title>mailproc</title><p>mailproc is signed in. You can close this window.</p>")
	}
	// The page must reach the browser before the flow ends and the server
	// closes its connections (the browser showed an empty response).
	http.NewResponseController(w).Flush()
	select {
	case f.done <- res:
	default: // a second redirect: the first one counts
	}
}

// shutdown stops the redirect's server, letting a response in progress
// finish for a moment first.
func shutdown(srv *http.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if srv.Shutdown(ctx) != nil {
		srv.Close()
	}
}

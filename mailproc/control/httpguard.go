package control

import (
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"net"
	"net/http"
	"strings"
)

// Token is a bearer token of the API over HTTP, and the name its caller
// acts under.
type Token struct {
	Name   string
	Secret string
}

// httpGuard lets through only requests whose Host names the API's own
// address (no page that rebinds its name to 127.0.0.1) and that carry one
// of the bearer tokens (no other local user, no page in a browser); the
// request then acts as the token's name.
type httpGuard struct {
	next   http.Handler
	hosts  []string // the Host values that name the listener
	tokens []tokenSum
	log    *slog.Logger
}

// tokenSum is a token's SHA-256, so that comparing takes the same time
// whatever the length of what is presented.
type tokenSum struct {
	name string
	sum  [sha256.Size]byte
}

// newHTTPGuard guards next on a listener bound to bound for the address
// configured (whose port may be 0).
func newHTTPGuard(next http.Handler, configured string, bound net.Addr, tokens []Token, log *slog.Logger) *httpGuard {
	host, _, _ := net.SplitHostPort(configured)
	_, port, _ := net.SplitHostPort(bound.String())
	g := &httpGuard{next: next, hosts: []string{net.JoinHostPort(host, port), net.JoinHostPort("localhost", port)}, log: log}
	for _, t := range tokens {
		g.tokens = append(g.tokens, tokenSum{t.Name, sha256.Sum256([]byte(t.Secret))})
	}
	return g
}

func (g *httpGuard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !g.ownHost(r.Host) {
		g.refuse(w, r, http.StatusForbidden, "host", "the Host header does not name this API's address (use "+g.hosts[0]+")")
		return
	}
	name, ok := g.bearer(r.Header.Get("Authorization"))
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="mailproc control API"`)
		g.refuse(w, r, http.StatusUnauthorized, "token", "a valid bearer token is required (Authorization: Bearer TOKEN)")
		return
	}
	g.next.ServeHTTP(w, r.WithContext(withCaller(r.Context(), tokenCaller(name))))
}

// ownHost reports whether a Host header names the listener.
func (g *httpGuard) ownHost(host string) bool {
	if _, _, err := net.SplitHostPort(host); err != nil {
		host = net.JoinHostPort(host, "80")
	}
	for _, h := range g.hosts {
		if strings.EqualFold(host, h) {
			return true
		}
	}
	return false
}

// bearer returns the name of the token an Authorization header carries.
// Every token is compared, in constant time.
func (g *httpGuard) bearer(header string) (string, bool) {
	scheme, presented, found := strings.Cut(header, " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(presented)))
	name := ""
	for _, t := range g.tokens {
		if subtle.ConstantTimeCompare(sum[:], t.sum[:]) == 1 {
			name = t.name
		}
	}
	return name, name != ""
}

// refuse answers a request that may not reach the API, and logs why
// (never what it presented).
func (g *httpGuard) refuse(w http.ResponseWriter, r *http.Request, status int, why, msg string) {
	g.log.Warn("control api: request refused", "why", why, "remote", r.RemoteAddr, "method", r.Method, "path", r.URL.Path)
	writeJSON(w, status, map[string]string{"error": msg})
}

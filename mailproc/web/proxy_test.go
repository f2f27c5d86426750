package web

import (
	"bytes"
	"crypto/tls"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/http/httputil"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// lockedBuffer collects log lines from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// proxyKind is how a reverse proxy in front of the console forwards.
type proxyKind int

const (
	// nginxDefault is nginx with only proxy_pass: Host becomes the
	// backend's address, and no X-Forwarded-* header is added.
	nginxDefault proxyKind = iota
	// nginxReadme is the README's nginx example: X-Forwarded-Host, -Proto
	// and -For set (the client's own X-Forwarded-For appended to).
	nginxReadme
)

// behindProxy serves the console over plain HTTP on loopback, with a TLS
// reverse proxy of the given kind in front, and returns the proxy's URL
// and a browser-like client for it.
func behindProxy(t *testing.T, h http.Handler, kind proxyKind) (string, *http.Client) {
	t.Helper()
	backend := httptest.NewServer(h)
	t.Cleanup(backend.Close)
	target, _ := url.Parse(backend.URL)
	rp := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target) // Host: the backend's address, as nginx's $proxy_host
		if kind == nginxReadme {
			r.Out.Header["X-Forwarded-For"] = r.In.Header["X-Forwarded-For"]
			r.SetXForwarded()
		}
	}}
	front := httptest.NewTLSServer(rp)
	t.Cleanup(front.Close)
	jar, _ := cookiejar.New(nil)
	client := front.Client()
	client.Jar = jar
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return front.URL, client
}

// browserPost posts a form the way a browser posts it from the console's
// own page at base.
func browserPost(t *testing.T, client *http.Client, base, path string, form url.Values) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

// signInThrough signs in through the proxy and returns the answer to the
// posted form.
func signInThrough(t *testing.T, client *http.Client, base string) *http.Response {
	t.Helper()
	res, err := client.Get(base + "/login")
	if err != nil {
		t.Fatal(err)
	}
	token := csrf(t, readBody(t, res))
	res.Body.Close()
	return browserPost(t, client, base, "/login", url.Values{"user": {testUser}, "password": {testPassword}, "csrf": {token}})
}

// TestPostBehindProxy is the attack of issue 11 item 6 turned around:
// behind a TLS proxy that does not pass Host (nginx's default), every POST
// was refused (Origin https://proxy vs Host 127.0.0.1:PORT). With the
// proxy's address in trusted_proxies and the README's headers it works;
// the same headers from an address not trusted change nothing.
func TestPostBehindProxy(t *testing.T) {
	loopback := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	tests := []struct {
		name    string
		kind    proxyKind
		trusted []netip.Prefix
		want    int
	}{
		{"README headers from a trusted proxy", nginxReadme, loopback, http.StatusSeeOther},
		{"README headers from a proxy not trusted", nginxReadme, nil, http.StatusForbidden},
		{"nginx's default: nothing says the public host", nginxDefault, loopback, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, californiaCase("c1"))
			e.opts.TrustedProxies = tt.trusted
			base, client := behindProxy(t, e.handler(), tt.kind)
			res := signInThrough(t, client, base)
			if res.StatusCode != tt.want {
				t.Fatalf("sign in through the proxy = %d, want %d", res.StatusCode, tt.want)
			}
			if tt.want != http.StatusSeeOther {
				return
			}
			res, err := client.Get(base + "/cases/c1")
			if err != nil {
				t.Fatal(err)
			}
			token := csrf(t, readBody(t, res))
			res = browserPost(t, client, base, "/cases/c1/dismiss", url.Values{"csrf": {token}, "reason": {"spam"}, "confirm": {"1"}})
			if res.StatusCode != http.StatusSeeOther || len(e.svc.recorded("Dismiss")) != 1 {
				t.Errorf("dismiss through the proxy = %d, want 303 and the case dismissed", res.StatusCode)
			}
			if got := res.Header.Get("Strict-Transport-Security"); got == "" {
				t.Errorf("no Strict-Transport-Security though the trusted proxy says https")
			}
		})
	}
}

// TestForwardedHeadersBelievedOnlyFromTrustedProxies checks what the
// console takes for a request's public host, scheme and client address.
func TestForwardedHeadersBelievedOnlyFromTrustedProxies(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	tests := []struct {
		name, peer string
		tls        bool
		headers    map[string]string
		want       public
	}{
		{"direct, plain", "192.0.2.1:4711", false, nil, public{host: "console.example", client: "192.0.2.1"}},
		{"direct, TLS", "192.0.2.1:4711", true, nil, public{host: "console.example", scheme: "https", client: "192.0.2.1"}},
		{"untrusted peer sends the headers", "192.0.2.1:4711", false,
			map[string]string{"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.5"},
			public{host: "console.example", client: "192.0.2.1"}},
		{"trusted proxy", "10.1.2.3:4711", false,
			map[string]string{"X-Forwarded-Host": "privacy.example.com", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.5"},
			public{host: "privacy.example.com", scheme: "https", client: "203.0.113.5", proxied: true}},
		{"trusted proxy over IPv6", "[::1]:4711", false,
			map[string]string{"X-Forwarded-Host": "privacy.example.com:8443", "X-Forwarded-Proto": "HTTPS"},
			public{host: "privacy.example.com:8443", scheme: "https", client: "::1", proxied: true}},
		{"client's own X-Forwarded-For is not believed", "10.1.2.3:4711", false,
			map[string]string{"X-Forwarded-For": "198.51.100.66, 203.0.113.5"},
			public{host: "console.example", client: "203.0.113.5", proxied: true}},
		{"a chain of trusted proxies", "10.1.2.3:4711", false,
			map[string]string{"X-Forwarded-For": "203.0.113.5, 10.9.9.9"},
			public{host: "console.example", client: "203.0.113.5", proxied: true}},
		{"garbage in X-Forwarded-For stops the walk", "10.1.2.3:4711", false,
			map[string]string{"X-Forwarded-For": "203.0.113.5, not-an-address"},
			public{host: "console.example", client: "10.1.2.3", proxied: true}},
		{"an odd scheme is not believed", "10.1.2.3:4711", false,
			map[string]string{"X-Forwarded-Proto": "gopher"},
			public{host: "console.example", client: "10.1.2.3", proxied: true}},
		{"the first of several hosts", "10.1.2.3:4711", false,
			map[string]string{"X-Forwarded-Host": "privacy.example.com, internal:8080"},
			public{host: "privacy.example.com", client: "10.1.2.3", proxied: true}},
	}
	c, err := newConsole(newFakeService(testStart), Options{Users: testUsers(t), SessionKey: testKey(), TrustedProxies: trusted})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scheme := "http"
			if tt.tls {
				scheme = "https"
			}
			r := httptest.NewRequest(http.MethodGet, scheme+"://console.example/", nil)
			r.RemoteAddr = tt.peer
			if tt.tls {
				r.TLS = &tls.ConnectionState{}
			}
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			if got := c.public(r); got != tt.want {
				t.Errorf("public = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestStrictTransportSecurity: HSTS over TLS, or when a trusted proxy says
// https; never over plain HTTP, nor when anybody else says https.
func TestStrictTransportSecurity(t *testing.T) {
	tests := []struct {
		name, url, peer string
		proto           string
		want            bool
	}{
		{"TLS", "https://console.example/login", "192.0.2.1:1", "", true},
		{"plain HTTP", "http://console.example/login", "192.0.2.1:1", "", false},
		{"trusted proxy says https", "http://console.example/login", "127.0.0.1:1", "https", true},
		{"trusted proxy says http", "http://console.example/login", "127.0.0.1:1", "http", false},
		{"untrusted peer says https", "http://console.example/login", "192.0.2.1:1", "https", false},
	}
	e := newEnv(t)
	e.opts.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	h := e.handler()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, tt.url, nil)
			r.RemoteAddr = tt.peer
			if tt.proto != "" {
				r.Header.Set("X-Forwarded-Proto", tt.proto)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			got := rec.Result().Header.Get("Strict-Transport-Security")
			if tt.want && got != "max-age=31536000" || !tt.want && got != "" {
				t.Errorf("Strict-Transport-Security = %q, want it %v", got, tt.want)
			}
		})
	}
}

// TestRefusalLogNamesIgnoredHeaders: when a POST is refused because the
// origin did not match, the log says why, and that X-Forwarded-* from an
// untrusted address were ignored, so the administrator finds the setting.
func TestRefusalLogNamesIgnoredHeaders(t *testing.T) {
	var logs lockedBuffer
	e := newEnv(t)
	e.opts.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	e.h = e.handler()
	c := e.client()
	page := readBody(t, c.get("/login"))
	form := url.Values{"user": {testUser}, "password": {testPassword}, "csrf": {csrf(t, page)}}
	res := c.postWith("/login", form, map[string]string{"Origin": "https://privacy.example.com", "X-Forwarded-Host": "privacy.example.com"})
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("sign in = %d, want 403", res.StatusCode)
	}
	for _, want := range []string{`origin=https://privacy.example.com`, `host=console.example`, "trusted_proxies"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("refusal log lacks %q:\n%s", want, logs.String())
		}
	}
}

// TestRefusalLogNamesMissingForwardedHost: a trusted proxy that passes no
// X-Forwarded-Host (nginx's default) is named in the refusal log.
func TestRefusalLogNamesMissingForwardedHost(t *testing.T) {
	var logs lockedBuffer
	e := newEnv(t)
	e.opts.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	e.opts.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	e.h = e.handler()
	c := e.client()
	c.ip = "127.0.0.1"
	page := readBody(t, c.get("/login"))
	form := url.Values{"user": {testUser}, "password": {testPassword}, "csrf": {csrf(t, page)}}
	if res := c.postWith("/login", form, map[string]string{"Origin": "https://privacy.example.com"}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("sign in = %d, want 403", res.StatusCode)
	}
	if !strings.Contains(logs.String(), "sent no X-Forwarded-Host") {
		t.Errorf("refusal log does not say the trusted proxy sent no X-Forwarded-Host:\n%s", logs.String())
	}
}

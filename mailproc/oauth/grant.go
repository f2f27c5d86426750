package oauth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// Errors of a Grant, for callers that must tell a refusal from an outage.
var (
	// ErrRefused means the authorization server refused our credentials
	// or grant (invalid_client, invalid_grant, unauthorized_client, ...):
	// trying again will not help until an administrator fixes them.
	ErrRefused = errors.New("the authorization server refused the credentials")
	// ErrUnavailable means the token endpoint could not be reached or
	// failed (a network error, 5xx, 429): it may work later.
	ErrUnavailable = errors.New("the token endpoint is unavailable")
)

// tokenTimeout bounds one request to the token endpoint.
const tokenTimeout = 30 * time.Second

// grantFunc asks the token endpoint for a new token with ctx, which
// carries the HTTP client (golang.org/x/oauth2's HTTPClient key); now is
// the time on this machine's clock, for what it signs.
type grantFunc func(ctx context.Context, now time.Time) (*oauth2.Token, error)

// Grant is an access token from an OAuth2 authorization server, fetched
// with golang.org/x/oauth2 (client credentials, a JWT-bearer assertion or
// a refresh token) and kept until shortly before it expires. Its lifetime
// is counted on this machine's clock from the server's expires_in, so a
// clock that differs from the server's does not make it refresh late.
type Grant struct {
	*cache
	name  string // the provider, for errors and logs
	url   string // the token endpoint, for errors and logs
	grant grantFunc
	log   *slog.Logger
	http  *http.Client
	skew  skewMeter
}

// newGrant makes a Grant for the provider name whose token endpoint is
// url; a nil log discards.
func newGrant(name, url string, grant grantFunc, log *slog.Logger) *Grant {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	g := &Grant{name: name, url: url, grant: grant, log: log}
	g.http = &http.Client{Timeout: tokenTimeout, Transport: &g.skew}
	g.cache = newCache(g.fetch, time.Now)
	return g
}

// WithClock makes g read the time from now instead of the system clock,
// for tests. Call it before the first Token.
func (g *Grant) WithClock(now func() time.Time) *Grant {
	g.now = now
	g.skew.now = now
	return g
}

// fetch asks the token endpoint once. The context may carry an HTTP
// client of the caller's (oauth2.HTTPClient); its transport is wrapped to
// read the server's clock.
func (g *Grant) fetch(ctx context.Context) (string, time.Duration, error) {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, g.client(ctx))
	start := time.Now()
	tok, err := g.grant(ctx, g.now())
	if err != nil {
		err = g.explain(err)
		g.log.Warn("oauth2 token not fetched", "provider", g.name, "token_url", g.url, "err", err)
		return "", 0, err
	}
	if err := checkToken(tok.AccessToken); err != nil {
		return "", 0, fmt.Errorf("oauth2 %s token from %s: access_token: %w", g.name, g.url, err)
	}
	life := lifetime(tok, start)
	g.log.Info("oauth2 token fetched", "provider", g.name, "expires_in", life.Round(time.Second),
		"took", time.Since(start).Round(time.Millisecond))
	return tok.AccessToken, life, nil
}

// client is the HTTP client for one fetch: the caller's from ctx, if any,
// with the skew meter in front of its transport, else g's own.
func (g *Grant) client(ctx context.Context) *http.Client {
	hc, ok := ctx.Value(oauth2.HTTPClient).(*http.Client)
	if !ok || hc == nil {
		return g.http
	}
	c := *hc
	c.Transport = &skewMeter{next: hc.Transport, into: &g.skew}
	if c.Timeout == 0 {
		c.Timeout = tokenTimeout
	}
	return &c
}

// lifetime is how long tok lasts from start: the server's expires_in
// (which not every x/oauth2 grant copies into ExpiresIn), else what
// x/oauth2 made of it, to the second, else 0 (not given).
func lifetime(tok *oauth2.Token, start time.Time) time.Duration {
	if tok.ExpiresIn > 0 {
		return time.Duration(tok.ExpiresIn) * time.Second
	}
	if n, ok := tok.Extra("expires_in").(float64); ok && n > 0 {
		return time.Duration(n) * time.Second
	}
	if !tok.Expiry.IsZero() {
		return max(tok.Expiry.Sub(start).Round(time.Second), time.Second)
	}
	return 0
}

// explain turns x/oauth2's error into one that says whether the server
// refused us (ErrRefused) or could not answer (ErrUnavailable), with the
// server's error code and description but never its whole body. When the
// server's clock differs from ours by more than a minute, it says so: a
// signed assertion is then often refused as expired or not yet valid.
func (g *Grant) explain(err error) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return fmt.Errorf("oauth2 %s token from %s: %w: %w", g.name, g.url, ErrUnavailable, err)
	}
	status := 0
	if re.Response != nil {
		status = re.Response.StatusCode
	}
	kind := ErrRefused
	if status >= 500 || status == http.StatusTooManyRequests || (re.ErrorCode == "" && status != 400 && status != 401) {
		kind = ErrUnavailable
	}
	msg := fmt.Sprintf("HTTP %d", status)
	if re.ErrorCode != "" {
		msg += " " + re.ErrorCode
	}
	if re.ErrorDescription != "" {
		msg += ": " + oneLine(re.ErrorDescription)
	}
	if d := g.skew.offset(); d > time.Minute || d < -time.Minute {
		msg += fmt.Sprintf(" (this machine's clock is %s %s the token server's: check its time synchronisation)",
			abs(d).Round(time.Second), aheadOrBehind(d))
	}
	return fmt.Errorf("oauth2 %s token from %s: %w: %s", g.name, g.url, kind, msg)
}

// oneLine shortens s to one printable line of at most 300 bytes.
func oneLine(s string) string {
	out := []rune{}
	for _, r := range s {
		if r < ' ' || r == 0x7f {
			r = ' '
		}
		out = append(out, r)
	}
	s = string(out)
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func aheadOrBehind(d time.Duration) string {
	if d > 0 {
		return "ahead of"
	}
	return "behind"
}

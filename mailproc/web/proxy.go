package web

import (
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// public is what the console knows of the side of a request the browser
// sees: the host it addressed, the scheme ("https", "http", or "" when
// nothing says), and the browser's address. From a trusted reverse proxy
// they come from X-Forwarded-Host, -Proto and -For; from anybody else
// those headers are ignored.
type public struct {
	host    string
	scheme  string
	client  string
	proxied bool // the peer is a trusted proxy
}

// public works out a request's public side.
func (c *console) public(r *http.Request) public {
	peer := peerAddr(r)
	p := public{host: r.Host, client: peer.String()}
	if !peer.IsValid() {
		p.client = r.RemoteAddr
	}
	if r.TLS != nil {
		p.scheme = "https"
	}
	if !c.trusted(peer) {
		return p
	}
	p.proxied = true
	if h := firstValue(r.Header.Get("X-Forwarded-Host")); h != "" {
		p.host = h
	}
	switch proto := strings.ToLower(firstValue(r.Header.Get("X-Forwarded-Proto"))); proto {
	case "http", "https":
		p.scheme = proto
	}
	if client, ok := c.forwardedFor(r, peer); ok {
		p.client = client.String()
	}
	return p
}

// trusted reports whether an address is one of the trusted proxies.
func (c *console) trusted(a netip.Addr) bool {
	for _, p := range c.proxies {
		if a.IsValid() && p.Contains(a) {
			return true
		}
	}
	return false
}

// forwardedFor walks X-Forwarded-For from the right, past the trusted
// proxies: the first address not trusted is the browser's (a client can
// put anything on the left of the list, so nothing there is believed).
// With every hop trusted it is the leftmost; an entry that is not an
// address ends the walk at the hop before it.
func (c *console) forwardedFor(r *http.Request, peer netip.Addr) (netip.Addr, bool) {
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	last := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return last, true
		}
		a = a.Unmap()
		if !c.trusted(a) {
			return a, true
		}
		last = a
	}
	return last, len(hops) > 0
}

// peerAddr is the address the connection came from.
func peerAddr(r *http.Request) netip.Addr {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err == nil {
		return ap.Addr().Unmap()
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, _ := netip.ParseAddr(host)
	return a.Unmap()
}

// firstValue is the first of a header's comma-separated values: the one
// the first proxy, nearest the browser, wrote.
func firstValue(v string) string {
	first, _, _ := strings.Cut(v, ",")
	return strings.TrimSpace(first)
}

// secureFor reports whether a response's cookies carry Secure (and the
// __Host- prefix): always with secure_cookies, and whenever the browser is
// known to speak https.
func (c *console) secureFor(r *http.Request) bool {
	return c.secure || c.public(r).scheme == "https"
}

// sameOrigin reports whether an Origin or Referer URL names the console
// as the browser sees it. The scheme must match when it is known; when it
// is not, Secure cookies need https.
func (p public) sameOrigin(u *url.URL, secure bool) bool {
	if u.Host == "" || hostKey(u.Scheme, u.Host) != hostKey(u.Scheme, p.host) {
		return false
	}
	switch {
	case p.scheme != "":
		return u.Scheme == p.scheme
	case secure:
		return u.Scheme == "https"
	}
	return u.Scheme == "http" || u.Scheme == "https"
}

// hostKey is a host as compared: lower case, without the scheme's default
// port.
func hostKey(scheme, host string) string {
	host = strings.ToLower(host)
	switch {
	case scheme == "https":
		return strings.TrimSuffix(host, ":443")
	case scheme == "http":
		return strings.TrimSuffix(host, ":80")
	}
	return host
}

// logRefusal logs a refused request with what the origin check compared,
// and what to look at behind a proxy: X-Forwarded-* from an address not
// trusted (ignored), or a trusted proxy that sent no X-Forwarded-Host.
func (c *console) logRefusal(r *http.Request, why string) {
	p := c.public(r)
	attrs := []any{"path", r.URL.Path, "ip", p.client, "why", why,
		"origin", logText(r.Header.Get("Origin")), "host", logText(p.host)}
	switch {
	case !p.proxied && forwarded(r):
		attrs = append(attrs, "note", "X-Forwarded-* ignored: "+peerAddr(r).String()+" is not in [web] trusted_proxies")
	case p.proxied && r.Header.Get("X-Forwarded-Host") == "":
		attrs = append(attrs, "note", "the trusted proxy "+peerAddr(r).String()+" sent no X-Forwarded-Host (README: Behind a reverse proxy)")
	}
	c.log.Warn("request refused", attrs...)
}

// forwarded reports whether a request carries any X-Forwarded-* header.
func forwarded(r *http.Request) bool {
	for _, h := range []string{"X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-For"} {
		if r.Header.Get(h) != "" {
			return true
		}
	}
	return false
}

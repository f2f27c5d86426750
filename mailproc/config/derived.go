package config

import (
	"net/mail"
	"net/netip"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// Location returns the company's time zone (UTC if it cannot be loaded,
// which check has already reported).
func (c *Config) Location() *time.Location {
	if loc, ok := locations.Load(c.Company.Timezone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(c.Company.Timezone)
	if err != nil {
		return time.UTC
	}
	locations.Store(c.Company.Timezone, loc)
	return loc
}

// locations holds the time zones Location has loaded, by name: loading
// one reads and parses its file (about 6 KB allocated), and the daemon
// asks for the company's at least once for every message.
var locations sync.Map

// AnswerDays is the answer period the configuration sets for a kind of
// request, in days: [coppa] target_days for coppa; 0 for the others, due
// as their row in package cases says.
func (c *Config) AnswerDays(k cases.Kind) int {
	if k == cases.Coppa {
		return c.Coppa.TargetDays
	}
	return 0
}

// DisclosureFor returns the disclosure data of a covered year.
func (c *Config) DisclosureFor(year int) (Disclosure, bool) {
	for _, d := range c.Disclosure {
		if d.Year == year {
			return d, true
		}
	}
	return Disclosure{}, false
}

// ReplyAddress returns the bare address of reply_from.
func (c *Config) ReplyAddress() string {
	a, err := mail.ParseAddress(c.Company.ReplyFrom)
	if err != nil {
		return ""
	}
	return strings.ToLower(a.Address)
}

// OwnAddresses lists the addresses that are ours: mail from them is never
// answered.
func (c *Config) OwnAddresses() []string {
	var own []string
	for _, a := range []string{c.ReplyAddress(), c.Mailbox.Username, c.Company.StaffAddress, c.Company.ComplianceAddress} {
		if strings.Contains(a, "@") {
			if p, err := mail.ParseAddress(a); err == nil {
				own = append(own, strings.ToLower(p.Address))
			}
		}
	}
	return own
}

// ControlSocket is the path of the control socket: as configured, or
// control.sock beside the store.
func (c *Config) ControlSocket() string {
	if c.Control.Socket != "" {
		return c.Control.Socket
	}
	return filepath.Join(filepath.Dir(c.Store.Path), "control.sock")
}

// ReportsDir is where monthly reports are kept.
func (c *Config) ReportsDir() string {
	if c.Reports.Dir != "" {
		return c.Reports.Dir
	}
	return filepath.Join(filepath.Dir(c.Store.Path), "reports")
}

// SecureCookiesOn reports whether the console's cookies carry Secure.
func (w Web) SecureCookiesOn() bool { return w.SecureCookies == nil || *w.SecureCookies }

// TrustedProxyPrefixes returns [web] trusted_proxies as prefixes, a bare
// address as the prefix of that address alone (check has reported the
// ones that do not parse).
func (w Web) TrustedProxyPrefixes() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range w.TrustedProxies {
		if p, err := parseProxy(s); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// parseProxy reads an address or a CIDR prefix.
func parseProxy(s string) (netip.Prefix, error) {
	if a, err := netip.ParseAddr(s); err == nil {
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	return p.Masked(), err
}

// ScanDir is where scans of letters are kept: [letters] scan_dir, or
// scans/ beside the store.
func (c *Config) ScanDir() string {
	if c.Letters.ScanDir != "" {
		return c.Letters.ScanDir
	}
	return filepath.Join(filepath.Dir(c.Store.Path), "scans")
}

// SentCopy says where copies of replies go: folder, when it is
// configured; find, when the server's \Sent folder is to be found (else
// DefaultSentFolder); neither when no copy is appended, because
// sent_folder = "" was written or provider = "google" (Gmail files what it
// sends by itself).
func (c *Config) SentCopy() (folder string, find bool) {
	switch {
	case c.Mailbox.SentFolder != "":
		return c.Mailbox.SentFolder, false
	case c.Mailbox.NoSentCopy || (c.UsesOAuth2() && c.OAuth2.Provider == "google"):
		return "", false
	}
	return "", true
}

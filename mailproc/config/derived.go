package config

import (
	"net/mail"
	"path/filepath"
	"strings"
	"time"
)

// Location returns the company's time zone (UTC if it cannot be loaded,
// which check has already reported).
func (c *Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Company.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
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

package config

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
)

// withWeb is the minimal configuration with more TOML appended.
func withWeb(more string) string { return minimal + more }

const webUser = "\n[[web.users]]\nname = \"alice\"\npassword_hash = \"$2a$12$abcdefghijklmnopqrstuu\"\n"

func TestWebWarnings(t *testing.T) {
	tests := []struct {
		name, toml string
		want       string // "" = no warning about it
	}{
		{"plain-HTTP cookies on every interface", "\n[web]\nlisten = \"0.0.0.0:8080\"\nsecure_cookies = false\n" + webUser,
			`[web] secure_cookies: false while [web] listen "0.0.0.0:8080" is not loopback`},
		{"plain-HTTP cookies on a LAN address", "\n[web]\nlisten = \"192.0.2.7:8080\"\nsecure_cookies = false\n" + webUser,
			`[web] secure_cookies: false while [web] listen "192.0.2.7:8080" is not loopback`},
		{"plain-HTTP cookies with no host", "\n[web]\nlisten = \":8080\"\nsecure_cookies = false\n" + webUser,
			`[web] secure_cookies: false while [web] listen ":8080" is not loopback`},
		{"plain-HTTP cookies on loopback", "\n[web]\nlisten = \"127.0.0.1:8080\"\nsecure_cookies = false\n" + webUser, ""},
		{"secure cookies on every interface", "\n[web]\nlisten = \"0.0.0.0:8080\"\n" + webUser, ""},
		{"letters without a postal address", "\n[letters]\npaper = \"a4\"\n",
			`[company] postal_address: empty while [letters] is set`},
		{"letters with a postal address", "\n[letters]\npaper = \"a4\"\n", ""},
		{"no letters, no postal address", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := withWeb(tt.toml)
			if tt.name == "letters with a postal address" {
				text = strings.Replace(text, "[store]", "postal_address = [\"Cooper Inc.\", \"1 Main St\"]\n[store]", 1)
			}
			l, err := Parse("web.toml", []byte(text))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			found := slices.ContainsFunc(l.Warnings, func(w string) bool { return tt.want != "" && strings.HasPrefix(w, tt.want) })
			if tt.want != "" && !found {
				t.Errorf("warnings = %q, want one starting %q", l.Warnings, tt.want)
			}
			if tt.want == "" && len(l.Warnings) != 0 {
				t.Errorf("warnings = %q, want none", l.Warnings)
			}
		})
	}
}

func TestTrustedProxies(t *testing.T) {
	l, err := Parse("web.toml", []byte(withWeb("\n[web]\ntrusted_proxies = [\"127.0.0.1/32\", \"::1\", \"10.1.2.3\", \"192.168.0.0/16\"]\n")))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128"),
		netip.MustParsePrefix("10.1.2.3/32"), netip.MustParsePrefix("192.168.0.0/16")}
	if got := l.Web.TrustedProxyPrefixes(); !slices.Equal(got, want) {
		t.Errorf("TrustedProxyPrefixes() = %v, want %v", got, want)
	}
	if l.Web.IdleTimeout.Duration != DefaultIdleTimeout {
		t.Errorf("idle_timeout = %v, want the default %v", l.Web.IdleTimeout.Duration, DefaultIdleTimeout)
	}
}

func TestWebProblems(t *testing.T) {
	tests := []struct{ toml, want string }{
		{"\n[web]\ntrusted_proxies = [\"proxy.example\"]\n", `[web] trusted_proxies: "proxy.example": not an IP address or CIDR prefix`},
		{"\n[web]\ntrusted_proxies = [\"10.0.0.1/33\"]\n", `[web] trusted_proxies: "10.0.0.1/33": not an IP address or CIDR prefix`},
		{"\n[web]\nidle_timeout = \"0s\"\n", `[web] idle_timeout: "0s": at least 1m`},
		{"\n[web]\nidle_timeout = \"30s\"\n", `[web] idle_timeout: "30s": at least 1m`},
	}
	for _, tt := range tests {
		_, err := Parse("web.toml", []byte(withWeb(tt.toml)))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want a problem %q", tt.toml, err, tt.want)
		}
	}
	if _, err := Parse("web.toml", []byte(withWeb("\n[web]\nidle_timeout = \"15m\"\n"))); err != nil {
		t.Errorf("idle_timeout = 15m: %v", err)
	}
}

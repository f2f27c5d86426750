package service

import (
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/config"
)

// TestRedactedShowsNoSecret: the effective configuration logged at start
// says where secrets come from, never a secret or a token command (which
// may carry a refresh token).
func TestRedactedShowsNoSecret(t *testing.T) {
	c := config.Default()
	c.Mailbox.Host, c.Mailbox.Username, c.Mailbox.PasswordEnv = "imap.example.com", "support@example.com", "MAILPROC_IMAP_PASSWORD"
	c.SMTP.Auth, c.SMTP.TokenCommand = "xoauth2", "oauth-helper --refresh-token=SECRET-REFRESH"
	t.Setenv("MAILPROC_IMAP_PASSWORD", "hunter2-SECRET")
	got := Redacted(&c)
	for _, secret := range []string{"hunter2", "SECRET"} {
		if strings.Contains(got, secret) {
			t.Errorf("Redacted shows %q: %s", secret, got)
		}
	}
	for _, want := range []string{"env:MAILPROC_IMAP_PASSWORD", "xoauth2:command", "imap.example.com"} {
		if !strings.Contains(got, want) {
			t.Errorf("Redacted lacks %q: %s", want, got)
		}
	}
}

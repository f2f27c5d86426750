package service

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/oauth"
)

// sideAuth is how one side signs in: the auth value the mailbox and smtpout
// packages take, and the token source when it is OAuth2.
type sideAuth struct {
	mech  string
	token oauth.TokenSource
}

// signIn resolves [mailbox] and [smtp] auth. Sides with auth = "oauth2"
// share one token source made from [oauth2], so that IMAP and SMTP fetch
// (and rotate a refresh token) once, not each on its own.
func signIn(cfg *config.Config, log *slog.Logger) (imap, smtp sideAuth, err error) {
	var shared oauth.TokenSource
	if cfg.UsesOAuth2() {
		g, err := oauth.New(cfg.OAuth2, cfg.Mailbox.Username, log.With("part", "oauth2"))
		if err != nil {
			return sideAuth{}, sideAuth{}, fmt.Errorf("oauth2: %w", err)
		}
		shared = g
	}
	side := func(auth, file, command string) sideAuth {
		if auth == "oauth2" {
			return sideAuth{mech: strings.ToLower(cfg.OAuth2.SASLMechanism()), token: shared}
		}
		return sideAuth{mech: auth, token: oauth.Source(file, command)}
	}
	return side(cfg.Mailbox.Auth, cfg.Mailbox.TokenFile, cfg.Mailbox.TokenCommand),
		side(cfg.SMTP.Auth, cfg.SMTP.TokenFile, cfg.SMTP.TokenCommand), nil
}

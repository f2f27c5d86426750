package service

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/oauth"
	"github.com/mailproc/mailproc/mailproc/smtpout"
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
		s := cfg.OAuth2
		s.Logger = log.With("part", "oauth2")
		g, err := oauth.New(s, cfg.Mailbox.Username)
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

// connections resolves both sides' credentials and returns how to reach
// the mailbox and the SMTP sender (the caller closes it).
func connections(cfg *config.Config, log *slog.Logger) (mailbox.Config, *smtpout.Sender, error) {
	imapPass, err := password(cfg.Mailbox.Auth, cfg.MailboxPassword)
	if err != nil {
		return mailbox.Config{}, nil, err
	}
	smtpPass, err := password(cfg.SMTP.Auth, cfg.SMTPPassword)
	if err != nil {
		return mailbox.Config{}, nil, err
	}
	imapAuth, smtpAuth, err := signIn(cfg, log)
	if err != nil {
		return mailbox.Config{}, nil, err
	}
	sender, err := smtpout.New(smtpout.Config{
		Host: cfg.SMTP.Host, Port: cfg.SMTP.Port, Security: cfg.SMTP.Security, CAFile: cfg.SMTP.CAFile,
		Username: cfg.SMTP.Username, Password: smtpPass, HeloName: cfg.SMTP.HeloName,
		Auth: smtpAuth.mech, Token: smtpAuth.token, Logger: log.With("part", "smtp"),
	})
	if err != nil {
		return mailbox.Config{}, nil, fmt.Errorf("smtp: %w", err)
	}
	mcfg := mailbox.Config{
		Host: cfg.Mailbox.Host, Port: cfg.Mailbox.Port, Security: cfg.Mailbox.Security, CAFile: cfg.Mailbox.CAFile,
		Username: cfg.Mailbox.Username, Password: imapPass, Logger: log.With("part", "imap"),
		IdleRecheck: cfg.Mailbox.IdleRecheck.Duration,
		Auth:        imapAuth.mech, Token: imapAuth.token,
	}
	return mcfg, sender, nil
}

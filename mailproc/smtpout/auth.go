package smtpout

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wneessen/go-mail/smtp"

	"github.com/mailproc/mailproc/mailproc/oauth"
)

// pickAuth chooses the mechanism: the OAuth2 one cfg.Auth names, with
// token, else PLAIN, else LOGIN, from the mechanisms the server advertises.
// It fails with ErrConfig when the server offers none of them. Plain-text
// authentication is allowed only where validate allowed it: security none
// on loopback.
func pickAuth(advertised string, cfg Config, token string) (smtp.Auth, *Error) {
	offered := strings.Fields(strings.ToUpper(advertised))
	plainText := cfg.Security == SecurityNone && isLoopback(cfg.Host)
	if mech, ok := oauth.Mechanism(cfg.Auth); ok {
		return pickTokenAuth(offered, mech, cfg.Username, token, plainText)
	}
	switch {
	case slices.Contains(offered, "PLAIN"):
		return smtp.PlainAuth("", cfg.Username, cfg.Password, cfg.Host, plainText), nil
	case slices.Contains(offered, "LOGIN"):
		return smtp.LoginAuth(cfg.Username, cfg.Password, cfg.Host, plainText), nil
	}
	return nil, configError(StageAuth, fmt.Sprintf("server offers no supported AUTH mechanism (offers %s)", advertised))
}

// pickTokenAuth is XOAUTH2 or OAUTHBEARER with token, if the server offers it.
func pickTokenAuth(offered []string, mech, user, token string, plainText bool) (smtp.Auth, *Error) {
	if !slices.Contains(offered, mech) {
		return nil, configError(StageAuth, fmt.Sprintf("server does not offer AUTH %s (offers %s)", mech, strings.Join(offered, " ")))
	}
	client, err := oauth.NewSASLClient(mech, user, token)
	if err != nil {
		return nil, configError(StageAuth, err.Error())
	}
	return tokenAuth{sasl: client, plainText: plainText}, nil
}

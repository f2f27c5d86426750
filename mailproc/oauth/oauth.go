// Package oauth supplies OAuth2 access tokens for XOAUTH2 and OAUTHBEARER
// sign-in (Gmail, Microsoft 365), and the SASL messages that carry them. A
// token comes from the authorization server itself through
// golang.org/x/oauth2 (New: Microsoft's client credentials with a secret or
// a certificate, a Google service account's JWT-bearer grant, or a refresh
// token that Login stored), or from a file that another program keeps
// fresh, or from a command the configuration names. Tokens and secrets
// never appear in its errors or logs.
package oauth

import (
	"context"
	"errors"
	"strings"
)

// TokenSource gives the access token to sign in with.
type TokenSource interface {
	// Token returns a token that is not about to expire, fetching a new
	// one when needed.
	Token(ctx context.Context) (string, error)
	// Invalidate drops the cached token, so that the next Token fetches a
	// new one: the server refused it.
	Invalidate()
}

// The SASL mechanisms, as AUTH and AUTHENTICATE name them.
const (
	XOAuth2     = "XOAUTH2"
	OAuthBearer = "OAUTHBEARER"
)

// Mechanism returns the SASL mechanism for a configured auth value
// ("xoauth2" or "oauthbearer", in any case), and false for anything else,
// such as "password" or "".
func Mechanism(auth string) (string, bool) {
	switch strings.ToUpper(auth) {
	case XOAuth2:
		return XOAuth2, true
	case OAuthBearer:
		return OAuthBearer, true
	}
	return "", false
}

// Source is the token source a configuration names: the file, else the
// command (run with the default timeout); nil when it names neither.
func Source(file, command string) TokenSource {
	switch {
	case file != "":
		return FromFile(file)
	case command != "":
		return FromCommand(command, 0)
	}
	return nil
}

// checkToken makes sure a token can go into a SASL message: visible ASCII
// without spaces. The error does not show the token.
func checkToken(token string) error {
	if token == "" {
		return errors.New("empty token")
	}
	for i := 0; i < len(token); i++ {
		if token[i] <= ' ' || token[i] > '~' {
			return errors.New("the token holds a space, a control character or non-ASCII")
		}
	}
	return nil
}

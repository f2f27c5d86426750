package smtpsink

import (
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/mailproc/mailproc/mailproc/oauth"
)

// tokenMechanisms are offered when the sink takes tokens.
var tokenMechanisms = []string{oauth.XOAuth2, oauth.OAuthBearer}

// TokenEquals is an Options.AcceptToken that approves want alone.
func TokenEquals(want string) func(token string) bool {
	return func(token string) bool { return equal(token, want) }
}

// tokenAuth checks the username and token of an XOAUTH2 or OAUTHBEARER
// exchange.
func (s *session) tokenAuth(mech string) (sasl.Server, error) {
	if mech != oauth.XOAuth2 && mech != oauth.OAuthBearer {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return oauth.NewSASLServer(mech, func(user, token string) error {
		if !equal(user, s.sink.opts.Username) || !s.sink.opts.AcceptToken(token) {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

package imaptest

import (
	"crypto/subtle"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-sasl"

	"github.com/mailproc/mailproc/mailproc/oauth"
)

// errTokenRefused is a MemServer's answer to a refused OAuth2 token.
var errTokenRefused = &imap.Error{
	Type: imap.StatusResponseTypeNo,
	Code: imap.ResponseCodeAuthenticationFailed,
	Text: "Invalid credentials (Failure)",
}

// AcceptTokens makes s offer AUTHENTICATE XOAUTH2 and OAUTHBEARER besides
// PLAIN, signing in its user with any token accept approves (accept is
// called from the server's goroutines). LOGIN with the password still
// works.
func (s *MemServer) AcceptTokens(accept func(token string) bool) {
	s.tokenMu.Lock()
	defer s.tokenMu.Unlock()
	s.acceptToken = accept
}

// TokenEquals is an accept func for AcceptTokens that approves want alone.
func TokenEquals(want string) func(token string) bool {
	return func(token string) bool {
		return subtle.ConstantTimeCompare([]byte(token), []byte(want)) == 1
	}
}

// tokenCheck is the accept func given to AcceptTokens, or nil.
func (s *MemServer) tokenCheck() func(string) bool {
	s.tokenMu.Lock()
	defer s.tokenMu.Unlock()
	return s.acceptToken
}

// AuthenticateMechanisms lists PLAIN, and the OAuth2 mechanisms once the
// server accepts tokens.
func (s idlePollSession) AuthenticateMechanisms() []string {
	if s.mem.tokenCheck() == nil {
		return []string{sasl.Plain}
	}
	return []string{sasl.Plain, oauth.XOAuth2, oauth.OAuthBearer}
}

// Authenticate starts the server side of mech.
func (s idlePollSession) Authenticate(mech string) (sasl.Server, error) {
	accept := s.mem.tokenCheck()
	switch {
	case mech == sasl.Plain:
		return sasl.NewPlainServer(func(identity, username, password string) error {
			if identity != "" && identity != username {
				return &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeAuthorizationFailed, Text: "SASL identity not supported"}
			}
			return s.Login(username, password)
		}), nil
	case accept != nil && (mech == oauth.XOAuth2 || mech == oauth.OAuthBearer):
		return oauth.NewSASLServer(mech, func(user, token string) error {
			if user != s.mem.username || !accept(token) {
				return errTokenRefused
			}
			return s.Login(s.mem.username, s.mem.password)
		}), nil
	}
	return nil, &imap.Error{Type: imap.StatusResponseTypeNo, Text: "SASL mechanism not supported"}
}

var _ imapserver.SessionSASL = idlePollSession{}

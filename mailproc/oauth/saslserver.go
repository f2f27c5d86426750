package oauth

import (
	"bytes"
	"errors"
	"strings"

	"github.com/emersion/go-sasl"
)

// ErrMalformed is returned by a SASLServer for an initial response that is
// not one of its mechanism.
var ErrMalformed = errors.New("oauth: malformed initial response")

// errorChallenge is what a SASLServer sends for a refused token (RFC 7628
// § 3.2.2).
const errorChallenge = `{"status":"invalid_token","schemes":"bearer","scope":"mail"}`

// SASLServer is the server side of XOAUTH2 or OAUTHBEARER, for the test
// servers (smtpsink, imaptest.MemServer). It satisfies go-sasl's Server.
type SASLServer struct {
	mech    string
	check   func(user, token string) error
	started bool
	refusal error // check's error, returned after the client's reply to the error challenge
}

// NewSASLServer returns the server side of mech. check decides on the
// user and token the client sent: nil signs the client in; an error makes
// the server send the JSON error challenge and, after the client's reply,
// fail the exchange with that error (give the protocol's own error type, as
// go-imap and go-smtp need to answer it properly).
func NewSASLServer(mech string, check func(user, token string) error) *SASLServer {
	return &SASLServer{mech: mech, check: check}
}

// Next takes the client's response: none yet asks for the initial response
// with an empty challenge.
func (s *SASLServer) Next(response []byte) (challenge []byte, done bool, err error) {
	switch {
	case s.refusal != nil:
		return nil, true, s.refusal
	case s.started:
		return nil, true, sasl.ErrUnexpectedClientResponse
	case response == nil:
		return []byte{}, false, nil
	}
	s.started = true
	user, token, err := parseInitial(s.mech, response)
	if err != nil {
		return nil, true, err
	}
	if err := s.check(user, token); err != nil {
		s.refusal = err
		return []byte(errorChallenge), false, nil
	}
	return nil, true, nil
}

// parseInitial reads the user and token from an initial response of mech.
func parseInitial(mech string, resp []byte) (user, token string, err error) {
	var fields [][]byte
	switch mech {
	case XOAuth2:
		fields = bytes.Split(resp, []byte{0x01})
	case OAuthBearer:
		header, rest, ok := bytes.Cut(resp, []byte(",\x01"))
		name, found := strings.CutPrefix(string(header), "n,a=")
		if !ok || !found {
			return "", "", ErrMalformed
		}
		user = strings.NewReplacer("=2C", ",", "=3D", "=").Replace(name)
		fields = bytes.Split(rest, []byte{0x01})
	default:
		return "", "", ErrMalformed
	}
	for _, f := range fields {
		key, value, _ := strings.Cut(string(f), "=")
		switch {
		case key == "user" && mech == XOAuth2:
			user = value
		case key == "auth":
			token, _ = strings.CutPrefix(value, "Bearer ")
		}
	}
	if user == "" || token == "" {
		return "", "", ErrMalformed
	}
	return user, token, nil
}

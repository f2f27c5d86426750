package smtpout

import (
	"context"
	"errors"
	"fmt"

	"github.com/wneessen/go-mail/smtp"

	"github.com/mailproc/mailproc/mailproc/oauth"
)

// codeAuthFailed is the reply to credentials the server refuses
// (RFC 4954 § 6).
const codeAuthFailed = 535

// open dials a new connection, signed in as configured.
//
// With OAuth a token the server refuses (535) is invalidated, and when the
// source then gives a different one, that one is tried at once on a new
// connection: a cached token revoked or expired early costs no failed send.
// When the new token is refused too, or the source gives the same one
// again, the send fails with ErrConfig (sending pauses until an operator
// or the token's refresher fixes it; the next try fetches a token again).
func (s *Sender) open(ctx context.Context) (*session, *Error) {
	mech, isOAuth := oauth.Mechanism(s.cfg.Auth)
	if !isOAuth {
		return dial(ctx, s.cfg, s.tlsCfg, s.dial, "")
	}
	token, e := s.token(ctx)
	if e != nil {
		return nil, e
	}
	sess, e := dial(ctx, s.cfg, s.tlsCfg, s.dial, token)
	if !isTokenRefusal(e) {
		return sess, e
	}
	s.cfg.Token.Invalidate()
	fresh, fe := s.token(ctx)
	if fe != nil {
		return nil, fe
	}
	if fresh == token {
		return nil, tokenRefused(mech, e)
	}
	s.log.Info("smtp token refused; trying a new one", "server", s.cfg.addr(), "auth", mech)
	sess, e = dial(ctx, s.cfg, s.tlsCfg, s.dial, fresh)
	if isTokenRefusal(e) {
		s.cfg.Token.Invalidate()
		return nil, tokenRefused(mech, e)
	}
	return sess, e
}

// token gets a token from the source. A failure is ErrConfig (it is our
// side, not the message, that is wrong), unless ctx ended or the token
// endpoint is unavailable (oauth.ErrUnavailable): then it is temporary, at
// StageToken.
func (s *Sender) token(ctx context.Context) (string, *Error) {
	token, err := s.cfg.Token.Token(ctx)
	if err == nil {
		return token, nil
	}
	err = fmt.Errorf("get oauth token: %w", err)
	if ctx.Err() != nil || errors.Is(err, oauth.ErrUnavailable) {
		return "", &Error{Stage: StageToken, Msg: err.Error(), Err: err}
	}
	return "", &Error{Permanent: true, Stage: StageAuth, Msg: err.Error(), Err: fmt.Errorf("%w: %w", ErrConfig, err)}
}

// isTokenRefusal reports whether e is the server refusing the credentials.
func isTokenRefusal(e *Error) bool {
	return e != nil && e.Stage == StageAuth && e.Code == codeAuthFailed
}

// tokenRefused says in e, a 535 (already Permanent and ErrConfig), that it
// was the token that was refused.
func tokenRefused(mech string, e *Error) *Error {
	e.Msg = mech + " token refused: " + e.Msg
	return e
}

// tokenAuth is go-mail's Auth for XOAUTH2 or OAUTHBEARER.
type tokenAuth struct {
	sasl      *oauth.SASLClient
	plainText bool // the token may go without TLS: security none on loopback
}

// Start sends the token, over TLS unless plainText.
func (a tokenAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	if !server.TLS && !a.plainText {
		return "", nil, errors.New("refusing to send the token over a connection without TLS")
	}
	return a.sasl.Start()
}

// Next answers the server's error challenge, the only one there is.
func (a tokenAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	return a.sasl.Next(fromServer)
}

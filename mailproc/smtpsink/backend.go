package smtpsink

import (
	"crypto/subtle"
	"fmt"
	"io"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// backend makes a session per connection.
type backend struct{ sink *Sink }

// NewSession starts the session of connection c.
func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{sink: b.sink, conn: c}, nil
}

// session is the state of one connection's transaction.
type session struct {
	sink   *Sink
	conn   *smtp.Conn
	authed bool
	from   string
	to     []string
}

var (
	errAuthRequired = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}
	errRcpt4xx      = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Recipient temporarily unavailable"}
	errData4xx      = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Local error in processing, try later"}
	errData5xx      = &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "Message refused"}
)

// AuthMechanisms offers PLAIN when the sink has a username, or the OAuth2
// mechanisms instead when it takes tokens.
func (s *session) AuthMechanisms() []string {
	switch {
	case s.sink.opts.Username == "":
		return nil
	case s.sink.opts.AcceptToken != nil:
		return tokenMechanisms
	}
	return []string{sasl.Plain}
}

// Auth checks PLAIN credentials, or a token, against the sink's.
func (s *session) Auth(mech string) (sasl.Server, error) {
	if s.sink.opts.AcceptToken != nil {
		return s.tokenAuth(mech)
	}
	if mech != sasl.Plain || s.sink.opts.Username == "" {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(_, username, password string) error {
		if !equal(username, s.sink.opts.Username) || !equal(password, s.sink.opts.Password) {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

// equal compares secrets in constant time.
func equal(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// Mail starts a transaction, once authenticated where that is required.
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.sink.opts.Username != "" && !s.authed {
		return errAuthRequired
	}
	s.from, s.to = from, nil
	return nil
}

// Rcpt adds a recipient, or fails as FailRcpt4xx asks.
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if _, fail := s.sink.takeFailure(FailRcpt4xx); fail {
		return errRcpt4xx
	}
	s.to = append(s.to, to)
	return nil
}

// Data reads the message, then accepts it or fails as queued.
func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("read data: %w", err)
	}
	kind, fail := s.sink.takeFailure(Fail4xx, Fail5xx, DropAfterData, HangAfterData)
	switch {
	case fail && kind == Fail4xx:
		return errData4xx
	case fail && kind == Fail5xx:
		return errData5xx
	}
	msg := Message{From: s.from, To: append([]string(nil), s.to...), Raw: raw, Received: time.Now()}
	s.sink.record(msg)
	if fail {
		s.noReply(kind)
	}
	return nil
}

// noReply leaves the end of the data unanswered: it closes the connection
// at once (DropAfterData), or when the client does (HangAfterData). The
// reply go-smtp then writes goes nowhere.
func (s *session) noReply(kind FailKind) {
	conn := s.conn.Conn()
	if kind == HangAfterData {
		_, _ = io.Copy(io.Discard, conn)
	}
	_ = conn.Close()
}

// Reset ends the transaction.
func (s *session) Reset() { s.from, s.to = "", nil }

// Logout ends the session.
func (s *session) Logout() error { return nil }

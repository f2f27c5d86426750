package smtpout

import (
	"errors"
	"fmt"
	"net/textproto"
	"strings"
)

// ErrConfig is wrapped by an Error whose cause is the configuration rather
// than the message: the server rejected the credentials (535 and other 5xx
// replies to AUTH; with OAuth, a 535 for a token after a fresh one was
// sought, see Sender.open), demands AUTH that is not configured (530 at any
// stage), offers no AUTH mechanism we support, no OAuth token could be had,
// or go-mail refused to send the password. Such an Error is Permanent for
// this configuration: resending will not help until an operator fixes it,
// but the message itself is not at fault, so a caller should stop sending
// and alert rather than give up on the message.
var ErrConfig = errors.New("smtp configuration rejected")

// The stages of a send, named in Error.Stage.
const (
	StageEnvelope  = "envelope"    // the sender or recipients given to Send
	StageConnect   = "connect"     // dial, implicit TLS handshake, greeting
	StageHello     = "ehlo"        // EHLO (or HELO)
	StageStartTLS  = "starttls"    // STARTTLS and the handshake after it
	StageToken     = "token"       // getting the OAuth2 token, before dialling
	StageAuth      = "auth"        // AUTH
	StageMail      = "mail"        // MAIL FROM
	StageRcpt      = "rcpt"        // RCPT TO
	StageData      = "data"        // the DATA command
	StageBody      = "body"        // streaming the message, before its end
	StageEndOfData = "end of data" // the final "." and the reply to it
)

// Error is a failed send. Exactly one of three outcomes holds: Permanent,
// Unknown, or neither (Temporary).
type Error struct {
	// Permanent: the server refused for good (5xx): do not retry.
	Permanent bool
	// Unknown: the message may or may not have been accepted (the
	// connection was lost or timed out after the end of the data was sent,
	// before the reply): never resend automatically.
	Unknown bool
	Code    int    // SMTP reply code when there was one
	Stage   string // how far the transaction got: one of the Stage constants
	Msg     string // server text or cause, no secrets
	Err     error
}

// Error describes the failure: stage, outcome, code and text.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "smtp %s: %s", e.Stage, e.outcome())
	if e.Code != 0 {
		fmt.Fprintf(&b, ": %d", e.Code)
	}
	if e.Msg != "" {
		b.WriteString(": " + e.Msg)
	}
	return b.String()
}

// outcome names which of the three outcomes e is.
func (e *Error) outcome() string {
	switch {
	case e.Permanent:
		return "permanent failure"
	case e.Unknown:
		return "delivery unknown"
	}
	return "temporary failure"
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Temporary reports that the message was not accepted and may be sent
// again later: neither Permanent nor Unknown.
func (e *Error) Temporary() bool { return !e.Permanent && !e.Unknown }

// codeAuthRequired is the reply to a command that needs AUTH first
// (RFC 4954 § 6).
const codeAuthRequired = 530

// notSent classifies err met at stage, before the end of the data was
// written: a 5xx reply is permanent, anything else (4xx, network, TLS) is
// temporary.
func notSent(stage string, err error) *Error {
	var reply *textproto.Error
	if errors.As(err, &reply) {
		if reply.Code == codeAuthRequired {
			err = fmt.Errorf("%w: %w", ErrConfig, err)
		}
		return &Error{
			Permanent: reply.Code >= 500 && reply.Code <= 599,
			Code:      reply.Code,
			Stage:     stage,
			Msg:       oneLine(reply.Msg),
			Err:       err,
		}
	}
	return &Error{Stage: stage, Msg: oneLine(err.Error()), Err: err}
}

// afterEndOfData classifies err met while reading the reply to the end of
// the data: a 4xx or 5xx reply says the message was refused, anything else
// (no reply, a garbled one) leaves its fate unknown.
func afterEndOfData(err error) *Error {
	var reply *textproto.Error
	if errors.As(err, &reply) && reply.Code >= 400 && reply.Code <= 599 {
		return notSent(StageEndOfData, err)
	}
	e := notSent(StageEndOfData, err)
	e.Unknown, e.Permanent = true, false
	return e
}

// authFailed classifies a failed AUTH: like notSent, and a permanent one
// also wraps ErrConfig.
func authFailed(err error) *Error {
	e := notSent(StageAuth, err)
	if e.Code == 0 && !isNetwork(err) {
		e.Permanent = true // go-mail refused locally, e.g. to send a password in clear
	}
	if e.Permanent {
		e.Err = fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return e
}

// configError is a permanent ErrConfig failure at stage with text msg.
func configError(stage, msg string) *Error {
	return &Error{Permanent: true, Stage: stage, Msg: msg, Err: fmt.Errorf("%w: %s", ErrConfig, msg)}
}

// oneLine joins a multi-line server reply into one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Package smtpout is the only part of mailproc that sends mail over SMTP.
//
// It submits messages that are already composed, byte for byte (the caller
// appends the same bytes to the Sent folder), with the low-level client of
// go-mail (github.com/wneessen/go-mail/smtp), so that a failure can be told
// apart by how far the transaction got: refused for good (Permanent), not
// accepted and safe to retry (Temporary), or sent past the end of the data
// with no verdict (Unknown, never to be resent automatically).
//
// The message should use CRLF line endings: the dot-writer turns a bare LF
// into CRLF on the wire, which would make the sent bytes differ from the
// copy in the Sent folder.
package smtpout

import (
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"
)

// maxIdle is how long a connection may sit unused before Send replaces it
// rather than probing it: servers must wait at least five minutes for the
// next command (RFC 5321 § 4.5.3.2.7), many wait less.
const maxIdle = time.Minute

// Sender submits messages to one server, keeping one connection open
// between sends. It is safe for concurrent use; sends are serialised.
type Sender struct {
	cfg    Config
	tlsCfg *tls.Config
	log    *slog.Logger
	dial   dialFunc

	mu   sync.Mutex
	sess *session // nil when no connection is open
}

// New checks cfg, fills its defaults, and loads the CA file.
func New(cfg Config) (*Sender, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("smtp config: %w", err)
	}
	tlsCfg, err := tlsConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("smtp config: %w", err)
	}
	dialer := &net.Dialer{Timeout: cfg.Timeout}
	return &Sender{cfg: cfg, tlsCfg: tlsCfg, log: cfg.Logger, dial: dialer.DialContext}, nil
}

// Close says QUIT on the open connection, if any.
func (s *Sender) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sess != nil {
		s.sess.quit()
		s.sess = nil
	}
	return nil
}

package smtpout

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sync"
	"time"

	"github.com/wneessen/go-mail/smtp"
)

// session is one open SMTP connection, ready for MAIL FROM.
type session struct {
	client  *smtp.Client
	raw     net.Conn // the TCP connection, for deadlines
	timeout time.Duration
	used    time.Time // end of the last Send on it
	lastOK  bool      // that Send was accepted
	token   string    // OAuth2 access token for AUTH, dropped once used; "" with a password

	mu       sync.Mutex // guards canceled against arm
	canceled bool       // the watched context ended: deadlines stay in the past
	unwatch  func() bool
}

// watch makes ctx's end interrupt any I/O on s, now and later, by moving
// the deadline into the past. Call stopWatching before the next watch.
func (s *session) watch(ctx context.Context) {
	s.mu.Lock()
	s.canceled = false
	s.mu.Unlock()
	s.unwatch = context.AfterFunc(ctx, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.canceled = true
		_ = s.raw.SetDeadline(time.Unix(1, 0))
	})
}

// stopWatching ends watch; it reports false when the context ended, which
// leaves the connection unusable.
func (s *session) stopWatching() bool {
	stopped := s.unwatch()
	s.mu.Lock()
	defer s.mu.Unlock()
	return stopped && !s.canceled
}

// arm gives the next command the configured timeout, unless the watched
// context has ended.
func (s *session) arm() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.canceled {
		_ = s.raw.SetDeadline(time.Now().Add(s.timeout))
	}
}

// quit says QUIT and closes the connection, ignoring failures.
func (s *session) quit() {
	s.arm()
	_ = s.client.Quit()
	_ = s.client.Close()
}

// alive reports whether the connection still answers: RSET, which also
// clears any transaction left over from a failed send.
func (s *session) alive() bool {
	s.arm()
	return s.client.Reset() == nil
}

// dialFunc opens a TCP connection; net.Dialer.DialContext but in tests.
type dialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// dial connects to cfg's server with dialTCP and runs TLS, EHLO, STARTTLS
// and AUTH as configured, under ctx; token is the OAuth2 access token when
// cfg.Auth asks for one.
func dial(ctx context.Context, cfg Config, tlsCfg *tls.Config, dialTCP dialFunc, token string) (*session, *Error) {
	raw, err := dialTCP(ctx, "tcp", cfg.addr())
	if err != nil {
		return nil, notSent(StageConnect, err)
	}
	s := &session{raw: raw, timeout: cfg.Timeout, token: token}
	s.watch(ctx)
	if e := s.open(cfg, tlsCfg); e != nil {
		s.stopWatching()
		_ = raw.Close()
		return nil, e
	}
	return s, nil
}

// open reads the greeting over raw (or implicit TLS) and says hello.
func (s *session) open(cfg Config, tlsCfg *tls.Config) *Error {
	conn := s.raw
	if cfg.Security == SecurityTLS {
		conn = tls.Client(s.raw, tlsCfg)
	}
	s.arm()
	client, err := smtp.NewClient(conn, cfg.Host)
	if err != nil {
		return notSent(StageConnect, err)
	}
	s.client = client
	return s.hello(cfg, tlsCfg)
}

// hello runs EHLO, STARTTLS when configured, and AUTH when a username is set.
func (s *session) hello(cfg Config, tlsCfg *tls.Config) *Error {
	s.arm()
	if err := s.client.Hello(cfg.HeloName); err != nil {
		return notSent(StageHello, err)
	}
	if cfg.Security == SecurityStartTLS {
		if e := s.startTLS(tlsCfg); e != nil {
			return e
		}
	}
	if cfg.Username == "" {
		return nil
	}
	return s.authenticate(cfg)
}

// startTLS upgrades the connection; a server that does not offer STARTTLS
// fails the send (temporarily: it may be misconfigured, or the offer
// stripped on the way).
func (s *session) startTLS(tlsCfg *tls.Config) *Error {
	if ok, _ := s.client.Extension("STARTTLS"); !ok {
		msg := "server does not offer STARTTLS"
		return &Error{Stage: StageStartTLS, Msg: msg, Err: errors.New(msg)}
	}
	s.arm()
	if err := s.client.StartTLS(tlsCfg); err != nil {
		return notSent(StageStartTLS, err)
	}
	return nil
}

// authenticate logs in with PLAIN, or LOGIN where PLAIN is not offered, or
// with the OAuth2 mechanism cfg.Auth names.
func (s *session) authenticate(cfg Config) *Error {
	ok, mechs := s.client.Extension("AUTH")
	if !ok {
		return configError(StageAuth, "server offers no AUTH")
	}
	auth, e := pickAuth(mechs, cfg, s.token)
	s.token = ""
	if e != nil {
		return e
	}
	s.arm()
	if err := s.client.Auth(auth); err != nil {
		return authFailed(err)
	}
	return nil
}

// isNetwork reports whether err is a broken or timed-out connection.
func isNetwork(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed)
}

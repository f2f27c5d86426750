package mailbox

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"

	"github.com/mailproc/mailproc/mailproc/oauth"
)

// Dial connects to the server (verifying its certificate for cfg.Host),
// logs in with LOGIN, or AUTHENTICATE PLAIN where the server disables LOGIN,
// or with an OAuth2 token as cfg.Auth says (see oauthLogin), and reads the server's capabilities, hierarchy separator and namespace.
// No mailbox is selected yet. cfg.Timeout bounds the whole of Dial.
func Dial(ctx context.Context, cfg Config) (*Client, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("imap config: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	c := &Client{
		cfg:     cfg,
		log:     cfg.Logger.With("imap", cfg.address()),
		sem:     make(chan struct{}, 1),
		newMail: make(chan struct{}, 1),
	}
	opts := &imapclient.Options{
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{Mailbox: c.onMailboxUpdate},
	}
	ic, err := connect(ctx, cfg, opts)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", cfg.address(), err)
	}
	c.imap = ic
	if err := c.guarded(ctx, func() error { return c.setUp(ctx) }); err != nil {
		c.abort()
		return nil, fmt.Errorf("imap %s: %w", cfg.address(), err)
	}
	c.log.Info("imap logged in", "security", cfg.Security, "user", cfg.Username, "auth", cmp.Or(cfg.Auth, AuthPassword),
		"idle", c.caps.idle, "move", c.caps.move, "uidplus", c.caps.uidPlus)
	return c, nil
}

// connect opens the TCP connection, does the TLS handshake the config asks
// for and waits for the greeting. The connection is closed if ctx ends first.
func connect(ctx context.Context, cfg Config, opts *imapclient.Options) (*imapclient.Client, error) {
	var dialer net.Dialer
	conn, err := dialer.DialContext(ctx, "tcp", cfg.address())
	if err != nil {
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	ic, err := startSession(ctx, conn, cfg, opts)
	if err != nil {
		conn.Close()
		return nil, orContextError(ctx, err)
	}
	if err := ic.WaitGreeting(); err != nil {
		ic.Close()
		return nil, orContextError(ctx, fmt.Errorf("greeting: %w", err))
	}
	return ic, nil
}

// startSession wraps conn in TLS as cfg.Security says and starts go-imap on it.
func startSession(ctx context.Context, conn net.Conn, cfg Config, opts *imapclient.Options) (*imapclient.Client, error) {
	if cfg.Security == SecurityNone {
		return imapclient.New(conn, opts), nil
	}
	tc, err := tlsConfig(cfg)
	if err != nil {
		return nil, err
	}
	if cfg.Security == SecurityStartTLS {
		opts.TLSConfig = tc
		ic, err := imapclient.NewStartTLS(conn, opts)
		if err != nil {
			return nil, fmt.Errorf("starttls: %w", err)
		}
		return ic, nil
	}
	tlsConn, err := handshakeTLS(ctx, conn, tc)
	if err != nil {
		return nil, err
	}
	return imapclient.New(tlsConn, opts), nil
}

// handshakeTLS wraps conn in TLS with tc, offering "imap" by ALPN, and
// does the handshake.
func handshakeTLS(ctx context.Context, conn net.Conn, tc *tls.Config) (*tls.Conn, error) {
	tc.NextProtos = []string{"imap"}
	tlsConn := tls.Client(conn, tc)
	if err := tlsConn.HandshakeContext(ctx); err != nil {
		return nil, fmt.Errorf("tls handshake: %w", err)
	}
	return tlsConn, nil
}

// orContextError prefers ctx's error: when ctx ended, err is only the
// closed connection.
func orContextError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%w (%v)", ctx.Err(), err)
	}
	return err
}

// setUp logs in and learns what the server offers.
func (c *Client) setUp(ctx context.Context) error {
	if err := c.login(ctx); err != nil {
		return err
	}
	caps := c.imap.Caps()
	if caps == nil {
		return errors.New("capability: no answer")
	}
	c.caps = capabilities{
		idle:        caps.Has(imap.CapIdle),
		move:        caps.Has(imap.CapMove),
		uidPlus:     caps.Has(imap.CapUIDPlus),
		multiAppend: caps.Has(imap.Cap("MULTIAPPEND")) && caps.Has(imap.CapLiteralPlus),
	}
	names, err := c.learnNames(caps)
	if err != nil {
		return err
	}
	c.names = names
	return nil
}

// login sends the credentials. The password is in no error it returns.
func (c *Client) login(ctx context.Context) error {
	c.authMechs = authMechanisms(c.imap.Caps())
	if mech, ok := oauth.Mechanism(c.cfg.Auth); ok {
		return c.oauthLogin(ctx, mech)
	}
	caps := c.imap.Caps()
	var err error
	switch {
	case !caps.Has(imap.CapLoginDisabled):
		err = c.imap.Login(c.cfg.Username, c.cfg.Password).Wait()
	case caps.Has(imap.AuthCap(sasl.Plain)):
		err = c.imap.Authenticate(sasl.NewPlainClient("", c.cfg.Username, c.cfg.Password))
	default:
		return fmt.Errorf("log in as %q: the server allows no login on this connection (LOGINDISABLED); use security %q or %q",
			c.cfg.Username, SecurityTLS, SecurityStartTLS)
	}
	if err != nil {
		return fmt.Errorf("log in as %q: %w", c.cfg.Username, loginError(err))
	}
	return nil
}

// loginError marks the server's refusal (a NO) as ErrAuthFailed.
func loginError(err error) error {
	var imapErr *imap.Error
	if errors.As(err, &imapErr) && imapErr.Type == imap.StatusResponseTypeNo {
		return fmt.Errorf("%w: %w", ErrAuthFailed, err)
	}
	return err
}

// learnNames asks for the personal namespace (prefix and separator), or
// without NAMESPACE for the hierarchy separator alone.
func (c *Client) learnNames(caps imap.CapSet) (folderNames, error) {
	if caps.Has(imap.CapNamespace) {
		data, err := c.imap.Namespace().Wait()
		if err == nil && len(data.Personal) > 0 {
			return folderNames{prefix: data.Personal[0].Prefix, sep: data.Personal[0].Delim}, nil
		}
	}
	list, err := c.imap.List("", "", nil).Collect()
	if err != nil {
		return folderNames{}, fmt.Errorf("list hierarchy separator: %w", err)
	}
	if len(list) == 0 {
		return folderNames{}, nil
	}
	return folderNames{sep: list[0].Delim}, nil
}

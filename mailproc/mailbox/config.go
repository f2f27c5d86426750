package mailbox

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/mailproc/mailproc/mailproc/oauth"
)

// The values of Config.Security.
const (
	SecurityTLS      = "tls"      // implicit TLS, usually port 993
	SecurityStartTLS = "starttls" // plain connection upgraded by STARTTLS, usually port 143
	SecurityNone     = "none"     // plain text; only for loopback tests and demos
)

// The values of Config.Auth.
const (
	AuthPassword    = "password"    // LOGIN, or AUTHENTICATE PLAIN; "" means the same
	AuthXOAuth2     = "xoauth2"     // AUTHENTICATE XOAUTH2 with a token (Gmail, Microsoft 365)
	AuthOAuthBearer = "oauthbearer" // AUTHENTICATE OAUTHBEARER (RFC 7628) with a token
)

// defaultTimeout bounds one operation (a dial, or one method's exchange with
// the server) when Config.Timeout is zero.
const defaultTimeout = 60 * time.Second

// Config says how to reach the mailbox.
type Config struct {
	Host     string
	Port     int
	Security string // SecurityTLS, SecurityStartTLS or SecurityNone
	CAFile   string // extra PEM CA bundle added to the system pool; "" = system roots only
	Username string
	Password string            // already resolved by the caller; never appears in errors or logs
	Auth     string            // AuthPassword (or ""), AuthXOAuth2 or AuthOAuthBearer
	Token    oauth.TokenSource // gives the OAuth2 access token; needed by the OAuth Auth values
	Timeout  time.Duration     // per dial and per operation; 0 means 60s
	// IdleRecheck is how often WaitForMail ends IDLE to send NOOP, for
	// servers that announce new mail in IDLE late; 0 = never.
	IdleRecheck time.Duration
	Logger      *slog.Logger // nil discards
}

// address is host:port.
func (cfg Config) address() string {
	return net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
}

// withDefaults fills in the timeout and the logger.
func (cfg Config) withDefaults() Config {
	if cfg.Timeout <= 0 {
		cfg.Timeout = defaultTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return cfg
}

// validate reports every problem with cfg at once.
func (cfg Config) validate() error {
	var errs []error
	if cfg.Host == "" {
		errs = append(errs, errors.New("host: empty"))
	}
	if cfg.Port < 1 || cfg.Port > 65535 {
		errs = append(errs, fmt.Errorf("port: %d: not a TCP port", cfg.Port))
	}
	switch cfg.Security {
	case SecurityTLS, SecurityStartTLS, SecurityNone:
	default:
		errs = append(errs, fmt.Errorf("security: %q: want %q, %q or %q",
			cfg.Security, SecurityTLS, SecurityStartTLS, SecurityNone))
	}
	if cfg.Username == "" {
		errs = append(errs, errors.New("username: empty"))
	}
	if err := cfg.authProblem(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// authProblem reports an unknown Auth, or OAuth without a token source.
func (cfg Config) authProblem() error {
	switch cfg.Auth {
	case "", AuthPassword:
		return nil
	case AuthXOAuth2, AuthOAuthBearer:
		if cfg.Token == nil {
			return fmt.Errorf("token: no token source for auth %q", cfg.Auth)
		}
		return nil
	}
	return fmt.Errorf("auth: %q: want %q, %q or %q", cfg.Auth, AuthPassword, AuthXOAuth2, AuthOAuthBearer)
}

// tlsConfig verifies the server's certificate for cfg.Host against the
// system roots plus cfg.CAFile.
func tlsConfig(cfg Config) (*tls.Config, error) {
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if cfg.CAFile != "" {
		pem, err := os.ReadFile(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("read ca_file: %w", err)
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("ca_file %s: no PEM certificate in it", cfg.CAFile)
		}
	}
	return &tls.Config{
		ServerName: cfg.Host,
		RootCAs:    pool,
		MinVersion: tls.VersionTLS12,
	}, nil
}

package smtpout

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/oauth"
)

// The values of Config.Security.
const (
	SecurityTLS      = "tls"      // implicit TLS from the first byte (port 465)
	SecurityStartTLS = "starttls" // plain connect, then STARTTLS, which must be offered
	SecurityNone     = "none"     // plain text throughout; only by explicit configuration
)

// The values of Config.Auth.
const (
	AuthPassword    = "password"    // AUTH PLAIN, or LOGIN; "" means the same
	AuthXOAuth2     = "xoauth2"     // AUTH XOAUTH2 with a token (Gmail, Microsoft 365)
	AuthOAuthBearer = "oauthbearer" // AUTH OAUTHBEARER (RFC 7628) with a token
)

// DefaultTimeout bounds the dial and each command when Config.Timeout is zero.
const DefaultTimeout = 60 * time.Second

// Config says where and how to submit mail.
type Config struct {
	Host     string
	Port     int
	Security string            // SecurityTLS, SecurityStartTLS or SecurityNone
	CAFile   string            // extra PEM CA bundle added to the system roots
	Username string            // "" = no AUTH (a local relay)
	Password string            // resolved by the caller; never in errors or logs
	Auth     string            // AuthPassword (or ""), AuthXOAuth2 or AuthOAuthBearer
	Token    oauth.TokenSource // gives the OAuth2 access token; needed by the OAuth Auth values
	HeloName string            // default: os.Hostname()
	Timeout  time.Duration     // dial and per-command; default DefaultTimeout
	Logger   *slog.Logger      // nil discards
}

// addr is the host:port to dial.
func (cfg Config) addr() string {
	return net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port))
}

// withDefaults fills HeloName, Timeout and Logger.
func (cfg Config) withDefaults() Config {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.HeloName == "" {
		cfg.HeloName = defaultHeloName()
	}
	return cfg
}

// defaultHeloName is the host name, or "localhost" when it is unusable.
func defaultHeloName() string {
	name, err := os.Hostname()
	if err != nil || name == "" || strings.ContainsAny(name, " \r\n") {
		return "localhost"
	}
	return name
}

// validate reports every problem in cfg at once, each naming its key.
func (cfg Config) validate() error {
	var errs []error
	if cfg.Host == "" {
		errs = append(errs, errors.New("host: must not be empty"))
	}
	if cfg.Port < 1 || cfg.Port > 65535 {
		errs = append(errs, fmt.Errorf("port %d: must be 1-65535", cfg.Port))
	}
	switch cfg.Security {
	case SecurityTLS, SecurityStartTLS:
	case SecurityNone:
		if cfg.Username != "" && !isLoopback(cfg.Host) {
			errs = append(errs, fmt.Errorf("security %q: would send the credentials in plain text to %s; use tls or starttls", cfg.Security, cfg.Host))
		}
	default:
		errs = append(errs, fmt.Errorf("security %q: must be tls, starttls or none", cfg.Security))
	}
	if strings.ContainsAny(cfg.HeloName, " \r\n") {
		errs = append(errs, fmt.Errorf("helo name %q: must be one word", cfg.HeloName))
	}
	if err := cfg.authProblem(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// authProblem reports an unknown Auth, a username without its password, or
// OAuth without a username or a token source.
func (cfg Config) authProblem() error {
	switch cfg.Auth {
	case "", AuthPassword:
		if cfg.Username != "" && cfg.Password == "" {
			return errors.New("password: must be set when username is")
		}
	case AuthXOAuth2, AuthOAuthBearer:
		if cfg.Username == "" {
			return fmt.Errorf("username: must be set for auth %q", cfg.Auth)
		}
		if cfg.Token == nil {
			return fmt.Errorf("token: no token source for auth %q", cfg.Auth)
		}
	default:
		return fmt.Errorf("auth %q: must be %s, %s or %s", cfg.Auth, AuthPassword, AuthXOAuth2, AuthOAuthBearer)
	}
	return nil
}

// isLoopback reports whether host names this machine in a way go-mail's
// AUTH mechanisms also accept for plain-text authentication.
func isLoopback(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// tlsConfig is the client TLS configuration for cfg: the system roots plus
// cfg.CAFile, verifying cfg.Host.
func tlsConfig(cfg Config) (*tls.Config, error) {
	roots, err := x509.SystemCertPool()
	if err != nil {
		roots = x509.NewCertPool()
	}
	if cfg.CAFile != "" {
		pem, err := os.ReadFile(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("ca file: %w", err)
		}
		if !roots.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("ca file %s: no PEM certificates found", cfg.CAFile)
		}
	}
	return &tls.Config{ServerName: cfg.Host, RootCAs: roots, MinVersion: tls.VersionTLS12}, nil
}

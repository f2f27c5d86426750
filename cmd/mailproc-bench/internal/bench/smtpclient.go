package bench

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"strconv"

	"github.com/wneessen/go-mail/smtp"
)

// SMTPServer is where replies go.
type SMTPServer struct {
	Host     string
	Port     int
	Security string // "starttls", "tls" or "none"
	CAFile   string
	Username string // "" = no AUTH
	Password string
}

// Addr is host:port.
func (s SMTPServer) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// dialSMTP opens one SMTP connection, says EHLO, starts TLS and logs in as
// the server asks.
func dialSMTP(ctx context.Context, s SMTPServer) (*smtp.Client, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.Addr())
	if err != nil {
		return nil, fmt.Errorf("dial smtp %s: %w", s.Addr(), err)
	}
	var tc *tls.Config
	if s.Security != "none" {
		if tc, err = tlsConfig(s.Host, s.CAFile); err != nil {
			conn.Close()
			return nil, err
		}
	}
	if s.Security == "tls" {
		conn = tls.Client(conn, tc)
	}
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("smtp %s: %w", s.Addr(), err)
	}
	if err := helloSMTP(c, s, tc); err != nil {
		c.Close()
		return nil, fmt.Errorf("smtp %s: %w", s.Addr(), err)
	}
	return c, nil
}

// helloSMTP runs EHLO, STARTTLS and AUTH PLAIN as s asks.
func helloSMTP(c *smtp.Client, s SMTPServer, tc *tls.Config) error {
	if err := c.Hello("bench.localhost"); err != nil {
		return fmt.Errorf("ehlo: %w", err)
	}
	if s.Security == "starttls" {
		if err := c.StartTLS(tc); err != nil {
			return fmt.Errorf("starttls: %w", err)
		}
	}
	if s.Username == "" {
		return nil
	}
	if err := c.Auth(smtp.PlainAuth("", s.Username, s.Password, s.Host, s.Security == "none")); err != nil {
		return fmt.Errorf("auth as %s: %w", s.Username, err)
	}
	return nil
}

// sendSMTP sends one message on an open connection.
func sendSMTP(c *smtp.Client, from, to string, raw []byte) error {
	if err := c.Mail("<" + from + ">"); err != nil {
		return fmt.Errorf("mail from: %w", err)
	}
	if err := c.Rcpt("<" + to + ">"); err != nil {
		return fmt.Errorf("rcpt to: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("data: %w", err)
	}
	if _, err := w.Write(raw); err != nil {
		w.Close()
		return fmt.Errorf("data: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("end of data: %w", err)
	}
	return nil
}

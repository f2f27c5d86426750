package mailbox

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoginFailureHidesPassword(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		const wrong = "Wrong-Password-7c1f"
		var logs bytes.Buffer
		cfg := b.cfg
		cfg.Password = wrong
		cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

		c, err := Dial(testContext(t), cfg)
		if err == nil {
			c.Close()
			t.Fatalf("Dial with a wrong password = nil error, want one")
		}
		if !errors.Is(err, ErrAuthFailed) {
			t.Errorf("Dial with a wrong password = %v, want ErrAuthFailed", err)
		}
		if strings.Contains(err.Error(), wrong) {
			t.Errorf("Dial error %q contains the password", err)
		}

		cfg.Password = b.cfg.Password // and a good login logs no password either
		c, err = Dial(testContext(t), cfg)
		if err != nil {
			t.Fatalf("Dial: %v", err)
		}
		c.Close()
		for _, pw := range []string{wrong, b.cfg.Password} {
			if strings.Contains(logs.String(), pw) {
				t.Errorf("log %q contains a password", logs.String())
			}
		}
	})
}

func TestDialConfigErrors(t *testing.T) {
	good := Config{Host: "127.0.0.1", Port: 993, Security: SecurityTLS, Username: "u"}
	tests := []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"no host", func(c *Config) { c.Host = "" }, "host"},
		{"bad port", func(c *Config) { c.Port = 0 }, "port"},
		{"bad security", func(c *Config) { c.Security = "ssl" }, "security"},
		{"no username", func(c *Config) { c.Username = "" }, "username"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := good
			tt.edit(&cfg)
			_, err := Dial(testContext(t), cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Dial(%+v) = %v, want an error naming %s", cfg, err, tt.want)
			}
		})
	}
}

func TestDialTLS(t *testing.T) {
	certPEM, tlsCert := selfSignedCert(t, "localhost")
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, certPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	serverTLS := &tls.Config{Certificates: []tls.Certificate{tlsCert}}

	tests := []struct {
		name     string
		security string
		host     string
		caFile   string
		wantErr  string // "" for success
	}{
		{"implicit tls", SecurityTLS, "localhost", caFile, ""},
		{"implicit tls, unknown ca", SecurityTLS, "localhost", "", "unknown authority"},
		{"implicit tls, wrong name", SecurityTLS, "127.0.0.1", caFile, "doesn't contain any IP SANs"},
		{"starttls", SecurityStartTLS, "localhost", caFile, ""},
		{"starttls, unknown ca", SecurityStartTLS, "localhost", "", "unknown authority"},
		{"missing ca file", SecurityTLS, "localhost", caFile + ".missing", "read ca_file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			implicit, startTLS := serverTLS, (*tls.Config)(nil)
			if tt.security == SecurityStartTLS {
				implicit, startTLS = nil, serverTLS
			}
			s, err := StartMemServerTLS("u@example.test", "pw", implicit, startTLS)
			if err != nil {
				t.Fatalf("StartMemServerTLS: %v", err)
			}
			defer s.Close()
			cfg := s.Config()
			cfg.Host, cfg.Security, cfg.CAFile = tt.host, tt.security, tt.caFile

			c, err := Dial(testContext(t), cfg)
			if err == nil {
				_, err = c.Select(testContext(t), "INBOX")
				c.Close()
			}
			if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Dial(%s, host %s, ca %q) = %v, want error %q", tt.security, tt.host, tt.caFile, err, tt.wantErr)
			}
		})
	}
}

// selfSignedCert makes a certificate for dnsName that is its own CA.
func selfSignedCert(t *testing.T, dnsName string) ([]byte, tls.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: dnsName},
		DNSNames:              []string{dnsName},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func TestCloseTwice(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		c, err := Dial(testContext(t), b.cfg)
		if err != nil {
			t.Fatalf("Dial: %v", err)
		}
		if err := c.Close(); err != nil {
			t.Errorf("Close() = %v", err)
		}
		if err := c.Close(); err != nil {
			t.Errorf("second Close() = %v", err)
		}
		select {
		case <-c.Done():
		case <-time.After(5 * time.Second):
			t.Errorf("Done() not closed after Close")
		}
	})
}

func TestUIDValidityChange(t *testing.T) {
	b := newMemBackend(t)
	ctx := testContext(t)
	inbox, review := "INBOX", b.folder("Privacy/Review")
	b.seed(t, inbox, testMessage("v1@example.test", "one"), time.Now())
	b.seed(t, inbox, testMessage("v2@example.test", "two"), time.Now())
	b.seed(t, review, testMessage("r1@example.test", "review"), time.Now())
	c := b.dialSelected(t, inbox)
	before, err := c.Select(ctx, inbox)
	if err != nil {
		t.Fatalf("Select: %v", err)
	}

	if err := b.mem.ResetUIDValidity(inbox); err != nil {
		t.Fatalf("ResetUIDValidity: %v", err)
	}
	if _, err := c.FolderHasMessageID(ctx, review, "r1@example.test"); !errors.Is(err, ErrUIDValidityChanged) {
		t.Errorf("FolderHasMessageID after the change = %v, want ErrUIDValidityChanged", err)
	}
	if _, err := c.FetchSince(ctx, 0, 0); !errors.Is(err, ErrUIDValidityChanged) {
		t.Errorf("FetchSince after the change = %v, want ErrUIDValidityChanged", err)
	}
	after, err := c.Select(ctx, inbox)
	if err != nil {
		t.Fatalf("Select again: %v", err)
	}
	if after.UIDValidity == before.UIDValidity || after.Messages != before.Messages {
		t.Errorf("Select after ResetUIDValidity = %+v, before %+v: want a new UIDValidity and as many messages", after, before)
	}
	got, err := c.FetchSince(ctx, 0, 0)
	if err != nil || len(got) != 2 {
		t.Errorf("FetchSince after selecting again = %v, %v, want 2 messages", summaryUIDs(got), err)
	}
}

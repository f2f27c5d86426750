package smtpout_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/smtpout"
)

func TestNewRejectsBadConfig(t *testing.T) {
	badCA := filepath.Join(t.TempDir(), "bad.pem")
	if err := os.WriteFile(badCA, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	good := smtpout.Config{Host: "smtp.example.test", Port: 465, Security: smtpout.SecurityTLS}
	tests := []struct {
		name  string
		edit  func(*smtpout.Config)
		wants []string // each must appear in the error
	}{
		{name: "everything wrong", edit: func(c *smtpout.Config) { *c = smtpout.Config{Security: "ssl", Username: "u"} },
			wants: []string{"host: must not be empty", "port 0", `security "ssl"`, "password: must be set"}},
		{name: "password in clear to a remote host", edit: func(c *smtpout.Config) {
			c.Security, c.Username, c.Password = smtpout.SecurityNone, "u", "hunter2"
		}, wants: []string{"plain text"}},
		{name: "missing ca file", edit: func(c *smtpout.Config) { c.CAFile = filepath.Join(t.TempDir(), "none.pem") }, wants: []string{"ca file"}},
		{name: "ca file without certificates", edit: func(c *smtpout.Config) { c.CAFile = badCA }, wants: []string{"no PEM certificates"}},
		{name: "helo name with a space", edit: func(c *smtpout.Config) { c.HeloName = "my host" }, wants: []string{"helo name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := good
			tt.edit(&cfg)
			_, err := smtpout.New(cfg)
			if err == nil {
				t.Fatalf("New(%+v) = nil error, want one naming %q", cfg, tt.wants)
			}
			for _, want := range tt.wants {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("New(%+v) = %v, want it to mention %q", cfg, err, want)
				}
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("New error %q contains the password", err)
			}
		})
	}
}

func TestNewAcceptsPlainAuthOnLoopback(t *testing.T) {
	cfg := smtpout.Config{Host: "127.0.0.1", Port: 25, Security: smtpout.SecurityNone, Username: "u", Password: "p"}
	if _, err := smtpout.New(cfg); err != nil {
		t.Errorf("New(%+v) = %v, want nil", cfg, err)
	}
}

func TestSendRejectsBadEnvelope(t *testing.T) {
	sender, _ := newSender(t, smtpout.Config{Host: "127.0.0.1", Port: 1, Security: smtpout.SecurityNone})
	tests := []struct {
		name string
		from string
		to   []string
	}{
		{name: "no recipients", from: testFrom},
		{name: "empty recipient", from: testFrom, to: []string{""}},
		{name: "bracketed sender", from: "<" + testFrom + ">", to: []string{testRcpt}},
		{name: "line break in recipient", from: testFrom, to: []string{"a@example.test\r\nRCPT TO:<b@example.test>"}},
		{name: "display name", from: testFrom, to: []string{"Jane <jane@example.test>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := sender.Send(context.Background(), tt.from, tt.to, testMessage("x"))
			if got := outcome(t, err); got != "permanent" {
				t.Fatalf("Send(%q, %q) = %v (%s), want permanent", tt.from, tt.to, err, got)
			}
			checkFailure(t, err, smtpout.StageEnvelope, 0)
		})
	}
}

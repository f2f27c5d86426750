package testenv

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/mailbox/imaptest"
)

// Mailbox is an IMAP account a test owns.
type Mailbox struct {
	Kind string
	// Identity is how the account signs in on the OAuth2 kinds; nil on
	// the others.
	Identity *Identity
	cfg      mailbox.Config
	mem      *imaptest.MemServer
	conf     string // the Dovecot's configuration file, for doveadm
	t        testing.TB
}

// Message is one message in a folder.
type Message = mailbox.Message

// NewMailbox gives the test a fresh account on a server of the kind.
func NewMailbox(t testing.TB, kind string) *Mailbox {
	t.Helper()
	if kind == Courier {
		RequireCourier(t)
		host, port, _ := net.SplitHostPort(CourierAddr())
		p, _ := strconv.Atoi(port)
		cfg := mailbox.Config{Host: host, Port: p, Security: mailbox.SecurityNone, Username: unique(t) + "@example.test", Password: "secret"}
		return &Mailbox{Kind: kind, cfg: cfg, t: t}
	}
	if kind == Real {
		RequireReal(t)
		cfg := mailbox.Config{Host: "127.0.0.1", Port: 10993, Security: mailbox.SecurityTLS,
			CAFile: filepath.Join(ServersDir(), "cert.pem"), Username: unique(t) + "@example.test", Password: "secret"}
		return &Mailbox{Kind: kind, cfg: cfg, conf: filepath.Join(ServersDir(), "dovecot.conf"), t: t}
	}
	if IsOAuth(kind) {
		return newOAuthMailbox(t, kind)
	}
	mem, err := imaptest.StartMemServer("privacy@cooper.example", "secret")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mem.Close() })
	return &Mailbox{Kind: Memory, cfg: mem.Config(), mem: mem, t: t}
}

// Config is how the daemon reaches the account.
func (m *Mailbox) Config() mailbox.Config { return m.cfg }

// Append delivers a message into a folder, received at date.
func (m *Mailbox) Append(folder string, raw []byte, date time.Time, flags ...string) error {
	if m.mem != nil {
		return m.mem.Append(folder, raw, date, flags...)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return imaptest.AppendTo(ctx, m.cfg, folder, raw, date, flags...)
}

// Messages lists a folder without changing it; a folder that does not
// exist is empty.
func (m *Mailbox) Messages(folder string) []Message {
	m.t.Helper()
	if m.mem != nil {
		msgs, err := m.mem.Messages(folder)
		if err != nil && !strings.Contains(err.Error(), "no such mailbox") {
			m.t.Fatalf("list %s: %v", folder, err)
		}
		return msgs
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	msgs, err := imaptest.ListFolder(ctx, m.cfg, folder)
	if err != nil {
		if e := strings.ToLower(err.Error()); strings.Contains(e, "mailbox doesn't exist") || strings.Contains(e, "does not exist") || strings.Contains(err.Error(), "NONEXISTENT") {
			return nil
		}
		m.t.Fatalf("list %s: %v", folder, err)
	}
	return msgs
}

// ResetUIDValidity gives a folder a new UIDVALIDITY with the same messages.
func (m *Mailbox) ResetUIDValidity(folder string) error {
	if m.mem != nil {
		return m.mem.ResetUIDValidity(folder)
	}
	v := fmt.Sprint(time.Now().Unix())
	return doveadm(m.conf, "mailbox", "update", "-u", m.cfg.Username, "--uid-validity", v, folder)
}

// Restart stops and starts Dovecot (the real servers only).
func (m *Mailbox) Restart() error {
	if m.Kind != Real {
		return fmt.Errorf("only the shared Dovecot restarts")
	}
	return serversScript("restart-dovecot")
}

// StopServer stops Dovecot until StartServer (the real servers only).
func (m *Mailbox) StopServer() error { return serversScript("stop-dovecot") }

// StartServer starts Dovecot again.
func (m *Mailbox) StartServer() error { return serversScript("start-dovecot") }

// doveadm runs doveadm on the Dovecot whose configuration is conf.
func doveadm(conf string, args ...string) error {
	cmd := exec.Command("doveadm", append([]string{"-c", conf}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("doveadm %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

func serversScript(cmd string) error {
	_, file, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(file), "..", "..", "scripts", "test-servers.sh")
	c := exec.Command(script, cmd, ServersDir())
	c.WaitDelay = 10 * time.Second // a server left running must not hold the output pipe for ever
	if out, err := c.CombinedOutput(); err != nil {
		return fmt.Errorf("%s %s: %v: %s", script, cmd, err, out)
	}
	return nil
}

// newOAuthMailbox gives the test an account on the Dovecot that takes
// OAuth2 tokens only, signing in as the kind says.
func newOAuthMailbox(t testing.TB, kind string) *Mailbox {
	t.Helper()
	id := NewIdentity(t, kind, unique(t)+"@example.test")
	host, port, _ := strings.Cut(os.Getenv("MAILPROC_TEST_OAUTH_IMAP"), ":")
	p, _ := strconv.Atoi(port)
	cfg := mailbox.Config{Host: host, Port: p, Security: mailbox.SecurityTLS, CAFile: os.Getenv("MAILPROC_TEST_OAUTH_CA"),
		Username: id.User, Auth: id.Mechanism(), Token: id.Source(t)}
	return &Mailbox{Kind: kind, Identity: id, cfg: cfg, conf: filepath.Join(OAuthDir(), "dovecot.conf"), t: t}
}

// Kick makes Dovecot end the account's sessions with a BYE (doveadm
// kick), as a server does at a restart or, in Exchange's case, when the
// token a session signed in with expires.
func (m *Mailbox) Kick() error {
	if m.conf == "" {
		return fmt.Errorf("the memory server cannot kick")
	}
	return doveadm(m.conf, "kick", m.cfg.Username)
}

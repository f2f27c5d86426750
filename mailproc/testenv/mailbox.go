package testenv

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// Mailbox is an IMAP account a test owns.
type Mailbox struct {
	Kind string
	cfg  mailbox.Config
	mem  *mailbox.MemServer
	t    testing.TB
}

// Message is one message in a folder.
type Message = mailbox.MemMessage

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
		return &Mailbox{Kind: kind, cfg: cfg, t: t}
	}
	mem, err := mailbox.StartMemServer("privacy@cooper.example", "secret")
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
	return mailbox.AppendTo(ctx, m.cfg, folder, raw, date, flags...)
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
	msgs, err := mailbox.ListFolder(ctx, m.cfg, folder)
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
	return doveadm("mailbox", "update", "-u", m.cfg.Username, "--uid-validity", v, folder)
}

// Restart stops and starts Dovecot (the real servers only).
func (m *Mailbox) Restart() error {
	if m.mem != nil {
		return fmt.Errorf("the memory server cannot restart")
	}
	return serversScript("restart-dovecot")
}

// StopServer stops Dovecot until StartServer (the real servers only).
func (m *Mailbox) StopServer() error { return serversScript("stop-dovecot") }

// StartServer starts Dovecot again.
func (m *Mailbox) StartServer() error { return serversScript("start-dovecot") }

func doveadm(args ...string) error {
	cmd := exec.Command("doveadm", append([]string{"-c", filepath.Join(ServersDir(), "dovecot.conf")}, args...)...)
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

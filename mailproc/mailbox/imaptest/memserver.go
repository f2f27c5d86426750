// Package imaptest is IMAP tooling for tests and the demo, kept apart from
// the product's client (package mailbox) as go-imap keeps imapmemserver
// apart from its server: MemServer, go-imap's in-memory server on a
// loopback port, and ListFolder and AppendTo, which look into a folder or
// deliver to it on any server.
package imaptest

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// MemServer is go-imap's in-memory IMAP server (imapmemserver) on a loopback
// port, for the demo and for tests. It has one user, an INBOX, '/' as its
// hierarchy separator, and advertises IMAP4rev2, so IDLE, MOVE and UIDPLUS
// are there. It speaks plain text: dial it with security "none".
type MemServer struct {
	Addr string // 127.0.0.1:port

	username, password string
	user               *imapmemserver.User
	server             *imapserver.Server
	served             chan error
	closeOnce          sync.Once
	closeErr           error

	tokenMu     sync.Mutex
	acceptToken func(token string) bool // set by AcceptTokens; nil: no OAuth
}

// MemTLS makes a MemServer speak TLS, for the tests of a client's TLS.
type MemTLS struct {
	Implicit *tls.Config // wrap the listener: security "tls"
	StartTLS *tls.Config // offer STARTTLS: security "starttls"
}

// memIdlePoll is how often a MemServer session in IDLE looks for updates.
const memIdlePoll = 5 * time.Millisecond

// idlePollSession is an imapmemserver session whose IDLE looks for mailbox
// updates every memIdlePoll. imapserver's own IDLE (beta.8) loses an update
// that comes between its "+ idling" and the start of its wait, until the
// next update: a client would miss mail that arrives just as it idles.
type idlePollSession struct {
	imapserver.SessionIMAP4rev2
	mem *MemServer // for AUTHENTICATE (memserver_oauth.go)
}

// Idle writes pending updates until stop is closed.
func (s idlePollSession) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	ticker := time.NewTicker(memIdlePoll)
	defer ticker.Stop()
	for {
		if err := s.Poll(w, true); err != nil {
			return err
		}
		select {
		case <-stop:
			return nil
		case <-ticker.C:
		}
	}
}

// StartMemServer starts a MemServer on 127.0.0.1 with a free port.
func StartMemServer(username, password string) (*MemServer, error) {
	return StartMemServerTLS(username, password, MemTLS{})
}

// StartMemServerTLS starts a MemServer, speaking TLS as t says.
func StartMemServerTLS(username, password string, t MemTLS) (*MemServer, error) {
	mem := imapmemserver.New()
	user := imapmemserver.NewUser(username, password)
	if err := user.Create("INBOX", nil); err != nil {
		return nil, fmt.Errorf("memserver: create INBOX: %w", err)
	}
	mem.AddUser(user)
	s := &MemServer{username: username, password: password, user: user, served: make(chan error, 1)}
	s.server = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return idlePollSession{mem.NewSession().(imapserver.SessionIMAP4rev2), s}, nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
		TLSConfig:    t.StartTLS,
		Logger:       log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("memserver: listen: %w", err)
	}
	if t.Implicit != nil {
		ln = tls.NewListener(ln, t.Implicit)
	}
	s.Addr = ln.Addr().String()
	go func() { s.served <- s.server.Serve(ln) }()
	return s, nil
}

// Config is a Config that reaches s as its user, in plain text.
func (s *MemServer) Config() mailbox.Config {
	host, port, _ := net.SplitHostPort(s.Addr)
	p, _ := strconv.Atoi(port)
	return mailbox.Config{Host: host, Port: p, Security: mailbox.SecurityNone, Username: s.username, Password: s.password}
}

// Close stops the server and drops every connection. It is safe to call twice.
func (s *MemServer) Close() error {
	s.closeOnce.Do(func() {
		err := s.server.Close()
		if serveErr := <-s.served; err == nil {
			err = serveErr
		}
		if err != nil {
			s.closeErr = fmt.Errorf("memserver: close: %w", err)
		}
	})
	return s.closeErr
}

// Append stores a message in folder as if it had been delivered, creating
// the folder if it is missing. IDLEing clients that selected it hear EXISTS.
func (s *MemServer) Append(folder string, raw []byte, date time.Time, flags ...string) error {
	if _, err := s.user.Status(folder, &imap.StatusOptions{}); err != nil {
		if err := s.user.Create(folder, nil); err != nil {
			return fmt.Errorf("memserver: create %q: %w", folder, err)
		}
	}
	opts := &imap.AppendOptions{Flags: imapFlags(flags), Time: date}
	if _, err := s.user.Append(folder, bytes.NewReader(raw), opts); err != nil {
		return fmt.Errorf("memserver: append to %q: %w", folder, err)
	}
	return nil
}

// Messages returns what is in folder now, lowest UID first. It reads over
// its own IMAP connection with BODY.PEEK, so it changes no flag.
func (s *MemServer) Messages(folder string) ([]mailbox.Message, error) {
	msgs, err := ListFolder(context.Background(), s.Config(), folder)
	if err != nil {
		return nil, fmt.Errorf("memserver: %w", err)
	}
	return msgs, nil
}

// ResetUIDValidity gives folder a new UIDVALIDITY, as a server does after a
// mailbox is rebuilt: imapmemserver cannot set one, so the folder is deleted
// and created again with the same messages (same raw bytes, flags and
// dates), which get new UIDs from 1. A connection that has folder selected
// keeps seeing the old one until it selects it again.
func (s *MemServer) ResetUIDValidity(folder string) error {
	msgs, err := s.Messages(folder)
	if err != nil {
		return err
	}
	if err := s.user.Delete(folder); err != nil {
		return fmt.Errorf("memserver: delete %q: %w", folder, err)
	}
	if err := s.user.Create(folder, nil); err != nil {
		return fmt.Errorf("memserver: create %q: %w", folder, err)
	}
	for _, m := range msgs {
		if err := s.Append(folder, m.Raw, m.InternalDate, m.Flags...); err != nil {
			return err
		}
	}
	return nil
}

// imapFlags turns strings into go-imap flags.
func imapFlags(flags []string) []imap.Flag {
	out := make([]imap.Flag, len(flags))
	for i, f := range flags {
		out[i] = imap.Flag(f)
	}
	return out
}

// Package smtpsink is an in-process SMTP server that keeps what it accepts
// in memory: the receiving end of the embedded demo and of the tests of
// package smtpout. It listens on loopback only, can require AUTH PLAIN or
// an OAuth2 token (XOAUTH2, OAUTHBEARER), offer STARTTLS or implicit TLS,
// and can be told to fail the next transactions in the ways a real server
// fails.
package smtpsink

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

// Options configure a Sink; the zero value is a plain-text server without
// AUTH.
type Options struct {
	// Username and Password, when Username is set, make AUTH PLAIN
	// required before MAIL; it is allowed without TLS (loopback).
	Username, Password string
	// AcceptToken, when set with Username, makes AUTH XOAUTH2 or
	// OAUTHBEARER required instead of PLAIN: Username signs in with any
	// token AcceptToken approves (see TokenEquals). A refused token gets
	// the JSON error challenge, then 535. It is called from the server's
	// goroutines.
	AcceptToken func(token string) bool
	// TLSConfig, when set, makes the sink offer STARTTLS, or with
	// ImplicitTLS speak TLS from the first byte instead.
	TLSConfig   *tls.Config
	ImplicitTLS bool
}

// Message is one accepted message.
type Message struct {
	From     string
	To       []string
	Raw      []byte // as received, dot-stuffing removed
	Received time.Time
}

// Sink is a running server. Addr is its host:port, the same across Down
// and Up.
type Sink struct {
	Addr string
	opts Options

	mu       sync.Mutex
	server   *smtp.Server  // nil while down
	listener net.Listener  // the server's, closed by down
	served   chan struct{} // closed when the server's Serve returns
	open     map[net.Conn]struct{}
	closed   bool
	messages []Message
	arrived  chan struct{} // closed and replaced when a message arrives
	failures []FailKind    // queued by FailNext, oldest first
	conns    int
}

// Start listens on 127.0.0.1 on a free port and serves until Close.
func Start(opts Options) (*Sink, error) {
	if opts.ImplicitTLS && opts.TLSConfig == nil {
		return nil, errors.New("start smtp sink: implicit TLS needs a TLS config")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start smtp sink: %w", err)
	}
	s := &Sink{
		Addr:    ln.Addr().String(),
		opts:    opts,
		arrived: make(chan struct{}),
		open:    make(map[net.Conn]struct{}),
	}
	s.serve(ln)
	return s, nil
}

// serve starts a new go-smtp server on ln. The caller holds no lock.
func (s *Sink) serve(ln net.Listener) {
	srv := smtp.NewServer(backend{sink: s})
	srv.Domain = "smtpsink.localhost"
	srv.AllowInsecureAuth = true
	srv.EnableSMTPUTF8 = true
	srv.ErrorLog = log.New(io.Discard, "", 0)
	srv.ReadTimeout = time.Minute
	srv.WriteTimeout = time.Minute
	raw := ln
	ln = &trackingListener{Listener: ln, sink: s}
	if s.opts.ImplicitTLS {
		ln = tls.NewListener(ln, s.opts.TLSConfig)
	} else {
		srv.TLSConfig = s.opts.TLSConfig
	}
	served := make(chan struct{})
	s.mu.Lock()
	s.server, s.listener, s.served = srv, raw, served
	s.mu.Unlock()
	go func() {
		defer close(served)
		_ = srv.Serve(ln)
	}()
}

// Up listens again after FailNext(Down, …), on the same address.
func (s *Sink) Up() error {
	s.mu.Lock()
	up, closed := s.server != nil, s.closed
	s.mu.Unlock()
	if closed {
		return errors.New("smtp sink up: sink is closed")
	}
	if up {
		return nil
	}
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("smtp sink up: %w", err)
	}
	s.serve(ln)
	return nil
}

// down closes the listener, waits until the server stops accepting, then
// closes every connection. It closes them itself as well as through the
// server, which misses a listener or connection it has not registered yet.
func (s *Sink) down() {
	s.mu.Lock()
	srv, ln, served := s.server, s.listener, s.served
	s.server, s.listener = nil, nil
	s.mu.Unlock()
	if srv == nil {
		return
	}
	_ = ln.Close()
	<-served // every accepted connection is tracked by now
	_ = srv.Close()
	s.mu.Lock()
	conns := make([]net.Conn, 0, len(s.open))
	for c := range s.open {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.Close()
	}
}

// Close stops the sink for good.
func (s *Sink) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.down()
	return nil
}

// Connections is how many connections the sink has accepted so far.
func (s *Sink) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

// track records a newly accepted connection.
func (s *Sink) track(c net.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conns++
	s.open[c] = struct{}{}
}

// untrack forgets a closed connection.
func (s *Sink) untrack(c net.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.open, c)
}

// Messages returns a copy of what was accepted, in order.
func (s *Sink) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// WaitFor waits until at least n messages have arrived and returns them
// all, or returns ctx's error.
func (s *Sink) WaitFor(ctx context.Context, n int) ([]Message, error) {
	for {
		s.mu.Lock()
		if len(s.messages) >= n {
			msgs := append([]Message(nil), s.messages...)
			s.mu.Unlock()
			return msgs, nil
		}
		arrived := s.arrived
		s.mu.Unlock()
		select {
		case <-arrived:
		case <-ctx.Done():
			return nil, fmt.Errorf("wait for %d messages: %w", n, ctx.Err())
		}
	}
}

// record keeps an accepted message and wakes the waiters.
func (s *Sink) record(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages = append(s.messages, m)
	close(s.arrived)
	s.arrived = make(chan struct{})
}

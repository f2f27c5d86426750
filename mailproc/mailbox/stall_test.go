package mailbox

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// startStallServer starts a scripted IMAP server on loopback. When greet is
// false it accepts connections and never says a word. Otherwise it greets,
// logs anyone in, answers SELECT, LIST, IDLE and the rest with OK, but never
// answers the commands named in stall. It returns a Config to reach it.
func startStallServer(t *testing.T, greet bool, stall ...string) Config {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, conn := range conns {
			conn.Close()
		}
	})
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, conn)
			mu.Unlock()
			go serveScript(conn, greet, stall)
		}
	}()
	addr := ln.Addr().(*net.TCPAddr)
	return Config{Host: "127.0.0.1", Port: addr.Port, Security: SecurityNone, Username: "u", Password: "p"}
}

// serveScript plays the scripted server on one connection.
func serveScript(conn net.Conn, greet bool, stall []string) {
	defer conn.Close()
	if !greet {
		io.Copy(io.Discard, conn)
		return
	}
	fmt.Fprint(conn, "* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n")
	r := bufio.NewReader(conn)
	idleTag := ""
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		tag, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
		cmd, _, _ := strings.Cut(strings.ToUpper(rest), " ")
		switch {
		case tag == "DONE":
			fmt.Fprintf(conn, "%s OK idle done\r\n", idleTag)
		case slices.Contains(stall, cmd):
		case cmd == "IDLE":
			idleTag = tag
			fmt.Fprint(conn, "+ idling\r\n")
		default:
			fmt.Fprint(conn, scriptReply(tag, cmd))
		}
	}
}

// scriptReply is the scripted answer to one command.
func scriptReply(tag, cmd string) string {
	switch cmd {
	case "CAPABILITY":
		return "* CAPABILITY IMAP4rev1 IDLE\r\n" + tag + " OK done\r\n"
	case "LIST":
		return "* LIST () \"/\" \"\"\r\n" + tag + " OK done\r\n"
	case "SELECT", "EXAMINE":
		return "* 0 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 1] ok\r\n" + tag + " OK [READ-WRITE] done\r\n"
	case "LOGOUT":
		return "* BYE bye\r\n" + tag + " OK done\r\n"
	}
	return tag + " OK done\r\n"
}

// within runs fn and fails the test unless it returns within bound.
func within(t *testing.T, bound time.Duration, what string, fn func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- fn() }()
	select {
	case err := <-done:
		return err
	case <-time.After(bound):
		t.Fatalf("%s did not return within %v", what, bound)
		return nil
	}
}

func TestDialUnblocksOnContext(t *testing.T) {
	silent := startStallServer(t, false)
	stalledLogin := startStallServer(t, true, "LOGIN")
	for _, tt := range []struct {
		name string
		cfg  Config
	}{{"no greeting", silent}, {"no answer to login", stalledLogin}} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
			defer cancel()
			err := within(t, 5*time.Second, "Dial", func() error {
				_, err := Dial(ctx, tt.cfg)
				return err
			})
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Dial past its context = %v, want context.DeadlineExceeded", err)
			}

			tt.cfg.Timeout = 200 * time.Millisecond
			err = within(t, 5*time.Second, "Dial", func() error {
				_, err := Dial(t.Context(), tt.cfg)
				return err
			})
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Dial past Config.Timeout = %v, want context.DeadlineExceeded", err)
			}
		})
	}
}

func TestCommandUnblocksOnContext(t *testing.T) {
	cfg := startStallServer(t, true, "SELECT")
	c, err := Dial(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	defer c.Close()

	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	err = within(t, 5*time.Second, "Select", func() error {
		_, err := c.Select(ctx, "INBOX")
		return err
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Select past its context = %v, want context.DeadlineExceeded", err)
	}
	select {
	case <-c.Done():
	case <-time.After(5 * time.Second):
		t.Errorf("Done() not closed after the connection was given up")
	}
}

func TestCommandTimeout(t *testing.T) {
	cfg := startStallServer(t, true, "SELECT", "LOGOUT")
	cfg.Timeout = 200 * time.Millisecond
	c, err := Dial(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	err = within(t, 5*time.Second, "Select", func() error {
		_, err := c.Select(t.Context(), "INBOX")
		return err
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Select past Config.Timeout = %v, want context.DeadlineExceeded", err)
	}
	within(t, 5*time.Second, "Close", c.Close)
}

func TestWaitForMailUnblocksWhenIdleIsNotAnswered(t *testing.T) {
	cfg := startStallServer(t, true, "IDLE", "LOGOUT")
	cfg.Timeout = 200 * time.Millisecond // also bounds LOGOUT in Close
	c, err := Dial(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	defer c.Close()
	if _, err := c.Select(t.Context(), "INBOX"); err != nil {
		t.Fatalf("Select: %v", err)
	}

	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	err = within(t, 5*time.Second, "WaitForMail", func() error { return c.WaitForMail(ctx, time.Hour) })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("WaitForMail whose context ends before IDLE is answered = %v, want context.DeadlineExceeded", err)
	}
}

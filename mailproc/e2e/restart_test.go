package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/testenv"
)

// daemonProcess is `mailproc run` running in the background.
type daemonProcess struct {
	cmd  *exec.Cmd
	out  syncBuffer
	done chan error
}

// syncBuffer is a bytes.Buffer the process writes while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitLog waits until the daemon's log says want.
func (p *daemonProcess) waitLog(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(p.out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the daemon never logged %q\n%s", want, p.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func newCmd(s *setup, env []string) *exec.Cmd {
	cmd := exec.Command(binary, "run", "--config", s.config)
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// start runs `mailproc run` in the background with env added.
func (s *setup) start(t *testing.T, env ...string) *daemonProcess {
	p := &daemonProcess{cmd: newCmd(s, env), done: make(chan error, 1)}
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() { p.cmd.Process.Kill() })
	return p
}

// stop sends SIGTERM and waits for a clean exit.
func (p *daemonProcess) stop(t *testing.T) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("mailproc run after SIGTERM: %v\n%s", err, p.out.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("mailproc run did not stop within 30 s of SIGTERM\n%s", p.out.String())
	}
}

func (s *setup) waitReplies(t *testing.T, n int, p *daemonProcess) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := s.smtp.WaitFor(ctx, n); err != nil {
		t.Fatalf("waiting for reply %d: %v\n%s", n, err, p.out.String())
	}
}

// TestSIGTERMStopsCleanly: the daemon answers mail as it arrives and stops
// with exit status 0 on SIGTERM.
func TestSIGTERMStopsCleanly(t *testing.T) {
	for _, kind := range testenv.Kinds() {
		t.Run(kind, func(t *testing.T) {
			s := newSetup(t, kind)
			p := s.start(t)
			s.deliver("term-1@example.com")
			s.waitReplies(t, 1, p)
			p.stop(t)
		})
	}
}

// TestDisruptiveDovecotRestart restarts Dovecot under a running daemon: it
// reconnects and carries on; nothing is lost or answered twice. It stops
// the shared Dovecot, so it runs only when MAILPROC_TEST_DISRUPTIVE=1 (as
// .ci/run does, alone, after the other tests).
func TestDisruptiveDovecotRestart(t *testing.T) {
	testenv.RequireReal(t)
	if os.Getenv("MAILPROC_TEST_DISRUPTIVE") != "1" {
		t.Skip("restarts the shared Dovecot: set MAILPROC_TEST_DISRUPTIVE=1 and run it alone")
	}
	s := newSetup(t, testenv.Real)
	p := s.start(t)
	s.deliver("restart-1@example.com")
	s.waitReplies(t, 1, p)
	if err := s.imap.StopServer(); err != nil {
		t.Fatal(err)
	}
	p.waitLog(t, "reconnecting") // the daemon noticed and backs off while Dovecot is down
	if err := s.imap.StartServer(); err != nil {
		t.Fatal(err)
	}
	s.deliver("restart-2@example.com")
	s.waitReplies(t, 2, p)
	p.stop(t)
	if n := len(s.smtp.Messages()); n != 2 {
		t.Errorf("replies = %d, want 2", n)
	}
	if n := len(s.imap.Messages("Privacy/Processed")); n != 2 {
		t.Errorf("Privacy/Processed holds %d, want 2", n)
	}
	t.Logf("daemon log:\n%s", p.out.String())
}

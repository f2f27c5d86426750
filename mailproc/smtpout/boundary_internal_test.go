package smtpout

import (
	"bytes"
	"context"
	"net"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/smtpsink"
)

// faultyConn fails at the end of the data: the write of the terminating
// ".\r\n" itself (failWrite), or every read after it (failRead).
type faultyConn struct {
	net.Conn
	failWrite, failRead bool

	mu       sync.Mutex
	sentDone bool // the terminator was written
}

var terminator = []byte(".\r\n")

// Write fails the terminator when failWrite, as a reset connection would.
func (c *faultyConn) Write(p []byte) (int, error) {
	if !bytes.Equal(p, terminator) {
		return c.Conn.Write(p)
	}
	if c.failWrite {
		_ = c.Conn.Close()
		return 0, &net.OpError{Op: "write", Net: "tcp", Err: syscall.ECONNRESET}
	}
	c.mu.Lock()
	c.sentDone = true
	c.mu.Unlock()
	return c.Conn.Write(p)
}

// Read fails once the terminator is out when failRead, as a lost
// connection would.
func (c *faultyConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	lost := c.failRead && c.sentDone
	c.mu.Unlock()
	if lost {
		_ = c.Conn.Close()
		return 0, &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	}
	return c.Conn.Read(p)
}

func TestEndOfDataBoundary(t *testing.T) {
	tests := []struct {
		name        string
		failWrite   bool
		failRead    bool
		wantUnknown bool
		wantKept    int // messages the server kept
	}{
		{name: "terminator never written", failWrite: true, wantUnknown: false, wantKept: 0},
		{name: "terminator written, reply lost", failRead: true, wantUnknown: true, wantKept: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sink, err := smtpsink.Start(smtpsink.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer sink.Close()
			sender := faultySender(t, sink.Addr, &faultyConn{failWrite: tt.failWrite, failRead: tt.failRead})
			err = sender.Send(context.Background(), "a@example.test", []string{"b@example.test"}, []byte("Subject: x\r\n\r\nbody\r\n"))
			e, ok := err.(*Error)
			if !ok || e.Stage != StageEndOfData || e.Unknown != tt.wantUnknown || e.Permanent {
				t.Fatalf("Send = %v, want a failure at %q with Unknown %v", err, StageEndOfData, tt.wantUnknown)
			}
			if tt.wantKept > 0 {
				if _, err := sink.WaitFor(waitCtx(t), tt.wantKept); err != nil {
					t.Fatal(err)
				}
			}
			if got := len(sink.Messages()); got != tt.wantKept {
				t.Errorf("server kept %d messages, want %d", got, tt.wantKept)
			}
		})
	}
}

// faultySender is a Sender for addr whose connection is conn, wrapped
// around a real one.
func faultySender(t *testing.T, addr string, conn *faultyConn) *Sender {
	t.Helper()
	host, portText, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(portText)
	s, err := New(Config{Host: host, Port: port, Security: SecurityNone, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	s.dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		real, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		conn.Conn = real
		return conn, err
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

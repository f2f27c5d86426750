package smtpout_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/smtpout"
	"github.com/mailproc/mailproc/mailproc/smtpsink"
)

const (
	testFrom     = "privacy@example.test"
	testRcpt     = "jane@example.test"
	testUser     = "privacy@example.test"
	testPassword = "s3cret-Passw0rd"
)

// startSink starts a sink that the test closes when it ends.
func startSink(t *testing.T, opts smtpsink.Options) *smtpsink.Sink {
	t.Helper()
	sink, err := smtpsink.Start(opts)
	if err != nil {
		t.Fatalf("smtpsink.Start: %v", err)
	}
	t.Cleanup(func() { _ = sink.Close() })
	return sink
}

// startTLSSink starts a sink with a fresh certificate and returns the path
// of a CA file that trusts it.
func startTLSSink(t *testing.T, opts smtpsink.Options) (*smtpsink.Sink, string) {
	t.Helper()
	serverTLS, _, err := smtpsink.SelfSignedTLS()
	if err != nil {
		t.Fatalf("SelfSignedTLS: %v", err)
	}
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := smtpsink.WriteCAFile(caFile, serverTLS); err != nil {
		t.Fatalf("WriteCAFile: %v", err)
	}
	opts.TLSConfig = serverTLS
	return startSink(t, opts), caFile
}

// sinkConfig is a Config for sink's address with the given security.
func sinkConfig(t *testing.T, addr, security string) smtpout.Config {
	t.Helper()
	host, port := splitAddr(t, addr)
	return smtpout.Config{Host: host, Port: port, Security: security, HeloName: "mailproc.test", Timeout: 10 * time.Second}
}

// splitAddr splits host:port.
func splitAddr(t *testing.T, addr string) (string, int) {
	t.Helper()
	host, portText, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatalf("split %q: %v", addr, err)
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		t.Fatalf("port of %q: %v", addr, err)
	}
	return host, port
}

// newSender makes a Sender for cfg that logs into the returned buffer and
// is closed when the test ends.
func newSender(t *testing.T, cfg smtpout.Config) (*smtpout.Sender, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := smtpout.New(cfg)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, &logs
}

// testMessage is a small CRLF message; its body has a line starting with a
// dot, to check that dot-stuffing is undone.
func testMessage(id string) []byte {
	return []byte(fmt.Sprintf("From: Privacy <%s>\r\nTo: <%s>\r\nSubject: Re: test %s\r\n"+
		"Message-ID: <%s@mailproc.test>\r\nAuto-Submitted: auto-replied\r\n\r\n"+
		"Hello.\r\n.a line that starts with a dot\r\n", testFrom, testRcpt, id, id))
}

// waitCtx is a context for waiting on the sink.
func waitCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// asError returns err as an *smtpout.Error, failing the test otherwise.
func asError(t *testing.T, err error) *smtpout.Error {
	t.Helper()
	var e *smtpout.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *smtpout.Error", err, err)
	}
	return e
}

// outcome names which of the three outcomes err is.
func outcome(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return "sent"
	}
	e := asError(t, err)
	switch {
	case e.Permanent && e.Unknown:
		return "permanent+unknown (invalid)"
	case e.Permanent:
		return "permanent"
	case e.Unknown:
		return "unknown"
	case e.Temporary():
		return "temporary"
	}
	return "invalid"
}

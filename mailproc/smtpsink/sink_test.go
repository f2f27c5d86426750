package smtpsink_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/mailproc/mailproc/mailproc/smtpsink"
)

// message has a line starting with a dot, which the client dot-stuffs and
// the sink must unstuff.
const message = "Subject: hi\r\n\r\nline one\r\n.a line with a dot\r\n"

func start(t *testing.T, opts smtpsink.Options) *smtpsink.Sink {
	t.Helper()
	sink, err := smtpsink.Start(opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = sink.Close() })
	return sink
}

// send runs one transaction on c and returns the first error.
func send(c *smtp.Client, from string, to []string) error {
	if err := c.Mail(from, nil); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt, nil); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write([]byte(message)); err != nil {
		return err
	}
	return w.Close()
}

func dial(t *testing.T, addr string) *smtp.Client {
	t.Helper()
	c, err := smtp.Dial(addr)
	if err != nil {
		t.Fatalf("Dial(%s): %v", addr, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// replyCode is the SMTP code of err, or 0.
func replyCode(err error) int {
	var smtpErr *smtp.SMTPError
	if errors.As(err, &smtpErr) {
		return smtpErr.Code
	}
	return 0
}

func TestSinkRecordsMessages(t *testing.T) {
	sink := start(t, smtpsink.Options{})
	c := dial(t, sink.Addr)
	to := []string{"a@example.test", "b@example.test"}
	if err := send(c, "me@example.test", to); err != nil {
		t.Fatalf("send = %v, want nil", err)
	}
	msgs, err := sink.WaitFor(waitCtx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	got := msgs[0]
	if got.From != "me@example.test" || !slices.Equal(got.To, to) || string(got.Raw) != message || got.Received.IsZero() {
		t.Errorf("message = %+v, want from me@example.test to %q, raw %q", got, to, message)
	}
	if n := sink.Connections(); n != 1 {
		t.Errorf("Connections() = %d, want 1", n)
	}
}

func TestWaitForTimesOut(t *testing.T) {
	sink := start(t, smtpsink.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if msgs, err := sink.WaitFor(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("WaitFor(1) on an empty sink = %v, %v, want context.DeadlineExceeded", msgs, err)
	}
}

func TestWaitForWakesOnArrival(t *testing.T) {
	sink := start(t, smtpsink.Options{})
	got := make(chan int, 1)
	go func() {
		msgs, _ := sink.WaitFor(waitCtx(t), 2)
		got <- len(msgs)
	}()
	c := dial(t, sink.Addr)
	for range 2 {
		if err := send(c, "me@example.test", []string{"a@example.test"}); err != nil {
			t.Fatal(err)
		}
	}
	if n := <-got; n != 2 {
		t.Errorf("WaitFor(2) returned %d messages, want 2", n)
	}
}

func TestSinkAuth(t *testing.T) {
	tests := []struct {
		name     string
		password string // "" = do not authenticate
		wantCode int
	}{
		{name: "good password", password: "secret"},
		{name: "bad password", password: "wrong", wantCode: 535},
		{name: "no auth", wantCode: 530},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sink := start(t, smtpsink.Options{Username: "user", Password: "secret"})
			c := dial(t, sink.Addr)
			var err error
			if tt.password != "" {
				err = c.Auth(sasl.NewPlainClient("", "user", tt.password))
			}
			if err == nil {
				err = send(c, "me@example.test", []string{"a@example.test"})
			}
			if got := replyCode(err); got != tt.wantCode {
				t.Errorf("auth and send = %v (code %d), want code %d", err, got, tt.wantCode)
			}
		})
	}
}

func TestSinkOffersNoAuthWithoutUsername(t *testing.T) {
	sink := start(t, smtpsink.Options{})
	c := dial(t, sink.Addr)
	if err := c.Hello("test"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := c.Extension("AUTH"); ok {
		t.Error(`Extension("AUTH") = true, want false`)
	}
}

func TestFailNextInOrder(t *testing.T) {
	sink := start(t, smtpsink.Options{})
	sink.FailNext(smtpsink.FailRcpt4xx, 1)
	sink.FailNext(smtpsink.Fail4xx, 1)
	sink.FailNext(smtpsink.Fail5xx, 2)
	wantCodes := []int{451, 451, 554, 554, 0}
	c := dial(t, sink.Addr)
	for i, want := range wantCodes {
		err := send(c, "me@example.test", []string{"a@example.test"})
		if got := replyCode(err); got != want {
			t.Errorf("transaction %d = %v (code %d), want code %d", i+1, err, got, want)
		}
		if err := c.Reset(); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(sink.Messages()); n != 1 {
		t.Errorf("messages = %d, want 1", n)
	}
}

func TestDropAfterDataRecordsAndCloses(t *testing.T) {
	sink := start(t, smtpsink.Options{})
	sink.FailNext(smtpsink.DropAfterData, 1)
	c := dial(t, sink.Addr)
	err := send(c, "me@example.test", []string{"a@example.test"})
	if err == nil || replyCode(err) != 0 {
		t.Errorf("send with DropAfterData = %v, want a connection error without a reply", err)
	}
	if n := len(sink.Messages()); n != 1 {
		t.Errorf("messages = %d, want 1", n)
	}
}

func TestHangAfterDataRecordsAndNeverReplies(t *testing.T) {
	sink := start(t, smtpsink.Options{})
	sink.FailNext(smtpsink.HangAfterData, 1)
	c := dial(t, sink.Addr)
	c.SubmissionTimeout = 200 * time.Millisecond
	err := send(c, "me@example.test", []string{"a@example.test"})
	if err == nil || replyCode(err) != 0 {
		t.Errorf("send with HangAfterData = %v, want a timeout without a reply", err)
	}
	if n := len(sink.Messages()); n != 1 {
		t.Errorf("messages = %d, want 1", n)
	}
}

func TestDownRefusesUntilUp(t *testing.T) {
	sink := start(t, smtpsink.Options{})
	addr := sink.Addr
	c := dial(t, addr)
	// go-smtp's client reads the greeting lazily: talk once so the sink
	// has surely accepted this connection before it goes down.
	if err := c.Noop(); err != nil {
		t.Fatalf("Noop before Down = %v", err)
	}
	sink.FailNext(smtpsink.Down, 1)
	if err := c.Noop(); err == nil {
		t.Error("Noop on a connection open before Down = nil, want an error")
	}
	if c, err := smtp.Dial(addr); err == nil {
		_ = c.Close()
		t.Fatal("Dial while down = nil error, want refused")
	}
	if err := sink.Up(); err != nil {
		t.Fatalf("Up = %v", err)
	}
	if sink.Addr != addr {
		t.Errorf("Addr after Up = %s, want %s", sink.Addr, addr)
	}
	if err := send(dial(t, addr), "me@example.test", []string{"a@example.test"}); err != nil {
		t.Errorf("send after Up = %v, want nil", err)
	}
	if n := sink.Connections(); n != 2 {
		t.Errorf("Connections() = %d, want 2", n)
	}
}

func TestUpAfterCloseFails(t *testing.T) {
	sink := start(t, smtpsink.Options{})
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	if err := sink.Up(); err == nil {
		t.Error("Up after Close = nil, want an error")
	}
}

func TestSinkTLS(t *testing.T) {
	serverTLS, pool, err := smtpsink.SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	clientTLS := &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
	tests := []struct {
		name     string
		implicit bool
		dial     func(addr string) (*smtp.Client, error)
	}{
		{name: "starttls", dial: func(addr string) (*smtp.Client, error) { return smtp.DialStartTLS(addr, clientTLS) }},
		{name: "implicit", implicit: true, dial: func(addr string) (*smtp.Client, error) { return smtp.DialTLS(addr, clientTLS) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sink := start(t, smtpsink.Options{TLSConfig: serverTLS, ImplicitTLS: tt.implicit})
			c, err := tt.dial(sink.Addr)
			if err != nil {
				t.Fatalf("dial %s: %v", tt.name, err)
			}
			defer c.Close()
			if _, ok := c.TLSConnectionState(); !ok {
				t.Error("connection is not TLS")
			}
			if err := send(c, "me@example.test", []string{"a@example.test"}); err != nil {
				t.Errorf("send = %v, want nil", err)
			}
		})
	}
}

func TestWriteCAFile(t *testing.T) {
	serverTLS, _, err := smtpsink.SelfSignedTLS()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := smtpsink.WriteCAFile(path, serverTLS); err != nil {
		t.Fatal(err)
	}
	pem, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) || !bytes.HasPrefix(pem, []byte("-----BEGIN CERTIFICATE-----")) {
		t.Fatalf("WriteCAFile wrote %q, want a PEM certificate", pem)
	}
	leaf := serverTLS.Certificates[0].Leaf
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: pool, DNSName: "localhost"}); err != nil {
		t.Errorf("certificate does not verify against the CA file: %v", err)
	}
	if err := smtpsink.WriteCAFile(path, &tls.Config{}); err == nil {
		t.Error("WriteCAFile of a config without certificates = nil, want an error")
	}
}

func TestStartImplicitTLSNeedsConfig(t *testing.T) {
	if sink, err := smtpsink.Start(smtpsink.Options{ImplicitTLS: true}); err == nil {
		_ = sink.Close()
		t.Error("Start(ImplicitTLS without TLSConfig) = nil error, want one")
	}
}

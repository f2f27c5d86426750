package smtpout_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/smtpout"
	"github.com/mailproc/mailproc/mailproc/smtpsink"
)

func TestSendSecurityModes(t *testing.T) {
	tests := []struct {
		name        string
		security    string
		tls         bool
		implicitTLS bool
	}{
		{name: "plain", security: smtpout.SecurityNone},
		{name: "starttls", security: smtpout.SecurityStartTLS, tls: true},
		{name: "implicit tls", security: smtpout.SecurityTLS, tls: true, implicitTLS: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sink *smtpsink.Sink
			caFile := ""
			if tt.tls {
				sink, caFile = startTLSSink(t, smtpsink.Options{ImplicitTLS: tt.implicitTLS})
			} else {
				sink = startSink(t, smtpsink.Options{})
			}
			cfg := sinkConfig(t, sink.Addr, tt.security)
			cfg.CAFile = caFile
			sender, _ := newSender(t, cfg)
			raw := testMessage(tt.name)
			if err := sender.Send(context.Background(), testFrom, []string{testRcpt}, raw); err != nil {
				t.Fatalf("Send = %v, want nil", err)
			}
			msgs, err := sink.WaitFor(waitCtx(t), 1)
			if err != nil {
				t.Fatal(err)
			}
			got := msgs[0]
			if got.From != testFrom || !slices.Equal(got.To, []string{testRcpt}) {
				t.Errorf("envelope = %q -> %q, want %q -> [%q]", got.From, got.To, testFrom, testRcpt)
			}
			if !bytes.Equal(got.Raw, raw) {
				t.Errorf("received bytes = %q, want %q", got.Raw, raw)
			}
		})
	}
}

func TestSendTLSFailuresAreTemporary(t *testing.T) {
	plainSink := startSink(t, smtpsink.Options{})
	tlsSink, _ := startTLSSink(t, smtpsink.Options{ImplicitTLS: true})
	tests := []struct {
		name      string
		addr      string
		security  string
		wantStage string
	}{
		{name: "starttls not offered", addr: plainSink.Addr, security: smtpout.SecurityStartTLS, wantStage: smtpout.StageStartTLS},
		{name: "untrusted certificate", addr: tlsSink.Addr, security: smtpout.SecurityTLS, wantStage: smtpout.StageConnect},
		{name: "tls to a plain server", addr: plainSink.Addr, security: smtpout.SecurityTLS, wantStage: smtpout.StageConnect},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sender, _ := newSender(t, sinkConfig(t, tt.addr, tt.security))
			err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("x"))
			if got := outcome(t, err); got != "temporary" {
				t.Fatalf("Send = %v (%s), want temporary", err, got)
			}
			if e := asError(t, err); e.Stage != tt.wantStage {
				t.Errorf("Send stage = %q, want %q (%v)", e.Stage, tt.wantStage, err)
			}
		})
	}
	if n := len(plainSink.Messages()) + len(tlsSink.Messages()); n != 0 {
		t.Errorf("sinks received %d messages, want 0", n)
	}
}

func TestSendAuth(t *testing.T) {
	tests := []struct {
		name      string
		username  string
		password  string
		want      string
		wantStage string
		wantCode  int
		wantCfg   bool
	}{
		{name: "good password", username: testUser, password: testPassword, want: "sent"},
		{name: "bad password", username: testUser, password: "wrong-" + testPassword, want: "permanent", wantStage: smtpout.StageAuth, wantCode: 535, wantCfg: true},
		{name: "no credentials", want: "permanent", wantStage: smtpout.StageMail, wantCode: 530, wantCfg: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sink := startSink(t, smtpsink.Options{Username: testUser, Password: testPassword})
			cfg := sinkConfig(t, sink.Addr, smtpout.SecurityNone)
			cfg.Username, cfg.Password = tt.username, tt.password
			sender, logs := newSender(t, cfg)
			err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("auth"))
			if got := outcome(t, err); got != tt.want {
				t.Fatalf("Send = %v (%s), want %s", err, got, tt.want)
			}
			if err != nil {
				checkFailure(t, err, tt.wantStage, tt.wantCode)
				if got := errors.Is(err, smtpout.ErrConfig); got != tt.wantCfg {
					t.Errorf("errors.Is(%v, ErrConfig) = %v, want %v", err, got, tt.wantCfg)
				}
			}
			for where, text := range map[string]string{"error": errorText(err), "log": logs.String()} {
				if tt.password != "" && strings.Contains(text, tt.password) {
					t.Errorf("%s contains the password: %s", where, text)
				}
			}
		})
	}
}

// errorText is err's text, with the text of everything it wraps.
func errorText(err error) string {
	var b strings.Builder
	for err != nil {
		b.WriteString(err.Error() + "\n")
		err = errors.Unwrap(err)
	}
	return b.String()
}

// checkFailure checks the stage and code of a failed send.
func checkFailure(t *testing.T, err error, wantStage string, wantCode int) {
	t.Helper()
	e := asError(t, err)
	if e.Stage != wantStage || e.Code != wantCode {
		t.Errorf("Send failed at %q with %d, want %q with %d (%v)", e.Stage, e.Code, wantStage, wantCode, err)
	}
}

func TestSendReusesConnection(t *testing.T) {
	sink := startSink(t, smtpsink.Options{})
	sender, _ := newSender(t, sinkConfig(t, sink.Addr, smtpout.SecurityNone))
	for _, id := range []string{"one", "two", "three"} {
		if err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage(id)); err != nil {
			t.Fatalf("Send(%s) = %v, want nil", id, err)
		}
	}
	if got := sink.Connections(); got != 1 {
		t.Errorf("connections after 3 sends = %d, want 1", got)
	}
	if got := len(sink.Messages()); got != 3 {
		t.Errorf("messages after 3 sends = %d, want 3", got)
	}
	if err := sender.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	if err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("four")); err != nil {
		t.Fatalf("Send after Close = %v, want nil", err)
	}
	if got := sink.Connections(); got != 2 {
		t.Errorf("connections after Close and a send = %d, want 2", got)
	}
}

func TestSendRedialsDeadConnection(t *testing.T) {
	sink := startSink(t, smtpsink.Options{})
	sender, _ := newSender(t, sinkConfig(t, sink.Addr, smtpout.SecurityNone))
	send := func(id string) error {
		return sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage(id))
	}
	if err := send("before"); err != nil {
		t.Fatalf("Send = %v, want nil", err)
	}
	sink.FailNext(smtpsink.Down, 1) // also closes the open connection
	if err := sink.Up(); err != nil {
		t.Fatal(err)
	}
	if err := send("after"); err != nil {
		t.Fatalf("Send after the server dropped the connection = %v, want nil", err)
	}
	if got := sink.Connections(); got != 2 {
		t.Errorf("connections = %d, want 2", got)
	}
}

func TestSendNullReversePath(t *testing.T) {
	sink := startSink(t, smtpsink.Options{})
	sender, _ := newSender(t, sinkConfig(t, sink.Addr, smtpout.SecurityNone))
	if err := sender.Send(context.Background(), "", []string{testRcpt}, testMessage("null")); err != nil {
		t.Fatalf(`Send("") = %v, want nil`, err)
	}
	msgs, err := sink.WaitFor(waitCtx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	if msgs[0].From != "" {
		t.Errorf("MAIL FROM = %q, want the null path", msgs[0].From)
	}
}

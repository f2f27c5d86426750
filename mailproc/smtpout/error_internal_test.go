package smtpout

import (
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"os"
	"testing"
)

func TestNotSent(t *testing.T) {
	tests := []struct {
		name          string
		err           error
		wantPermanent bool
		wantCode      int
		wantMsg       string
	}{
		{name: "5xx", err: &textproto.Error{Code: 550, Msg: "5.1.1 no such user"}, wantPermanent: true, wantCode: 550, wantMsg: "5.1.1 no such user"},
		{name: "4xx", err: &textproto.Error{Code: 452, Msg: "4.3.1 full"}, wantCode: 452, wantMsg: "4.3.1 full"},
		{name: "wrapped 5xx", err: fmt.Errorf("ehlo: %w", &textproto.Error{Code: 554, Msg: "go away"}), wantPermanent: true, wantCode: 554, wantMsg: "go away"},
		{name: "multi-line", err: &textproto.Error{Code: 451, Msg: "try\nlater"}, wantCode: 451, wantMsg: "try later"},
		{name: "network", err: io.EOF, wantMsg: "EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := notSent(StageMail, tt.err)
			if e.Permanent != tt.wantPermanent || e.Unknown || e.Code != tt.wantCode || e.Msg != tt.wantMsg {
				t.Errorf("notSent(%v) = %+v, want permanent %v, code %d, msg %q", tt.err, e, tt.wantPermanent, tt.wantCode, tt.wantMsg)
			}
			if !errors.Is(e, tt.err) {
				t.Errorf("errors.Is(notSent(%v), cause) = false, want true", tt.err)
			}
		})
	}
}

func TestAfterEndOfData(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{name: "250 never errs; 451", err: &textproto.Error{Code: 451, Msg: "later"}, want: "temporary"},
		{name: "554", err: &textproto.Error{Code: 554, Msg: "spam"}, want: "permanent"},
		{name: "EOF", err: io.EOF, want: "unknown"},
		{name: "timeout", err: os.ErrDeadlineExceeded, want: "unknown"},
		{name: "garbled", err: textproto.ProtocolError("short response: hi"), want: "unknown"},
		{name: "odd code 354", err: &textproto.Error{Code: 354, Msg: "?"}, want: "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := afterEndOfData(tt.err).outcome(); got != wantOutcome(tt.want) {
				t.Errorf("afterEndOfData(%v) = %s, want %s", tt.err, got, wantOutcome(tt.want))
			}
		})
	}
}

// wantOutcome maps a short name to Error.outcome's text.
func wantOutcome(name string) string {
	return map[string]string{"temporary": "temporary failure", "permanent": "permanent failure", "unknown": "delivery unknown"}[name]
}

func TestAuthFailed(t *testing.T) {
	tests := []struct {
		name          string
		err           error
		wantPermanent bool
		wantConfig    bool
	}{
		{name: "535", err: &textproto.Error{Code: 535, Msg: "5.7.8 bad credentials"}, wantPermanent: true, wantConfig: true},
		{name: "454", err: &textproto.Error{Code: 454, Msg: "4.7.0 try later"}},
		{name: "connection lost", err: io.ErrUnexpectedEOF},
		{name: "refused locally", err: errors.New("unencrypted connection"), wantPermanent: true, wantConfig: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := authFailed(tt.err)
			if e.Permanent != tt.wantPermanent || errors.Is(e, ErrConfig) != tt.wantConfig {
				t.Errorf("authFailed(%v) = permanent %v, config %v; want %v, %v", tt.err, e.Permanent, errors.Is(e, ErrConfig), tt.wantPermanent, tt.wantConfig)
			}
		})
	}
}

func TestErrorText(t *testing.T) {
	tests := []struct {
		e    *Error
		want string
	}{
		{e: &Error{Permanent: true, Code: 550, Stage: StageRcpt, Msg: "no such user"}, want: "smtp rcpt: permanent failure: 550: no such user"},
		{e: &Error{Unknown: true, Stage: StageEndOfData, Msg: "EOF"}, want: "smtp end of data: delivery unknown: EOF"},
		{e: &Error{Stage: StageConnect, Msg: "connection refused"}, want: "smtp connect: temporary failure: connection refused"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if got, want := tt.e.Temporary(), !tt.e.Permanent && !tt.e.Unknown; got != want {
			t.Errorf("%q Temporary() = %v, want %v", tt.want, got, want)
		}
	}
}

func TestNeedsSMTPUTF8(t *testing.T) {
	tests := []struct {
		name string
		from string
		to   []string
		raw  string
		want bool
	}{
		{name: "ascii", from: "a@example.test", to: []string{"b@example.test"}, raw: "Subject: hi\r\n\r\nbody", want: false},
		{name: "utf-8 body only", from: "a@example.test", to: []string{"b@example.test"}, raw: "Subject: hi\r\n\r\nbodé", want: false},
		{name: "utf-8 header", from: "a@example.test", to: []string{"b@example.test"}, raw: "Subject: héllo\r\n\r\nbody", want: true},
		{name: "utf-8 recipient", from: "a@example.test", to: []string{"josé@example.test"}, raw: "Subject: hi\r\n\r\n", want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := needsSMTPUTF8(tt.from, tt.to, []byte(tt.raw)); got != tt.want {
				t.Errorf("needsSMTPUTF8(%q, %q, %q) = %v, want %v", tt.from, tt.to, tt.raw, got, tt.want)
			}
		})
	}
}

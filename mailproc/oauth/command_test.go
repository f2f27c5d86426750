package oauth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCommandOutputFormats(t *testing.T) {
	tests := []struct {
		name, command, want string
	}{
		{"token line", "echo tok-plain", "tok-plain"},
		{"token and lifetime", "printf 'tok-life\\n3599\\n'", "tok-life"},
		{"JSON", `echo '{"access_token": "tok-json", "expires_in": 3599}'`, "tok-json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromCommand(tt.command, 0).Token(t.Context())
			if err != nil || got != tt.want {
				t.Errorf("FromCommand(%q).Token() = %q, %v, want %q, nil", tt.command, got, err, tt.want)
			}
		})
	}
}

func TestCommandRefreshesBeforeExpiry(t *testing.T) {
	tests := []struct {
		name    string
		format  string        // the command's printf format
		refresh time.Duration // when the token is replaced
	}{
		{"an hour's lifetime: 5 minutes before", "tok-%s\\n3600\\n", 55 * time.Minute},
		{"ten minutes: a tenth before", "tok-%s\\n600", 9 * time.Minute},
		{"no lifetime: taken as an hour", "tok-%s\\n", 55 * time.Minute},
		{"JSON, two hours", `{"access_token":"tok-%s","expires_in":"7200"}`, 115 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd, runs := countingCommand(t, tt.format)
			clock := newFakeClock()
			src := FromCommand(cmd, 0).WithClock(clock.Now)
			wantToken(t, src, "tok-1")
			clock.Advance(tt.refresh - time.Second)
			wantToken(t, src, "tok-1")
			clock.Advance(time.Second)
			wantToken(t, src, "tok-2")
			if n := runs(); n != 2 {
				t.Errorf("command ran %d times, want 2", n)
			}
		})
	}
}

func TestCommandInvalidate(t *testing.T) {
	cmd, runs := countingCommand(t, "tok-%s\\n3600")
	src := FromCommand(cmd, 0).WithClock(newFakeClock().Now)
	wantToken(t, src, "tok-1")
	wantToken(t, src, "tok-1")
	src.Invalidate()
	wantToken(t, src, "tok-2")
	if n := runs(); n != 2 {
		t.Errorf("command ran %d times, want 2", n)
	}
}

func TestCommandFailureHidesTheToken(t *testing.T) {
	const secret = "SECRET-tok-9f2"
	tests := []struct {
		name, command, want string
	}{
		{"exit status", "echo " + secret + "; echo 'refresh token revoked' >&2; exit 3", "token command: exit status 3: refresh token revoked"},
		{"no output", "true", "token command output: no token"},
		{"bad lifetime", "printf '" + secret + "\\nlater'", "token command output: second line: not a lifetime"},
		{"too long", "yes " + secret + " | head -c 100000", "output longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromCommand(tt.command, 0).Token(t.Context())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Token() error = %v, want one saying %q", err, tt.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("Token() error = %q, shows the token or the command", err)
			}
		})
	}
}

func TestCommandTimeout(t *testing.T) {
	src := FromCommand("sleep 30", 50*time.Millisecond)
	start := time.Now()
	_, err := src.Token(t.Context())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Token() of a hanging command = %v, want DeadlineExceeded", err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("Token() of a hanging command took %s", took)
	}
}

// A failed refresh keeps the token until it expires.
func TestCommandKeepsTokenWhenRefreshFails(t *testing.T) {
	cmd, runs := countingCommand(t, "tok-%s\\n3600")
	clock := newFakeClock()
	src := FromCommand(cmd+"; [ $n -lt 2 ]", 0).WithClock(clock.Now) // fails from the second run on
	wantToken(t, src, "tok-1")
	clock.Advance(56 * time.Minute)
	wantToken(t, src, "tok-1")
	clock.Advance(4 * time.Minute)
	if got, err := src.Token(t.Context()); err == nil {
		t.Errorf("Token() after expiry with a failing command = %q, want an error", got)
	}
	if n := runs(); n != 3 {
		t.Errorf("command ran %d times, want 3", n)
	}
}

// wantToken fails the test unless src gives want.
func wantToken(t *testing.T, src TokenSource, want string) {
	t.Helper()
	got, err := src.Token(t.Context())
	if err != nil || got != want {
		t.Fatalf("Token() = %q, %v, want %q, nil", got, err, want)
	}
}

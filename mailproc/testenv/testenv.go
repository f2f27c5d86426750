// Package testenv gives tests a mailbox and an SMTP server to run the
// daemon against: go-imap's in-memory server and an in-process SMTP sink
// always, and the real Dovecot and mailpit that scripts/test-servers.sh
// starts when its environment (MAILPROC_TEST_SERVERS, written to DIR/env)
// is set. Each test gets its own Dovecot user and its own reply address, so
// tests do not see each other's mail. Only tests import it.
package testenv

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"
)

// Kinds of server a test can run against.
const (
	Memory = "memory" // in-process: always there
	Real   = "real"   // Dovecot + mailpit from scripts/test-servers.sh
	// Courier is Courier-IMAP from `scripts/test-servers.sh start-courier`
	// (a server without MOVE, with the "INBOX." prefix and '.' separator),
	// with the in-process SMTP server. Kinds does not list it: tests that
	// need a server without MOVE ask for it by name.
	Courier = "courier"
)

// Kinds lists the kinds available here with password sign-in: always
// Memory, and Real when the servers' environment is set.
func Kinds() []string {
	if ServersDir() != "" {
		return []string{Memory, Real}
	}
	return []string{Memory}
}

// AllKinds is Kinds and, when Hydra's environment is set
// (MAILPROC_TEST_OAUTH), the OAuth2 kinds OAuthClientCredentials and
// OAuthJWTBearer: the daemon's suite runs on them too.
func AllKinds() []string {
	return append(Kinds(), oauthKinds()...)
}

// ServersDir is the directory of the running real servers, or "".
func ServersDir() string { return os.Getenv("MAILPROC_TEST_SERVERS") }

// RequireReal skips a test that needs the real servers when they are not
// running, saying how to start them.
func RequireReal(t testing.TB) {
	t.Helper()
	if ServersDir() == "" {
		t.Skip("needs Dovecot and mailpit: run scripts/test-servers.sh install && scripts/test-servers.sh start DIR && . DIR/env (.ci/run does this)")
	}
}

// CourierAddr is the address of the running Courier-IMAP, or "".
func CourierAddr() string {
	addr, _, _ := strings.Cut(os.Getenv("MAILPROC_TEST_COURIER"), ",")
	return addr
}

// RequireCourier skips a test that needs Courier-IMAP when it does not
// run, saying how to start it.
func RequireCourier(t testing.TB) {
	t.Helper()
	if CourierAddr() == "" {
		t.Skip("needs Courier-IMAP: run scripts/test-servers.sh start-courier DIR && . DIR/env-courier (.ci/run does this)")
	}
}

// unique returns a fresh name part for a test: its name, cleaned, and a
// random suffix.
func unique(t testing.TB) string {
	b := make([]byte, 4)
	rand.Read(b)
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return '-'
	}, t.Name())
	if len(name) > 40 {
		name = name[len(name)-40:]
	}
	return strings.Trim(name, "-") + "-" + hex.EncodeToString(b)
}

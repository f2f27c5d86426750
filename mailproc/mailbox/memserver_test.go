package mailbox

import "crypto/tls"

// MemServer is the in-memory IMAP server of package imaptest, as the
// tests of this package use it. imaptest imports mailbox, so these tests
// cannot import it: imaptest_test.go, in package mailbox_test, sets
// StartMemServer, StartMemServerTLS and TokenEquals before any test runs.
type MemServer interface {
	Config() Config
	Close() error
	ResetUIDValidity(folder string) error
	AcceptTokens(accept func(token string) bool)
}

var (
	// StartMemServer is imaptest.StartMemServer.
	StartMemServer func(username, password string) (MemServer, error)
	// StartMemServerTLS is imaptest.StartMemServerTLS: implicit TLS, or
	// STARTTLS offered.
	StartMemServerTLS func(username, password string, implicit, startTLS *tls.Config) (MemServer, error)
	// TokenEquals is imaptest.TokenEquals.
	TokenEquals func(want string) func(token string) bool
)

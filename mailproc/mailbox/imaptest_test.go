package mailbox_test

import (
	"crypto/tls"

	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/mailbox/imaptest"
)

// init gives the tests of package mailbox the in-memory server, which
// they cannot import themselves (see memserver_test.go).
func init() {
	mailbox.StartMemServer = func(username, password string) (mailbox.MemServer, error) {
		return imaptest.StartMemServer(username, password)
	}
	mailbox.StartMemServerTLS = func(username, password string, implicit, startTLS *tls.Config) (mailbox.MemServer, error) {
		return imaptest.StartMemServerTLS(username, password, imaptest.MemTLS{Implicit: implicit, StartTLS: startTLS})
	}
	mailbox.TokenEquals = imaptest.TokenEquals
}

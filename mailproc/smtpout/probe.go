package smtpout

import (
	"context"
	"strings"
)

// probedExtensions are the SMTP extensions Probe looks for.
var probedExtensions = []string{"AUTH", "STARTTLS", "SIZE", "8BITMIME", "SMTPUTF8", "PIPELINING", "CHUNKING",
	"BINARYMIME", "DSN", "ENHANCEDSTATUSCODES", "REQUIRETLS"}

// Probe signs in as a Send would (TLS, EHLO, STARTTLS, AUTH) and says
// QUIT, sending nothing. It returns the server's greeting to EHLO and the
// extensions it offered (with their parameters, such as "AUTH XOAUTH2
// PLAIN"). For `mailproc config check --connect`.
func (s *Sender) Probe(ctx context.Context) (greeting string, extensions []string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, e := s.open(ctx)
	if e != nil {
		return "", nil, e
	}
	sess.stopWatching()
	defer sess.quit()
	for _, name := range probedExtensions {
		if ok, params := sess.client.Extension(name); ok {
			extensions = append(extensions, strings.TrimSpace(name+" "+params))
		}
	}
	return strings.TrimSpace(sess.client.HelloResponse()), extensions, nil
}

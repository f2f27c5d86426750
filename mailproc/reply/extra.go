package reply

import (
	"fmt"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// setExtra adds optional headers, refusing bad names and the headers
// Compose sets itself; values are made one line.
func setExtra(m *gomail.Msg, extra map[string]string) error {
	for name, value := range extra {
		if !isFieldName(name) {
			return fmt.Errorf("extra header %q: not a header name", name)
		}
		if isComposeHeader(name) {
			return fmt.Errorf("extra header %s: set by compose", name)
		}
		m.SetGenHeader(gomail.Header(name), oneLine(value))
	}
	return nil
}

// isFieldName reports whether name is letters, digits and '-'.
func isFieldName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-'
		if !ok {
			return false
		}
	}
	return true
}

// isComposeHeader reports the headers Compose owns (and the address and
// MIME headers nobody may add).
func isComposeHeader(name string) bool {
	switch strings.ToLower(name) {
	case "from", "to", "cc", "bcc", "reply-to", "sender", "return-path",
		"subject", "date", "message-id", "in-reply-to", "references",
		"auto-submitted", "x-auto-response-suppress", "mime-version",
		"content-type", "content-transfer-encoding":
		return true
	}
	return false
}

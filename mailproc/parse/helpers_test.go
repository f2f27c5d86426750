package parse

import (
	"strings"
)

// eml joins lines with CRLF, as a message comes off the wire.
func eml(lines ...string) []byte {
	return []byte(strings.Join(lines, "\r\n"))
}

// basicHeader is a header for test messages, ending with the given
// Content-Type lines (without the empty line that ends the header).
func basicHeader(contentType ...string) []string {
	h := []string{
		"From: Jane Doe <jane@example.com>",
		"To: privacy@example.com",
		"Subject: Request for California Privacy Information",
		"Date: Mon, 06 Jan 2025 10:00:00 -0800",
		"Message-ID: <test-1@example.com>",
		"MIME-Version: 1.0",
	}
	return append(h, contentType...)
}

// buildMessage builds a message of basicHeader(contentType...), an empty line
// and the body lines.
func buildMessage(contentType []string, body ...string) []byte {
	lines := append(basicHeader(contentType...), "")
	return eml(append(lines, body...)...)
}

func plainType() []string {
	return []string{"Content-Type: text/plain; charset=utf-8"}
}

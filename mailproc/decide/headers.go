package decide

import (
	"strings"

	"github.com/mailproc/mailproc/mailproc/parse"
)

// noReplyAddress says why a message cannot be answered: no usable From
// address, or one of our own (a loop).
func noReplyAddress(h parse.Header, own []string) string {
	from := strings.ToLower(strings.TrimSpace(h.From.Email))
	if from == "" || !strings.Contains(from, "@") {
		return "no From address to answer"
	}
	for _, o := range own {
		if strings.EqualFold(from, strings.TrimSpace(o)) {
			return "From is our own address"
		}
	}
	return ""
}

// dmarcFailed reports whether an Authentication-Results field added by a
// trusted server (its authserv-id is the first token) says dmarc=fail.
func dmarcFailed(h parse.Header, trusted []string) bool {
	if len(trusted) == 0 {
		return false
	}
	for _, v := range h.Values("Authentication-Results") {
		id, rest, _ := strings.Cut(v, ";")
		if !trustedID(strings.TrimSpace(id), trusted) {
			continue
		}
		if strings.Contains(strings.ToLower(rest), "dmarc=fail") {
			return true
		}
	}
	return false
}

func trustedID(id string, trusted []string) bool {
	if f := strings.Fields(id); len(f) > 0 {
		id = f[0] // "mx.example.com 1;" carries a version after the id
	}
	for _, t := range trusted {
		if strings.EqualFold(id, t) {
			return true
		}
	}
	return false
}

package reply

import (
	"fmt"
	"net/mail"
	"strings"
)

// Limits on the Message-IDs a reply carries.
const (
	maxMsgIDLen   = 250
	maxReferences = 20
)

// MessageID builds the fixed Message-ID of one case's reply from one
// template, "<caseID>.<template>@<domain of from>", without angle brackets.
// The same case and template always give the same ID, so a reply can be
// recognised when it comes back (a bounce, a follow-up).
func MessageID(caseID, template, from string) (string, error) {
	if !isIDWord(caseID) {
		return "", fmt.Errorf("message-id: case id %q: want letters, digits, '.', '_' or '-'", caseID)
	}
	if !isIDWord(template) {
		return "", fmt.Errorf("message-id: template %q: want letters, digits, '.', '_' or '-'", template)
	}
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return "", fmt.Errorf("message-id: from %q: %w", from, err)
	}
	domain := strings.ToLower(addr.Address[strings.LastIndexByte(addr.Address, '@')+1:])
	if !isIDWord(domain) {
		return "", fmt.Errorf("message-id: from %q: domain %q is not a plain domain name", from, domain)
	}
	return caseID + "." + template + "@" + domain, nil
}

// isIDWord reports whether s is a non-empty run of letters, digits, '.', '_'
// and '-', which is safe on either side of a Message-ID's '@'.
func isIDWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '.' || r == '_' || r == '-'
		if !ok {
			return false
		}
	}
	return true
}

// trimMsgID removes white space and one pair of angle brackets.
func trimMsgID(id string) string {
	id = strings.TrimSpace(id)
	if strings.HasPrefix(id, "<") && strings.HasSuffix(id, ">") {
		id = id[1 : len(id)-1]
	}
	return id
}

// isSafeMsgID reports whether id (without brackets) can stand in a header
// as it is: printable ASCII without spaces or angle brackets, and not too
// long. Message-IDs of incoming mail are written by senders, so they are
// checked before they reach In-Reply-To or References.
func isSafeMsgID(id string) bool {
	if id == "" || len(id) > maxMsgIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c <= ' ' || c > '~' || c == '<' || c == '>' {
			return false
		}
	}
	return true
}

// references returns the safe, distinct IDs of refs with inReplyTo last (if
// safe and not already there). Over maxReferences it keeps the first (the
// thread's start) and the most recent ones, as RFC 5322 § 3.6.4 suggests.
func references(refs []string, inReplyTo string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, id := range append(refs[:len(refs):len(refs)], inReplyTo) {
		id = trimMsgID(id)
		if !isSafeMsgID(id) || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	if len(out) > maxReferences {
		out = append(out[:1], out[len(out)-maxReferences+1:]...)
	}
	return out
}

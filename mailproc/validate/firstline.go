// Package validate reads what a request's text gives — the first line of
// the description, the requester's name and address for a california
// request, the child's and parent's details for a coppa request — and says
// what is missing (SPEC §3). It does no I/O.
package validate

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// maxSalutation is the longest line that can be a salutation.
const maxSalutation = 60

var salutation = regexp.MustCompile(`(?i)^(hi|hello|hey|dear|greetings|good (morning|afternoon|evening|day)|to whom it may concern)\b`)

// Lines splits text into lines with surrounding white space trimmed.
func Lines(text string) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return lines
}

// FirstLine returns the first line of a request's description: the first
// non-blank line, after skipping one salutation line ("Hi", "Dear …",
// "To whom it may concern", at most 60 characters).
func FirstLine(text string) string {
	skipped := false
	for _, l := range Lines(text) {
		if l == "" {
			continue
		}
		if !skipped && isSalutation(l) {
			skipped = true
			continue
		}
		return l
	}
	return ""
}

func isSalutation(line string) bool {
	return utf8.RuneCountInString(line) <= maxSalutation && salutation.MatchString(line)
}

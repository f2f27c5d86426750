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

// Lines splits text into lines with surrounding white space trimmed. A
// line ends at LF, CRLF or a CR alone (as old Mac text has it), so that no
// line holds a line break.
func Lines(text string) []string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return lines
}

// FirstLine returns the first line of a request's description: the first
// non-blank line, after skipping one salutation line ("Hi", "Dear …",
// "To whom it may concern", at most 60 characters). A salutation that says
// the request phrase itself is the first line. A message that is only a
// forward starts where the forwarded message does: its marker and header
// lines are skipped.
func FirstLine(text string) string {
	lines := skipForwardHeader(Lines(text))
	skipped := false
	for _, l := range lines {
		if l == "" {
			continue
		}
		if !skipped && isSalutation(l) && !strings.Contains(strings.ToLower(l), requestPhrase) {
			skipped = true
			continue
		}
		return l
	}
	return ""
}

// requestPhrase is what the first line must say, lower case.
const requestPhrase = "california privacy rights request"

var (
	forwardMarker = regexp.MustCompile(`(?i)^(-{2,}\s*(forwarded message|original message)\s*-{2,}|begin forwarded message:?)$`)
	forwardField  = regexp.MustCompile(`(?i)^(from|to|cc|date|sent|subject|reply-to)\s*:`)
)

// skipForwardHeader drops a forward's marker and header block when it is
// the first thing in the text.
func skipForwardHeader(lines []string) []string {
	i := 0
	for i < len(lines) && lines[i] == "" {
		i++
	}
	if i == len(lines) || !forwardMarker.MatchString(lines[i]) {
		return lines
	}
	for i++; i < len(lines) && (lines[i] == "" || forwardField.MatchString(lines[i])); i++ {
	}
	return lines[i:]
}

func isSalutation(line string) bool {
	return utf8.RuneCountInString(line) <= maxSalutation && salutation.MatchString(line)
}

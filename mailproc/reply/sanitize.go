package reply

import (
	"strings"
	"unicode"
)

// Limits on what reaches a header.
const (
	maxSubjectRunes = 250
	maxNameRunes    = 100
)

// oneLine makes s safe for one header line: control characters (CR, LF, TAB,
// NUL, the C1 set) and other white space become spaces, bidirectional
// overrides and invalid UTF-8 are dropped, runs of spaces fold to one and the
// ends are trimmed.
func oneLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == unicode.ReplacementChar || isBidiControl(r):
			continue
		case unicode.IsControl(r) || unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isBidiControl reports the embedding, override and isolate controls, which
// can make a subject or name display in a misleading order.
func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// truncateRunes cuts s to at most n runes and trims trailing space.
func truncateRunes(s string, n int) string {
	count := 0
	for i := range s {
		if count == n {
			return strings.TrimRight(s[:i], " ")
		}
		count++
	}
	return s
}

// reSubject is the subject of a reply to a message with subject s:
// "Re: " + s, without doubling an existing leading "Re:" in any case.
func reSubject(s string) string {
	s = oneLine(s)
	if hasRePrefix(s) {
		return s
	}
	if s == "" {
		return "Re:"
	}
	return "Re: " + s
}

// hasRePrefix reports whether s starts with "Re:" (any case, spaces allowed
// before the colon).
func hasRePrefix(s string) bool {
	if len(s) < 2 || !strings.EqualFold(s[:2], "re") {
		return false
	}
	return strings.HasPrefix(strings.TrimLeft(s[2:], " "), ":")
}

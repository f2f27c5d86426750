// Package classify decides what a message is: from its subject, a
// california or coppa request or a near miss of one; from its header, its
// parts and the start of its text, mail made by a machine (SPEC §2). It
// does no I/O.
package classify

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s as classification compares it: Unicode NFKC, lower
// case, every run of white space (and of dash-like or invisible characters
// that mail clients insert) folded to one space, trimmed.
func Normalize(s string) string {
	if isASCII(s) {
		return normalizeASCII(s)
	}
	return normalizeUnicode(s)
}

// normalizeUnicode is Normalize for any text.
func normalizeUnicode(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			space = true
			continue
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad':
			continue
		case unicode.IsControl(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// normalizeASCII is Normalize for ASCII text, which NFKC leaves as it is:
// the same result, byte by byte.
func normalizeASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c == 0x7f {
			space = true // white space and control characters
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// ContainsPhrase reports whether text contains phrase once both are
// normalised.
func ContainsPhrase(text, phrase string) bool {
	return strings.Contains(Normalize(text), Normalize(phrase))
}

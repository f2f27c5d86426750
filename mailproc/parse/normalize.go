package parse

import (
	"io"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// normalizeText makes text safe and plain for the readers after us: CRLF
// and CR become LF; C0 controls other than LF and TAB, DEL and C1 controls
// are removed (C1 bytes left by a Latin-1 decode are read as Windows-1252);
// no-break spaces become spaces; zero-width characters are removed; U+2011
// becomes '-'; invalid UTF-8 is read as Windows-1252.
func normalizeText(s string) string {
	return mapRunes(decodeMixedString(s), false)
}

// cleanHeaderText is normalizeText for a one-line header value: line breaks
// and tabs become spaces and the result is trimmed.
func cleanHeaderText(s string) string {
	return strings.TrimSpace(mapRunes(decodeMixedString(s), true))
}

func mapRunes(s string, oneLine bool) string {
	start := keptPrefix(s, oneLine)
	if start == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:start])
	for i := start; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == '\r' {
			if i < len(s) && s[i] == '\n' {
				continue
			}
			r = '\n'
		}
		if oneLine && (r == '\n' || r == '\t') {
			r = ' '
		}
		if m, keep := mapRune(r); keep {
			b.WriteRune(m)
		}
	}
	return b.String()
}

// keptPrefix is the length of the start of s that mapRunes leaves as it
// is: printable ASCII, and line breaks and tabs unless oneLine.
func keptPrefix(s string, oneLine bool) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 || c >= 0x7f) && (oneLine || (c != '\n' && c != '\t')) {
			return i
		}
	}
	return len(s)
}

func mapRune(r rune) (rune, bool) {
	switch {
	case r == '\n' || r == '\t':
		return r, true
	case r < 0x20 || r == 0x7f:
		return 0, false
	case r >= 0x80 && r <= 0x9f:
		m := charmap.Windows1252.DecodeByte(byte(r))
		return m, m < 0x80 || m > 0x9f
	case r == 0xa0 || r == 0x2007 || r == 0x202f:
		return ' ', true
	case r == 0x2011:
		return '-', true
	case isZeroWidth(r):
		return 0, false
	}
	return r, true
}

// isZeroWidth reports invisible characters that would split words: zero-width
// spaces and joiners, direction marks, word joiner, soft hyphen and BOM.
func isZeroWidth(r rune) bool {
	return r == 0xad || (r >= 0x200b && r <= 0x200f) || (r >= 0x2060 && r <= 0x2064) || r == 0xfeff
}

// decodeMixed reads b as UTF-8, taking each byte that is not part of valid
// UTF-8 as Windows-1252. Text that is all UTF-8 or all Windows-1252 comes
// out right; a mix keeps the UTF-8.
func decodeMixed(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/2)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			r = charmap.Windows1252.DecodeByte(b[0])
		}
		sb.WriteRune(r)
		b = b[size:]
	}
	return sb.String()
}

func decodeMixedString(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return decodeMixed([]byte(s))
}

// decodeText decodes a header value as text: RFC 2047 words in any charset
// (adjacent words joined), then cleanHeaderText.
func decodeText(v string) string {
	if v == "" {
		return ""
	}
	d := mime.WordDecoder{CharsetReader: lenientCharsetReader}
	s, err := d.DecodeHeader(v)
	if err != nil {
		s = v
	}
	return cleanHeaderText(s)
}

// lenientCharsetReader converts any charset to UTF-8 and never fails: an
// unknown charset is read as UTF-8 or Windows-1252.
func lenientCharsetReader(label string, input io.Reader) (io.Reader, error) {
	b, err := io.ReadAll(input)
	if err != nil {
		return nil, err
	}
	return strings.NewReader(toUTF8(label, b, false)), nil
}

// truncateUTF8 cuts s to at most max bytes, at a rune boundary.
func truncateUTF8(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func isBlank(s string) bool {
	return strings.TrimSpace(s) == ""
}

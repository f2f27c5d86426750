package letter

import (
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// printable makes text what the PDF's core fonts can show, one rune for
// one rune: a character outside Windows-1252 becomes its letter without
// accents where it has one ("ł" has none: "?"), and control characters
// become spaces. The HTML shows the same text, so both read alike.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return ' '
		case encodable(r):
			return r
		}
		if base := []rune(norm.NFKD.String(string(r))); len(base) > 0 && encodable(base[0]) && base[0] >= 0x20 {
			return base[0]
		}
		return '?'
	}, s)
}

// encodable reports whether Windows-1252 has the rune.
func encodable(r rune) bool {
	_, ok := charmap.Windows1252.EncodeRune(r)
	return ok
}

// cp1252 encodes text made printable as the core fonts want it.
func cp1252(s string) string {
	var b strings.Builder
	for _, r := range printable(s) {
		c, _ := charmap.Windows1252.EncodeRune(r)
		b.WriteByte(c)
	}
	return b.String()
}

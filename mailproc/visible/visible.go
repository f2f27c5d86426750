// Package visible shows text a sender wrote so that nothing in it hides:
// a character that is invisible, or that changes how the text around it
// is shown (U+202E RIGHT-TO-LEFT OVERRIDE turns "gpj.exe" into what reads
// as "exe.jpg"), is written out as <U+202E>. The console's pages, the
// command line's terminal output and the logs all use it.
package visible

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hidden reports whether r is written out: Unicode format characters
// (category Cf: the bidi embeddings, overrides and isolates, zero-width
// spaces and joiners, the byte-order mark, tag characters), control
// characters other than line feed and tab (terminal escape sequences
// among them), and the line and paragraph separators.
func Hidden(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < utf8.RuneSelf:
		return r < 0x20 || r == 0x7f
	}
	return unicode.Is(unicode.Cf, r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
}

// Text returns s with each hidden character written as <U+XXXX> and each
// byte that is not UTF-8 as U+FFFD. Line feeds and tabs stay.
func Text(s string) string { return write(s, "<U+%04X>") }

// HTML is Text for a page already escaped as HTML: the marks are written
// as &lt;U+XXXX&gt;. Markup has no hidden characters, so every one in a
// page came from the text shown in it.
func HTML(s string) string { return write(s, "&lt;U+%04X&gt;") }

// write replaces hidden characters with format, filled with their code.
func write(s, format string) string {
	if !needed(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s { // invalid bytes come as U+FFFD
		if Hidden(r) {
			fmt.Fprintf(&b, format, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// needed reports whether s has a hidden character or a byte that is not
// UTF-8.
func needed(s string) bool {
	return !utf8.ValidString(s) || strings.IndexFunc(s, Hidden) >= 0
}

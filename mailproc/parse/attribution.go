package parse

import (
	"strings"
	"unicode"
)

// maxAttribution bounds the length of an attribution line (or two wrapped
// lines), so that a paragraph is never taken for one.
const maxAttribution = 400

// attributionCloses reports whether lower (a lower-cased line, or two
// joined) is a whole reply header in one of the languages we know: "on …
// wrote:", "am … schrieb …:", "le … a écrit :", "el … escribió:", "op …
// schreef …:". opens reports whether it at least starts like one.
func attributionCloses(lower string) (closes, opens bool) {
	switch {
	case strings.HasPrefix(lower, "on "):
		return strings.HasSuffix(lower, "wrote:"), true
	case strings.HasPrefix(lower, "am "):
		return strings.Contains(lower, "schrieb") && strings.HasSuffix(lower, ":"), true
	case strings.HasPrefix(lower, "le "):
		return strings.HasSuffix(lower, "a écrit :") || strings.HasSuffix(lower, "a écrit:"), true
	case strings.HasPrefix(lower, "el "):
		return strings.HasSuffix(lower, "escribió:"), true
	case strings.HasPrefix(lower, "op "):
		return strings.Contains(lower, "schreef") && strings.HasSuffix(lower, ":"), true
	}
	return false, false
}

// mayOpenAttribution reports whether line starts with two ASCII letters
// and a space that lower case makes one of attributionCloses' openings
// ("on ", "am ", "le ", "el ", "op "): a cheap test before lowering the
// line. No other character lowers to these letters.
func mayOpenAttribution(line string) bool {
	if len(line) < 3 || line[2] != ' ' {
		return false
	}
	switch string([]byte{line[0] | 0x20, line[1] | 0x20}) {
	case "on", "am", "le", "el", "op":
		return true
	}
	return false
}

// isAttribution reports whether lines[i] starts a reply header such as
// "On Mon, Apr 14, 2025 at 10:02 AM Jane <jane@example.com> wrote:", alone
// or wrapped onto lines[i+1]. It must name a date, so it holds a digit.
func isAttribution(lines []string, i int) bool {
	line := strings.TrimSpace(lines[i])
	if len(line) > maxAttribution || !mayOpenAttribution(line) {
		return false
	}
	lower := strings.ToLower(line)
	closes, opens := attributionCloses(lower)
	if !opens {
		return false
	}
	if closes {
		return hasDigit(lower)
	}
	if i+1 >= len(lines) {
		return false
	}
	joined := lower + " " + strings.ToLower(strings.TrimSpace(lines[i+1]))
	closes, _ = attributionCloses(joined)
	return closes && len(joined) <= maxAttribution && hasDigit(joined)
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// isForwardSubject reports a subject that marks a forward: after any
// "[tag]"s it starts with Fwd:, FW:, WG:, TR:, RV:, ENC:, Doorst: or VS:.
func isForwardSubject(subject string) bool {
	s := strings.TrimSpace(subject)
	for strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			break
		}
		s = strings.TrimSpace(s[end+1:])
	}
	prefix, _, ok := strings.Cut(s, ":")
	if !ok {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(prefix)) {
	case "fwd", "fw", "wg", "tr", "rv", "enc", "doorst", "vs":
		return true
	}
	return false
}

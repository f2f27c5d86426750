package privacy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// folder folds case the Unicode way (ß → ss, ς → σ), which strings.ToLower
// does not.
var folder = cases.Fold()

// words returns s as the detector compares it, one word at a time: Unicode
// NFKC, case folded, accents removed (é → e, ö → o), and everything that
// is not a letter or a digit taken as a space between words. "L'accès aux
// données" gives [l acces aux donnees].
func words(s string) []string {
	if ascii(s) {
		return asciiWords(s)
	}
	return unicodeWords(s)
}

// unicodeWords is words for any text.
func unicodeWords(s string) []string {
	s = folder.String(norm.NFKC.String(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// an accent, dropped
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiWords is words for text that is all ASCII, which NFKC, case folding
// and accents leave as it is but for the case of its letters.
func asciiWords(s string) []string {
	var out []string
	start := -1
	var b []byte
	for i := 0; i <= len(s); i++ {
		var c byte
		if i < len(s) {
			c = s[i]
		}
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		switch {
		case alnum && start < 0:
			start, b = i, b[:0]
			fallthrough
		case alnum:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		case start >= 0:
			out = append(out, string(b))
			start = -1
		}
	}
	return out
}

// sentence is one sentence of the text, as words.
type sentence struct {
	words []string
	// question: it ended with a question mark.
	question bool
}

// sentences splits text into sentences: at '?' and '!', at a '.' followed
// by white space and a capital letter or the end, and at a blank line. A
// '.' inside "Art. 15" or "e.g. this" does not end one, nor does a ';'
// ("(1) access to my data; (2) its erasure") or a single line break: mail
// wraps lines in mid-sentence.
func sentences(text string) []sentence {
	var out []sentence
	rs := []rune(text)
	start := 0
	add := func(end int, question bool) {
		if w := words(string(rs[start:end])); len(w) > 0 {
			out = append(out, sentence{words: w, question: question})
		}
		start = end + 1
	}
	for i, r := range rs {
		switch {
		case r == '?':
			add(i, true)
		case r == '!':
			add(i, false)
		case r == '.' && endsSentence(rs, i+1):
			add(i, false)
		case r == '\n' && blankLineAhead(rs, i+1):
			add(i, false)
		}
	}
	if start < len(rs) {
		add(len(rs), false)
	}
	return out
}

// endsSentence reports whether a '.' before rs[i:] ends a sentence: white
// space, then a capital letter or nothing.
func endsSentence(rs []rune, i int) bool {
	if i >= len(rs) {
		return true
	}
	if !unicode.IsSpace(rs[i]) {
		return false
	}
	for ; i < len(rs); i++ {
		if !unicode.IsSpace(rs[i]) {
			return unicode.IsUpper(rs[i])
		}
	}
	return true
}

// blankLineAhead reports whether rs[i:] starts with a line holding only
// white space.
func blankLineAhead(rs []rune, i int) bool {
	for ; i < len(rs); i++ {
		switch {
		case rs[i] == '\n':
			return true
		case !unicode.IsSpace(rs[i]):
			return false
		}
	}
	return true
}

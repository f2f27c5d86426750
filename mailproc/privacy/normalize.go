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
	var out []string
	for _, sn := range tokenize(s, false) {
		out = append(out, sn.words...)
	}
	return out
}

// sentence is one sentence of the text, as words.
type sentence struct {
	words []string
	// question: it ended with a question mark.
	question bool
}

// sentences splits text into sentences of words (as words gives them): at
// '?' and '!', at a '.' followed by white space and a capital letter or
// the end, and at a blank line. A '.' inside "Art. 15" or "e.g. this" does
// not end one, nor does a ';' ("(1) access to my data; (2) its erasure")
// or a single line break: mail wraps lines in mid-sentence.
func sentences(text string) []sentence {
	return tokenize(text, true)
}

// tokenizer reads text once, writing its words one after the other into
// one buffer, so that a word costs no allocation of its own.
type tokenizer struct {
	buf    []byte
	starts []int // where each word starts in buf; it ends where the next starts
	inWord bool
	sents  []int // the index in starts where each sentence starts
	quest  []bool
}

// tokenize splits text into words and, when split is set, sentences.
func tokenize(text string, split bool) []sentence {
	t := &tokenizer{buf: make([]byte, 0, len(text)), starts: make([]int, 0, len(text)/4+1), sents: make([]int, 1, 16)}
	for i := 0; i < len(text); {
		c := text[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(text[i:])
			t.foreign(r)
			i += size
			continue
		}
		if lower[c] != 0 {
			i = t.asciiWord(text, i)
			continue
		}
		switch {
		case !split:
			t.inWord = false
		case c == '?':
			t.endSentence(true)
		case c == '!' || c == '.' && endsSentence(text[i+1:]) || c == '\n' && blankLineAhead(text[i+1:]):
			t.endSentence(false)
		default:
			t.inWord = false
		}
		i++
	}
	return t.result()
}

// lower maps an ASCII letter or digit to its lower case; 0 for every
// other byte.
var lower = func() (l [256]byte) {
	for c := '0'; c <= '9'; c++ {
		l[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		l[c], l[c-'a'+'A'] = byte(c), byte(c)
	}
	return l
}()

// asciiWord writes the run of ASCII letters and digits at text[i:] in
// lower case and returns where it ends.
func (t *tokenizer) asciiWord(text string, i int) int {
	if !t.inWord {
		t.starts = append(t.starts, len(t.buf))
		t.inWord = true
	}
	for ; i < len(text) && lower[text[i]] != 0; i++ {
		t.buf = append(t.buf, lower[text[i]])
	}
	return i
}

// foreign reads a rune beyond ASCII: its NFKC form, case folded, with its
// accents dropped; a mark (a combining accent) is dropped without ending
// the word, unless folding makes it a letter (U+0345, the Greek iota
// subscript, folds to ι, as it does within the whole text); anything else
// that is not a letter or a digit ends it.
func (t *tokenizer) foreign(r rune) {
	for _, f := range norm.NFD.String(folder.String(norm.NFKC.String(string(r)))) {
		switch {
		case unicode.Is(unicode.Mn, f):
		case unicode.IsLetter(f) || unicode.IsDigit(f):
			if !t.inWord {
				t.starts = append(t.starts, len(t.buf))
				t.inWord = true
			}
			t.buf = utf8.AppendRune(t.buf, f)
		default:
			t.inWord = false
		}
	}
}

func (t *tokenizer) endSentence(question bool) {
	t.inWord = false
	if len(t.starts) == t.sents[len(t.sents)-1] {
		return // nothing since the last end: "what?!"
	}
	t.quest = append(t.quest, question)
	t.sents = append(t.sents, len(t.starts))
}

// result cuts the buffer into words and sentences.
func (t *tokenizer) result() []sentence {
	all := string(t.buf)
	ws := make([]string, len(t.starts))
	for i, s := range t.starts {
		end := len(all)
		if i+1 < len(t.starts) {
			end = t.starts[i+1]
		}
		ws[i] = all[s:end]
	}
	var out []sentence
	for k, first := range t.sents {
		last := len(ws)
		if k+1 < len(t.sents) {
			last = t.sents[k+1]
		}
		if last > first {
			out = append(out, sentence{words: ws[first:last:last], question: k < len(t.quest) && t.quest[k]})
		}
	}
	return out
}

// endsSentence reports whether a '.' before rest ends a sentence: white
// space, then a capital letter or nothing.
func endsSentence(rest string) bool {
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsSpace(r) {
		return false
	}
	trimmed := strings.TrimLeftFunc(rest, unicode.IsSpace)
	if trimmed == "" {
		return true
	}
	first, _ := utf8.DecodeRuneInString(trimmed)
	return unicode.IsUpper(first)
}

// blankLineAhead reports whether rest starts with a line holding only
// white space.
func blankLineAhead(rest string) bool {
	for _, r := range rest {
		switch {
		case r == '\n':
			return true
		case !unicode.IsSpace(r):
			return false
		}
	}
	return true
}

package privacy

import "strings"

// hit is one phrase found in a sentence, at words [start, end).
type hit struct {
	p          *phrase
	start, end int
}

// find returns every phrase of the lexicon in ws, in order of where they
// start.
func (lx *lexicon) find(ws []string) []hit {
	var out []hit
	for i, w := range ws {
		for _, p := range lx.byFirst[w] {
			if end, ok := matchAt(ws, i, p.words); ok {
				out = append(out, hit{p: p, start: i, end: end})
			}
		}
	}
	return out
}

// matchAt reports whether pattern matches ws from i, and where the match
// ends. "*" matches up to maxGap words, as few as it can.
func matchAt(ws []string, i int, pattern []string) (int, bool) {
	for k, pw := range pattern {
		if pw == "*" {
			for gap := 0; gap <= maxGap && i+gap <= len(ws); gap++ {
				if end, ok := matchAt(ws, i+gap, pattern[k+1:]); ok {
					return end, true
				}
			}
			return 0, false
		}
		if i >= len(ws) || !wordIs(ws[i], pw) {
			return 0, false
		}
		i++
	}
	return i, true
}

// respell replaces the misspellings the lexicon knows by their words.
func (lx *lexicon) respell(ws []string) []string {
	for i, w := range ws {
		if r, ok := lx.spelling[w]; ok {
			ws[i] = r
		}
	}
	return ws
}

// wordIs reports whether a word of the mail is the pattern's word, or one
// of its "a|b" alternatives.
func wordIs(w, pw string) bool {
	if w == pw {
		return true
	}
	for pw != "" {
		var alt string
		alt, pw, _ = strings.Cut(pw, "|")
		if alt == w {
			return true
		}
	}
	return false
}

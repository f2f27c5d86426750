package privacy

import "slices"

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
		if !lx.mayStart(w) {
			continue
		}
		for _, p := range lx.byFirst[w] {
			if end, ok := matchAt(ws, i, p.pattern); ok {
				out = append(out, hit{p: p, start: i, end: end})
			}
		}
	}
	return out
}

// matchAt reports whether pattern matches ws from i, and where the match
// ends. A nil position ("*") matches up to maxGap words, as few as it can;
// any other matches one of its words.
func matchAt(ws []string, i int, pattern [][]string) (int, bool) {
	for k, alts := range pattern {
		if alts == nil {
			for gap := 0; gap <= maxGap && i+gap <= len(ws); gap++ {
				if end, ok := matchAt(ws, i+gap, pattern[k+1:]); ok {
					return end, true
				}
			}
			return 0, false
		}
		if i >= len(ws) || !slices.Contains(alts, ws[i]) {
			return 0, false
		}
		i++
	}
	return i, true
}

package classify

import "unicode/utf8"

// substringDistance returns the least Levenshtein distance between pattern
// and any substring of text (Sellers' algorithm), in runes. It stops early
// and returns limit+1 when no substring comes within limit.
func substringDistance(text, pattern []rune, limit int) int {
	m := len(pattern)
	if m == 0 {
		return 0
	}
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for i := range prev {
		prev[i] = i
	}
	best := prev[m]
	for _, tr := range text {
		cur[0] = 0 // a match may start anywhere in text
		for i := 1; i <= m; i++ {
			cost := 1
			if pattern[i-1] == tr {
				cost = 0
			}
			cur[i] = min(prev[i-1]+cost, prev[i]+1, cur[i-1]+1)
		}
		if cur[m] < best {
			best = cur[m]
		}
		prev, cur = cur, prev
	}
	if best > limit {
		return limit + 1
	}
	return best
}

// bitPattern is a pattern of 1 to 64 runes made ready for Myers'
// bit-parallel search (G. Myers, "A fast bit-vector algorithm for
// approximate string matching based on dynamic programming", J. ACM 46,
// 1999): for each rune, the positions where the pattern has it, as bits.
// It finds what substringDistance finds, a column of the table at a time
// in a few word operations instead of a cell at a time, without
// allocating.
type bitPattern struct {
	m     int
	ascii [utf8.RuneSelf]uint64
	other map[rune]uint64
}

// newBitPattern prepares p; nil when it is empty or longer than 64 runes.
func newBitPattern(p string) *bitPattern {
	b := &bitPattern{other: map[rune]uint64{}}
	for _, r := range p {
		if b.m == 64 {
			return nil
		}
		if r < utf8.RuneSelf {
			b.ascii[r] |= 1 << b.m
		} else {
			b.other[r] |= 1 << b.m
		}
		b.m++
	}
	if b.m == 0 {
		return nil
	}
	return b
}

// eq is the set of positions where the pattern has r.
func (b *bitPattern) eq(r rune) uint64 {
	if r >= 0 && r < utf8.RuneSelf {
		return b.ascii[r]
	}
	return b.other[r]
}

// distance is substringDistance of the pattern in the first maxRunes
// runes of text.
func (b *bitPattern) distance(text string, maxRunes, limit int) int {
	pv, mv := ^uint64(0), uint64(0)
	last := uint64(1) << (b.m - 1)
	score, best := b.m, b.m
	n := 0
	for _, r := range text {
		if n++; n > maxRunes {
			break
		}
		eq := b.eq(r)
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&last != 0 {
			score++
		} else if mh&last != 0 {
			score--
		}
		ph <<= 1 // no 1 shifted in: a match may start anywhere in text
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
		best = min(best, score)
	}
	if best > limit {
		return limit + 1
	}
	return best
}

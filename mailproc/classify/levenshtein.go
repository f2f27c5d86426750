package classify

import "unicode/utf8"

// bitPattern is a pattern of 1 to 64 runes made ready for Myers'
// bit-parallel search (G. Myers, "A fast bit-vector algorithm for
// approximate string matching based on dynamic programming", J. ACM 46,
// 1999): for each rune, the positions where the pattern has it, as bits.
// It finds the least Levenshtein distance between the pattern and any
// substring of a text, in runes, as Sellers' table does, but a column of
// the table at a time in a few word operations instead of a cell at a
// time, without allocating (substringDistance, in the tests, is the
// table).
type bitPattern struct {
	m     int
	ascii [utf8.RuneSelf]uint64
	other map[rune]uint64
}

// mustBitPattern is newBitPattern of a phrase known to fit.
func mustBitPattern(p string) *bitPattern {
	b := newBitPattern(p)
	if b == nil {
		panic("classify: phrase " + p + " is empty or longer than 64 runes")
	}
	return b
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

// distance is the least distance between the pattern and a substring of
// the first maxRunes runes of text; limit+1 when it is more than limit.
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

package classify

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

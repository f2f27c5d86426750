package classify

import (
	"testing"
	"unicode/utf8"
)

// TestBitPatternAsTable: Myers' search finds the distance the table
// finds, for the subject phrases and short patterns, over texts that
// match, nearly match, and do not.
func TestBitPatternAsTable(t *testing.T) {
	patterns := []string{californiaPhrase, coppaPhrase, "abc", "a", "ü√x"}
	texts := []string{"", "x", "abc", "xx abd yy", "ac", "zzzz", "Re: coppa informaton reqest",
		"request for california privacy informaton", "request for californa privcy information please",
		"fwd: request for california privacy information", "ü√", "aü√xb", "coppa information request coppa"}
	for _, p := range patterns {
		for _, text := range texts {
			for limit := range 5 {
				checkBitPattern(t, text, p, limit)
			}
		}
	}
}

// FuzzBitPattern: on any text and pattern (of at most 64 runes), Myers'
// search agrees with the table.
func FuzzBitPattern(f *testing.F) {
	f.Add("request for california privacy informaton", californiaPhrase, 3)
	f.Add("xx abd yy", "abc", 1)
	f.Add("", "a", 0)
	f.Fuzz(func(t *testing.T, text, pattern string, limit int) {
		if !utf8.ValidString(text) || !utf8.ValidString(pattern) || limit < 0 || limit > 70 {
			return
		}
		if len(text) > 300 {
			text = text[:300]
		}
		checkBitPattern(t, text, pattern, limit)
	})
}

func checkBitPattern(t *testing.T, text, pattern string, limit int) {
	t.Helper()
	b := newBitPattern(pattern)
	if b == nil {
		if n := utf8.RuneCountInString(pattern); n > 0 && n <= 64 {
			t.Fatalf("newBitPattern(%q) = nil for %d runes", pattern, n)
		}
		return
	}
	want := substringDistance([]rune(text), []rune(pattern), limit)
	if got := b.distance(text, maxNearRunes, limit); got != want {
		t.Fatalf("distance of %q in %q (limit %d) = %d, the table says %d", pattern, text, limit, got, want)
	}
}

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

// benchSubject is a subject of the length mail has, near neither phrase.
const benchSubject = "re: your order #48213 has shipped, track it here and save 20% today"

// BenchmarkNearBits is the approximate match of both phrases as
// ClassifySubject makes it, on one subject.
func BenchmarkNearBits(b *testing.B) {
	n := Normalize(benchSubject)
	for b.Loop() {
		near(n, californiaBits)
		near(n, coppaBits)
	}
}

// BenchmarkNearTable is BenchmarkNearBits by the table, a cell at a time.
func BenchmarkNearTable(b *testing.B) {
	n := Normalize(benchSubject)
	for b.Loop() {
		substringDistance([]rune(n), []rune(californiaPhrase), NearMissDistance)
		substringDistance([]rune(n), []rune(coppaPhrase), NearMissDistance)
	}
}

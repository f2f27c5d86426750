package privacy

import (
	"strings"
	"testing"
)

// longText is 2,000 characters of ordinary support mail, what Detect reads
// of most messages.
var longText = strings.Repeat("Hi there, my order #4471 arrived damaged. The box was open and the kettle is scratched. Could you send a replacement? Thanks, Tom. ", 16)[:2000]

func BenchmarkTokenize(b *testing.B) {
	for b.Loop() {
		sentences(longText)
	}
}

func BenchmarkFind(b *testing.B) {
	ss := sentences(longText)
	for b.Loop() {
		for _, s := range ss {
			lex.find(s.words)
		}
	}
}

func BenchmarkDetectLong(b *testing.B) {
	for b.Loop() {
		Detect("Order 4471 damaged", longText)
	}
}

package store

import "testing"

// BenchmarkPack compresses a request's text and a reply's bytes as the
// daemon's store does for each case.
func BenchmarkPack(b *testing.B) {
	text, reply := []byte(asJSON(benchText(1))), benchReply("C-2026-0001")
	b.ReportAllocs()
	var n int
	for range b.N {
		n = len(pack(text)) + len(pack(reply))
	}
	b.ReportMetric(float64(n), "packed-B")
}

// BenchmarkUnpack decompresses what BenchmarkPack compresses.
func BenchmarkUnpack(b *testing.B) {
	text, reply := pack([]byte(asJSON(benchText(1)))), pack(benchReply("C-2026-0001"))
	b.ReportAllocs()
	for range b.N {
		if _, err := unpack(text); err != nil {
			b.Fatal(err)
		}
		if _, err := unpack(reply); err != nil {
			b.Fatal(err)
		}
	}
}

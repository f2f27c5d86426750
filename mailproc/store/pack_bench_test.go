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

// BenchmarkRaw reads a reply's bytes back from the store in a transaction
// of their own, as the daemon did twice per reply (to send it, to copy it
// to the sent folder) before it kept the bytes it composed.
func BenchmarkRaw(b *testing.B) {
	s, _ := openB(b)
	mid := "C-2026-0001.california-disclosure@cooper.example"
	raw := benchReply("C-2026-0001")
	if err := s.Update(func(tx *Tx) error { return tx.PutRaw(mid, raw) }); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		err := s.View(func(tx *Tx) error {
			if raw, err := tx.Raw(mid); err != nil || raw == nil {
				b.Fatal("no bytes")
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

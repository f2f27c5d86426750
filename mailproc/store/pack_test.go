package store

import (
	"bytes"
	stdflate "compress/flate"
	"runtime"
	"strings"
	"testing"
)

// TestUnpackStandardDeflate: values the standard library's compress/flate
// wrote (stores before klauspost/compress, at any level) read unchanged,
// and pack's own values round-trip.
func TestUnpackStandardDeflate(t *testing.T) {
	text := []byte(strings.Repeat("Request for California Privacy Information\r\nName: Ada Lovelace\r\n", 40))
	for _, level := range []int{stdflate.BestSpeed, stdflate.DefaultCompression, stdflate.BestCompression} {
		var v bytes.Buffer
		v.WriteByte(formatFlate)
		w, err := stdflate.NewWriter(&v, level)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(text)
		w.Close()
		got, err := unpack(v.Bytes())
		if err != nil || !bytes.Equal(got, text) {
			t.Errorf("level %d: unpack = %d bytes, %v; want the %d bytes written", level, len(got), err, len(text))
		}
	}
	if got, err := unpack(pack(text)); err != nil || !bytes.Equal(got, text) {
		t.Errorf("unpack(pack(text)) = %d bytes, %v; want the %d bytes", len(got), err, len(text))
	}
	if _, err := unpack([]byte{formatFlate, 0xff, 0xff}); err == nil {
		t.Error("unpack of a broken stream: no error")
	}
}

// TestPackKeepsItsCompressor: packing value after value builds no new
// compressor (500 KB each), garbage collections between them or not.
func TestPackKeepsItsCompressor(t *testing.T) {
	text := []byte(strings.Repeat("Name: Ada Lovelace\r\n", 50))
	pack(text)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 20 {
		runtime.GC()
		pack(text)
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / 20; per > 64<<10 {
		t.Errorf("pack allocates %d bytes a value after a collection, want a compressor kept (< 64 KB)", per)
	}
}

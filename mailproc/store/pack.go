package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

// formatFlate begins a value compressed with DEFLATE (RFC 1951).
const formatFlate = 1

// packLevel is the DEFLATE level of pack: BestSpeed, against
// DefaultCompression, takes about half the CPU for values 4% larger (the
// corpus's messages; the daemon's texts and replies alike). A value
// decompresses the same whatever its level and whichever DEFLATE wrote it,
// so stores written at another level, or by the standard library's
// compress/flate (before klauspost/compress, which at BestSpeed packs in a
// third of the time with 2% smaller output and half the state), read
// unchanged.
const packLevel = flate.BestSpeed

// flateWriters keeps compressors for the next value: a compressor's state
// is about 500 KB, and a sync.Pool, emptied by every other garbage
// collection, made the daemon build one anew every hundred messages or so.
// Values are packed only in write transactions, one at a time, so one
// kept is enough (each more is half a megabyte of heap for nothing); a
// second at once is built and dropped.
var flateWriters = make(chan *flate.Writer, 1)

// flateReaders keeps decompressors (about 40 KB each) for the next value.
var flateReaders = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}

// pack compresses b into a value: formatFlate and the DEFLATE stream.
func pack(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b)/2 + 16)
	out.WriteByte(formatFlate)
	var w *flate.Writer
	select {
	case w = <-flateWriters:
		w.Reset(&out)
	default:
		w, _ = flate.NewWriter(&out, packLevel) // the level is valid
	}
	w.Write(b) // writes to a bytes.Buffer do not fail
	w.Close()
	select {
	case flateWriters <- w:
	default:
	}
	return out.Bytes()
}

var errPacked = errors.New("compressed value of an unknown format")

// unpack returns the bytes a value made by pack holds.
func unpack(v []byte) ([]byte, error) {
	if len(v) == 0 || v[0] != formatFlate {
		return nil, errPacked
	}
	r := flateReaders.Get().(io.ReadCloser)
	defer flateReaders.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(v[1:]), nil); err != nil {
		return nil, fmt.Errorf("decompress: %w", err)
	}
	out := bytes.NewBuffer(make([]byte, 0, 3*len(v)))
	if _, err := io.Copy(out, r); err != nil {
		return nil, fmt.Errorf("decompress: %w", err)
	}
	return out.Bytes(), nil
}

package store

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// RowKey is what a list filters and sorts cases by, kept before each row
// in a few bytes that are read without decoding the row.
type RowKey struct {
	ID       string
	Kind     cases.Kind
	State    cases.State
	Reasons  []cases.Reason
	Due      time.Time // zero: none
	Received time.Time
	ToPost   bool // a letter waits to be posted
}

// rowKeyMark begins a row's key.
const rowKeyMark = 'K'

// appendRowKey writes a row's key: the mark, the state, the kind, a
// flag byte, the due and received times (Unix seconds; 0 for none), the
// number of reasons and each, strings as a length byte and the bytes.
func appendRowKey(b []byte, r cases.Row) []byte {
	b = append(b, rowKeyMark)
	b = appendString(b, string(r.State))
	b = appendString(b, string(r.Kind))
	flags := byte(0)
	if r.ToPost {
		flags |= 1
	}
	b = append(b, flags)
	b = binary.BigEndian.AppendUint64(b, unixOrZero(r.Due))
	b = binary.BigEndian.AppendUint64(b, unixOrZero(r.Received))
	reasons := r.Reasons[:min(len(r.Reasons), 255)]
	b = append(b, byte(len(reasons)))
	for _, s := range reasons {
		b = appendString(b, string(s))
	}
	return b
}

func unixOrZero(t time.Time) uint64 {
	if t.IsZero() {
		return 0
	}
	return uint64(t.Unix())
}

func appendString(b []byte, s string) []byte {
	s = s[:min(len(s), 255)]
	return append(append(b, byte(len(s))), s...)
}

var errRowKey = errors.New("row key cut short")

// interned holds each name read once: the kinds, states and reasons of a
// scan are few, its rows many.
type interned map[string]string

func (n interned) of(b []byte) string {
	if s, ok := n[string(b)]; ok {
		return s
	}
	s := string(b)
	n[s] = s
	return s
}

// readRowKey reads a row's key and returns it with the JSON row after it.
func readRowKey(v []byte, names interned) (RowKey, []byte, error) {
	var k RowKey
	if len(v) == 0 || v[0] != rowKeyMark {
		return k, nil, errors.New("no row key")
	}
	r := keyReader{b: v[1:]}
	k.State = cases.State(r.str(names))
	k.Kind = cases.Kind(r.str(names))
	k.ToPost = r.byte()&1 != 0
	k.Due, k.Received = r.time(), r.time()
	if n := int(r.byte()); n > 0 {
		k.Reasons = make([]cases.Reason, n)
		for i := range n {
			k.Reasons[i] = cases.Reason(r.str(names))
		}
	}
	if r.short {
		return k, nil, errRowKey
	}
	return k, r.b, nil
}

// keyReader reads a row key's parts, noting when it runs out.
type keyReader struct {
	b     []byte
	short bool
}

func (r *keyReader) byte() byte {
	if len(r.b) < 1 {
		r.short = true
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *keyReader) str(names interned) string {
	n := int(r.byte())
	if len(r.b) < n {
		r.short = true
		return ""
	}
	s := names.of(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *keyReader) time() time.Time {
	if len(r.b) < 8 {
		r.short = true
		return time.Time{}
	}
	u := binary.BigEndian.Uint64(r.b)
	r.b = r.b[8:]
	if u == 0 {
		return time.Time{}
	}
	return time.Unix(int64(u), 0)
}

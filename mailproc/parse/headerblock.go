package parse

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"sync"

	"github.com/emersion/go-message/textproto"
)

var errNoFields = errors.New("no header field found")

// lfReader reads a message held in memory with CRLF and lone CR turned
// into LF, as it goes, so that a large message is not copied whole first.
type lfReader struct{ b []byte }

// newlines returns a reader of b with its line ends made LF, from
// lineReaders; the caller gives it back with release when done with it.
func newlines(b []byte) *bufio.Reader {
	br := lineReaders.Get().(*bufio.Reader)
	br.Reset(&lfReader{b})
	return br
}

// lineReaders keeps the 4 KB buffered readers of newlines and readFields
// for the next message, which would otherwise take two or three new ones
// (a third of what reading an unrelated message allocates).
var lineReaders = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// release gives br back to lineReaders, holding nothing of what it read.
func release(br *bufio.Reader) {
	br.Reset(nil)
	lineReaders.Put(br)
}

func (r *lfReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && len(r.b) > 0 {
		i := bytes.IndexByte(r.b, '\r')
		if i < 0 {
			c := copy(p[n:], r.b)
			r.b, n = r.b[c:], n+c
			break
		}
		c := copy(p[n:], r.b[:i])
		r.b, n = r.b[c:], n+c
		if c < i || n == len(p) {
			break // p is full; the CR is read next time
		}
		p[n] = '\n'
		n++
		r.b = r.b[1:]
		if len(r.b) > 0 && r.b[0] == '\n' {
			r.b = r.b[1:] // CRLF is one line end
		}
	}
	return n, nil
}

// readHeaderBlock reads from br up to and including the first empty line
// and returns what came before it. Without an empty line it returns all of
// br. Lines of any length are read whole.
func readHeaderBlock(br *bufio.Reader) []byte {
	var head []byte
	atLineStart := true
	for {
		chunk, err := br.ReadSlice('\n')
		if atLineStart && (string(chunk) == "\n" || string(chunk) == "\r\n") {
			return head
		}
		head = append(head, chunk...)
		atLineStart = len(chunk) > 0 && chunk[len(chunk)-1] == '\n'
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return head
		}
	}
}

// readFields parses a header block leniently: lines that are not a
// "Name: value" field (or its continuation) are skipped, values that are
// not UTF-8 are read as Windows-1252. It fails only when no field is left.
func readFields(block []byte) (textproto.Header, error) { return readSomeFields(block, nil) }

// readSomeFields is readFields keeping only the fields whose names keep
// wants (nil: all of them). It fails, as readFields does, only when the block holds no
// field at all, wanted or not.
func readSomeFields(block []byte, keep func(name []byte) bool) (textproto.Header, error) {
	var clean bytes.Buffer
	n := 0
	for _, f := range splitFields(block) {
		name, ok := fieldName(f)
		if !ok {
			continue
		}
		n++
		if keep == nil || keep(name) {
			clean.WriteString(decodeMixed(f))
		}
	}
	if n == 0 {
		return textproto.Header{}, errNoFields
	}
	clean.WriteString("\n")
	br := lineReaders.Get().(*bufio.Reader)
	defer release(br)
	br.Reset(&clean)
	return textproto.ReadHeader(br)
}

// previewField reports whether a preview reads the field of this name:
// the subject (whether it forwards) and how the body is made
// (Content-Type, Content-Transfer-Encoding, Content-Disposition). The rest of a header —
// Received, DKIM and ARC lines, often most of it — is not decoded for a
// preview.
func previewField(name []byte) bool {
	return bytes.EqualFold(name, []byte("Subject")) || len(name) > 8 && bytes.EqualFold(name[:8], []byte("Content-"))
}

// splitFields cuts a header block into fields, each a line and its
// continuation lines, ending in LF. Continuation lines before the first
// field are dropped.
func splitFields(block []byte) [][]byte {
	var fields [][]byte
	start := -1
	for i := 0; i < len(block); {
		end := bytes.IndexByte(block[i:], '\n')
		if end < 0 {
			end = len(block)
		} else {
			end += i + 1
		}
		continuation := block[i] == ' ' || block[i] == '\t'
		if !continuation {
			if start >= 0 {
				fields = append(fields, withLF(block[start:i]))
			}
			start = i
		}
		i = end
	}
	if start >= 0 {
		fields = append(fields, withLF(block[start:]))
	}
	return fields
}

func withLF(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return b
	}
	return append(b[:len(b):len(b)], '\n')
}

// fieldName returns the name the field starts with, when it is one: made
// of printable ASCII other than ':' (surrounding blanks allowed, and left
// out), then ':'.
func fieldName(f []byte) ([]byte, bool) {
	colon := bytes.IndexByte(f, ':')
	if colon < 0 {
		return nil, false
	}
	name := bytes.Trim(f[:colon], " \t")
	if len(name) == 0 {
		return nil, false
	}
	for _, c := range name {
		if c < 33 || c > 126 {
			return nil, false
		}
	}
	return name, true
}

package parse

import (
	"bufio"
	"bytes"
	"errors"

	"github.com/emersion/go-message/textproto"
)

var errNoFields = errors.New("no header field found")

// normalizeNewlines turns CRLF and lone CR into LF. It returns b itself when
// b holds no CR.
func normalizeNewlines(b []byte) []byte {
	i := bytes.IndexByte(b, '\r')
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i >= 0 {
		out = append(out, b[:i]...)
		b = b[i+1:]
		if len(b) == 0 || b[0] != '\n' {
			out = append(out, '\n') // a lone CR ends a line too
		}
		i = bytes.IndexByte(b, '\r')
	}
	return append(out, b...)
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
func readFields(block []byte) (textproto.Header, error) {
	var clean bytes.Buffer
	n := 0
	for _, f := range splitFields(block) {
		if !validFieldName(f) {
			continue
		}
		clean.WriteString(decodeMixed(f))
		n++
	}
	if n == 0 {
		return textproto.Header{}, errNoFields
	}
	clean.WriteString("\n")
	return textproto.ReadHeader(bufio.NewReader(&clean))
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

// validFieldName reports whether the field starts with a name made of
// printable ASCII other than ':' (surrounding blanks allowed), then ':'.
func validFieldName(f []byte) bool {
	colon := bytes.IndexByte(f, ':')
	if colon < 0 {
		return false
	}
	name := bytes.Trim(f[:colon], " \t")
	if len(name) == 0 {
		return false
	}
	for _, c := range name {
		if c < 33 || c > 126 {
			return false
		}
	}
	return true
}

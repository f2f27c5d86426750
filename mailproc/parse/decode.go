package parse

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime/quotedprintable"
	"slices"
	"strings"

	"github.com/emersion/go-message/charset"
	htmlcharset "golang.org/x/net/html/charset"
)

var (
	errInvalidBase64 = errors.New("invalid base64")
	errInvalidQP     = errors.New("invalid quoted-printable")
)

// decodeTransfer undoes a Content-Transfer-Encoding. What decoded before an
// error is returned with the error; an unknown encoding is read as 8bit.
func decodeTransfer(encoding string, raw []byte) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		return decodeBase64(raw)
	case "quoted-printable":
		return decodeQP(raw)
	default:
		return raw, nil
	}
}

// decodeBase64 decodes leniently: white space is ignored, padding may end a
// chunk in the middle (concatenated parts), and input cut short decodes as
// far as it goes. It stops at the first byte outside the alphabet.
func decodeBase64(raw []byte) ([]byte, error) {
	clean := make([]byte, 0, len(raw))
	for _, c := range raw {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			clean = append(clean, c)
		}
	}
	out := make([]byte, 0, len(clean)/4*3+3)
	for len(clean) > 0 {
		seg, rest := nextBase64Chunk(clean)
		clean = rest
		data := bytes.TrimRight(seg, "=")
		start := len(out)
		out = slices.Grow(out, base64.RawStdEncoding.DecodedLen(len(data)))
		out = out[:start+base64.RawStdEncoding.DecodedLen(len(data))]
		n, err := base64.RawStdEncoding.Decode(out[start:], data)
		out = out[:start+n]
		if err != nil {
			if len(rest) == 0 && len(data)%4 == 1 && isBase64Tail(err, data) {
				return out, nil // one stray character: the input was cut short
			}
			return out, errInvalidBase64
		}
	}
	return out, nil
}

// nextBase64Chunk splits b after its first run of '=' padding.
func nextBase64Chunk(b []byte) (chunk, rest []byte) {
	i := bytes.IndexByte(b, '=')
	if i < 0 {
		return b, nil
	}
	for i < len(b) && b[i] == '=' {
		i++
	}
	return b[:i], b[i:]
}

func isBase64Tail(err error, data []byte) bool {
	var ce base64.CorruptInputError
	return errors.As(err, &ce) && int(ce) == len(data)-1
}

// decodeQP decodes quoted-printable. Control bytes (which the decoder
// rejects, and normalizeText would drop anyway) are removed first.
func decodeQP(raw []byte) ([]byte, error) {
	clean := bytes.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f {
			return -1
		}
		return r
	}, raw)
	out, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(clean)))
	if err != nil {
		return out, errInvalidQP
	}
	return out, nil
}

// toUTF8 converts text in the named charset to UTF-8. It never fails: a
// missing, unknown or UTF-8 label reads the bytes as UTF-8, or as
// Windows-1252 where they are not UTF-8. HTML without a label may name its
// charset in a <meta> tag.
func toUTF8(label string, b []byte, html bool) string {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if label == "" && html {
		if enc, name, _ := htmlcharset.DetermineEncoding(b, "text/html"); name != "utf-8" && name != "windows-1252" {
			if out, err := enc.NewDecoder().Bytes(b); err == nil {
				return string(out)
			}
		}
	}
	switch label {
	case "", "utf-8", "utf8", "us-ascii", "ascii", "unknown-8bit", "x-unknown":
		return decodeMixed(b)
	}
	r, err := charset.Reader(label, bytes.NewReader(b))
	if err != nil {
		return decodeMixed(b)
	}
	out, err := io.ReadAll(r)
	if err != nil && len(out) == 0 {
		return decodeMixed(b)
	}
	return string(out)
}

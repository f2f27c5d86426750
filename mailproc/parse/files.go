package parse

import (
	"io"
	"mime"
	"mime/quotedprintable"
	"strconv"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/textproto"
)

// MaxFiles is how many attachments of one message are listed.
const MaxFiles = 100

// maxFileName is the longest file name kept, in bytes.
const maxFileName = 255

// File is an attachment as the message describes it, and where it is: its
// IMAP body section (RFC 3501 § 6.4.5), so that it can be fetched alone.
type File struct {
	Section  string // "2", "1.3"
	Name     string // decoded; "" when the sender gave none
	Type     string // lower case: "image/jpeg"
	Size     int64  // decoded bytes
	Encoding string // Content-Transfer-Encoding, lower case
}

// section is where an entity is in the IMAP numbering: the number its own
// content has when it is not a multipart (self), and the prefix of its
// parts' numbers when it is one.
type section struct{ prefix, self string }

// topSection is the message's own: a single-part message's body is "1",
// a multipart's parts are "1", "2", …
var topSection = section{prefix: "", self: "1"}

// child is the section of a multipart's part n (from 1).
func (s section) child(n int) section {
	p := strconv.Itoa(n)
	if s.prefix != "" {
		p = s.prefix + "." + p
	}
	return section{prefix: p, self: p}
}

// inner is the section of the message a message/rfc822 part holds: its
// parts are numbered under the part, and a single-part body is ".1".
func (s section) inner() section {
	return section{prefix: s.self, self: s.self + ".1"}
}

// listFile notes an attachment; body, when given, is read to the end to
// measure it.
func (w *walker) listFile(h textproto.Header, mt string, params map[string]string, sec section, body io.Reader) {
	if len(w.files) >= MaxFiles {
		return
	}
	enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding")))
	f := File{Section: sec.self, Name: fileName(h, params), Type: mt, Encoding: enc}
	if body != nil {
		f.Size = decodedSize(enc, body)
	}
	w.files = append(w.files, f)
}

// fileName is the name a part gives its file: Content-Disposition's
// filename, else Content-Type's name, RFC 2231 and RFC 2047 decoded,
// control characters removed, at most maxFileName bytes.
func fileName(h textproto.Header, ctParams map[string]string) string {
	mh := message.Header{Header: h}
	_, dp, err := mh.ContentDisposition()
	if err != nil {
		_, dp = lenientMediaType(h.Get("Content-Disposition"))
	}
	name := dp["filename"]
	if name == "" {
		name = ctParams["name"]
	}
	if strings.Contains(name, "=?") {
		if dec, err := new(mime.WordDecoder).DecodeHeader(name); err == nil {
			name = dec
		}
	}
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.TrimSpace(name))
	return truncateUTF8(name, maxFileName)
}

// decodedSize reads body to its end and returns how many bytes it decodes
// to (base64 is counted, not decoded: 3 bytes for every 4 letters).
func decodedSize(enc string, body io.Reader) int64 {
	switch enc {
	case "base64":
		c := &base64Counter{}
		io.Copy(c, body)
		return c.letters * 3 / 4
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	}
	n, _ := io.Copy(io.Discard, body)
	return n
}

// base64Counter counts the letters of base64 text written to it.
type base64Counter struct{ letters int64 }

func (b *base64Counter) Write(p []byte) (int, error) {
	for _, c := range p {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' {
			b.letters++
		}
	}
	return len(p), nil
}

// DecodePart undoes a part's Content-Transfer-Encoding (as fetched by its
// section), as far as it goes.
func DecodePart(encoding string, raw []byte) ([]byte, error) {
	return decodeTransfer(encoding, raw)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

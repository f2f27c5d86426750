package bench

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"strings"
	"time"
)

// mailWriter builds a message with CRLF line ends.
type mailWriter struct{ b bytes.Buffer }

// header writes the headers every generated message has, then the extra
// ones in order (name, value pairs).
func (w *mailWriter) header(from, subject string, m Message, extra ...string) {
	w.line("From: " + from)
	w.line("To: Cooper Privacy <privacy@cooper.example>")
	w.line("Subject: " + subject)
	w.line("Date: " + m.Date.Format(time.RFC1123Z))
	w.line("Message-ID: " + m.MessageID)
	for i := 0; i+1 < len(extra); i += 2 {
		w.line(extra[i] + ": " + extra[i+1])
	}
	w.line("MIME-Version: 1.0")
}

func (w *mailWriter) line(s string) { w.b.WriteString(s + "\r\n") }

// plain ends the header with a text/plain body.
func (w *mailWriter) plain(text string) []byte {
	w.line("Content-Type: text/plain; charset=utf-8")
	w.line("")
	w.b.WriteString(text)
	return w.b.Bytes()
}

// alternative ends the header with a multipart/alternative body: the text
// and the same text as HTML.
func (w *mailWriter) alternative(text string) []byte {
	w.line(`Content-Type: multipart/alternative; boundary="alt-b"`)
	w.line("")
	w.line("--alt-b")
	w.line("Content-Type: text/plain; charset=utf-8")
	w.line("")
	w.b.WriteString(text)
	w.line("--alt-b")
	w.line("Content-Type: text/html; charset=utf-8")
	w.line("")
	w.line("<html><body>" + asHTML(text) + "</body></html>")
	w.line("--alt-b--")
	return w.b.Bytes()
}

// withAttachment ends the header with a multipart/mixed body: the text,
// then data as a base64 PDF.
func (w *mailWriter) withAttachment(text string, data []byte, name string) []byte {
	w.line(`Content-Type: multipart/mixed; boundary="mix-b"`)
	w.line("")
	w.line("--mix-b")
	w.line("Content-Type: text/plain; charset=utf-8")
	w.line("")
	w.b.WriteString(text)
	w.line("--mix-b")
	w.line("Content-Type: application/pdf; name=" + name)
	w.line("Content-Disposition: attachment; filename=" + name)
	w.line("Content-Transfer-Encoding: base64")
	w.line("")
	writeBase64Lines(&w.b, data)
	w.line("--mix-b--")
	return w.b.Bytes()
}

// asHTML turns text lines into HTML paragraphs.
func asHTML(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(text, "\r\n"), "\r\n") {
		fmt.Fprintf(&b, "<div>%s</div>", html.EscapeString(l))
	}
	return b.String()
}

// writeBase64Lines writes data in base64, 76 characters a line.
func writeBase64Lines(b *bytes.Buffer, data []byte) {
	enc := make([]byte, base64.StdEncoding.EncodedLen(len(data)))
	base64.StdEncoding.Encode(enc, data)
	b.Grow(len(enc) + len(enc)/76*2 + 2)
	for len(enc) > 76 {
		b.Write(enc[:76])
		b.WriteString("\r\n")
		enc = enc[76:]
	}
	b.Write(enc)
	b.WriteString("\r\n")
}

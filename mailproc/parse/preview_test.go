package parse

import (
	"bytes"
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"
)

// The daemon previews a message from its first 16 KB, and up to 64 KB.
const (
	previewCut    = 16 << 10
	previewMaxCut = 64 << 10
)

// previewMessages are unrelated mail as the benchmark sends it, cut where
// the daemon's preview cuts it: plain text, text with its HTML
// alternative, HTML alone, and text with a 100–500 KB base64 PDF.
func previewMessages() map[string][]byte {
	r := rand.New(rand.NewPCG(17, 1))
	words := strings.Fields("the order we discussed last week has changed a little meeting agenda attached notes follow up soon invoice delivery shipment please")
	filler := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(words[r.IntN(len(words))])
			if i%12 == 11 {
				b.WriteString("\r\n")
			} else {
				b.WriteString(" ")
			}
		}
		return b.String()
	}
	text := "Hello,\r\n\r\n" + filler(300) + "\r\n" + filler(80) + "\r\nBest regards,\r\nJane Doe\r\n"
	head := "From: Jane Doe <jane@example.com>\r\nTo: Cooper Privacy <privacy@cooper.example>\r\nSubject: Invoice 4711\r\n" +
		"Date: Mon, 06 Jan 2025 10:00:00 -0800\r\nMessage-ID: <p-1@example.com>\r\nMIME-Version: 1.0\r\n"
	html := "<html><body><div>" + strings.ReplaceAll(strings.TrimRight(text, "\r\n"), "\r\n", "</div><div>") + "</div></body></html>\r\n"
	data := make([]byte, 100<<10+r.IntN(400<<10))
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	enc := base64.StdEncoding.EncodeToString(data)
	var att bytes.Buffer
	for len(enc) > 76 {
		att.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	att.WriteString(enc + "\r\n")
	msgs := map[string][]byte{
		"plain": []byte(head + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text),
		"alternative": []byte(head + "Content-Type: multipart/alternative; boundary=\"alt-b\"\r\n\r\n" +
			"--alt-b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text +
			"--alt-b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "--alt-b--\r\n"),
		"html": []byte(head + "Content-Type: text/html; charset=utf-8\r\n\r\n" + html),
		"attachment": []byte(head + "Content-Type: multipart/mixed; boundary=\"mix-b\"\r\n\r\n" +
			"--mix-b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text +
			"--mix-b\r\nContent-Type: application/pdf; name=document-1.pdf\r\nContent-Disposition: attachment; filename=document-1.pdf\r\n" +
			"Content-Transfer-Encoding: base64\r\n\r\n" + att.String() + "--mix-b--\r\n"),
	}
	cut := map[string][]byte{}
	for name, raw := range msgs {
		cut[name] = raw[:min(len(raw), previewCut)]
		if len(raw) > previewCut {
			cut[name+"-64k"] = raw[:min(len(raw), previewMaxCut)]
		}
	}
	return cut
}

// BenchmarkPreview reads the text of previewMessages as the daemon's
// preview does.
func BenchmarkPreview(b *testing.B) {
	for name, raw := range previewMessages() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				_ = Parse(raw, Limits{}).Text
			}
		})
	}
}

func TestPreviewMessages(t *testing.T) {
	for name, raw := range previewMessages() {
		if m := Parse(raw, Limits{}); m.Text == "" {
			t.Errorf("Parse(%s).Text is empty", name)
		}
	}
}

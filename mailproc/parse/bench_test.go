package parse

import (
	"strings"
	"testing"
)

// typicalMessages are the shapes the daemon reads most: a plain request, a
// webmail multipart/alternative reply with a quoted form, an HTML-only
// Outlook message, a bounce and a message with a PDF attachment.
func typicalMessages() map[string][]byte {
	form := "California Privacy Rights Request\r\n\r\nName: Jane Doe\r\nStreet address: 1 Main St\r\nCity: Fresno\r\nState: CA\r\nZIP code: 93704\r\n"
	quoted := "> " + strings.ReplaceAll(strings.TrimSpace(form), "\r\n", "\r\n> ")
	return map[string][]byte{
		"plain": buildMessage(plainType(), form, "Thanks,", "Jane", "-- ", "Jane Doe"),
		"alternative-reply": buildMessage([]string{`Content-Type: multipart/alternative; boundary="a"`},
			"--a", "Content-Type: text/plain; charset=UTF-8", "", form, "On Mon, Apr 14, 2025 at 10:02 AM Cooper <support@example.com> wrote:", quoted,
			"--a", "Content-Type: text/html; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable", "",
			`<div dir=3D"ltr"><div>California Privacy Rights Request</div><div>Name: Jane Doe</div></div><div class=3D"gmail_quote"><blockquote>Name:<br>City:</blockquote></div>`,
			"--a--"),
		"html-only": buildMessage([]string{"Content-Type: text/html; charset=utf-8"},
			"<html><head><style>p{margin:0}</style></head><body>"+strings.Repeat(`<div style="font-family: Aptos">Name: Jane&nbsp;Doe</div>`, 10)+"</body></html>"),
		"bounce": eml(append(reportHeader("r"),
			"--r", "Content-Type: text/plain", "", "Delivery failed.", "Message-ID: <C-1@example.com>",
			"--r", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.example.net", "", "Action: failed",
			"--r", "Content-Type: text/rfc822-headers", "", "Message-ID: <C-1@example.com>",
			"--r--")...),
		"pdf-attachment": buildMessage([]string{`Content-Type: multipart/mixed; boundary="m"`},
			"--m", "Content-Type: text/plain", "", "Invoice attached.",
			"--m", "Content-Type: application/pdf", "Content-Disposition: attachment; filename=a.pdf", "Content-Transfer-Encoding: base64", "",
			strings.Repeat("JVBERi0xLjQKJeLjz9MKMSAwIG9iago8PCAvVHlwZSAvQ2F0YWxvZyAvUGFnZXMgMiAwIFIgPj4K\r\n", 200),
			"--m--"),
	}
}

func BenchmarkParse(b *testing.B) {
	for name, raw := range typicalMessages() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				Parse(raw, Limits{})
			}
		})
	}
}

func TestTypicalMessagesParse(t *testing.T) {
	for name, raw := range typicalMessages() {
		if m := Parse(raw, Limits{}); m.Unreadable != "" || m.Text == "" {
			t.Errorf("Parse(%s) = Text %q Unreadable %q, want text and no reason", name, m.Text, m.Unreadable)
		}
	}
}

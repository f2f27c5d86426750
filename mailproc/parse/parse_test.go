package parse

import (
	"io"
	"strings"
	"testing"
)

// parseCase is a message and what Parse must make of it.
type parseCase struct {
	name            string
	raw             []byte
	text            string
	fullText        string // checked only when not ""
	unreadable      string
	attachments     int
	fullTextHasText string // FullText must contain it, when not ""
}

func runParseCases(t *testing.T, tests []parseCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Parse(tt.raw, Limits{})
			if m.Text != tt.text {
				t.Errorf("Parse().Text = %q, want %q", m.Text, tt.text)
			}
			if tt.fullText != "" && m.FullText != tt.fullText {
				t.Errorf("Parse().FullText = %q, want %q", m.FullText, tt.fullText)
			}
			if tt.fullTextHasText != "" && !strings.Contains(m.FullText, tt.fullTextHasText) {
				t.Errorf("Parse().FullText = %q, want it to contain %q", m.FullText, tt.fullTextHasText)
			}
			if m.Unreadable != tt.unreadable {
				t.Errorf("Parse().Unreadable = %q, want %q", m.Unreadable, tt.unreadable)
			}
			if m.Attachments != tt.attachments {
				t.Errorf("Parse().Attachments = %d, want %d", m.Attachments, tt.attachments)
			}
		})
	}
}

func TestParsePartChoice(t *testing.T) {
	alt := []string{`Content-Type: multipart/alternative; boundary="alt"`}
	mixed := []string{`Content-Type: multipart/mixed; boundary="mix"`}
	runParseCases(t, []parseCase{
		{name: "single plain", raw: buildMessage(plainType(), "Name: Jane Doe", "City: Fresno"),
			text: "Name: Jane Doe\nCity: Fresno"},
		{name: "no content type", raw: eml("From: a@example.com", "Subject: x", "", "hello"),
			text: "hello"},
		{name: "html only", raw: buildMessage([]string{"Content-Type: text/html; charset=utf-8"},
			"<html><head><title>T</title></head><body><div>Name: Jane</div><div>City: Fresno</div></body></html>"),
			text: "Name: Jane\nCity: Fresno"},
		{name: "alternative prefers plain", raw: buildMessage(alt,
			"--alt", "Content-Type: text/plain; charset=utf-8", "", "from plain",
			"--alt", "Content-Type: text/html; charset=utf-8", "", "<p>from html</p>",
			"--alt--"),
			text: "from plain"},
		{name: "alternative html first still prefers plain", raw: buildMessage(alt,
			"--alt", "Content-Type: text/html", "", "<p>from html</p>",
			"--alt", "Content-Type: text/plain", "", "from plain",
			"--alt--"),
			text: "from plain"},
		{name: "alternative with empty plain takes html", raw: buildMessage(alt,
			"--alt", "Content-Type: text/plain", "", "",
			"--alt", "Content-Type: text/html", "", "<p>from html</p>",
			"--alt--"),
			text: "from html"},
		{name: "mixed body and attachments", raw: buildMessage(mixed,
			"--mix", "Content-Type: text/plain", "", "the body",
			"--mix", "Content-Type: text/plain; name=notes.txt", "Content-Disposition: attachment; filename=notes.txt", "", "attached text",
			"--mix", "Content-Type: application/pdf", "Content-Transfer-Encoding: base64", "", "JVBERi0xLjQK",
			"--mix--"),
			text: "the body", attachments: 2},
		{name: "mixed with alternative body", raw: buildMessage(mixed,
			"--mix", `Content-Type: multipart/alternative; boundary="alt"`, "",
			"--alt", "Content-Type: text/plain", "", "plain body",
			"--alt", "Content-Type: text/html", "", "<b>html body</b>",
			"--alt--",
			"--mix", "Content-Type: image/jpeg", "Content-Disposition: inline", "", "xxxx",
			"--mix--"),
			text: "plain body", attachments: 1},
		{name: "mixed html body with text attachment first", raw: buildMessage(mixed,
			"--mix", "Content-Type: text/plain", `Content-Disposition: attachment; filename="a.txt"`, "", "not the body",
			"--mix", "Content-Type: text/html", "", "<div>the body</div>",
			"--mix--"),
			text: "the body", attachments: 1},
		{name: "inline text with a file name is an attachment", raw: buildMessage(mixed,
			"--mix", "Content-Type: text/plain", "", "body",
			"--mix", `Content-Type: text/plain; name="list.txt"`, "Content-Disposition: inline", "", "file",
			"--mix--"),
			text: "body", attachments: 1},
		{name: "forward as attachment read in full", raw: buildMessage(mixed,
			"--mix", "Content-Type: text/plain", "", "See the forwarded request.", "-- ", "Anita",
			"--mix", "Content-Type: message/rfc822", `Content-Disposition: attachment; filename="request.eml"`, "",
			"From: Anita <anita@example.org>", "Subject: Request", "Message-ID: <orig@example.org>", "Content-Type: text/plain", "",
			"California Privacy Rights Request", "Name: Anita Desai", "-- ", "Anita's signature",
			"--mix--"),
			text:     "See the forwarded request.\n\nCalifornia Privacy Rights Request\nName: Anita Desai",
			fullText: "See the forwarded request.\n-- \nAnita\n\nCalifornia Privacy Rights Request\nName: Anita Desai\n-- \nAnita's signature"},
		{name: "forward as attachment, html inside", raw: buildMessage(mixed,
			"--mix", "Content-Type: message/rfc822", "", "Subject: inner", `Content-Type: multipart/alternative; boundary="in"`, "",
			"--in", "Content-Type: text/html", "", "<div>Name: Jane</div><div>Zip: 94110</div>", "--in--",
			"--mix--"),
			text: "Name: Jane\nZip: 94110"},
		{name: "mixed plain parts around an inline picture joined", raw: buildMessage(mixed,
			"--mix", "Content-Type: text/plain", "", "Name: Jane",
			"--mix", "Content-Type: image/jpeg", "Content-Disposition: inline", "", "xxxx",
			"--mix", "Content-Type: text/plain", "", "City: Fresno",
			"--mix--"),
			text: "Name: Jane\n\nCity: Fresno", attachments: 1},
		{name: "multipart related html", raw: buildMessage([]string{`Content-Type: multipart/related; boundary="rel"`},
			"--rel", "Content-Type: text/html", "", "<p>See picture</p><img src=\"cid:1\">",
			"--rel", "Content-Type: image/png", "Content-ID: <1>", "", "iVBORw0KGgo=",
			"--rel--"),
			text: "See picture", attachments: 1},
		{name: "only an attachment", raw: buildMessage([]string{"Content-Type: application/pdf", "Content-Transfer-Encoding: base64"}, "JVBERi0xLjQK"),
			text: "", attachments: 1},
		{name: "preamble and epilogue ignored", raw: buildMessage(mixed,
			"This is a multi-part message in MIME format.",
			"--mix", "Content-Type: text/plain", "", "body",
			"--mix--", "epilogue text"),
			text: "body"},
		{name: "reply quote stripped from Text only", raw: buildMessage(plainType(),
			"My answer.", "", "On Mon, Jan 6, 2025 at 9:00 AM Cooper <support@example.com> wrote:", "> question"),
			text: "My answer.", fullTextHasText: "> question"},
		{name: "html reply quote stripped", raw: buildMessage([]string{"Content-Type: text/html"},
			`<div>Name: Omar</div><div class="gmail_quote"><div>On Mon, Jan 6, 2025 wrote:</div><blockquote>Name:<br>City:</blockquote></div>`),
			text: "Name: Omar", fullTextHasText: "> Name:"},
		{name: "format flowed joined", raw: buildMessage([]string{"Content-Type: text/plain; charset=utf-8; format=flowed"},
			"California Privacy Rights ", "Request", "", "Name: Jane"),
			text: "California Privacy Rights Request\n\nName: Jane"},
		{name: "format flowed delsp", raw: buildMessage([]string{"Content-Type: text/plain; format=flowed; delsp=yes"},
			"Califor ", "nia"),
			text: "California"},
	})
}

func TestParseEncodings(t *testing.T) {
	typed := func(ct, cte string, body ...string) []byte {
		return buildMessage([]string{"Content-Type: " + ct, "Content-Transfer-Encoding: " + cte}, body...)
	}
	runParseCases(t, []parseCase{
		{name: "quoted-printable utf-8", raw: typed("text/plain; charset=utf-8", "quoted-printable",
			"Zo=C3=AB Lindqvist wrote a long line that is wrapped =", "here."),
			text: "Zoë Lindqvist wrote a long line that is wrapped here."},
		{name: "quoted-printable windows-1252", raw: typed(`text/plain; charset="windows-1252"`, "quoted-printable",
			"I=92m Jos=E9 N=FA=F1ez =96 hi"),
			text: "I’m José Núñez – hi"},
		{name: "quoted-printable bad escapes kept", raw: typed("text/plain", "quoted-printable", "a=ZZb =3D c= d"),
			text: "a=ZZb = c= d"},
		{name: "base64 utf-8", raw: typed("text/plain; charset=UTF-8", "base64", "TmFtZTogTGluaCBUcuG6p24K"),
			text: "Name: Linh Trần"},
		{name: "base64 wrapped and indented", raw: typed("text/plain", "base64", "TmFtZTog", "  TGluaA=="),
			text: "Name: Linh"},
		{name: "base64 truncated mid-quantum", raw: typed("text/plain", "base64", "SGVsbG8gd29ybGQ"),
			text: "Hello world"},
		{name: "base64 truncated to one char", raw: typed("text/plain", "base64", "SGVsbG8gd29ybGQhI"),
			text: "Hello world!"},
		{name: "base64 concatenated chunks", raw: typed("text/plain", "base64", "SGk=IHRoZXJl"),
			text: "Hi there"},
		{name: "base64 invalid after good data", raw: typed("text/plain", "base64", "SGVsbG8gd29y!!!!bGQ="),
			text: "Hello wor"},
		{name: "base64 invalid from the start", raw: typed("text/plain", "base64", "!!!! not base64 at all"),
			text: "", unreadable: "body cannot be decoded: invalid base64"},
		{name: "base64 invalid html", raw: typed("text/html", "base64", "***"),
			text: "", unreadable: "body cannot be decoded: invalid base64"},
		{name: "base64 empty body", raw: typed("text/plain", "base64", ""),
			text: ""},
		{name: "unknown transfer encoding read as 8bit", raw: typed("text/plain", "x-made-up", "plain words"),
			text: "plain words"},
		{name: "8bit latin-1", raw: typed("text/plain; charset=iso-8859-1", "8bit", "Fran\xe7ois \x93quoted\x94"),
			text: "François “quoted”"},
		{name: "8bit koi8-r", raw: typed("text/plain; charset=koi8-r", "8bit", "\xf0\xd2\xc9\xd7\xc5\xd4"),
			text: "Привет"},
		{name: "shift_jis", raw: typed("text/plain; charset=shift_jis", "8bit", "\x93\xfa\x96\x7b"),
			text: "日本"},
		{name: "unknown charset utf-8 bytes", raw: typed("text/plain; charset=x-unheard-of", "8bit", "Zoë"),
			text: "Zoë"},
		{name: "unknown charset latin bytes", raw: typed("text/plain; charset=x-unheard-of", "8bit", "Zo\xeb"),
			text: "Zoë"},
		{name: "us-ascii with 8-bit bytes", raw: typed("text/plain; charset=us-ascii", "8bit", "caf\xe9"),
			text: "café"},
		{name: "utf-8 with stray byte", raw: typed("text/plain; charset=utf-8", "8bit", "Zoë \x92s"),
			text: "Zoë ’s"},
		{name: "html meta charset", raw: typed("text/html", "8bit", `<meta charset="koi8-r"><p>`+"\xf0\xd2\xc9\xd7\xc5\xd4"+`</p>`),
			text: "Привет"},
		{name: "binary", raw: typed("text/plain", "binary", "bytes as they are"),
			text: "bytes as they are"},
	})
}

func TestParseNormalises(t *testing.T) {
	runParseCases(t, []parseCase{
		{name: "NUL and controls removed", raw: buildMessage(plainType(), "Na\x00me:\x01 Jane\x7f\tDoe", "Zip:\x0b 94110"),
			text: "Name: Jane\tDoe\nZip: 94110"},
		{name: "CR alone is a line break", raw: []byte("Subject: x\r\n\r\nline one\rline two\r\nline three"),
			text: "line one\nline two\nline three"},
		{name: "nbsp, zero width, non-breaking hyphen", raw: buildMessage(plainType(), "Walnut\u00a0Creek", "Zo\u200bë", "9\u2011year\u2011old", "\ufeffBOM"),
			text: "Walnut Creek\nZoë\n9-year-old\nBOM"},
		{name: "NUL in quoted-printable", raw: buildMessage([]string{"Content-Type: text/plain", "Content-Transfer-Encoding: quoted-printable"}, "a\x00b=00c"),
			text: "abc"},
		{name: "NUL in header and html", raw: eml("Subject: a\x00b", "Content-Type: text/html", "", "<p>x\x00y</p>"),
			text: "xy"},
	})
}

func TestParseUnreadable(t *testing.T) {
	runParseCases(t, []parseCase{
		{name: "boundary never occurs", raw: buildMessage([]string{`Content-Type: multipart/mixed; boundary="nowhere"`},
			"--elsewhere", "Content-Type: text/plain", "", "text", "--elsewhere--"),
			unreadable: "multipart boundary never occurs"},
		{name: "no boundary parameter and no parts", raw: buildMessage([]string{"Content-Type: multipart/alternative"},
			"just text in a multipart"),
			unreadable: "multipart boundary never occurs"},
		{name: "no boundary parameter but parts found", raw: buildMessage([]string{"Content-Type: multipart/alternative"},
			"--guessed_123", "Content-Type: text/plain", "", "found it", "--guessed_123--"),
			text: "found it"},
		{name: "inner boundary never occurs but outer has text", raw: buildMessage([]string{`Content-Type: multipart/mixed; boundary="out"`},
			"--out", "Content-Type: text/plain", "", "readable",
			"--out", `Content-Type: multipart/alternative; boundary="in"`, "", "no parts here",
			"--out--"),
			text: "readable"},
		{name: "closing boundary missing", raw: buildMessage([]string{`Content-Type: multipart/mixed; boundary="b"`},
			"--b", "Content-Type: text/plain", "", "cut short but readable"),
			text: "cut short but readable"},
		{name: "message ends mid part in base64", raw: buildMessage([]string{`Content-Type: multipart/mixed; boundary="b"`},
			"--b", "Content-Type: text/plain", "Content-Transfer-Encoding: base64", "", "SGVsbG8gd29y"),
			text: "Hello wor"},
		{name: "empty body", raw: buildMessage(plainType()),
			text: ""},
		{name: "header only", raw: eml(basicHeader(plainType()...)...),
			text: ""},
		{name: "empty text parts", raw: buildMessage([]string{`Content-Type: multipart/alternative; boundary="b"`},
			"--b", "Content-Type: text/plain", "", "",
			"--b", "Content-Type: text/html", "", "<div><br></div>",
			"--b--"),
			text: ""},
		{name: "empty multipart body", raw: buildMessage([]string{`Content-Type: multipart/mixed; boundary="b"`}, ""),
			text: ""},
		{name: "no header", raw: []byte("no header here\njust text\n"),
			unreadable: "header cannot be read: read header: no header field found"},
		{name: "nothing at all", raw: nil,
			unreadable: "header cannot be read: read header: no header field found"},
	})
}

func TestParseHeaderCarried(t *testing.T) {
	m := Parse(buildMessage(plainType(), "body"), Limits{})
	if m.Header.Subject != "Request for California Privacy Information" || m.Header.MessageID != "test-1@example.com" {
		t.Errorf("Parse().Header = %+v, want the message's subject and id", m.Header)
	}
}

// TestNewlines reads each input whole and one byte at a time: CRLF and a
// lone CR are one LF, whichever read they fall in.
func TestNewlines(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "a": "a", "a\r\nb": "a\nb", "a\rb": "a\nb", "a\r\n\r\nb\r": "a\n\nb\n",
		"\r\r\n": "\n\n", "x\n": "x\n", "a\r\n": "a\n", "\r": "\n", "\r\n\r": "\n\n",
	} {
		if got, _ := io.ReadAll(newlines([]byte(in))); string(got) != want {
			t.Errorf("newlines(%q) = %q, want %q", in, got, want)
		}
		var got []byte
		r := &lfReader{[]byte(in)}
		for {
			var one [1]byte
			n, err := r.Read(one[:])
			got = append(got, one[:n]...)
			if err != nil {
				break
			}
		}
		if string(got) != want {
			t.Errorf("newlines(%q) a byte at a time = %q, want %q", in, got, want)
		}
	}
}

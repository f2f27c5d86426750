package parse

import (
	"bytes"
	"encoding/base64"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
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
				Preview(raw, Limits{})
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

// previewLimits are the limits Preview is compared under: the defaults,
// and small ones that the walk reaches.
var previewLimits = []Limits{{}, {MaxParts: 3, MaxDepth: 2, MaxTextBytes: 300}}

// TestPreviewIsParseText: Preview gives the Text that Parse gives, for
// every message of the tests, the fuzz seeds, the project's example mail
// and the shared corpus, whole and cut where the daemon cuts them and
// elsewhere.
func TestPreviewIsParseText(t *testing.T) {
	msgs := previewSeeds(t)
	if len(msgs) < 250 {
		t.Fatalf("only %d messages to compare", len(msgs))
	}
	n := 0
	for name, raw := range msgs {
		cuts := []int{len(raw), previewCut, previewMaxCut}
		for i := 1; i < 8; i++ {
			cuts = append(cuts, len(raw)*i/8)
		}
		for _, cut := range cuts {
			raw := raw[:min(cut, len(raw))]
			for _, lim := range previewLimits {
				if got, want := Preview(raw, lim), Parse(raw, lim).Text; got != want {
					t.Errorf("%s cut at %d, %+v: Preview = %q, Parse(...).Text = %q", name, len(raw), lim, got, want)
				}
				n++
			}
		}
	}
	t.Logf("%d messages, %d comparisons", len(msgs), n)
}

func FuzzPreview(f *testing.F) {
	for _, raw := range previewSeeds(f) {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, lim := range previewLimits {
			if got, want := Preview(raw, lim), Parse(raw, lim).Text; got != want {
				t.Errorf("Preview(%q, %+v) = %q, Parse(...).Text = %q", raw, lim, got, want)
			}
		}
	})
}

// previewSeeds are the messages Preview is compared on, by name: those of
// the tests here, the FuzzParse seeds, the example mail of classify and
// demo, and ../shared/corpus when it is beside this checkout.
func previewSeeds(tb testing.TB) map[string][]byte {
	tb.Helper()
	out := previewMessages()
	for name, raw := range typicalMessages() {
		out["typical/"+name] = raw
	}
	for name, raw := range previewShapes() {
		out["shape/"+name] = raw
	}
	for i, raw := range fuzzSeeds() {
		out["seed/"+strconv.Itoa(i)] = raw
	}
	for i, raw := range sharedCorpus(tb) {
		out["shared/"+strconv.Itoa(i)] = raw
	}
	files, err := filepath.Glob("testdata/fuzz/FuzzParse/*")
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range files {
		out[f] = fuzzFileBytes(tb, f)
	}
	for _, pattern := range []string{"../classify/testdata/*/*.eml", "../demo/mail/*.eml"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			out[f] = raw
		}
	}
	return out
}

// fuzzFileBytes reads the []byte value of a file in the Go fuzz corpus
// format ("go test fuzz v1", then []byte("...")).
func fuzzFileBytes(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	_, value, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	q, ok := strings.CutPrefix(value, "[]byte(")
	q, ok2 := strings.CutSuffix(q, ")")
	s, err := strconv.Unquote(q)
	if !ok || !ok2 || err != nil {
		tb.Fatalf("%s: not a []byte fuzz value: %v", path, err)
	}
	return []byte(s)
}

// previewShapes are multiparts where what Preview passes over and what it
// must read sit side by side: HTML beside plain text that is blank, comes
// later or is an attachment, and forwards after an attachment.
func previewShapes() map[string][]byte {
	alt := []string{`Content-Type: multipart/alternative; boundary="a"`}
	mixed := []string{`Content-Type: multipart/mixed; boundary="m"`}
	return map[string][]byte{
		"blank-plain-then-html": buildMessage(alt,
			"--a", "Content-Type: text/plain", "", " ", "--a", "Content-Type: text/html", "", "<p>California Privacy Rights Request</p>", "--a--"),
		"html-then-plain": buildMessage(alt,
			"--a", "Content-Type: text/html", "", "<p>from html</p>", "--a", "Content-Type: text/plain", "", "from plain", "--a--"),
		"mixed-plain-html-plain": buildMessage(mixed,
			"--m", "Content-Type: text/plain", "", "first", "--m", "Content-Type: text/html", "", "<p>html</p>",
			"--m", "Content-Type: text/plain", "", "second", "--m--"),
		"mixed-attached-plain-then-html": buildMessage(mixed,
			"--m", "Content-Type: text/plain", "Content-Disposition: attachment; filename=a.txt", "", "a file",
			"--m", "Content-Type: text/html", "", "<p>the body</p>", "--m--"),
		"mixed-plain-pdf-forward": buildMessage(mixed,
			"--m", "Content-Type: text/plain", "", "see below", "--m", "Content-Type: application/pdf", "Content-Transfer-Encoding: base64", "", "JVBERi0x",
			"--m", "Content-Type: text/html", "", "<p>html</p>",
			"--m", "Content-Type: message/rfc822", "", "Subject: inner", "Message-ID: <in@x>", "", "forwarded text", "--m--"),
		"nested-alternative-after-plain": buildMessage(mixed,
			"--m", "Content-Type: text/plain", "", "outer",
			"--m", `Content-Type: multipart/alternative; boundary="a"`, "",
			"--a", "Content-Type: text/plain", "", "", "--a", "Content-Type: text/html", "", "<p>inner html</p>", "--a--", "--m--"),
		// A preview decodes only the subject and the Content- fields of
		// the header: names in any case, blanks before the colon, folded
		// values, encoded words, and headers with none of them.
		"fields-odd-case": eml("from: a@x", "SUBJECT : Fwd: Request for California Privacy Information",
			"content-TYPE :", "  text/html;", "\tcharset=iso-8859-1", "CONTENT-transfer-encoding: quoted-printable", "", "<p>caf=E9 =3D ok</p>"),
		"fields-forward-subject": eml("sUbJeCt: FW: my request", "Content-Type: text/plain", "", "see below",
			"-----Original Message-----", "From: Jane <jane@example.com>", "Subject: Request", "", "Please send my data."),
		"fields-encoded-subject": eml("Subject: =?utf-8?q?Fwd=3A_hello?=", "Content-Type: message/rfc822", "", "Subject: inner", "", "forwarded"),
		"fields-none-wanted":     eml("From: a@x", "X-Content-Type: text/html", "Received: by x", "", "<p>plain, really</p>"),
		"fields-content-alone":   eml("Content-: text/html", "Contents: text/html", "", "<p>not html</p>"),
		"fields-disposition":     eml("Content-Type: text/plain", "Content-Disposition: attachment; filename=a.txt", "", "the text"),
		"report-with-html": eml(append(reportHeader("r"),
			"--r", "Content-Type: text/plain", "", "Delivery failed.", "--r", "Content-Type: text/html", "", "<p>Message-ID: &lt;h@x&gt;</p>",
			"--r", "Content-Type: message/delivery-status", "", "Action: failed", "--r--")...),
	}
}

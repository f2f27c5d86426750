package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are small messages of every shape Parse reads; more seeds are
// committed under testdata/fuzz/FuzzParse.
func fuzzSeeds() [][]byte {
	return [][]byte{
		buildMessage(plainType(), "California Privacy Rights Request", "Name: Jane", "-- ", "sig"),
		buildMessage([]string{"Content-Type: text/plain; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable"}, "Fran=E7ois =", "soft"),
		buildMessage([]string{"Content-Type: text/plain", "Content-Transfer-Encoding: base64"}, "SGVsbG8gd29y"),
		buildMessage([]string{`Content-Type: multipart/alternative; boundary="a"`},
			"--a", "Content-Type: text/plain", "", "plain", "--a", "Content-Type: text/html", "", "<div class=gmail_quote>q</div>", "--a--"),
		buildMessage([]string{`Content-Type: multipart/mixed; boundary="m"`},
			"--m", "Content-Type: message/rfc822", "", "Message-ID: <x@y>", "", "inner", "--m--"),
		eml(append(reportHeader("r"), "--r", "Content-Type: text/rfc822-headers", "", "Message-ID: <r@x>", "--r--")...),
		buildMessage([]string{"Content-Type: multipart/mixed"}, "--guess", "", "x", "--guess--"),
		[]byte("Subject: =?utf-8?b?w6k=?=\n\n\x00\r\r\n"),
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range fuzzSeeds() {
		f.Add(seed)
	}
	for _, seed := range sharedCorpus(f) {
		f.Add(seed)
	}
	lim := Limits{MaxParts: 50, MaxDepth: 8, MaxTextBytes: 4096}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m := Parse(raw, lim)
		if m == nil {
			t.Fatal("Parse returned nil")
		}
		if strings.Contains(m.Unreadable, "internal parser error") {
			t.Fatalf("Parse(%q) panicked inside", raw)
		}
		for name, s := range map[string]string{"Text": m.Text, "FullText": m.FullText} {
			if !utf8.ValidString(s) {
				t.Errorf("Parse(%q).%s is not valid UTF-8: %q", raw, name, s)
			}
			if len(s) > lim.MaxTextBytes {
				t.Errorf("len(Parse(%q).%s) = %d, want <= %d", raw, name, len(s), lim.MaxTextBytes)
			}
		}
		if !utf8.ValidString(m.Header.Subject) {
			t.Errorf("Parse(%q).Header.Subject is not valid UTF-8: %q", raw, m.Header.Subject)
		}
	})
}

// sharedCorpus reads the example messages of ../shared/corpus, when this
// checkout has them beside it, as more seeds (they are not copied here).
func sharedCorpus(tb testing.TB) [][]byte {
	files, _ := filepath.Glob("../../../shared/corpus/*.eml")
	var out [][]byte
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			out = append(out, b)
		}
	}
	return out
}

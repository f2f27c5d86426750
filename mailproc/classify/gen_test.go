package classify_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"mime"
	"mime/quotedprintable"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"

	"github.com/mailproc/mailproc/mailproc/testenv/golden"
)

// The fixtures under testdata/machine are machine mail in the formats that
// MTAs, providers, list managers and responders produce (written from
// their documented formats, not copied), each given the subject a bounce or
// answer of one of our replies would carry, or another. testdata/human
// holds what people write that must not be taken for a machine's. This
// generator writes both; `go test -run TestFixturesAreGenerated -update`
// rewrites them, and without -update the test fails when they drift.

// mail is one generated message: its header fields (in order) and body.
type mail struct {
	header []string
	body   []string
}

// bytes joins the message with CRLF line ends, as it comes off the wire.
func (m mail) bytes() []byte {
	return []byte(strings.Join(m.header, "\r\n") + "\r\n\r\n" + strings.Join(m.body, "\r\n") + "\r\n")
}

// format makes one kind of machine mail from the facts of one variant.
type format struct {
	name     string
	variants int
	make     func(v variant) mail
}

// variant is what changes between the messages of one format: the
// subject, the addresses, the time, and the message it returns.
type variant struct {
	n       int
	subject string    // the subject the message is given
	rcpt    string    // the address our reply went to
	host    string    // the machine that writes the message
	at      time.Time // when it wrote it
	id      string    // its Message-ID, without <>
	orig    original  // the message it returns or answers
}

// original is the message a bounce returns or a responder answers: one of
// our replies, or (in most) a message that only looks like one, since the
// held-back mail carries other Message-IDs.
type original struct {
	id, subject, to string
	at              time.Time
	ours            bool
}

// header returns the original's header lines.
func (o original) header() []string {
	return []string{
		"Return-Path: <privacy@cooper.example>",
		"From: Cooper Privacy <privacy@cooper.example>",
		"To: " + o.to,
		"Subject: " + o.subject,
		"Date: " + o.at.Format(time.RFC1123Z),
		"Message-ID: <" + o.id + ">",
		"Auto-Submitted: auto-replied",
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=utf-8",
		"Content-Transfer-Encoding: quoted-printable",
	}
}

// text is the start of the original's body, quoted-printable as we send
// it: our reply's, or another message's.
func (o original) text() []string {
	if !o.ours {
		return []string{"Hello,", "", "Thank you for writing to Cooper. Your message has reached the right =", "team and we will answer it soon."}
	}
	return []string{
		"Hello,",
		"",
		"Thank you for your message, which we received on March 3, 2025. We",
		"are handling it as a California Privacy Rights Request under California",
		"Civil Code =C2=A7 1798.83. Your case number is C-2025-0042.",
	}
}

// requestSubjects are the subjects the fixtures are given in turn: those
// of a bounce or answer of our replies, the requests' own, and others.
var requestSubjects = []string{
	"Undeliverable: Re: Request for California Privacy Information",
	"Re: COPPA Information Request",
	"Re: Request for California Privacy Information",
	"Request for California Privacy Information",
	"COPPA Information Request",
	"", // the format's own subject
	"Undeliverable: Re: COPPA Information Request",
	"",
}

// recipients are the addresses our replies went to, in turn.
var recipients = []string{
	"r.alvarez@example.net", "m.ellison@example.com", "kenji.sato@example.jp", "anna.schmidt@example.de",
	"l.moreau@example.fr", "j.garcia@example.es", "p.rossi@example.it", "d.devries@example.nl",
}

// variantOf builds variant v of the format at index i.
func variantOf(i int, f format, v int) variant {
	h := fnv.New32a()
	fmt.Fprintf(h, "%s/%d", f.name, v)
	seed := int(h.Sum32())
	at := time.Date(2025, 3, 6, 10, 0, 0, 0, time.UTC).Add(time.Duration(seed%86400) * time.Second)
	rcpt := recipients[(i+v)%len(recipients)]
	domain := rcpt[strings.IndexByte(rcpt, '@')+1:]
	origSubject := "Re: Request for California Privacy Information"
	if (i+v)%3 == 1 {
		origSubject = "Re: COPPA Information Request"
	}
	orig := original{
		id:      fmt.Sprintf("%08x.%d@mail.cooper.example", seed, v),
		subject: origSubject, to: rcpt, at: at.Add(-2 * time.Minute),
	}
	if (i+v)%9 == 4 { // some return one of our replies, by its real Message-ID
		kind := map[bool]string{true: "coppa-received", false: "california-incomplete"}[strings.Contains(origSubject, "COPPA")]
		orig.id, orig.ours = fmt.Sprintf("C-2025-%04d.%s.k3x9@cooper.example", seed%10000, kind), true
	}
	return variant{
		n: v, subject: requestSubjects[(i*2+v)%len(requestSubjects)], rcpt: rcpt,
		host: fmt.Sprintf("mx%d.%s", seed%4+1, domain), at: at,
		id: fmt.Sprintf("%x.%d@%s", seed, v, domain), orig: orig,
	}
}

// subjectOr is the variant's subject, or the format's own when the variant
// has none.
func (v variant) subjectOr(own string) string {
	if v.subject == "" {
		return own
	}
	return v.subject
}

// date is the variant's time as a Date field value.
func (v variant) date() string { return v.at.Format(time.RFC1123Z) }

// domain is the recipient's domain.
func (v variant) domain() string { return v.rcpt[strings.IndexByte(v.rcpt, '@')+1:] }

// person is the recipient's name, as their mail program shows it.
func (v variant) person() string {
	words := strings.FieldsFunc(v.local(), func(r rune) bool { return r == '.' || r == '_' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// local is the recipient's local part.
func (v variant) local() string { return v.rcpt[:strings.IndexByte(v.rcpt, '@')] }

// encodedWord encodes a header value in charset (B encoding) when it is
// not ASCII.
func encodedWord(charset, s string) string {
	if isASCII(s) {
		return s
	}
	b := encodeIn(charset, s)
	return "=?" + charset + "?B?" + base64.StdEncoding.EncodeToString(b) + "?="
}

// utf8Word is encodedWord in UTF-8, Q encoding.
func utf8Word(s string) string {
	if isASCII(s) {
		return s
	}
	return mime.QEncoding.Encode("utf-8", s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// encodeIn converts UTF-8 text to a legacy charset.
func encodeIn(charset, s string) []byte {
	var enc encoding.Encoding
	switch strings.ToLower(charset) {
	case "iso-2022-jp":
		enc = japanese.ISO2022JP
	case "shift_jis":
		enc = japanese.ShiftJIS
	case "iso-8859-1":
		enc = charmap.ISO8859_1
	case "iso-8859-15":
		enc = charmap.ISO8859_15
	case "windows-1252":
		enc = charmap.Windows1252
	default:
		return []byte(s)
	}
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(fmt.Sprintf("encode %q in %s: %v", s, charset, err))
	}
	return b
}

// qp encodes text lines quoted-printable in charset, as lines.
func qp(charset string, lines ...string) []string {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	w.Write(encodeIn(charset, strings.Join(lines, "\r\n")))
	w.Close()
	return strings.Split(strings.ReplaceAll(b.String(), "\r\n", "\n"), "\n")
}

// jis encodes text lines in ISO-2022-JP (7bit), as lines.
func jis(lines ...string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = string(encodeIn("iso-2022-jp", l))
	}
	return out
}

// part is one MIME part: its header lines and body lines.
func part(header []string, body ...string) []string {
	return append(append(slices.Clone(header), ""), body...)
}

// multipart joins parts under boundary, with an optional preamble.
func multipart(boundary string, preamble []string, parts ...[]string) []string {
	out := slices.Clone(preamble)
	for _, p := range parts {
		out = append(out, "--"+boundary)
		out = append(out, p...)
	}
	return append(out, "--"+boundary+"--", "")
}

// returned is the original as a message/rfc822 part, or only its header
// as text/rfc822-headers.
func (v variant) returned(whole bool) []string {
	if !whole {
		return part([]string{"Content-Type: text/rfc822-headers"}, v.orig.header()...)
	}
	return part([]string{"Content-Type: message/rfc822", "Content-Description: Undelivered Message"},
		append(append(v.orig.header(), ""), v.orig.text()...)...)
}

// inline is the original written into a bounce's text: its header and the
// start of its body.
func (v variant) inline() []string {
	return append(append(v.orig.header(), ""), v.orig.text()...)
}

// status is a message/delivery-status part for the variant's recipient.
func (v variant) status(mta, action, code, diag string) []string {
	return part([]string{"Content-Type: message/delivery-status"},
		"Reporting-MTA: dns; "+mta,
		"Arrival-Date: "+v.orig.at.Format(time.RFC1123Z),
		"",
		"Final-Recipient: rfc822; "+v.rcpt,
		"Original-Recipient: rfc822;"+v.rcpt,
		"Action: "+action,
		"Status: "+code,
		"Remote-MTA: dns; "+v.host,
		"Diagnostic-Code: smtp; "+diag,
	)
}

// allFormats lists every format of machine mail, by family.
func allFormats() []format {
	var all []format
	for _, family := range [][]format{bounceFormats(), moreBounceFormats(), japaneseFormats(), reportFormats(), autoReplyFormats(), listFormats(), noticeFormats()} {
		all = append(all, family...)
	}
	return all
}

// machineFixtures generates every machine message, by file name.
func machineFixtures() map[string][]byte {
	out := map[string][]byte{}
	for i, f := range allFormats() {
		for v := 0; v < f.variants; v++ {
			out[fmt.Sprintf("%s-%d.eml", f.name, v+1)] = f.make(variantOf(i, f, v)).bytes()
		}
	}
	return out
}

// TestFixturesAreGenerated: the committed fixtures are what the generator
// writes (with -update it writes them, and removes those it no longer
// makes).
func TestFixturesAreGenerated(t *testing.T) {
	for dir, files := range map[string]map[string][]byte{"machine": machineFixtures(), "human": humanFixtures()} {
		dir = filepath.Join("testdata", dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, raw := range files {
			golden.Check(t, filepath.Join(dir, name), raw)
		}
		existing, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
		for _, path := range existing {
			if _, ok := files[filepath.Base(path)]; !ok {
				if golden.Updating() {
					os.Remove(path)
					continue
				}
				t.Errorf("%s is not generated any more (go test -update removes it)", path)
			}
		}
	}
}

package daemon_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/store"
)

// Bad input (issue 3 point 5): each message below is delivered with a
// request subject (and, where it makes sense, with an unrelated one), before
// a normal request. One run of the daemon must finish in time, give the bad
// message a clear outcome, leave unrelated mail untouched and still answer
// the normal request.

// badInputDeadline bounds one run of the daemon: past it the test fails as
// a hang instead of waiting.
const badInputDeadline = 20 * time.Second

// Addresses and Message-IDs of the three messages of each case.
const (
	badFrom          = "Ada Byron <ada@example.com>"
	badEmail         = "ada@example.com"
	badID            = "bad-request@example.com"
	otherFrom        = "Tom <tom@example.com>"
	otherID          = "bad-unrelated@example.com"
	laterEmail       = "bo@example.com"
	unrelatedSubject = "Where is my order?"
)

// unrelatedBody is the text of the unrelated messages.
const unrelatedBody = "Hello,\n\nMy order 1234 has not arrived yet. Where is it?\n\nTom\n"

// laterRequestBody is the normal request delivered after the bad one:
// another requester, so that the once-a-year rule does not join them.
const laterRequestBody = "California Privacy Rights Request\n\nName: Bo Li\nStreet address: 5 Elm Street\nCity: Fresno\nState: CA\nZIP code: 93721\n"

// injected is header-looking text a subject carries in an encoded word.
const injected = "\r\nBcc: victim@example.com\x00\tX-Evil: 1\u2028Cc: z@evil.example\r\n\r\n<p>body</p>"

// everyField is every field of a california request.
var everyField = []string{"city", "first-line", "name", "state", "street", "zip"}

// badOutcome is what the daemon must make of the bad request: a review with a
// reason, or a reply with a template (and, for an incomplete request, the
// fields it misses).
type badOutcome struct {
	reasons  []cases.Reason // review, for any of these
	template cases.Template
	missing  []string
}

// badCase is one bad message.
type badCase struct {
	name string
	// build makes the message with the given head.
	build func(h msgHead) []byte
	// subject is the request subject, "" for calSubject; unrelated, when
	// set, is a subject under which the message is also delivered and must
	// be left alone.
	subject, unrelated string
	want               badOutcome
	// check looks further at the run, e.g. at the reply's bytes.
	check func(t *testing.T, w *world, fetched *fetchLog)
}

func TestBadInput(t *testing.T) {
	huge := hugeFiller(30 << 20) // generated once, shared by every kind
	for _, tt := range badCases(huge) {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			eachKind(t, func(t *testing.T, w *world) { runBadCase(t, w, tt) })
		})
	}
}

func badCases(huge []byte) []badCase {
	return []badCase{
		{name: "30 MiB", build: func(h msgHead) []byte { return h.plain(withCRLF(h.text) + string(huge)) }, unrelated: unrelatedSubject,
			want: badOutcome{reasons: []cases.Reason{cases.ReasonTooLarge}}, check: neverLoadedWhole},
		{name: "30 MiB, request line under another subject", build: func(h msgHead) []byte { return h.plain(withCRLF(h.text) + string(huge)) },
			subject: unrelatedSubject, want: badOutcome{reasons: []cases.Reason{cases.ReasonTooLarge, cases.ReasonNearMiss}}, check: onlyPreviewed},
		{name: "2000 parts, text first", build: func(h msgHead) []byte { return manyParts(h, 2000, true) }, unrelated: unrelatedSubject,
			want: badOutcome{template: "california-disclosure"}},
		{name: "2000 parts, text beyond the limit", build: func(h msgHead) []byte { return manyParts(h, 2000, false) },
			want: badOutcome{reasons: []cases.Reason{cases.ReasonUnparseable}}},
		{name: "nested 100 deep, text on top", build: func(h msgHead) []byte { return nestedParts(h, 100, true) }, unrelated: unrelatedSubject,
			want: badOutcome{template: "california-disclosure"}},
		{name: "nested 100 deep, text at the bottom", build: func(h msgHead) []byte { return nestedParts(h, 100, false) },
			want: badOutcome{reasons: []cases.Reason{cases.ReasonUnparseable}}},
		{name: "base64 that cannot be decoded", build: func(h msgHead) []byte { return h.encoded("base64", "!!!! this is not base64 ~~~~\r\n") },
			unrelated: unrelatedSubject, want: badOutcome{reasons: []cases.Reason{cases.ReasonUnparseable}}},
		{name: "base64 that decodes partly", build: func(h msgHead) []byte { return h.encoded("base64", base64Lines(h.text)+"!!!!~~~~\r\nQUJD\r\n") },
			unrelated: unrelatedSubject, want: badOutcome{template: "california-disclosure"}},
		{name: "plain text labelled base64", build: func(h msgHead) []byte { return h.encoded("base64", withCRLF(h.text)) },
			unrelated: unrelatedSubject, want: badOutcome{reasons: []cases.Reason{cases.ReasonUnparseable}}},
		{name: "base64 cut short", build: func(h msgHead) []byte { return h.encoded("base64", base64Lines(h.text)[:90]) },
			want: badOutcome{template: "california-incomplete", missing: []string{"city", "state", "street", "zip"}}},
		{name: "quoted-printable that cannot be decoded", build: func(h msgHead) []byte { return h.encoded("quoted-printable", "=") },
			want: badOutcome{reasons: []cases.Reason{cases.ReasonUnparseable}}},
		{name: "quoted-printable with bad escapes", build: badEscapes, unrelated: unrelatedSubject,
			want: badOutcome{template: "california-disclosure"}},
		{name: "unknown charset, ASCII", build: func(h msgHead) []byte { return h.typed("text/plain; charset=x-unknown-charset", withCRLF(h.text)) },
			unrelated: unrelatedSubject, want: badOutcome{template: "california-disclosure"}},
		{name: "unknown charset, 8-bit", build: eightBit, unrelated: unrelatedSubject,
			want: badOutcome{template: "california-disclosure"}, check: nameIsUTF8},
		{name: "NUL bytes", build: nulMessage, unrelated: unrelatedSubject,
			want: badOutcome{template: "california-disclosure"}, check: nameIsUTF8},
		{name: "1 MB header line", build: func(h msgHead) []byte {
			return h.plain(withCRLF(h.text), "X-Junk: "+strings.Repeat("junk ", 1<<20/5))
		}, unrelated: unrelatedSubject, want: badOutcome{template: "california-disclosure"}},
		{name: "256 KiB subject", build: func(h msgHead) []byte { return h.plain(withCRLF(h.text)) },
			subject: calSubject + " " + strings.Repeat("please answer ", 256<<10/14), unrelated: unrelatedSubject + " " + strings.Repeat("lorem ipsum ", 256<<10/12),
			want: badOutcome{template: "california-disclosure"}, check: subjectShort},
		{name: "header injection", build: injection, subject: rfc2047(calSubject + injected),
			unrelated: rfc2047(unrelatedSubject + injected), want: badOutcome{template: "california-disclosure"}, check: noInjectedHeaders},
		{name: "HTML with scripts", build: scriptHTML, subject: calSubject + " <script>alert(3)</script>",
			want: badOutcome{template: "california-incomplete", missing: []string{"name", "zip"}}, check: htmlEscaped},
		{name: "boundary never occurs", build: func(h msgHead) []byte {
			return h.typed(`multipart/mixed; boundary="never-here"`, withCRLF(h.text))
		}, unrelated: unrelatedSubject, want: badOutcome{reasons: []cases.Reason{cases.ReasonUnparseable}}},
		{name: "empty body", build: func(h msgHead) []byte { return h.plain("") }, unrelated: unrelatedSubject,
			want: badOutcome{template: "california-incomplete", missing: everyField}},
	}
}

// runBadCase delivers the bad message (with a request subject, and with an
// unrelated one), then a normal request, runs the daemon once within the
// deadline, and checks all three.
func runBadCase(t *testing.T, w *world, tt badCase) {
	w.cfg.Limits.MaxMessageBytes = config.DefaultMaxMessageBytes
	w.cfg.Limits.MessageTimeout.Duration = 5 * time.Second
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	subject := tt.subject
	if subject == "" {
		subject = calSubject
	}
	deliverRaw(w, tt.build(msgHead{id: badID, from: badFrom, subject: subject, text: fullBody}), now.Add(-3*time.Hour))
	if tt.unrelated != "" {
		deliverRaw(w, tt.build(msgHead{id: otherID, from: otherFrom, subject: tt.unrelated, text: unrelatedBody}), now.Add(-2*time.Hour))
	}
	good := w.deliver(now.Add(-time.Hour), "Bo Li <"+laterEmail+">", calSubject, laterRequestBody)

	fetched := &fetchLog{}
	took := runOnceWithin(t, w.daemon(now, fetched.wrap(w.imap.Config())), badInputDeadline)
	t.Logf("%s on %s: run took %s; FetchRaw of the bad request: %s; of the unrelated one: %s",
		tt.name, w.imap.Kind, took.Round(time.Millisecond), fetched.describe(badID), fetched.describe(otherID))

	checkBadOutcome(t, w, tt.want)
	checkOnlyUnrelatedInInbox(t, w, tt.unrelated != "")
	if c := w.caseOf(good); c.State != cases.Answered || !slices.Contains(w.templatesSent(), "california-disclosure "+laterEmail) {
		t.Errorf("the normal request after the bad one = %s %v, replies %q; want answered with california-disclosure", c.State, c.Reasons, w.templatesSent())
	}
	fetched.checkBounded(t, w.cfg.Limits.MaxMessageBytes)
	if tt.check != nil {
		tt.check(t, w, fetched)
	}
}

// runOnceWithin runs the daemon once and fails the test when the run returns
// an error or does not finish within limit. It returns how long it took.
func runOnceWithin(t *testing.T, d *mailproc, limit time.Duration) time.Duration {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- d.RunOnce(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("RunOnce = %v, want nil", err)
		}
	case <-ctx.Done():
		t.Fatalf("RunOnce did not finish within %s", limit)
	}
	return time.Since(start)
}

// checkBadOutcome checks the bad request's case, folder, flags and reply.
func checkBadOutcome(t *testing.T, w *world, want badOutcome) {
	t.Helper()
	c := w.caseOf(badID)
	replies := w.templatesSent()
	if want.reasons != nil {
		if c.State != cases.Review || !slices.ContainsFunc(c.Reasons, func(r cases.Reason) bool { return slices.Contains(want.reasons, r) }) {
			t.Errorf("bad request = %s %v (%s), want review for one of %v", c.State, c.Reasons, lastDecided(c), want.reasons)
		}
		if m, ok := messageIn(w, "Privacy/Review", badID); !ok || !flagged(m) {
			t.Errorf("bad request in Privacy/Review = %v, flagged = %v; want there and \\Flagged", ok, flagged(m))
		}
		for _, r := range replies {
			if strings.HasSuffix(r, " "+badEmail) {
				t.Errorf("a reply went to the bad request's sender: %s", r)
			}
		}
		return
	}
	if !slices.Contains(replies, string(want.template)+" "+badEmail) {
		t.Errorf("replies = %q (case %s %v: %s), want %s to %s", replies, c.State, c.Reasons, lastDecided(c), want.template, badEmail)
	}
	if want.missing != nil && !slices.Equal(c.Missing, want.missing) {
		t.Errorf("missing = %q, want %q", c.Missing, want.missing)
	}
	if _, ok := messageIn(w, "Privacy/Processed", badID); !ok {
		t.Errorf("bad request not in Privacy/Processed")
	}
}

// lastDecided is the case's last "decided" history entry, for messages.
func lastDecided(c *cases.Case) string {
	for i := len(c.History) - 1; i >= 0; i-- {
		if c.History[i].Action == "decided" {
			return c.History[i].Detail
		}
	}
	return ""
}

// checkOnlyUnrelatedInInbox checks that only the unrelated message (when
// delivered) is left in INBOX, without flags and without a case.
func checkOnlyUnrelatedInInbox(t *testing.T, w *world, unrelated bool) {
	t.Helper()
	inbox := headersIn(w, "INBOX")
	want := 0
	if unrelated {
		want = 1
	}
	if len(inbox) != want {
		t.Fatalf("INBOX holds %d messages, want %d (the unrelated one)", len(inbox), want)
	}
	if !unrelated {
		return
	}
	if !bytes.Contains(inbox[0].Header, []byte("<"+otherID+">")) || len(inbox[0].Flags) != 0 {
		t.Errorf("INBOX keeps %q with flags %v, want the unrelated message with none", rawFirstLine(inbox[0].Header), inbox[0].Flags)
	}
	err := w.store.View(func(tx *store.Tx) error {
		if id, ok := tx.CaseForMessage("mid:" + otherID); ok {
			t.Errorf("unrelated mail has case %s, want none", id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// messageIn finds a message by Message-ID in a folder.
func messageIn(w *world, folder, id string) (mailbox.Summary, bool) {
	for _, m := range headersIn(w, folder) {
		if bytes.Contains(m.Header, []byte("<"+id+">")) {
			return m, true
		}
	}
	return mailbox.Summary{}, false
}

// headersIn lists a folder's messages by header and flags, without their
// bodies, so that a 30 MiB message is not read back whole.
func headersIn(w *world, folder string) []mailbox.Summary {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := mailbox.Dial(ctx, w.imap.Config())
	if err != nil {
		w.t.Fatalf("list %s: %v", folder, err)
	}
	defer c.Close()
	if _, err := c.Select(ctx, folder); err != nil {
		w.t.Fatalf("list %s: %v", folder, err)
	}
	sums, err := c.FetchSince(ctx, 0, 0)
	if err != nil {
		w.t.Fatalf("list %s: %v", folder, err)
	}
	return sums
}

func flagged(m mailbox.Summary) bool {
	return slices.ContainsFunc(m.Flags, func(f string) bool { return strings.EqualFold(f, `\Flagged`) })
}

func rawHeaderOf(raw []byte) []byte {
	if i := bytes.Index(raw, []byte("\r\n\r\n")); i >= 0 {
		return raw[:i]
	}
	return raw
}

func rawFirstLine(raw []byte) string {
	line, _, _ := bytes.Cut(raw, []byte("\n"))
	return string(line)
}

// deliverRaw delivers raw bytes to INBOX.
func deliverRaw(w *world, raw []byte, at time.Time) {
	w.t.Helper()
	if err := w.imap.Append("INBOX", raw, at); err != nil {
		w.t.Fatalf("deliver %d bytes: %v", len(raw), err)
	}
}

// ---- Messages ----

// msgHead is the header of a generated message, and the text its body
// carries.
type msgHead struct{ id, from, subject, text string }

// message is the header with extra fields, a blank line and body (CRLF).
func (h msgHead) message(body string, extra ...string) []byte {
	lines := []string{"From: " + h.from, "To: privacy@cooper.example", "Subject: " + h.subject,
		"Date: Sun, 01 Mar 2026 07:00:00 -0800", "Message-ID: <" + h.id + ">", "MIME-Version: 1.0"}
	return []byte(strings.Join(append(lines, extra...), "\r\n") + "\r\n\r\n" + body)
}

func (h msgHead) plain(body string, extra ...string) []byte {
	return h.message(body, append([]string{"Content-Type: text/plain; charset=utf-8"}, extra...)...)
}

func (h msgHead) typed(contentType, body string) []byte {
	return h.message(body, "Content-Type: "+contentType)
}

func (h msgHead) encoded(encoding, body string) []byte {
	return h.message(body, "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: "+encoding)
}

func withCRLF(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// hugeFiller is lines of filler, size bytes in all.
func hugeFiller(size int) []byte {
	b := make([]byte, 0, size)
	line := []byte(strings.Repeat("filler ", 11) + "\r\n")
	for len(b)+len(line) <= size {
		b = append(b, line...)
	}
	return b
}

// manyParts is a multipart/mixed of n parts: the request text and n-1
// small attachments, the text first or last.
func manyParts(h msgHead, n int, textFirst bool) []byte {
	var b strings.Builder
	text := "--p\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + withCRLF(h.text)
	if textFirst {
		b.WriteString(text)
	}
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "--p\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"a%d.bin\"\r\n\r\nAAAA%d\r\n", i, i)
	}
	if !textFirst {
		b.WriteString(text)
	}
	b.WriteString("--p--\r\n")
	return h.typed(`multipart/mixed; boundary="p"`, b.String())
}

// nestedParts is depth multiparts inside each other, the request text at the
// top or only at the bottom.
func nestedParts(h msgHead, depth int, textOnTop bool) []byte {
	var b strings.Builder
	if textOnTop {
		b.WriteString("--n0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + withCRLF(h.text))
	}
	for i := 1; i < depth; i++ {
		fmt.Fprintf(&b, "--n%d\r\nContent-Type: multipart/mixed; boundary=\"n%d\"\r\n\r\n", i-1, i)
	}
	fmt.Fprintf(&b, "--n%d\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s", depth-1, withCRLF(h.text))
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--n%d--\r\n", i)
	}
	return h.typed(`multipart/mixed; boundary="n0"`, b.String())
}

// base64Lines is s base64-encoded in lines of 76.
func base64Lines(s string) string {
	enc := base64.StdEncoding.EncodeToString([]byte(s))
	var b strings.Builder
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	return b.String() + enc + "\r\n"
}

func quotedPrintable(s string) string {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	io.WriteString(w, s)
	w.Close()
	return b.String()
}

// rfc2047 is s as one RFC 2047 encoded word, so that CR and LF in it
// survive transport.
func rfc2047(s string) string { return mime.BEncoding.Encode("utf-8", s) }

// badEscapes is quoted-printable with escapes that are not hex on its
// second line.
func badEscapes(h msgHead) []byte {
	first, rest, _ := strings.Cut(h.text, "\n")
	return h.encoded("quoted-printable", first+"\r\nNote: 100% sure =ZZ, =G and =3D=\r\n\r\n"+quotedPrintable(rest))
}

// eightBit is text in an unknown charset with 8-bit bytes in the name and
// a line of its own.
func eightBit(h msgHead) []byte {
	text := strings.Replace(h.text, "Ada Byron", "Ad\xe9le \xff\xfe Byron", 1) + "Gr\xfc\xdfe \x81\x8d\n"
	return h.typed("text/plain; charset=x-unknown-charset", withCRLF(text))
}

// nulMessage has NUL bytes in a header field, the From name and the body.
// (Not in the subject: Dovecot hands NUL out as 0x80, which turns a request
// subject into a near miss there and not on the memory server.)
func nulMessage(h msgHead) []byte {
	h.from = strings.Replace(h.from, " ", "\x00 ", 1)
	body := strings.Replace(withCRLF(h.text), "Ada Byron", "Ada\x00 Byron", 1) + "\x00\x00\x00\r\n"
	return h.plain(body, "X-Note: before\x00after")
}

// injection has header-looking text after CR LF in the From display name
// and in the Name field (after a line separator, which a body line can
// hold), next to the encoded subject the case gives.
func injection(h msgHead) []byte {
	name := strings.TrimSuffix(h.from, " <ada@example.com>")
	if name != h.from {
		h.from = rfc2047(name+"\r\nBcc: x@evil.example") + " <ada@example.com>"
	}
	body := strings.Replace(h.text, "Name: Ada Byron", "Name: Ada Byron\u2028Bcc: x@evil.example\u0085Cc: y@evil.example", 1)
	return h.plain(withCRLF(body))
}

// scriptHTML is an HTML-only request whose From name, Name and Street hold
// markup as text (entity-escaped in the source) among live script tags;
// its ZIP is missing, so that the reply's form shows the fields back.
func scriptHTML(h msgHead) []byte {
	h.from = `"<script>alert(1)</script>" <ada@example.com>`
	body := `<html><head><script>alert("head")</script></head><body>
<p>California Privacy Rights Request</p>
<p>Name: &lt;script&gt;alert(1)&lt;/script&gt;</p>
<p>Street address: 12 Oak Street &lt;img src=x onerror=alert(2)&gt;</p>
<p>City: Fresno</p>
<p>State: CA</p>
<script>document.write("<p>ZIP code: 93704</p>")</script>
</body></html>
`
	return h.typed("text/html; charset=utf-8", withCRLF(body))
}

// ---- Checks of the reply ----

// previewLimit is the most of a too-large message the daemon may fetch to
// look at its first line.
const previewLimit = 1 << 20

// neverLoadedWhole checks that the too-large request was never fetched
// beyond its header, and the unrelated one at most for a preview.
func neverLoadedWhole(t *testing.T, w *world, fetched *fetchLog) {
	for _, f := range fetched.of(badID) {
		t.Errorf("FetchRaw(uid %d, max %d) of the too-large request returned %d bytes, want it never fetched beyond its header", f.uid, f.max, f.got)
	}
	checkPreviews(t, fetched, otherID)
}

// onlyPreviewed checks that a too-large message without a request subject
// was fetched at most for a preview.
func onlyPreviewed(t *testing.T, w *world, fetched *fetchLog) { checkPreviews(t, fetched, badID) }

func checkPreviews(t *testing.T, fetched *fetchLog, id string) {
	t.Helper()
	for _, f := range fetched.of(id) {
		if f.got > previewLimit {
			t.Errorf("FetchRaw(uid %d, max %d) of %s returned %d bytes, want at most %d for a preview", f.uid, f.max, id, f.got, previewLimit)
		}
	}
}

// nameIsUTF8 checks that the name the case holds is valid UTF-8 without
// control characters.
func nameIsUTF8(t *testing.T, w *world, _ *fetchLog) {
	name := w.caseOf(badID).Fields.Name
	if !utf8.ValidString(name) || strings.ContainsFunc(name, func(r rune) bool { return r < ' ' }) {
		t.Errorf("name = %q, want valid UTF-8 without control characters", name)
	}
	t.Logf("name read as %q", name)
}

// onlyReplyTo returns the bytes of the one reply sent to email.
func onlyReplyTo(t *testing.T, w *world, email string) []byte {
	t.Helper()
	var found [][]byte
	for _, m := range w.smtp.Messages() {
		if slices.Contains(m.To, email) {
			if len(m.To) != 1 {
				t.Errorf("reply to %s has envelope recipients %q, want only %s", email, m.To, email)
			}
			found = append(found, m.Raw)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d replies to %s, want 1", len(found), email)
	}
	return found[0]
}

// subjectShort checks that a long subject gives a reply subject of one
// short line.
func subjectShort(t *testing.T, w *world, _ *fetchLog) {
	msg, err := mail.ReadMessage(bytes.NewReader(onlyReplyTo(t, w, badEmail)))
	if err != nil {
		t.Fatalf("reply does not parse: %v", err)
	}
	if s := decodedHeader(t, msg.Header.Get("Subject")); utf8.RuneCountInString(s) > 260 || strings.ContainsAny(s, "\r\n") {
		t.Errorf("reply subject is %d runes, want one line of at most about 250", utf8.RuneCountInString(s))
	}
}

// allowedReplyHeaders are the fields a reply may have (and a test SMTP server may
// add in front).
var allowedReplyHeaders = []string{"From", "To", "Subject", "Date", "Message-Id", "In-Reply-To", "References",
	"Auto-Submitted", "X-Auto-Response-Suppress", "Mime-Version", "Content-Type", "Content-Transfer-Encoding",
	"Received", "Return-Path"}

// noInjectedHeaders checks that nothing from the request's subject, From
// name or Name field made a header of its own in the reply.
func noInjectedHeaders(t *testing.T, w *world, _ *fetchLog) {
	raw := onlyReplyTo(t, w, badEmail)
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("reply does not parse: %v", err)
	}
	for key, values := range msg.Header {
		if !slices.Contains(allowedReplyHeaders, key) {
			t.Errorf("reply has header %s: %q, want only %v", key, values, allowedReplyHeaders)
		}
		if len(values) != 1 {
			t.Errorf("reply has %d %s headers, want 1", len(values), key)
		}
		for _, v := range values {
			if d := decodedHeader(t, v); strings.ContainsAny(d, "\r\n\x00") {
				t.Errorf("reply header %s = %q decodes to more than one line: %q", key, v, d)
			}
		}
	}
	to, err := mail.ParseAddressList(msg.Header.Get("To"))
	if err != nil || len(to) != 1 || to[0].Address != badEmail {
		t.Errorf("reply To = %q (%v), want the one address %s", msg.Header.Get("To"), err, badEmail)
	}
	for _, line := range strings.Split(string(rawHeaderOf(raw)), "\r\n") {
		if l := strings.ToLower(line); strings.HasPrefix(l, "bcc:") || strings.HasPrefix(l, "cc:") {
			t.Errorf("reply header block has the line %q", line)
		}
	}
	for _, p := range replyTextParts(t, raw) {
		for _, line := range strings.Split(p, "\n") {
			if l := strings.TrimSpace(line); strings.HasPrefix(l, "Bcc:") || strings.HasPrefix(l, "Cc:") {
				t.Errorf("reply body has a line of its own %q, want the name kept on one line", line)
			}
		}
	}
}

// htmlEscaped checks that markup from the request shows in the reply's
// HTML as text, never as a live tag.
func htmlEscaped(t *testing.T, w *world, _ *fetchLog) {
	html, ok := replyTextParts(t, onlyReplyTo(t, w, badEmail))["text/html"]
	if !ok {
		t.Fatal("reply has no text/html part")
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;"} {
		if !strings.Contains(html, want) {
			t.Errorf("reply HTML does not show %q", want)
		}
	}
	for _, live := range []string{"<script", "<img", "onerror=alert(2)>"} {
		if strings.Contains(strings.ToLower(html), live) {
			t.Errorf("reply HTML has a live %q:\n%s", live, html)
		}
	}
}

func decodedHeader(t *testing.T, v string) string {
	t.Helper()
	d, err := new(mime.WordDecoder).DecodeHeader(v)
	if err != nil {
		t.Errorf("header %q does not decode: %v", v, err)
		return v
	}
	return d
}

// replyTextParts returns the decoded text parts of a reply by media type.
func replyTextParts(t *testing.T, raw []byte) map[string]string {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("reply does not parse: %v", err)
	}
	out := map[string]string{}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("reply Content-Type: %v", err)
	}
	if !strings.HasPrefix(mt, "multipart/") {
		out[mt] = decodedPart(t, msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
		return out
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("reply part: %v", err)
		}
		pt, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		out[pt] = decodedPart(t, p.Header.Get("Content-Transfer-Encoding"), p)
	}
}

func decodedPart(t *testing.T, encoding string, r io.Reader) string {
	t.Helper()
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("reply part (%s): %v", encoding, err)
	}
	return string(b)
}

// ---- A mailbox that records what was fetched ----

// rawFetch is one FetchRaw: of which UID, at most how many bytes, and how
// many it returned.
type rawFetch struct {
	uid uint32
	max int64
	got int
}

// fetchLog records every FetchRaw of the daemon's mailboxes.
type fetchLog struct {
	mu      sync.Mutex
	headers map[uint32][]byte
	fetches []rawFetch
}

// wrap makes the daemon dial mailboxes that record into l.
func (l *fetchLog) wrap(cfg mailbox.Config) func(*daemon.Options) {
	return func(o *daemon.Options) {
		o.Dial = func(ctx context.Context) (daemon.Mailbox, error) {
			c, err := mailbox.Dial(ctx, cfg)
			if err != nil {
				return nil, err
			}
			return &recordingMailbox{Mailbox: c, log: l}, nil
		}
	}
}

// of lists the fetches of the message with Message-ID id.
func (l *fetchLog) of(id string) []rawFetch {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []rawFetch
	for _, f := range l.fetches {
		if bytes.Contains(l.headers[f.uid], []byte("<"+id+">")) {
			out = append(out, f)
		}
	}
	return out
}

func (l *fetchLog) describe(id string) string {
	fs := l.of(id)
	if len(fs) == 0 {
		return "none"
	}
	var parts []string
	for _, f := range fs {
		parts = append(parts, fmt.Sprintf("%d bytes (max %d)", f.got, f.max))
	}
	return strings.Join(parts, ", ")
}

// checkBounded checks that no fetch returned more than max+1 bytes.
func (l *fetchLog) checkBounded(t *testing.T, max int64) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, f := range l.fetches {
		if int64(f.got) > max+1 || f.max <= 0 || f.max > max+1 {
			t.Errorf("FetchRaw(uid %d, max %d) returned %d bytes, want a bound of at most %d", f.uid, f.max, f.got, max+1)
		}
	}
}

// recordingMailbox is a real mailbox that records headers and fetches.
type recordingMailbox struct {
	daemon.Mailbox
	log *fetchLog
}

func (m *recordingMailbox) FetchSince(ctx context.Context, afterUID uint32, max int) ([]mailbox.Summary, error) {
	sums, err := m.Mailbox.FetchSince(ctx, afterUID, max)
	m.log.mu.Lock()
	defer m.log.mu.Unlock()
	if m.log.headers == nil {
		m.log.headers = map[uint32][]byte{}
	}
	for _, s := range sums {
		m.log.headers[s.UID] = s.Header
	}
	return sums, err
}

func (m *recordingMailbox) FetchRaw(ctx context.Context, uid uint32, maxBytes int64) ([]byte, error) {
	raw, err := m.Mailbox.FetchRaw(ctx, uid, maxBytes)
	m.log.mu.Lock()
	defer m.log.mu.Unlock()
	m.log.fetches = append(m.log.fetches, rawFetch{uid: uid, max: maxBytes, got: len(raw)})
	return raw, err
}

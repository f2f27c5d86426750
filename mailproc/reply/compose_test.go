package reply

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"slices"
	"strings"
	"testing"
	"time"
)

// composeFixture is a reply to Jane's request with rendered content.
func composeFixture(t *testing.T) (Headers, Rendered) {
	d := baseData(t)
	d.Disclosure = twoThirdParties()
	r := renderOrFail(t, defaultSet(t), CaliforniaDisclosure, d)
	h := Headers{
		From:        "Cooper Privacy <support@cooper.example>",
		To:          Address{Name: "Jane Doe", Email: "jane.doe@example.net"},
		Subject:     r.Subject,
		OrigSubject: d.Subject,
		MessageID:   "C-2025-0042.california-disclosure@cooper.example",
		InReplyTo:   "CAF3mZx9kQ2wP7uT1nV8@mail.example.net",
		References:  []string{"root.1@mail.example.net"},
		Date:        time.Date(2025, time.March, 4, 9, 0, 0, 0, losAngeles(t)),
	}
	return h, r
}

// composeAndParse composes and parses the reply, failing the test on errors.
func composeAndParse(t *testing.T, h Headers, r Rendered) (*mail.Message, []byte) {
	t.Helper()
	raw, err := Compose(h, r)
	if err != nil {
		t.Fatalf("Compose = %v", err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("mail.ReadMessage(Compose) = %v\n%s", err, raw)
	}
	return msg, raw
}

// replyHeaders are exactly the headers every reply has (with threading).
var replyHeaders = []string{"Auto-Submitted", "Content-Type", "Date", "From", "In-Reply-To",
	"Message-Id", "Mime-Version", "References", "Subject", "To", "X-Auto-Response-Suppress"}

func headerKeys(msg *mail.Message) []string {
	var keys []string
	for k := range msg.Header {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestComposeHeaders(t *testing.T) {
	h, r := composeFixture(t)
	msg, _ := composeAndParse(t, h, r)
	want := map[string]string{
		"From":                     `"Cooper Privacy" <support@cooper.example>`,
		"To":                       `"Jane Doe" <jane.doe@example.net>`,
		"Subject":                  "Re: Request for California Privacy Information",
		"Message-Id":               "<C-2025-0042.california-disclosure@cooper.example>",
		"In-Reply-To":              "<CAF3mZx9kQ2wP7uT1nV8@mail.example.net>",
		"References":               "<root.1@mail.example.net> <CAF3mZx9kQ2wP7uT1nV8@mail.example.net>",
		"Auto-Submitted":           "auto-replied",
		"X-Auto-Response-Suppress": "All",
		"Date":                     "Tue, 04 Mar 2025 09:00:00 -0800",
		"Mime-Version":             "1.0",
	}
	for key, value := range want {
		if got := msg.Header.Get(key); got != value {
			t.Errorf("Compose: header %s = %q, want %q", key, got, value)
		}
	}
	if got := headerKeys(msg); !slices.Equal(got, replyHeaders) {
		t.Errorf("Compose: headers = %v, want %v", got, replyHeaders)
	}
}

func TestComposeBodies(t *testing.T) {
	h, r := composeFixture(t)
	msg, _ := composeAndParse(t, h, r)
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type = %q (%v), want multipart/alternative", msg.Header.Get("Content-Type"), err)
	}
	parts := multipart.NewReader(msg.Body, params["boundary"])
	for _, want := range []struct{ contentType, body string }{
		{"text/plain; charset=UTF-8", r.Text},
		{"text/html; charset=UTF-8", r.HTML},
	} {
		part, err := parts.NextRawPart()
		if err != nil {
			t.Fatalf("next part: %v", err)
		}
		if got := part.Header.Get("Content-Type"); got != want.contentType {
			t.Errorf("part Content-Type = %q, want %q", got, want.contentType)
		}
		body, err := io.ReadAll(quotedprintable.NewReader(part))
		if err != nil {
			t.Fatalf("read part: %v", err)
		}
		if got := strings.ReplaceAll(string(body), "\r\n", "\n"); got != want.body {
			t.Errorf("part %s body = %q, want %q", want.contentType, got, want.body)
		}
	}
	if _, err := parts.NextPart(); err != io.EOF {
		t.Errorf("after two parts: %v, want io.EOF", err)
	}
}

func TestComposeIsDeterministic(t *testing.T) {
	h, r := composeFixture(t)
	first, err := Compose(h, r)
	if err != nil {
		t.Fatalf("Compose = %v", err)
	}
	second, err := Compose(h, r)
	if err != nil {
		t.Fatalf("Compose = %v", err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("Compose twice gave different bytes:\n%s\n---\n%s", first, second)
	}
	checkGolden(t, "compose.golden.eml", string(first))
}

func TestComposeNeverLetsRequesterValuesMakeHeaders(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Headers)
	}{
		{"subject CRLF", func(h *Headers) { h.Subject = "Hi\r\nBcc: victim@example.com" }},
		{"subject LF", func(h *Headers) { h.Subject = "Hi\nX-Injected: 1" }},
		{"subject CR", func(h *Headers) { h.Subject = "Hi\rX-Injected: 1" }},
		{"orig subject", func(h *Headers) { h.Subject, h.OrigSubject = "", "Hi\r\n\r\nbody text\r\nX-Injected: 1" }},
		{"name CRLF", func(h *Headers) { h.To.Name = "Eve\r\nBcc: victim@example.com" }},
		{"name NUL and NEL", func(h *Headers) { h.To.Name = "Eve\x00\u0085X-Injected: 1" }},
		{"name quotes", func(h *Headers) { h.To.Name = `Eve" <evil@example.com>, "x` }},
		{"non-ASCII", func(h *Headers) { h.To.Name, h.Subject = "José\nX-Injected: 1", "Ré\r\nX-Injected: ü" }},
		{"in-reply-to", func(h *Headers) { h.InReplyTo = "a@b>\r\nX-Injected: 1" }},
		{"references", func(h *Headers) { h.References = []string{"ok@x", "b@c\nX-Injected: 1"} }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, r := composeFixture(t)
			tc.change(&h)
			msg, raw := composeAndParse(t, h, r)
			for _, k := range headerKeys(msg) {
				if !slices.Contains(replyHeaders, k) {
					t.Errorf("Compose made header %q:\n%s", k, raw)
				}
			}
			to, err := msg.Header.AddressList("To")
			if err != nil || len(to) != 1 || to[0].Address != "jane.doe@example.net" {
				t.Errorf("To = %v (%v), want only jane.doe@example.net", to, err)
			}
			subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
			if err != nil || strings.ContainsAny(subject+to[0].Name, "\r\n\x00") {
				t.Errorf("decoded Subject %q / name %q (%v): want one clean line", subject, to[0].Name, err)
			}
		})
	}
}

func TestComposeRefusesBadTo(t *testing.T) {
	tests := []string{
		"",
		"jane.doe@example.net\r\nBcc: victim@example.com",
		"jane.doe@example.net, victim@example.com",
		"jane.doe@example.net;victim@example.com",
		"<jane.doe@example.net>",
		"Jane <jane.doe@example.net>",
		"jane doe@example.net",
		"jane.doe",
		`"jane"@example.net`,
		"jané@example.net",
		"support@cooper.example",
		"SUPPORT@cooper.example",
	}
	for _, email := range tests {
		t.Run(email, func(t *testing.T) {
			h, r := composeFixture(t)
			h.To.Email = email
			if raw, err := Compose(h, r); err == nil {
				t.Errorf("Compose(To %q) = nil error, want a refusal:\n%s", email, raw)
			}
		})
	}
}

func TestComposeSubject(t *testing.T) {
	long := strings.Repeat("word ", 100)
	tests := []struct{ subject, orig, want string }{
		{"", "Request for California Privacy Information", "Re: Request for California Privacy Information"},
		{"", "RE: Request for California Privacy Information", "RE: Request for California Privacy Information"},
		{"", "Re : COPPA Information Request", "Re : COPPA Information Request"},
		{"", "", "Re:"},
		{"Re: COPPA Information Request", "ignored", "Re: COPPA Information Request"},
		{long, "", strings.TrimSpace(long[:maxSubjectRunes])},
	}
	for _, tc := range tests {
		t.Run(tc.subject+"|"+tc.orig, func(t *testing.T) {
			h, r := composeFixture(t)
			h.Subject, h.OrigSubject = tc.subject, tc.orig
			msg, _ := composeAndParse(t, h, r)
			got, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
			if err != nil || got != tc.want {
				t.Errorf("Subject = %q (%v), want %q", got, err, tc.want)
			}
		})
	}
}

func TestComposeThreading(t *testing.T) {
	tests := []struct {
		name            string
		inReplyTo       string
		refs            []string
		wantIRT, wantRf string
	}{
		{"no thread", "", nil, "", ""},
		{"first reply", "a@x", nil, "<a@x>", "<a@x>"},
		{"brackets tolerated", "<a@x>", []string{"<r@x>"}, "<a@x>", "<r@x> <a@x>"},
		{"duplicates dropped", "a@x", []string{"r@x", "a@x", "r@x"}, "<a@x>", "<r@x> <a@x>"},
		{"unsafe in-reply-to dropped", "a b@x", []string{"r@x"}, "", "<r@x>"},
		{"unsafe reference dropped", "a@x", []string{"r@x", "bad\t@x", strings.Repeat("l", 300)}, "<a@x>", "<r@x> <a@x>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, r := composeFixture(t)
			h.InReplyTo, h.References = tc.inReplyTo, tc.refs
			msg, _ := composeAndParse(t, h, r)
			if got := msg.Header.Get("In-Reply-To"); got != tc.wantIRT {
				t.Errorf("In-Reply-To = %q, want %q", got, tc.wantIRT)
			}
			if got := msg.Header.Get("References"); got != tc.wantRf {
				t.Errorf("References = %q, want %q", got, tc.wantRf)
			}
		})
	}
}

func TestReferencesKeepsFirstAndLatest(t *testing.T) {
	var refs []string
	for i := range 30 {
		refs = append(refs, string(rune('a'+i%26))+strings.Repeat("x", i/26)+"@x")
	}
	got := references(refs, "last@x")
	if len(got) != maxReferences || got[0] != "a@x" || got[len(got)-1] != "last@x" {
		t.Errorf("references(30 ids) = %v, want %d ids from a@x to last@x", got, maxReferences)
	}
}

func TestComposeRefusesBadOwnValues(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Headers, *Rendered)
	}{
		{"bad from", func(h *Headers, _ *Rendered) { h.From = "Cooper Privacy support@" }},
		{"message-id with brackets", func(h *Headers, _ *Rendered) { h.MessageID = "<C-1.x@cooper.example>" }},
		{"message-id without domain", func(h *Headers, _ *Rendered) { h.MessageID = "C-1.x" }},
		{"zero date", func(h *Headers, _ *Rendered) { h.Date = time.Time{} }},
		{"empty text", func(_ *Headers, r *Rendered) { r.Text = " \n" }},
		{"extra sets Bcc", func(h *Headers, _ *Rendered) { h.Extra = map[string]string{"bcc": "x@example.com"} }},
		{"extra bad name", func(h *Headers, _ *Rendered) { h.Extra = map[string]string{"X-A: b\r\nX-B": "1"} }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, r := composeFixture(t)
			tc.change(&h, &r)
			if _, err := Compose(h, r); err == nil {
				t.Errorf("Compose(%s) = nil error, want one", tc.name)
			}
		})
	}
}

func TestComposeExtraAndTextOnly(t *testing.T) {
	h, r := composeFixture(t)
	h.Extra = map[string]string{"X-Mailproc-Case": "C-2025-0042\r\nX-Injected: 1"}
	r.HTML = ""
	msg, _ := composeAndParse(t, h, r)
	if got := msg.Header.Get("X-Mailproc-Case"); got != "C-2025-0042 X-Injected: 1" {
		t.Errorf("X-Mailproc-Case = %q, want the value on one line", got)
	}
	if got := msg.Header.Get("Content-Type"); got != "text/plain; charset=UTF-8" {
		t.Errorf("Content-Type without HTML = %q, want text/plain; charset=UTF-8", got)
	}
}

func TestComposeNotice(t *testing.T) {
	raw, err := ComposeNotice(Notice{
		From: "Cooper Privacy <privacy@cooper.example>", To: "compliance@cooper.example",
		Subject: "Report\r\nBcc: x@evil.example", MessageID: "report-2026-03.abc@cooper.example",
		Date: time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC), Text: "see attached", HTML: "<p>see attached</p>",
		Attachments: []Attachment{{Name: "report.csv", ContentType: "text/csv", Data: []byte("a,b\r\n1,2\r\n")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.Get("Bcc") != "" || m.Header.Get("Auto-Submitted") != "auto-generated" {
		t.Errorf("headers: Bcc %q, Auto-Submitted %q", m.Header.Get("Bcc"), m.Header.Get("Auto-Submitted"))
	}
	if !bytes.Contains(raw, []byte("report.csv")) {
		t.Error("the attachment is missing")
	}
	if _, err := ComposeNotice(Notice{From: "a@b.example", To: "two@x.example, three@y.example", MessageID: "x@y"}); err == nil {
		t.Error("ComposeNotice to two addresses = nil error")
	}
}

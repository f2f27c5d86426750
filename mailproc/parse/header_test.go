package parse

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseHeaderSubject(t *testing.T) {
	tests := []struct {
		name, field, want string
	}{
		{"plain", "Subject: Request for California Privacy Information", "Request for California Privacy Information"},
		{"folded", "Subject: Request for\r\n California Privacy\r\n\tInformation", "Request for California Privacy Information"},
		{"utf-8 B", "Subject: =?UTF-8?B?Wm/DqyBMaW5kcXZpc3Q=?=", "Zoë Lindqvist"},
		{"utf-8 Q", "Subject: =?utf-8?q?Zo=C3=AB_Lindqvist?=", "Zoë Lindqvist"},
		{"split Q words joined", "Subject: =?ISO-8859-1?Q?Demande_de_Fran?=\r\n =?ISO-8859-1?Q?=E7ois?=", "Demande de François"},
		{"split utf-8 character", "Subject: =?UTF-8?B?Wm/D?= =?UTF-8?B?qw==?=", "Zoë"},
		{"iso-8859-1", "Subject: =?iso-8859-1?q?Jos=E9?=", "José"},
		{"iso-8859-1 with cp1252 byte", "Subject: =?iso-8859-1?q?It=92s?=", "It’s"},
		{"windows-1252", "Subject: =?windows-1252?Q?=93quoted=94_=96_N=FA=F1ez?=", "“quoted” – Núñez"},
		{"koi8-r", "Subject: =?koi8-r?B?8NLJ18XU?=", "Привет"},
		{"unknown charset utf-8 bytes", "Subject: =?x-made-up?Q?Zo=C3=AB?=", "Zoë"},
		{"unknown charset latin bytes", "Subject: =?x-made-up?Q?Zo=EB?=", "Zoë"},
		{"encoded and plain mixed", "Subject: Re: =?UTF-8?Q?Caf=C3=A9?= order", "Re: Café order"},
		{"raw utf-8", "Subject: Café – Zoë", "Café – Zoë"},
		{"raw latin-1 bytes", "Subject: Caf\xe9", "Café"},
		{"controls removed", "Subject: =?UTF-8?Q?A=00B=07C=0AD?=", "ABC D"},
		{"zero width and nbsp", "Subject: =?UTF-8?Q?A=E2=80=8BB=C2=A0C?=", "AB C"},
		{"trimmed", "Subject:    padded   ", "padded"},
		{"bad encoded word kept", "Subject: =?UTF-8?B?!!!?= rest", "=?UTF-8?B?!!!?= rest"},
		{"absent", "X-Other: 1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ParseHeader(eml("From: a@example.com", tt.field, "", "body"))
			if err != nil {
				t.Fatalf("ParseHeader: %v", err)
			}
			if h.Subject != tt.want {
				t.Errorf("Subject = %q, want %q", h.Subject, tt.want)
			}
		})
	}
}

func TestParseHeaderAddresses(t *testing.T) {
	tests := []struct {
		name, field string
		want        Address
		wantRaw     string
	}{
		{"name and address", "From: Jane Doe <Jane.Doe@Example.COM>", Address{"Jane Doe", "Jane.Doe@example.com"}, "Jane Doe <Jane.Doe@Example.COM>"},
		{"quoted name with comma", `From: "Doe, Jane" <jane@example.com>`, Address{"Doe, Jane", "jane@example.com"}, `"Doe, Jane" <jane@example.com>`},
		{"encoded name", "From: =?windows-1252?Q?Jos=E9_N=FA=F1ez?= <jose@example.com>", Address{"José Núñez", "jose@example.com"}, "José Núñez <jose@example.com>"},
		{"bare address", "From: postmaster@Mail.Example.org", Address{"", "postmaster@mail.example.org"}, "postmaster@Mail.Example.org"},
		{"first of a list", "From: a@example.com, b@example.com", Address{"", "a@example.com"}, "a@example.com, b@example.com"},
		{"unquoted dots in name", "From: Jane Q. Doe <jane@example.com>", Address{"Jane Q. Doe", "jane@example.com"}, "Jane Q. Doe <jane@example.com>"},
		{"broken but has brackets", `From: "Jane <jane@example.com>`, Address{"Jane", "jane@example.com"}, `"Jane <jane@example.com>`},
		{"no address at all", "From: Jane Doe", Address{}, "Jane Doe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ParseHeader(eml(tt.field, "Subject: x", ""))
			if err != nil {
				t.Fatalf("ParseHeader: %v", err)
			}
			if h.From != tt.want {
				t.Errorf("From = %+v, want %+v", h.From, tt.want)
			}
			if h.FromRaw != tt.wantRaw {
				t.Errorf("FromRaw = %q, want %q", h.FromRaw, tt.wantRaw)
			}
		})
	}
}

func TestParseHeaderFields(t *testing.T) {
	raw := eml(
		"Return-Path: <Bounce+x@Lists.Example.org>",
		"From: Jane <jane@example.com>",
		"Sender: List <list-owner@example.org>",
		"Message-ID: <abc.123@mail.example.com>",
		"In-Reply-To: <C-1.reply@cooper.example>",
		"References: <first@example.com>\r\n <C-1.reply@cooper.example>",
		"Date: Tue, 07 Jan 2025 20:41:00 -0800",
		"Content-Type: multipart/report; report-type=Delivery-Status; boundary=x",
		"X-Note: =?UTF-8?Q?one?=",
		"X-Note: two",
		"",
	)
	h, err := ParseHeader(raw)
	if err != nil {
		t.Fatalf("ParseHeader: %v", err)
	}
	checks := []struct{ name, got, want string }{
		{"ReturnPath", h.ReturnPath, "Bounce+x@lists.example.org"},
		{"Sender", h.Sender.Email, "list-owner@example.org"},
		{"MessageID", h.MessageID, "abc.123@mail.example.com"},
		{"MediaType", h.MediaType, "multipart/report"},
		{"ReportType", h.ReportType, "delivery-status"},
		{"Get", h.Get("x-note"), "one"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if h.NullReturnPath {
		t.Errorf("NullReturnPath = true, want false")
	}
	if want := []string{"C-1.reply@cooper.example"}; !slices.Equal(h.InReplyTo, want) {
		t.Errorf("InReplyTo = %q, want %q", h.InReplyTo, want)
	}
	if want := []string{"first@example.com", "C-1.reply@cooper.example"}; !slices.Equal(h.References, want) {
		t.Errorf("References = %q, want %q", h.References, want)
	}
	if want := time.Date(2025, 1, 8, 4, 41, 0, 0, time.UTC); !h.Date.Equal(want) {
		t.Errorf("Date = %v, want %v", h.Date, want)
	}
	if want := []string{"one", "two"}; !slices.Equal(h.Values("X-Note"), want) {
		t.Errorf("Values(X-Note) = %q, want %q", h.Values("X-Note"), want)
	}
	if !h.Has("x-note") || h.Has("X-Absent") {
		t.Errorf("Has(x-note), Has(X-Absent) = %v, %v, want true, false", h.Has("x-note"), h.Has("X-Absent"))
	}
}

func TestParseHeaderLenient(t *testing.T) {
	tests := []struct {
		name      string
		raw       []byte
		check     func(Header) string // "" when fine, else what is wrong
		wantError bool
	}{
		{"null return path", eml("Return-Path: <>", "From: MAILER-DAEMON@example.com", ""),
			func(h Header) string { return want(h.NullReturnPath && h.ReturnPath == "", "null return path") }, false},
		{"header only, no empty line", eml("From: a@example.com", "Subject: only header"),
			func(h Header) string { return want(h.Subject == "only header", "subject read") }, false},
		{"bad lines skipped", eml("From a@example.com Sat Jan  4 10:00:00 2025", " stray continuation", "Subject: kept", "this line has no colon", "Bad Name: x", "Message-ID: <m@x>", ""),
			func(h Header) string {
				return want(h.Subject == "kept" && h.MessageID == "m@x" && !h.Has("Bad Name"), "good fields kept")
			}, false},
		{"LF only", []byte("Subject: lf\nFrom: a@example.com\n\nbody\n"),
			func(h Header) string { return want(h.Subject == "lf", "subject read") }, false},
		{"message id without brackets", eml("Message-ID: abc@example.com", ""),
			func(h Header) string { return want(h.MessageID == "abc@example.com", "id read") }, false},
		{"message id without at", eml("Message-ID: <local-id>", ""),
			func(h Header) string { return want(h.MessageID == "local-id", "id read") }, false},
		{"references with junk", eml("References: <a@x> (comment) junk <b@y>", ""),
			func(h Header) string { return want(slices.Equal(h.References, []string{"a@x", "b@y"}), "ids read") }, false},
		{"bad date is zero", eml("Date: the day before yesterday", ""),
			func(h Header) string { return want(h.Date.IsZero(), "zero date") }, false},
		{"no content type", eml("Subject: x", ""),
			func(h Header) string { return want(h.MediaType == "text/plain", "text/plain") }, false},
		{"nonsense content type", eml("Content-Type: garbage", ""),
			func(h Header) string { return want(h.MediaType == "text/plain", "text/plain") }, false},
		{"content type with bad params", eml("Content-Type: Text/HTML; charset=utf-8; charset=utf-8", ""),
			func(h Header) string { return want(h.MediaType == "text/html", "text/html") }, false},
		{"empty input", nil, nil, true},
		{"no field at all", []byte("just some text\nand more\n"), nil, true},
		{"body without header", []byte("\nbody only\n"), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ParseHeader(tt.raw)
			if (err != nil) != tt.wantError {
				t.Fatalf("ParseHeader error = %v, want error %v", err, tt.wantError)
			}
			if tt.check != nil {
				if problem := tt.check(h); problem != "" {
					t.Errorf("ParseHeader(%q): want %s, got %+v", tt.raw, problem, h)
				}
			}
		})
	}
}

// want returns "" when ok, else what was wanted.
func want(ok bool, what string) string {
	if ok {
		return ""
	}
	return what
}

func TestParseHeaderHugeLine(t *testing.T) {
	long := strings.Repeat("a", 1<<20)
	raw := eml("X-Long: "+long, "Subject: after =?UTF-8?Q?the_long_line?=", "References: <"+strings.Repeat("r", 1<<20)+"@x>", "", "body")
	h, err := ParseHeader(raw)
	if err != nil {
		t.Fatalf("ParseHeader: %v", err)
	}
	if h.Subject != "after the long line" {
		t.Errorf("Subject = %q, want %q", h.Subject, "after the long line")
	}
	if got := len(h.Get("X-Long")); got != len(long) {
		t.Errorf("len(Get(X-Long)) = %d, want %d", got, len(long))
	}
	if len(h.References) != 1 {
		t.Errorf("len(References) = %d, want 1", len(h.References))
	}
}

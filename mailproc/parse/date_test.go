package parse

import (
	netmail "net/mail"
	"testing"
)

// TestParseDateAsNetMail: parseDate reads every Date field as
// net/mail.ParseDate does, the common form by its fast path and the
// others by ParseDate itself.
func TestParseDateAsNetMail(t *testing.T) {
	for _, v := range []string{
		"Mon, 07 Dec 2026 17:00:00 +0000",
		"Mon, 07 Dec 2026 09:00:00 -0800",
		"Mon, 7 Dec 2026 09:00:00 -0800",
		"07 Dec 2026 09:00:00 -0800",
		"Mon, 07 Dec 2026 09:00:00 -0800 (PST)",
		"Mon, 07 Dec 2026 09:00 -0800",
		"Mon, 07 Dec 26 09:00:00 -0800",
		"Mon, 07 Dec 2026 09:00:00 PST",
		"Mon, 07 Dec 2026 09:00:00 GMT",
		"  Mon, 07 Dec 2026 09:00:00 +0100  ",
		"Tue, 07 Dec 2026 09:00:00 +0000",
		"Mon, 31 Feb 2026 09:00:00 +0000",
		"Mon, 07 Dec 2026 25:00:00 +0000",
		"Mon, 07 Dec 2026 09:00:00 +9999",
		"yesterday",
		"",
	} {
		want, werr := netmail.ParseDate(v)
		got, err := parseDate(v)
		if (err == nil) != (werr == nil) || !got.Equal(want) || got.Location().String() != want.Location().String() {
			t.Errorf("parseDate(%q) = %v, %v; net/mail.ParseDate = %v, %v", v, got, err, want, werr)
		}
		if _, off := got.Zone(); err == nil {
			if _, woff := want.Zone(); off != woff {
				t.Errorf("parseDate(%q): zone offset %d, ParseDate's %d", v, off, woff)
			}
		}
	}
}

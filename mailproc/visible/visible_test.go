package visible

import (
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text, ünïcödé, 日本語, עברית", "plain text, ünïcödé, 日本語, עברית"},
		{"line\nnext\tcolumn", "line\nnext\tcolumn"},
		{"Invoice \u202Efdp.exe", "Invoice <U+202E>fdp.exe"},
		{"\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069", "<U+202A><U+202B><U+202C><U+202D><U+2066><U+2067><U+2068><U+2069>"},
		{"zero\u200Bwidth\u200C\u200D\uFEFF\u00AD", "zero<U+200B>width<U+200C><U+200D><U+FEFF><U+00AD>"},
		{"\x1b[31mred\x1b[0m", "<U+001B>[31mred<U+001B>[0m"},
		{"cr\rnul\x00del\x7fc1\u0085\u009b", "cr<U+000D>nul<U+0000>del<U+007F>c1<U+0085><U+009B>"},
		{"sep\u2028par\u2029", "sep<U+2028>par<U+2029>"},
		{"tag\U000E0041", "tag<U+E0041>"},
		{"bad \xff byte", "bad \uFFFD byte"},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHTML(t *testing.T) {
	in := `<td>a &amp; b` + "\u202E" + `gpj.exe</td>`
	want := `<td>a &amp; b&lt;U+202E&gt;gpj.exe</td>`
	if got := HTML(in); got != want {
		t.Errorf("HTML(%q) = %q, want %q", in, got, want)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"a\u202Eb", "\x1b[2J", "\xff\xfe", "ok"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Text(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Text(%q) = %q: not UTF-8", s, got)
		}
		for _, r := range got {
			if Hidden(r) {
				t.Fatalf("Text(%q) = %q: still has %U", s, got, r)
			}
		}
	})
}

package reply

import "testing"

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jane Doe", "Jane Doe"},
		{"  Jane \t\r\n Doe  ", "Jane Doe"},
		{"a\x00b\x7fc", "a b c"},
		{"a\u0085b\u2028c", "a b c"},
		{"evil\u202Egnp.exe", "evilgnp.exe"},
		{"bad\xffutf8", "badutf8"},
		{"José Núñez", "José Núñez"},
		{"\r\n", ""},
	}
	for _, tc := range tests {
		if got := oneLine(tc.in); got != tc.want {
			t.Errorf("oneLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestReSubject(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Request for California Privacy Information", "Re: Request for California Privacy Information"},
		{"Re: x", "Re: x"},
		{"RE: x", "RE: x"},
		{"re:x", "re:x"},
		{"Re : x", "Re : x"},
		{"Regarding x", "Re: Regarding x"},
		{"Fwd: x", "Re: Fwd: x"},
		{" \r\n", "Re:"},
		{"x\r\nBcc: y", "Re: x Bcc: y"},
	}
	for _, tc := range tests {
		if got := reSubject(tc.in); got != tc.want {
			t.Errorf("reSubject(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTruncateRunes(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"abc", 5, "abc"},
		{"abcdef", 3, "abc"},
		{"ab cdef", 3, "ab"},
		{"ñññ", 2, "ññ"},
	}
	for _, tc := range tests {
		if got := truncateRunes(tc.in, tc.n); got != tc.want {
			t.Errorf("truncateRunes(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

package classify

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mailproc/mailproc/mailproc/parse"
)

// FuzzClassifySubject: any subject classifies without panic, and a subject
// holding a phrase is never also a near miss of that phrase.
func FuzzClassifySubject(f *testing.F) {
	for _, s := range []string{
		"Request for California Privacy Information", "COPPA Information Request", "Re: [EXT] coppa information request",
		"Shine the Light", "California privacy", "Request for Califronia Privacy Information", "\u200bＣＯＰＰＡ", "",
	} {
		f.Add(s)
	}
	files, _ := filepath.Glob("../../../shared/corpus/*.eml")
	for _, file := range files { // the shared corpus's subjects, when it is beside this checkout
		b, _ := os.ReadFile(file)
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "Subject: ") {
				f.Add(strings.TrimSpace(line[9:]))
			}
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := ClassifySubject(s)
		if got.California && got.NearCalifornia || got.Coppa && got.NearCoppa {
			t.Errorf("ClassifySubject(%q) = %+v: a phrase held and nearly held", s, got)
		}
		if n := Normalize(s); utf8.ValidString(s) && !utf8.ValidString(n) {
			t.Errorf("Normalize(%q) = %q is not UTF-8", s, n)
		}
		if isASCII(s) && normalizeASCII(s) != normalizeUnicode(s) {
			t.Errorf("normalizeASCII(%q) = %q, normalizeUnicode = %q", s, normalizeASCII(s), normalizeUnicode(s))
		}
	})
}

// FuzzMachine: any message is read for machine signs without panic; every
// sign names a known rule and shows what it saw on one short line of
// UTF-8; Machine reports the first of Signs.
//
// It is seeded with the first variant of each machine format and the
// people's messages: small seeds keep the fuzzer's minimising quick.
func FuzzMachine(f *testing.F) {
	for _, pattern := range []string{"testdata/machine/*-1.eml", "testdata/human/*.eml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil && len(b) < 4096 {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("From: MAILER-DAEMON <>\r\nReturn-Path: <>\r\nReturn-Path: <x@y>\r\nSubject: =?utf-8?q?R=C3=A9ponse_automatique_:?=\r\n\r\n=C2=A7 <a.california-incomplete.b@c>"))
	lim := parse.Limits{MaxParts: 50, MaxDepth: 8, MaxTextBytes: 16 << 10}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m := parse.Parse(raw, lim)
		signs := Signs(m, testOurs)
		for _, s := range signs {
			if !slices.Contains(Rules, s.Rule) {
				t.Errorf("sign %q has an unknown rule", s)
			}
			text := s.String()
			if !utf8.ValidString(text) || strings.ContainsAny(text, "\r\n\x00") || len(text) > 3*maxDetail {
				t.Errorf("sign %q is not one short line of UTF-8", text)
			}
		}
		first, ok := Machine(m, testOurs)
		if ok != (len(signs) > 0) || ok && first != signs[0] {
			t.Errorf("Machine() = %q %v, want the first of Signs() = %q", first, ok, signs)
		}
	})
}

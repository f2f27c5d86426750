package classify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
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
	})
}

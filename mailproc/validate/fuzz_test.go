package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzCalifornia: any text extracts without panic; what is extracted is
// well formed (a USPS code, a ZIP code, one line each).
func FuzzCalifornia(f *testing.F) {
	for _, s := range []string{
		"California Privacy Rights Request\nName: A B\nStreet: 1 Main St\nCity: X\nState: CA\nZIP: 90001",
		"Ada Byron\n12 Oak Street\nApt 4\nFresno, CA 93704-1234",
		"Address: 2150 Shattuck Ave, Unit 3, Berkeley, California 94704",
		"Name:\nState: N.Y.\nZIP code - 10001 1234", "", "\n\n\n", ": - :",
		"0\r0\nAA AA 00000", // a CR alone in a line (found by this fuzzer in CI)
	} {
		f.Add(s)
	}
	for _, s := range sharedBodies() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := California(text)
		if got.State != "" {
			if _, ok := stateNames[got.State]; !ok {
				t.Errorf("California(%q).State = %q, not a code", text, got.State)
			}
		}
		if got.ZIP != "" {
			if z, ok := ParseZIP(got.ZIP); !ok || z != got.ZIP {
				t.Errorf("California(%q).ZIP = %q, not a ZIP code", text, got.ZIP)
			}
		}
		for _, v := range []string{got.Name, got.Street, got.City} {
			if strings.ContainsAny(v, "\r\n") {
				t.Errorf("California(%q) gives a value over two lines: %q", text, v)
			}
		}
		Coppa(text, "a@example.com")
		FirstLine(text)
	})
}

// sharedBodies are the bodies of ../shared/corpus's messages, when this
// checkout has them beside it, as more seeds (not copied here).
func sharedBodies() []string {
	files, _ := filepath.Glob("../../../shared/corpus/*.eml")
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if i := strings.Index(string(b), "\n\n"); i >= 0 {
			out = append(out, string(b[i+2:]))
		}
	}
	return out
}

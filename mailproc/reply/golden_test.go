package reply

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestRenderGolden renders every template from fixed data and compares the
// subject, text and HTML with testdata/NAME.golden.{subject,txt,html}.
func TestRenderGolden(t *testing.T) {
	set := defaultSet(t)
	for _, tc := range goldenCases(t) {
		t.Run(tc.file, func(t *testing.T) {
			got, err := set.Render(tc.template, tc.data)
			if err != nil {
				t.Fatalf("Render(%s) = %v", tc.template, err)
			}
			checkGolden(t, tc.file+".golden.subject", got.Subject+"\n")
			checkGolden(t, tc.file+".golden.txt", got.Text)
			checkGolden(t, tc.file+".golden.html", got.HTML)
		})
	}
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatalf("write %s: %v", path, err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v (run go test -update)", path, err)
	}
	if got != string(want) {
		t.Errorf("%s: got\n%s\nwant\n%s", name, got, want)
	}
}

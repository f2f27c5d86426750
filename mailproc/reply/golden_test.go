package reply

import (
	"path/filepath"
	"testing"

	"github.com/mailproc/mailproc/mailproc/testenv/golden"
)

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

// checkGolden compares got with testdata/name.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), []byte(got))
}

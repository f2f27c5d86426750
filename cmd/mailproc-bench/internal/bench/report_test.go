package bench

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/testenv/golden"
)

func TestWriteReport(t *testing.T) {
	var b bytes.Buffer
	WriteReport(&b, sampleResults())
	golden.Check(t, filepath.Join("testdata", "report.golden"), b.Bytes())
}

// TestWriteReportCgo: a bench built with cgo says so under the first line,
// since its memory figures count the C library's pages; one built as the
// package is says nothing.
func TestWriteReportCgo(t *testing.T) {
	const warning = "built with cgo"
	for _, cgo := range []bool{false, true} {
		r := sampleResults()
		r.Machine.Cgo = cgo
		var b bytes.Buffer
		WriteReport(&b, r)
		_, rest, _ := strings.Cut(b.String(), "\n")
		if got := strings.HasPrefix(rest, warning); got != cgo {
			t.Errorf("Cgo %t: the second line starts with %q: %t, want %t\n%s", cgo, warning, got, cgo, b.String())
		}
	}
}

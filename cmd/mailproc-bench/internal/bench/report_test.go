package bench

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/mailproc/mailproc/mailproc/testenv/golden"
)

func TestWriteReport(t *testing.T) {
	var b bytes.Buffer
	WriteReport(&b, sampleResults())
	golden.Check(t, filepath.Join("testdata", "report.golden"), b.Bytes())
}

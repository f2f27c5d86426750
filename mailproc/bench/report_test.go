package bench

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestWriteReport(t *testing.T) {
	var b bytes.Buffer
	WriteReport(&b, sampleResults())
	golden := filepath.Join("testdata", "report.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("WriteReport(sample) =\n%s\nwant (%s)\n%s", b.Bytes(), golden, want)
	}
}

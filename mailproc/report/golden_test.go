package report

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// marchReport is the report of the fixture month.
func marchReport(t testing.TB) Report {
	loc := pacific(t)
	return Build(marchCases(t), 2025, time.March, loc, at(t, loc, fixtureNow), "Cooper")
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
// A mismatch leaves the output beside it as name.got.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("update %s: %v", path, err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden %s: %v (run go test -update)", path, err)
	}
	if !bytes.Equal(got, want) {
		_ = os.WriteFile(path+".got", got, 0o644)
		t.Errorf("%s differs from the golden file; output written to %s.got (go test -update to accept)", name, path)
	}
}

func TestGolden(t *testing.T) {
	r := marchReport(t)
	for _, tc := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"march.html", r.WriteHTML},
		{"march.csv", r.WriteCSV},
		{"march.json", r.WriteJSON},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatalf("write %s: %v", tc.name, err)
			}
			checkGolden(t, tc.name, b.Bytes())
		})
	}
}

package report

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/testenv/golden"
)

// marchReport is the report of the fixture month.
func marchReport(t testing.TB) Report {
	loc := pacific(t)
	return Build(marchCases(t), 2025, time.March, loc, at(t, loc, fixtureNow), "Cooper")
}

// checkGolden compares got with testdata/name.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
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

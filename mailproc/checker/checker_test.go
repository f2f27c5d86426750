package checker

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/testenv/golden"

	"github.com/mailproc/mailproc/mailproc/decide"
)

// TestGolden decides each testdata/*.eml and compares the JSON line with
// testdata/NAME.json.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.eml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test messages: %v", err)
	}
	c := Checker{Policy: decide.Policy{MaxMessageBytes: 1 << 20}}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			var got bytes.Buffer
			if err := WriteJSON(&got, c.File(f)); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, strings.TrimSuffix(f, ".eml")+".json", got.Bytes())
		})
	}
}

func TestTooLargeReadsHeaderOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.eml")
	body := strings.Repeat("x", 4096)
	os.WriteFile(path, []byte("From: a@example.com\r\nSubject: Request for California Privacy Information\r\n\r\n"+body), 0o644)
	r := Checker{Policy: decide.Policy{MaxMessageBytes: 1024}}.File(path)
	if r.Action != decide.Review || len(r.Reasons) != 1 || r.Reasons[0] != "too-large" {
		t.Errorf("File(big) = %s %v, want review too-large", r.Action, r.Reasons)
	}
}

func TestMissingFile(t *testing.T) {
	r := Checker{}.File("testdata/does-not-exist.eml")
	if r.Error == "" || r.Action != decide.Review {
		t.Errorf("File(missing) = %+v, want an error and review", r)
	}
}

package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWrite: the file is written whole with its mode; a write that fails
// leaves the earlier file as it was and no temporary file behind.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.csv")
	body := strings.Repeat("a line of the report\n", 10000)
	if err := Write(path, 0o640, func(w io.Writer) error { _, err := io.WriteString(w, body); return err }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o640 {
		t.Fatalf("Stat = %v, %v; want mode 0640", fi, err)
	}
	if got, _ := os.ReadFile(path); string(got) != body {
		t.Fatalf("the file holds %d bytes, want the %d written", len(got), len(body))
	}
	failed := errors.New("rendering failed")
	err = Write(path, 0o640, func(w io.Writer) error {
		io.WriteString(w, "half of a new report")
		return failed
	})
	if !errors.Is(err, failed) || !strings.Contains(err.Error(), path) {
		t.Errorf("Write with a failing writer = %v, want its error, naming the path", err)
	}
	if got, _ := os.ReadFile(path); string(got) != body {
		t.Errorf("after a failed write the file holds %q..., want the earlier one", got[:min(len(got), 20)])
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want the file alone", len(entries))
	}
	if err := Write(filepath.Join(dir, "missing", "x"), 0o600, func(io.Writer) error { return nil }); err == nil {
		t.Error("Write into a missing folder: no error")
	}
}

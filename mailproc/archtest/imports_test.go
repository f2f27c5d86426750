package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// module is the path of this module; every package is named from it.
const module = "github.com/mailproc/mailproc"

// tooling are the packages that are not product code: they may import
// anything, and the daemon's binary carries only the in-memory server
// (for `mailproc demo`).
var tooling = []string{
	"mailproc/mailbox/imaptest", // the in-memory IMAP server and folder inspection
	"mailproc/testenv",          // test helpers: servers and accounts for tests
	"mailproc/testenv/golden",   // test helpers: golden files
	"mailproc/bench",            // the benchmark
	"cmd/mailproc-bench",        // the benchmark's command
}

// owners says which product package alone may import a library (or any
// package under it).
var owners = []struct{ library, owner string }{
	{"github.com/emersion/go-imap", "mailproc/mailbox"},
	{"go.etcd.io/bbolt", "mailproc/store"},
}

// pkg is what `go list -json` says of a package.
type pkg struct {
	ImportPath string
	Imports    []string // of its non-test files
	Dir        string
	GoFiles    []string // its non-test files, in Dir
	Standard   bool
	Export     string // its export data, with go list -export
}

// goList runs `go list -json` with args and returns the packages.
func goList(t *testing.T, args ...string) []pkg {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-json"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			return pkgs
		} else if err != nil {
			t.Fatalf("go list %s: %v", strings.Join(args, " "), err)
		}
		pkgs = append(pkgs, p)
	}
}

// under reports whether path is the package root or one under it.
func under(path, root string) bool {
	return path == root || strings.HasPrefix(path, root+"/")
}

// TestLibraryOwners: go-imap is imported by mailbox alone, bbolt by store
// alone, among the product packages (their non-test files).
func TestLibraryOwners(t *testing.T) {
	pkgs := goList(t, module+"/...")
	var seen []string
	for _, p := range pkgs {
		name := strings.TrimPrefix(p.ImportPath, module+"/")
		seen = append(seen, name)
		if slices.Contains(tooling, name) {
			continue
		}
		for _, imp := range p.Imports {
			for _, o := range owners {
				if under(imp, o.library) && name != o.owner {
					t.Errorf("%s imports %s: only %s may (or tooling, listed in this test)", name, imp, o.owner)
				}
			}
		}
	}
	for _, name := range tooling {
		if !slices.Contains(seen, name) {
			t.Errorf("tooling package %s is gone: take it out of the list", name)
		}
	}
}

// TestDaemonCarriesNoTooling: the mailproc binary is built without the
// benchmark and the test helpers.
func TestDaemonCarriesNoTooling(t *testing.T) {
	pkgs := goList(t, "-deps", module+"/cmd/mailproc")
	for _, p := range pkgs {
		name := strings.TrimPrefix(p.ImportPath, module+"/")
		for _, root := range []string{"mailproc/bench", "cmd/mailproc-bench", "mailproc/testenv"} {
			if under(name, root) {
				t.Errorf("cmd/mailproc depends on %s", name)
			}
		}
	}
}

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
	"mailproc/mailbox/imaptest",         // the in-memory IMAP server and folder inspection
	"mailproc/testenv",                  // test helpers: servers and accounts for tests
	"mailproc/testenv/golden",           // test helpers: golden files
	"cmd/mailproc-bench",                // the benchmark's command
	"cmd/mailproc-bench/internal/bench", // the benchmark
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
		for _, root := range []string{"cmd/mailproc-bench", "mailproc/testenv"} {
			if under(name, root) {
				t.Errorf("cmd/mailproc depends on %s", name)
			}
		}
	}
}

// apart says which packages of the daemon's split a package must not
// depend on, directly or through others: the mail loop and the services
// beside it (staff actions, the letter desk, the scheduled jobs) meet only
// in service, which wires them, and in plan, which they all use.
var apart = []struct {
	pkg       string
	notOnto   []string
	whyTheyDo string
}{
	{"mailproc/daemon", []string{"mailproc/staff", "mailproc/letterdesk", "mailproc/jobs", "mailproc/service"},
		"the loop is woken by staff and runs the jobs through the functions service gives it"},
	{"mailproc/plan", []string{"mailproc/daemon", "mailproc/staff", "mailproc/letterdesk", "mailproc/jobs", "mailproc/service"},
		"every part plans through plan"},
	{"mailproc/staff", []string{"mailproc/daemon", "mailproc/letterdesk", "mailproc/jobs", "mailproc/service"},
		"staff wake the loop through a func, and the letter desk builds on staff"},
	{"mailproc/letterdesk", []string{"mailproc/daemon", "mailproc/jobs", "mailproc/service"},
		"letters are never sent by the loop"},
	{"mailproc/jobs", []string{"mailproc/daemon", "mailproc/staff", "mailproc/letterdesk", "mailproc/service"},
		"the daemon runs the jobs, and the digest lists cases through an interface"},
}

// TestSplitApart: the daemon's split holds; a reader finds the mail loop
// in daemon, staff actions in staff, letters in letterdesk, the scheduled
// jobs in jobs, and each depends only on what it must.
func TestSplitApart(t *testing.T) {
	imports := map[string][]string{}
	for _, p := range goList(t, module+"/mailproc/...") {
		imports[strings.TrimPrefix(p.ImportPath, module+"/")] = p.Imports
	}
	for _, a := range apart {
		if _, ok := imports[a.pkg]; !ok {
			t.Errorf("package %s is gone: change the list", a.pkg)
			continue
		}
		deps := dependsOn(imports, a.pkg)
		for _, not := range a.notOnto {
			if deps[not] {
				t.Errorf("%s depends on %s; it must not (%s)", a.pkg, not, a.whyTheyDo)
			}
		}
	}
}

// dependsOn is every package of the module pkg imports, directly or
// through others, by name under the module.
func dependsOn(imports map[string][]string, pkg string) map[string]bool {
	seen := map[string]bool{}
	todo := []string{pkg}
	for len(todo) > 0 {
		p := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, imp := range imports[p] {
			name, ok := strings.CutPrefix(imp, module+"/")
			if ok && !seen[name] {
				seen[name] = true
				todo = append(todo, name)
			}
		}
	}
	return seen
}

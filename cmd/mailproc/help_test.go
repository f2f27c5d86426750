package main

import (
	"bytes"
	"context"
	"flag"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/testenv/golden"
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = dispatch(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"version", "--version", "-version"} {
		code, out, _ := run(arg)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if code != 0 || len(lines) != 4 || !strings.HasPrefix(lines[0], "mailproc ") || !strings.HasPrefix(lines[3], "go       go1.") {
			t.Errorf("mailproc %s = %d, %q; want 0 and four lines: mailproc VERSION, commit, built, go", arg, code, out)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}} {
		code, out, _ := run(args...)
		if code != 0 || !strings.Contains(out, "mailproc run [--config FILE] [--once]") {
			t.Errorf("mailproc %v = %d, %q; want 0 and the usage on stdout", args, code, out)
		}
	}
	if code, _, errs := run(); code != 2 || !strings.HasPrefix(errs, "usage: mailproc COMMAND") {
		t.Errorf("mailproc with no command = %d, %q; want 2 and the usage on stderr", code, errs)
	}
	if code, _, errs := run("backup"); code != 2 || !strings.HasPrefix(errs, "usage: mailproc backup [--config FILE] FILE") {
		t.Errorf("mailproc backup = %d, %q; want 2 and its synopsis", code, errs)
	}
}

// TestManPage keeps mailproc(8) in testdata (go test -update rewrites it),
// checks every flag of every command is in it, and that groff reads it
// without a warning.
func TestManPage(t *testing.T) {
	code, man, _ := run("help", "--man")
	if code != 0 {
		t.Fatalf("help --man = %d", code)
	}
	golden.Check(t, "testdata/mailproc.8", []byte(man))
	for _, c := range commands() {
		if !strings.Contains(man, `.B `+roff(c.line())) {
			t.Errorf("man page lacks %q", c.line())
		}
		c.flagSet().VisitAll(func(f *flag.Flag) {
			if !strings.Contains(man, `.B \-\-`+roff(f.Name)) {
				t.Errorf("man page lacks %s --%s", c.name, f.Name)
			}
		})
	}
	if _, err := exec.LookPath("groff"); err != nil {
		t.Skip("no groff: the man page's roff is not checked")
	}
	cmd := exec.Command("groff", "-man", "-Tutf8", "-ww", "-z")
	cmd.Stdin = strings.NewReader(man)
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("groff -ww on the man page: %v\n%s", err, out)
	}
}

func TestRoff(t *testing.T) {
	for in, want := range map[string]string{
		"--config FILE": `\-\-config FILE`,
		`a\b`:           `a\eb`,
		".hidden":       `\&.hidden`,
		"'quote":        `\&'quote`,
	} {
		if got := roff(in); got != want {
			t.Errorf("roff(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBashCompletion keeps the script in testdata and completes words
// with it in bash.
func TestBashCompletion(t *testing.T) {
	code, script, _ := run("completion", "bash")
	if code != 0 {
		t.Fatalf("completion bash = %d", code)
	}
	golden.Check(t, "testdata/mailproc.bash", []byte(script))
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	dir := t.TempDir()
	tests := []struct {
		line string // the words typed; the last one is being completed
		want string // the completions, space-separated
	}{
		{"mailproc ver", "version"},
		{"mailproc review app", "approve"},
		{"mailproc review approve 7 --templ", "--template"},
		{"mailproc cases ad", "add"},
		{"mailproc cases add --sc", "--scan"},
		{"mailproc cases --ov", "--overdue"},
		{"mailproc config ch", "check"},
		{"mailproc run --", "--config --once"},
		{"mailproc run --config " + dir + "/", ""},
		{"mailproc check " + dir[:len(dir)-2], dir},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.line)
		if strings.HasSuffix(tt.line, " ") {
			words = append(words, "")
		}
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = "'" + w + "'"
		}
		prog := script + "\nCOMP_WORDS=(" + strings.Join(quoted, " ") + ")\nCOMP_CWORD=" + strconv.Itoa(len(words)-1) + "\n_mailproc\necho \"${COMPREPLY[*]}\"\n"
		out, err := exec.Command("bash", "-c", prog).CombinedOutput()
		if got := strings.TrimSpace(string(out)); err != nil || got != tt.want {
			t.Errorf("complete %q = %q (%v), want %q", tt.line, got, err, tt.want)
		}
	}
}

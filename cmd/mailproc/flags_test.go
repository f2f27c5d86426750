package main

import (
	"errors"
	"flag"
	"slices"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// TestHelpFlagExitsZero: -h and --help print the form's usage on stdout
// and exit 0, as Go's flag package means them, for every kind of command.
func TestHelpFlagExitsZero(t *testing.T) {
	for _, tt := range []struct{ args, usage string }{
		{"run --help", "usage: mailproc run [--config FILE] [--once]"},
		{"run -h", "usage: mailproc run "},
		{"review list --help", "usage: mailproc review list "},
		{"review approve C-1 -h", "usage: mailproc review approve "},
		{"review --help", "usage: mailproc review list "},
		{"cases --help", "usage: mailproc cases [--config FILE]"},
		{"cases add --help", "usage: mailproc cases add "},
		{"config check --help", "usage: mailproc config check "},
		{"config --help", "usage: mailproc config check "},
		{"backup --help", "usage: mailproc backup "},
		{"check -h", "usage: mailproc check "},
		{"version --help", "usage: mailproc version"},
		{"help --help", "usage: mailproc help [--man]"},
	} {
		code, out, errs := run(strings.Fields(tt.args)...)
		if code != 0 || !strings.HasPrefix(out, tt.usage) || errs != "" {
			t.Errorf("mailproc %s = %d, stdout %q, stderr %q; want 0 and %q on stdout", tt.args, code, out, errs, tt.usage)
		}
	}
}

// TestBadUsageExitsTwo: an unknown verb or flag is a usage error.
func TestBadUsageExitsTwo(t *testing.T) {
	for _, tt := range []struct{ args, says string }{
		{"review bogus", `mailproc review: unknown verb "bogus"`},
		{"review list --template x", "mailproc review list: flag provided but not defined: -template"},
		{"review show C-1 --street x", "mailproc review show: flag provided but not defined: -street"},
		{"run --bogus", "mailproc run: flag provided but not defined: -bogus"},
	} {
		code, out, errs := run(strings.Fields(tt.args)...)
		if code != 2 || out != "" || !strings.HasPrefix(errs, tt.says) || !strings.Contains(errs, "usage: mailproc ") {
			t.Errorf("mailproc %s = %d, stdout %q, stderr %q; want 2 and %q with the usage on stderr", tt.args, code, out, errs, tt.says)
		}
	}
}

// TestReviewVerbsTakeTheirFlagsOnly: each verb declares --config and the
// flags it uses, and no other: list has no corrected fields, approve has.
func TestReviewVerbsTakeTheirFlagsOnly(t *testing.T) {
	for _, v := range reviewVerbs {
		fs := newFlagSet("review " + v.verb)
		newStaffFlags(fs, v.verb)
		var got []string
		fs.VisitAll(func(f *flag.Flag) { got = append(got, f.Name) })
		want := append([]string{"config"}, v.flags...)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("review %s flags = %v, want %v", v.verb, got, want)
		}
		fs.VisitAll(func(f *flag.Flag) {
			if f.Usage == "" {
				t.Errorf("review %s --%s has no usage", v.verb, f.Name)
			}
		})
	}
	_, out, _ := run("review", "list", "--help")
	for _, absent := range []string{"-street", "-template", "-state-code", "-dry-run"} {
		if strings.Contains(out, absent) {
			t.Errorf("review list --help lists %s:\n%s", absent, out)
		}
	}
	if _, out, _ := run("review", "approve", "--help"); !strings.Contains(out, "-street") {
		t.Errorf("review approve --help lacks -street:\n%s", out)
	}
}

// unreadable is a staff service whose cases cannot be read; it records
// whether an approval was asked for.
type unreadable struct {
	control.Service
	approved *bool
}

func (unreadable) Get(string) (*cases.Case, error) { return nil, errors.New("database closed") }

func (u unreadable) Approve(string, control.Approval) (*cases.Case, error) {
	*u.approved = true
	return &cases.Case{}, nil
}

// TestCorrectedFieldsNeedTheCase: approve --street on a case that cannot
// be read fails; it used to approve without the correction.
func TestCorrectedFieldsNeedTheCase(t *testing.T) {
	approved := false
	f := newStaffFlags(newFlagSet("review approve"), "approve")
	if err := f.fs.Parse([]string{"--street", "1 Main St"}); err != nil {
		t.Fatal(err)
	}
	err := doReview(unreadable{approved: &approved}, "approve", "C-1", false, f, new(strings.Builder))
	if err == nil || approved {
		t.Errorf("approve --street on an unreadable case = %v (approved %v), want an error and no approval", err, approved)
	}
}

// TestBulkWithoutIDsIsUsage: `review bulk approve` with no case is a
// usage error (exit 2), not a failure.
func TestBulkWithoutIDsIsUsage(t *testing.T) {
	f := newStaffFlags(newFlagSet("review bulk"), "bulk")
	if err := doReview(unreadable{approved: new(bool)}, "bulk", "approve", false, f, new(strings.Builder)); !errors.Is(err, errUsage) {
		t.Errorf("bulk approve with no ID = %v, want errUsage", err)
	}
}

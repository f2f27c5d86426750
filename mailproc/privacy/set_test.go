package privacy_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/privacy"
)

// The thresholds the detector must keep on testdata/set (see
// TestPrecisionRecall). They are set a little under what it measures, so
// that a change that makes it worse fails.
const (
	minPrecision = 0.97
	minRecall    = 0.95
)

// record is one message of the set, with what it is.
type record struct {
	file     string
	n        int
	privacy  bool
	law      privacy.Law
	rights   []string
	category string // for mail that is not a request
	raw      []byte
}

func (r record) String() string {
	return fmt.Sprintf("%s #%d", r.file, r.n)
}

// loadSet reads testdata/set/*.txt.
func loadSet(t testing.TB) []record {
	t.Helper()
	files, err := filepath.Glob("testdata/set/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test set: %v", err)
	}
	var out []record
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := parseSet(filepath.Base(f), string(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, rs...)
	}
	return out
}

func parseSet(name, src string) ([]record, error) {
	var out []record
	chunks := strings.Split("\n"+src, "\n=== ")
	for i, c := range chunks[1:] {
		head, msg, _ := strings.Cut(c, "\n")
		r, err := parseHead(head)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", i+1, err)
		}
		r.file, r.n = name, i+1
		r.raw = eml(name, i+1, msg)
		out = append(out, r)
	}
	return out, nil
}

// parseHead reads "privacy gdpr access,deletion" or "other account".
func parseHead(head string) (record, error) {
	f := strings.Fields(head)
	switch {
	case len(f) == 3 && f[0] == "privacy":
		r := record{privacy: true, law: privacy.Law(f[1]), rights: []string{}}
		if f[2] != "-" {
			r.rights = strings.Split(f[2], ",")
		}
		return r, nil
	case len(f) == 2 && f[0] == "other":
		return record{category: f[1]}, nil
	}
	return record{}, fmt.Errorf("%q: want \"privacy LAW RIGHTS\" or \"other CATEGORY\"", head)
}

// eml makes a message of a record's header lines and body.
func eml(file string, n int, msg string) []byte {
	head, body, _ := strings.Cut(msg, "\n\n")
	var b strings.Builder
	if !strings.Contains(head, "From:") {
		b.WriteString("From: Someone <someone@example.com>\r\n")
	}
	fmt.Fprintf(&b, "To: support@cooper.example\r\nDate: Tue, 04 Mar 2025 09:10:00 +0100\r\n")
	fmt.Fprintf(&b, "Message-ID: <%s.%d@set.example>\r\nMIME-Version: 1.0\r\n", file, n)
	b.WriteString("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n")
	for _, l := range strings.Split(strings.TrimSpace(head), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			b.WriteString(l + "\r\n")
		}
	}
	b.WriteString("\r\n" + strings.ReplaceAll(body, "\n", "\r\n"))
	return []byte(b.String())
}

// detect reads a record as the daemon does: parsed, quotes dropped.
func detect(r record) privacy.Finding {
	m := parse.Parse(r.raw, parse.Limits{})
	return privacy.Detect(m.Header.Subject, m.Text)
}

// TestPrecisionRecall measures the detector on testdata/set: requests
// written the many ways people write them in the seven languages, and
// support mail that only looks like one. It prints the figures (go test
// -v) and fails below the thresholds.
func TestPrecisionRecall(t *testing.T) {
	set := loadSet(t)
	var tp, fp, fn, tn, lawOK, rightsOK int
	for _, r := range set {
		got := detect(r)
		switch {
		case r.privacy && got.Request:
			tp++
			if got.Law == r.law {
				lawOK++
			} else {
				t.Logf("%s: law %q, want %q", r, got.Law, r.law)
			}
			if slices.Equal(got.Rights, sorted(r.rights)) {
				rightsOK++
			} else {
				t.Logf("%s: rights %v, want %v (%s)", r, got.Rights, sorted(r.rights), got.Evidence)
			}
		case r.privacy:
			fn++
			t.Logf("%s: missed", r)
		case got.Request:
			fp++
			t.Logf("%s (%s): taken for a request: %s", r, r.category, got.Evidence)
		default:
			tn++
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("set: %d messages, %d requests, %d look-alikes; %s", len(set), tp+fn, fp+tn, composition(set))
	t.Logf("precision %.3f (%d/%d), recall %.3f (%d/%d)", precision, tp, tp+fp, recall, tp, tp+fn)
	t.Logf("of the requests found: law right %d/%d, rights right %d/%d", lawOK, tp, rightsOK, tp)
	if precision < minPrecision || recall < minRecall {
		t.Errorf("precision %.3f, recall %.3f; want at least %.2f and %.2f", precision, recall, minPrecision, minRecall)
	}
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// composition counts the set's messages per file and per kind of look-alike.
func composition(set []record) string {
	files, kinds := map[string][2]int{}, map[string]int{}
	for _, r := range set {
		n := files[r.file]
		if r.privacy {
			n[0]++
		} else {
			n[1]++
			kinds[r.category]++
		}
		files[r.file] = n
	}
	var parts []string
	for _, f := range slices.Sorted(maps.Keys(files)) {
		parts = append(parts, fmt.Sprintf("%s %d+%d", strings.TrimSuffix(f, ".txt"), files[f][0], files[f][1]))
	}
	var ks []string
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		ks = append(ks, fmt.Sprintf("%s %d", k, kinds[k]))
	}
	return "requests+look-alikes per file: " + strings.Join(parts, ", ") + "; look-alikes: " + strings.Join(ks, ", ")
}

// TestLookAlikesStayInInbox: decided as the daemon decides them, none of
// the set's look-alikes (account closures, order deletions, address
// changes, unsubscribes, GDPR marketing, vendors' DPAs, security
// questionnaires, newsletters, policy questions) lands in review, and
// every request the detector finds does, as kind privacy.
func TestLookAlikesStayInInbox(t *testing.T) {
	for _, r := range loadSet(t) {
		d := decide.Decide(decide.Input{Msg: parse.Parse(r.raw, parse.Limits{}), Size: int64(len(r.raw)), Policy: decide.Policy{MaxMessageBytes: 1 << 20}})
		switch {
		case !r.privacy && d.Action != decide.Ignore:
			t.Errorf("%s (%s): Decide = %s %s %v, want it left alone", r, r.category, d.Kind, d.Action, d.Reasons)
		case r.privacy && detect(r).Request && (d.Kind != cases.Privacy || d.Action != decide.Review):
			t.Errorf("%s: Decide = %s %s, want privacy review", r, d.Kind, d.Action)
		}
	}
}

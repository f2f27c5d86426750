package classify_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/classify"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/testenv/golden"
)

// minMachineFixtures is how many machine messages the fixture set holds
// at least.
const minMachineFixtures = 150

// ours knows our replies as the daemon and `mailproc check` do.
func ours(t *testing.T) classify.Ours {
	t.Helper()
	set, err := reply.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return set.Ours([]string{"privacy@cooper.example"})
}

type fixture struct {
	name string
	msg  *parse.Message
	dec  decide.Decision
}

// readFixtures parses and decides every message of a testdata folder.
func readFixtures(t *testing.T, dir string) []fixture {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.eml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata/%s (go test -run TestFixturesAreGenerated -update writes them)", dir)
	}
	policy := decide.Policy{MaxMessageBytes: 25 << 20, OwnAddresses: []string{"privacy@cooper.example"}, Ours: ours(t)}
	var out []fixture
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m := parse.Parse(raw, parse.Limits{})
		d := decide.Decide(decide.Input{Msg: m, Size: int64(len(raw)), Policy: policy})
		out = append(out, fixture{filepath.Base(f), m, d})
	}
	return out
}

// TestMachineFixtures: no machine message is answered or taken for a
// request. Under a request subject it goes to review as automated;
// under another it is ignored. The signs each carries are in
// testdata/machine.signs, with the count per sign.
func TestMachineFixtures(t *testing.T) {
	fixtures := readFixtures(t, "machine")
	if len(fixtures) < minMachineFixtures {
		t.Errorf("%d machine fixtures, want at least %d", len(fixtures), minMachineFixtures)
	}
	for _, f := range fixtures {
		want := decide.Ignore
		if classify.ClassifySubject(f.msg.Header.Subject).Request() {
			want = decide.Review
		}
		d := f.dec
		if d.Kind != cases.Automated || d.Action != want || d.Template != "" {
			t.Errorf("%s (subject %q): Decide() = %s %s %q %v, want automated %s", f.name, f.msg.Header.Subject, d.Kind, d.Action, d.Template, d.Reasons, want)
		}
		if want == decide.Review && !slices.Equal(d.Reasons, []cases.Reason{cases.ReasonAutomated}) {
			t.Errorf("%s: reasons = %v, want [automated]", f.name, d.Reasons)
		}
	}
	golden.Check(t, filepath.Join("testdata", "machine.signs"), signTable(t, fixtures))
}

// signTable lists the rules each fixture's signs follow, then how many
// fixtures carry each rule and how many are known by it first.
func signTable(t *testing.T, fixtures []fixture) []byte {
	o := ours(t)
	var b strings.Builder
	carry, first := map[classify.Rule]int{}, map[classify.Rule]int{}
	for _, f := range fixtures {
		var rules []string
		for _, s := range classify.Signs(f.msg, o) {
			if !slices.Contains(rules, string(s.Rule)) {
				rules = append(rules, string(s.Rule))
				carry[s.Rule]++
			}
		}
		if len(rules) > 0 {
			first[classify.Rule(rules[0])]++
		}
		fmt.Fprintf(&b, "%s: %s\n", f.name, strings.Join(rules, " "))
	}
	fmt.Fprintf(&b, "\n%d messages; per sign: carried by, known first by\n", len(fixtures))
	for _, r := range classify.Rules {
		fmt.Fprintf(&b, "%-20s %4d %4d\n", r, carry[r], first[r])
	}
	return []byte(b.String())
}

// TestHumanFixtures: what people write carries no sign of a machine and is
// decided as the request or mail it is.
func TestHumanFixtures(t *testing.T) {
	for _, f := range readFixtures(t, "human") {
		if signs := classify.Signs(f.msg, ours(t)); len(signs) > 0 {
			t.Errorf("%s: Signs() = %v, want none", f.name, signs)
		}
		if f.dec.Kind == cases.Automated {
			t.Errorf("%s: Decide() = automated (%s), want a person's mail", f.name, f.dec.Detail)
		}
	}
}

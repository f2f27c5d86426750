package bench

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/mailproc/mailproc/mailproc/testenv/golden"
)

// repeated is sampleResults run three times: mailproc / work floor 1.50×,
// 1.20× and 1.30× (the median, shown), CPU 5, 4 and 4.8 s, commits 2470,
// 2400 and 2420 for 2350 requests, peak RSS 40, 50 and 38 MiB (the 50
// above the memory part's 48).
func repeated() *Results {
	r := sampleResults()
	one := r.Throughput[0]
	run := func(wall, cpu float64, commits uint64, rss int64) ThroughputRun {
		d := *one.Mailproc
		d.Wall, d.CPU, d.Commits, d.MaxRSS = wall, cpu, commits, rss<<20
		return ThroughputRun{ReadFloor: one.ReadFloor, WorkFloor: one.WorkFloor, Mailproc: &d}
	}
	r.Throughput = []ThroughputRun{run(12, 5, 2470, 40), run(9.6, 4, 2400, 50), run(10.4, 4.8, 2420, 38)}
	return r
}

func TestRepeatedTargets(t *testing.T) {
	got := map[string]Target{}
	for _, tg := range Targets(repeated()) {
		got[tg.Name] = tg
	}
	for name, want := range map[string]struct {
		got string
		met bool
	}{
		"mailproc / work floor":            {"1.30× (1.20×–1.50×, 3 runs)", false},
		"mailproc CPU per 10,000 messages": {"4.80 s (4.00 s–5.00 s, 3 runs)", false},
		"store commits per request":        {"1.03 (1.02–1.05, 3 runs)", true},
		"peak RSS, largest":                {"50.0 MiB", false}, // a throughput run's, not only the shown one's or the memory part's
		"mailproc read phase / read floor": {"0.60× (0.60×–0.60×, 3 runs)", true},
	} {
		if g := got[name]; g.Got != want.got || g.Met != want.met || !g.Measured {
			t.Errorf("%s: got %q met %t measured %t, want %q met %t", name, g.Got, g.Met, g.Measured, want.got, want.met)
		}
	}
}

func TestSpread(t *testing.T) {
	runs := repeated().Throughput
	wall := daemonFigure(func(d *DaemonRun) float64 { return d.Wall })
	if s := spreadOf(runs, wall); s != (spread{Median: 10.4, Lo: 9.6, Hi: 12, N: 3}) {
		t.Errorf("spread of three = %+v", s)
	}
	if s := spreadOf(runs[:2], wall); s != (spread{Median: 10.8, Lo: 9.6, Hi: 12, N: 2}) {
		t.Errorf("spread of two = %+v, want the mean of the middle two", s)
	}
	if s := spreadOf([]ThroughputRun{{}}, wall); s.N != 0 {
		t.Errorf("spread of a run without mailproc = %+v, want none", s)
	}
	if got := (spread{Median: 1, N: 1}).format("%.2f×"); got != "1.00×" {
		t.Errorf("one run formats as %q", got)
	}
}

func TestMedianRun(t *testing.T) {
	runs := repeated().Throughput
	if i := medianRun(runs); i != 2 {
		t.Errorf("medianRun = %d, want 2 (1.30× among 1.50×, 1.20×, 1.30×)", i)
	}
	if i := medianRun(runs[:2]); i != 1 {
		t.Errorf("medianRun of two = %d, want 1 (the lower middle, 1.20×)", i)
	}
	noFloor := append([]ThroughputRun{{Mailproc: runs[0].Mailproc}}, runs...)
	if i := medianRun(noFloor); i != 3 {
		t.Errorf("medianRun with a run lacking its floor = %d, want 3", i)
	}
}

func TestWriteReportRepeated(t *testing.T) {
	var b bytes.Buffer
	WriteReport(&b, repeated())
	golden.Check(t, filepath.Join("testdata", "report-repeated.golden"), b.Bytes())
}

// TestShownPartial: a throughput run that failed after its read floor is
// still shown (what was measured is reported with the error), the run of
// median ratio is shown among several, and no run shows nothing.
func TestShownPartial(t *testing.T) {
	partial := &Results{Throughput: []ThroughputRun{{ReadFloor: &FloorResult{Seconds: 5}}}}
	if run, i := partial.shown(); run.ReadFloor == nil || i != 0 || run.Mailproc != nil {
		t.Errorf("partial run: shown %d, %+v", i, run)
	}
	if run, i := repeated().shown(); i != 2 || run.Mailproc.Wall != 10.4 {
		t.Errorf("three runs: shown %d (wall %v), want 2, the median ratio", i, run.Mailproc.Wall)
	}
	if run, i := (&Results{}).shown(); i != 0 || run.ReadFloor != nil || run.Mailproc != nil {
		t.Errorf("no run: shown %d, %+v", i, run)
	}
}

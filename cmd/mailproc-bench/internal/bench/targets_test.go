package bench

import (
	"testing"

	"github.com/mailproc/mailproc/mailproc/store"
)

// sampleResults are figures of a run that meets some targets and misses
// others.
func sampleResults() *Results {
	return &Results{
		N: 10000, Seed: 1,
		Machine: Machine{CPUs: 2, Model: "AMD EPYC", Go: "go1.26.8", OS: "linux/amd64"},
		Seeding: []SeedResult{{Messages: 10000, Accounts: 3, Seconds: 51.2}},
		Throughput: []ThroughputRun{{
			ReadFloor: &FloorResult{Seconds: 10, Messages: 10000, Bytes: 750e6},
			WorkFloor: &FloorResult{Seconds: 8, Messages: 2200, Replies: 2200, Moved: 2350, Phases: []Phase{{"headers", 0.5}, {"smtp", 4}}},
			Mailproc: &DaemonRun{Wall: 12, CPU: 5, SysCPU: 1.2, MaxRSS: 40 << 20, Requests: 2350, ChildReport: ChildReport{Commits: 2470, GC: GCWork{CPU: 0.4, Cycles: 120}, Peaks: RSSPeaks{Anon: 15 << 20, File: 25 << 20}, Store: store.Usage{Cases: 9000, FileBytes: 50 << 20, PageBytes: 40 << 20, DataBytes: 30 << 20}, Ops: Ops{
				OpHeaders: {Calls: 50, Seconds: 1}, OpPreviews: {Calls: 7650, Seconds: 4}, OpBodies: {Calls: 2350, Seconds: 1}, OpSend: {Calls: 2200, Seconds: 3},
			}}},
		}},
		Latency: &LatencyResult{Requests: 200, Mailproc: Percentiles{N: 200, P50: 0.6, P90: 0.65, P99: 0.8, Max: 0.9}, Dovecot: Percentiles{N: 200, P50: 0.5, P90: 0.5, P99: 0.5, Max: 0.51}},
		Memory: []MemoryResult{
			{N: 20000, Run: DaemonRun{MaxRSS: 48 << 20, Wall: 100, CPU: 9.5, ChildReport: ChildReport{GC: GCWork{CPU: 0.9, Cycles: 260}, Ops: Ops{OpAppend: {Calls: 4400, Seconds: 20}, OpSend: {Calls: 4400, Seconds: 15}}}}},
			{N: 2000, Run: DaemonRun{MaxRSS: 36 << 20, Wall: 10}},
		},
		Decide: []DecideResult{{Set: "generated", Messages: 1000, NsPerOp: 400000}, {Set: decideTargetSet, Messages: 1041, NsPerOp: 150000}},
	}
}

func TestTargets(t *testing.T) {
	want := []struct {
		got      string
		measured bool
		met      bool
	}{
		{"1.50×", true, false},                        // 12 / 8
		{"0.60×", true, true},                         // (1 + 4 + 1) / 10
		{"+0.100 s", true, true},                      // p50
		{"+0.300 s", true, false},                     // p99
		{"48.0 MiB", true, false},                     // the largest of all runs, over 40
		{"+33% (N=2000→20000)", true, false},          // 36 → 48 MiB
		{"6667 msg/s (generated+corpus)", true, true}, // the target set, not the first
		{"5.00 s", true, false},                       // CPU 5 s for N = 10,000, over 4.55
		{"1.05 (2470 for 2350)", true, true},          // commits / requests
	}
	got := Targets(sampleResults())
	if len(got) != len(want) {
		t.Fatalf("Targets() = %d targets, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Got != w.got || g.Measured != w.measured || g.Met != w.met {
			t.Errorf("Targets()[%d] (%s) = %q measured %t met %t, want %q measured %t met %t",
				i, g.Name, g.Got, g.Measured, g.Met, w.got, w.measured, w.met)
		}
	}
}

func TestTargetsNotMeasured(t *testing.T) {
	for _, tg := range Targets(&Results{N: 10}) {
		if tg.Measured || tg.Met || tg.Got != "" {
			t.Errorf("Targets(no figures): %s = %q measured %t met %t, want not measured", tg.Name, tg.Got, tg.Measured, tg.Met)
		}
	}
}

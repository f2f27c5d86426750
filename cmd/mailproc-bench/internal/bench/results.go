package bench

// Results are the figures of one run; a part not run is nil or empty.
type Results struct {
	N       int
	Seed    uint64
	Machine Machine

	Seeding []SeedResult
	// Throughput is every throughput run (parts 1–3), in order; the one
	// shown in detail is shown().
	Throughput []ThroughputRun

	Latency *LatencyResult
	Memory  []MemoryResult
	Decide  []DecideResult
}

// shown is the throughput run the report shows in detail, and its
// index: with several, the one whose mailproc / work floor ratio is the
// median (medianRun); a zero run when none ran.
func (r *Results) shown() (ThroughputRun, int) {
	if len(r.Throughput) == 0 {
		return ThroughputRun{}, 0
	}
	i := medianRun(r.Throughput)
	return r.Throughput[i], i
}

// ThroughputRun is one run of parts 1–3 on a backlog of its own.
type ThroughputRun struct {
	ReadFloor *FloorResult
	WorkFloor *FloorResult
	Mailproc  *DaemonRun
}

// SeedResult is one seeding: not part of the figures, reported so that
// its cost is known.
type SeedResult struct {
	Messages int
	Accounts int
	Seconds  float64
}

// MemoryResult is the daemon's peak RSS over a backlog of N messages.
type MemoryResult struct {
	N   int
	Run DaemonRun
}

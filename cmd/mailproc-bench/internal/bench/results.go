package bench

// Results are the figures of one run; a part not run is nil or empty.
type Results struct {
	N       int
	Seed    uint64
	Machine Machine

	Seeding   []SeedResult
	ReadFloor *FloorResult
	WorkFloor *FloorResult
	Mailproc  *DaemonRun
	Latency   *LatencyResult
	Memory    []MemoryResult
	Decide    []DecideResult
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

package bench

// Results are the figures of one run; a part not run is nil or empty.
type Results struct {
	N       int
	Seed    uint64
	Machine Machine

	Seeding []SeedResult
	// ReadFloor, WorkFloor and Mailproc are the throughput run shown in
	// detail: with several runs, the one whose mailproc / work floor ratio
	// is the median (Shown, counted from 1).
	ReadFloor *FloorResult
	WorkFloor *FloorResult
	Mailproc  *DaemonRun
	Shown     int
	// Repeats are every throughput run, in order (empty: the one above).
	Repeats []ThroughputRun

	Latency *LatencyResult
	Memory  []MemoryResult
	Decide  []DecideResult
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

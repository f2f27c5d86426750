package service

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// softMemoryLimit is the Go runtime's memory limit that limitMemory sets.
const softMemoryLimit = 22 << 20

// limitMemory gives the daemon's Go runtime a soft memory limit of 22 MiB
// (debug.SetMemoryLimit) unless the GOMEMLIMIT or GOGC environment
// variable says how it should collect, and returns the limit in force in
// bytes (math.MaxInt64 for none).
//
// What the daemon keeps is small (5–7 MB of live heap through a
// 20,000-message backlog), but by default the runtime lets the heap grow
// to twice that before it collects, and the messages read, parsed and
// answered meanwhile are each a fresh 100 KB: its anonymous memory peaked
// at 22–23 MiB. Measured at 20,000 messages (one run each, with the
// profiling records below gone): a limit of 20 MiB held it to 16.1–16.6
// MiB in 713–760 collections (1.3–1.4 s of CPU by the runtime's count),
// 22 MiB to 18.8 MiB in 503 (1.0 s), 24 MiB to 18.7 MiB in 414 (1.0 s);
// 18 MiB took 1,379 (2.4 s). The limit is soft: when more is live (a
// very large message, a staff page over many cases) the runtime collects
// more often, spending at most half the CPU on it, and never fails an
// allocation for it.
//
// It also stops the runtime from sampling allocations for heap profiles
// (runtime.MemProfileRate 0), which nothing in the daemon reads: their
// records had grown to 1.9 MB by the end of a 20,000-message backlog,
// counted against the limit like the heap.
func limitMemory() int64 {
	runtime.MemProfileRate = 0
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return debug.SetMemoryLimit(-1)
	}
	debug.SetMemoryLimit(softMemoryLimit)
	return softMemoryLimit
}

// memoryLimitAttr is the limit for the start line: "none" when there is
// none, else its value in bytes.
func memoryLimitAttr(limit int64) any {
	if limit == math.MaxInt64 {
		return "none"
	}
	return limit
}

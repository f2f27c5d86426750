package service

// RuntimeLimits are what LimitRuntime put in force.
type RuntimeLimits struct {
	Procs  int   // GOMAXPROCS (limitProcs)
	Memory int64 // the soft memory limit in bytes, math.MaxInt64 for none (limitMemory)
}

// LimitRuntime sets the Go runtime up as `mailproc run` runs the daemon:
// its threads (limitProcs) and its memory (limitMemory), each unless the
// environment says otherwise. It is the one place for it, so that what
// measures the daemon (the benchmark's child) runs it the same way.
func LimitRuntime() RuntimeLimits {
	return RuntimeLimits{Procs: limitProcs(), Memory: limitMemory()}
}

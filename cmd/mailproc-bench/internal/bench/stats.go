package bench

import (
	"math"
	"slices"
	"time"
)

// Percentiles summarise latencies, in seconds.
type Percentiles struct {
	N                  int
	P50, P90, P99, Max float64
}

// percentiles are the nearest-rank percentiles of ds.
func percentiles(ds []time.Duration) Percentiles {
	if len(ds) == 0 {
		return Percentiles{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := func(p float64) float64 {
		i := int(math.Ceil(p/100*float64(len(s)))) - 1
		return s[max(i, 0)].Seconds()
	}
	return Percentiles{N: len(s), P50: rank(50), P90: rank(90), P99: rank(99), Max: s[len(s)-1].Seconds()}
}

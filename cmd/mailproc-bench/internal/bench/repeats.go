package bench

import (
	"cmp"
	"fmt"
	"slices"
)

// figure is one figure of a throughput run; false when the run lacks
// what it takes.
type figure func(ThroughputRun) (float64, bool)

// floorRatio is mailproc's wall time over the work floor's.
func floorRatio(t ThroughputRun) (float64, bool) {
	if t.Mailproc == nil || t.WorkFloor == nil || t.WorkFloor.Seconds == 0 {
		return 0, false
	}
	return t.Mailproc.Wall / t.WorkFloor.Seconds, true
}

// readRatio is mailproc's read phase over the read floor.
func readRatio(t ThroughputRun) (float64, bool) {
	if t.Mailproc == nil || t.ReadFloor == nil || t.ReadFloor.Seconds == 0 {
		return 0, false
	}
	return t.Mailproc.Ops.ReadPhase().Seconds / t.ReadFloor.Seconds, true
}

// cpuPer is mailproc's CPU per 10,000 messages of a backlog of n.
func cpuPer(n int) figure { return per10k(n, func(d *DaemonRun) float64 { return d.CPU }) }

// per10k is seconds of mailproc's run, as f reads them, per 10,000
// messages of a backlog of n. Zero seconds are seconds not measured: a
// run of the daemon takes some of each.
func per10k(n int, f func(*DaemonRun) float64) figure {
	return func(t ThroughputRun) (float64, bool) {
		if t.Mailproc == nil || n == 0 || f(t.Mailproc) == 0 {
			return 0, false
		}
		return f(t.Mailproc) * 10000 / float64(n), true
	}
}

// commitRatio is mailproc's store commits per request.
func commitRatio(t ThroughputRun) (float64, bool) {
	d := t.Mailproc
	if d == nil || d.Requests == 0 || d.Commits == 0 {
		return 0, false
	}
	return float64(d.Commits) / float64(d.Requests), true
}

// daemonFigure is a figure read off mailproc's run alone.
func daemonFigure(f func(*DaemonRun) float64) figure {
	return func(t ThroughputRun) (float64, bool) {
		if t.Mailproc == nil {
			return 0, false
		}
		return f(t.Mailproc), true
	}
}

// spread is the median and range of one figure over N runs.
type spread struct {
	Median, Lo, Hi float64
	N              int
}

// spreadOf is the spread of f over the runs that have it.
func spreadOf(runs []ThroughputRun, f figure) spread {
	var xs []float64
	for _, t := range runs {
		if x, ok := f(t); ok {
			xs = append(xs, x)
		}
	}
	if len(xs) == 0 {
		return spread{}
	}
	slices.Sort(xs)
	m := xs[len(xs)/2]
	if len(xs)%2 == 0 {
		m = (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	return spread{Median: m, Lo: xs[0], Hi: xs[len(xs)-1], N: len(xs)}
}

// format writes the median with verb and, over several runs, the range
// and how many: "1.35× (1.28×–1.42×, 5 runs)".
func (s spread) format(verb string) string {
	m := fmt.Sprintf(verb, s.Median)
	if s.N < 2 {
		return m
	}
	return fmt.Sprintf("%s (%s–%s, %d runs)", m, fmt.Sprintf(verb, s.Lo), fmt.Sprintf(verb, s.Hi), s.N)
}

// medianRun is the index of the run whose mailproc / work floor ratio is
// the median (the lower of the two middle ones for an even count), 0 when
// none has one.
func medianRun(runs []ThroughputRun) int {
	idx := make([]int, 0, len(runs))
	for i, t := range runs {
		if _, ok := floorRatio(t); ok {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return 0
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		x, _ := floorRatio(runs[a])
		y, _ := floorRatio(runs[b])
		return cmp.Compare(x, y)
	})
	return idx[(len(idx)-1)/2]
}

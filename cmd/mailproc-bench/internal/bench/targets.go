package bench

import (
	"fmt"
	"math"
)

// The targets of issue 7, as issue 17 set them again: peak RSS at most
// 40 MiB (was 64) and within 25% (was 20%) from the smallest backlog to
// the largest, the daemon's CPU per 10,000 messages at most half the
// 9.1–10.2 s it took before, and store commits per request.
const (
	workFloorRatio    = 1.25     // mailproc within 1.25× the work floor
	readFloorRatio    = 0.6      // its read phase at most 0.6× the read floor
	latencyOverhead   = 0.2      // p50 and p99 within 0.2 s of Dovecot's
	rssLimit          = 40 << 20 // peak RSS at most 40 MiB
	rssSpread         = 0.25     // and within 25% between the smallest and largest backlog
	decidePerSecond   = 5000.0   // parse + classify + extract on one core
	decideTargetSet   = "generated+corpus"
	cpuPer10k         = 4.55 // CPU seconds per 10,000 messages, at most
	commitsPerRequest = 1.2  // store commits per request, at most
)

// Target is one target and whether the run met it.
type Target struct {
	Name     string
	Want     string
	Got      string
	Measured bool
	Met      bool
}

// Targets checks the figures against the targets of issue 7; a target whose
// figures were not measured is listed as not measured.
func Targets(r *Results) []Target {
	return []Target{
		throughputTarget(r),
		readTarget(r),
		latencyTarget(r, "p50", func(p Percentiles) float64 { return p.P50 }),
		latencyTarget(r, "p99", func(p Percentiles) float64 { return p.P99 }),
		rssTarget(r),
		rssSpreadTarget(r),
		decideTarget(r),
		cpuTarget(r),
		commitsTarget(r),
	}
}

// throughputTarget is mailproc's wall time over the work floor's, the
// median over the throughput runs.
func throughputTarget(r *Results) Target {
	t := Target{Name: "mailproc / work floor", Want: fmt.Sprintf("≤ %.2f×", workFloorRatio)}
	s := spreadOf(r.Throughput, floorRatio)
	if s.N == 0 {
		return t
	}
	return measured(t, s.format("%.2f×"), s.Median <= workFloorRatio)
}

func readTarget(r *Results) Target {
	t := Target{Name: "mailproc read phase / read floor", Want: fmt.Sprintf("≤ %.2f×", readFloorRatio)}
	s := spreadOf(r.Throughput, readRatio)
	if s.N == 0 {
		return t
	}
	return measured(t, s.format("%.2f×"), s.Median <= readFloorRatio)
}

func latencyTarget(r *Results, name string, pick func(Percentiles) float64) Target {
	t := Target{Name: "IDLE latency " + name + " − Dovecot's", Want: fmt.Sprintf("≤ %.1f s", latencyOverhead)}
	if r.Latency == nil || r.Latency.Requests == 0 {
		return t
	}
	d := pick(r.Latency.Mailproc) - pick(r.Latency.Dovecot)
	return measured(t, fmt.Sprintf("%+.3f s", d), d <= latencyOverhead)
}

func rssTarget(r *Results) Target {
	t := Target{Name: "peak RSS, largest", Want: fmt.Sprintf("≤ %d MiB", rssLimit>>20)}
	var peak int64
	for _, run := range daemonRuns(r) {
		peak = max(peak, run.MaxRSS)
	}
	if peak == 0 {
		return t
	}
	return measured(t, mib(peak), peak <= rssLimit)
}

func rssSpreadTarget(r *Results) Target {
	t := Target{Name: "peak RSS, smallest to largest N", Want: fmt.Sprintf("within %.0f%%", rssSpread*100)}
	if len(r.Memory) < 2 {
		return t
	}
	lo, hi := r.Memory[0], r.Memory[0]
	for _, m := range r.Memory {
		if m.N < lo.N {
			lo = m
		}
		if m.N > hi.N {
			hi = m
		}
	}
	if lo.Run.MaxRSS == 0 {
		return t
	}
	d := float64(hi.Run.MaxRSS-lo.Run.MaxRSS) / float64(lo.Run.MaxRSS)
	return measured(t, fmt.Sprintf("%+.0f%% (N=%d→%d)", d*100, lo.N, hi.N), math.Abs(d) <= rssSpread)
}

func decideTarget(r *Results) Target {
	t := Target{Name: "parse+classify+extract, one core", Want: fmt.Sprintf("≥ %.0f msg/s", decidePerSecond)}
	var best *DecideResult
	for i, d := range r.Decide {
		if d.Set == decideTargetSet || best == nil {
			best = &r.Decide[i]
		}
	}
	if best == nil {
		return t
	}
	return measured(t, fmt.Sprintf("%.0f msg/s (%s)", best.PerSecond(), best.Set), best.PerSecond() >= decidePerSecond)
}

// cpuTarget is the daemon's CPU in the throughput runs, per 10,000
// messages of the backlog, at the median.
func cpuTarget(r *Results) Target {
	t := Target{Name: "mailproc CPU per 10,000 messages", Want: fmt.Sprintf("≤ %.2f s", cpuPer10k)}
	s := spreadOf(r.Throughput, cpuPer(r.N))
	if s.N == 0 {
		return t
	}
	return measured(t, s.format("%.2f s"), s.Median <= cpuPer10k)
}

// commitsTarget is mailproc's store commits per request of the backlog,
// at the median.
func commitsTarget(r *Results) Target {
	t := Target{Name: "store commits per request", Want: fmt.Sprintf("≤ %.1f", commitsPerRequest)}
	runs := r.Throughput
	s := spreadOf(runs, commitRatio)
	switch {
	case s.N == 0:
		return t
	case s.N == 1:
		d := runs[0].Mailproc
		return measured(t, fmt.Sprintf("%.2f (%d for %d)", s.Median, d.Commits, d.Requests), s.Median <= commitsPerRequest)
	}
	return measured(t, s.format("%.2f"), s.Median <= commitsPerRequest)
}

// daemonRuns are all the daemon's runs to completion: every throughput
// run's and every memory run's.
func daemonRuns(r *Results) []DaemonRun {
	var runs []DaemonRun
	for _, t := range r.Throughput {
		if t.Mailproc != nil {
			runs = append(runs, *t.Mailproc)
		}
	}
	for _, m := range r.Memory {
		runs = append(runs, m.Run)
	}
	return runs
}

func measured(t Target, got string, met bool) Target {
	t.Got, t.Measured, t.Met = got, true, met
	return t
}

// mib is bytes in MiB.
func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

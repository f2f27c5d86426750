package bench

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/mailproc/mailproc/mailproc/store"
)

// WriteReport prints the figures, part by part, then the targets beside
// them and whether each is met.
func WriteReport(w io.Writer, r *Results) {
	m := r.Machine
	fmt.Fprintf(w, "mailproc-bench  N=%d  seed=%d  on %d × %s, %s, %s\n", r.N, r.Seed, m.CPUs, m.Model, m.OS, m.Go)
	if m.Cgo {
		fmt.Fprintln(w, "built with cgo: the daemon's memory counts the C library's pages, which the package's binary (CGO_ENABLED=0) has not")
	}
	for _, s := range r.Seeding {
		fmt.Fprintf(w, "seeding (not a figure): %d × %d messages in %.1f s\n", s.Accounts, s.Messages, s.Seconds)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	writeRepeats(tw, r)
	writeThroughput(tw, r)
	writeLatency(tw, r.Latency)
	writeMemory(tw, r.Memory)
	writeDecide(tw, r.Decide)
	writeTargets(tw, Targets(r))
	tw.Flush()
}

func writeThroughput(w io.Writer, r *Results) {
	t, i := r.shown()
	if t.ReadFloor == nil && t.WorkFloor == nil && t.Mailproc == nil {
		return
	}
	which := ""
	if n := len(r.Throughput); n > 1 {
		which = fmt.Sprintf(": run %d of %d, the median by mailproc / work floor", i+1, n)
	}
	fmt.Fprintf(w, "\nThroughput, N=%d%s\tseconds\t\n", r.N, which)
	if f := t.ReadFloor; f != nil {
		fmt.Fprintf(w, "  read floor: UID FETCH 1:* BODY.PEEK[]\t%.2f\t%d messages, %.1f MB\n", f.Seconds, f.Messages, float64(f.Bytes)/1e6)
	}
	if f := t.WorkFloor; f != nil {
		fmt.Fprintf(w, "  work floor: the least protocol work\t%.2f\t%d replies, %d moved; %s\n", f.Seconds, f.Replies, f.Moved, phaseList(f.Phases))
	}
	if d := t.Mailproc; d != nil {
		rp := d.Ops.ReadPhase()
		fmt.Fprintf(w, "  mailproc: cold start until all is answered and moved\t%.2f\tCPU %.1f s (system %.1f s, %s), peak RSS %s (%s)\n", d.Wall, d.CPU, d.SysCPU, d.GC, mib(d.MaxRSS), peaks(d.Peaks))
		fmt.Fprintf(w, "  mailproc's read phase: headers, previews, bodies\t%.2f\t%d fetches, %.1f MB\n", rp.Seconds, rp.Calls, float64(rp.Bytes)/1e6)
		writeOps(w, d)
		writeStore(w, d.Store)
	}
}

// writeRepeats shows, for several throughput runs, each figure's median
// and range over them.
func writeRepeats(w io.Writer, r *Results) {
	runs := r.Throughput
	if len(runs) < 2 {
		return
	}
	fmt.Fprintf(w, "\nThroughput, N=%d, over %d runs\tmedian\trange\n", r.N, len(runs))
	rows := []struct {
		name, verb string
		f          figure
	}{
		{"work floor, s", "%.2f", func(t ThroughputRun) (float64, bool) {
			return floorSeconds(t.WorkFloor)
		}},
		{"read floor, s", "%.2f", func(t ThroughputRun) (float64, bool) {
			return floorSeconds(t.ReadFloor)
		}},
		{"mailproc, s", "%.2f", daemonFigure(func(d *DaemonRun) float64 { return d.Wall })},
		{"mailproc / work floor", "%.2f×", floorRatio},
		{"mailproc read phase / read floor", "%.2f×", readRatio},
		{"mailproc CPU per 10,000 messages, s", "%.2f", cpuPer(r.N)},
		{"of it system, s", "%.2f", per10k(r.N, func(d *DaemonRun) float64 { return d.SysCPU })},
		{"of it GC (the runtime's estimate), s", "%.2f", per10k(r.N, func(d *DaemonRun) float64 { return d.GC.CPU })},
		{"mailproc peak RSS, MiB", "%.1f", daemonFigure(func(d *DaemonRun) float64 { return float64(d.MaxRSS) / (1 << 20) })},
		{"store commits per request", "%.2f", commitRatio},
	}
	for _, row := range rows {
		s := spreadOf(runs, row.f)
		if s.N == 0 {
			continue
		}
		fmt.Fprintf(w, "  %s\t"+row.verb+"\t"+row.verb+"–"+row.verb+"\n", row.name, s.Median, s.Lo, s.Hi)
	}
}

// floorSeconds is a floor's time, when it was measured.
func floorSeconds(f *FloorResult) (float64, bool) {
	if f == nil {
		return 0, false
	}
	return f.Seconds, true
}

// writeStore shows what mailproc's run left in its store: the file, and
// per case the file, the pages in use or free, and the data in them.
func writeStore(w io.Writer, u store.Usage) {
	if u.Cases == 0 {
		return
	}
	per := func(b int64) int64 { return b / int64(u.Cases) }
	fmt.Fprintf(w, "  mailproc's store after the run: %d cases\t\tfile %.1f MB; per case: file %d B, pages %d B, data %d B\n",
		u.Cases, float64(u.FileBytes)/1e6, per(u.FileBytes), per(u.PageBytes), per(u.DataBytes))
}

// writeOps shows where the daemon's time went, largest first.
func writeOps(w io.Writer, d *DaemonRun) {
	var timed float64
	for _, op := range d.Ops {
		timed += op.Seconds
	}
	fmt.Fprintf(w, "  where mailproc's time went (calls on three lines at once: reading, sending, filing):\t\t\n")
	for _, name := range d.Ops.byTime() {
		op := d.Ops[name]
		fmt.Fprintf(w, "    %s\t%.2f\t%d calls, %.2f ms each\n", name, op.Seconds, op.Calls, 1000*op.Seconds/float64(max(op.Calls, 1)))
	}
	fmt.Fprintf(w, "    all calls together, against the wall time\t%.2f\t%.0f%% of %.2f s\n", timed, 100*timed/max(d.Wall, 1e-9), d.Wall)
}

// phaseList is "name 0.12 s, …".
func phaseList(ps []Phase) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("%s %.2f", p.Name, p.Seconds)
	}
	return strings.Join(parts, ", ")
}

func writeLatency(w io.Writer, l *LatencyResult) {
	if l == nil {
		return
	}
	fmt.Fprintf(w, "\nLatency, %d requests 0.5–2 s apart (s)\tp50\tp90\tp99\tmax\t\n", l.Requests)
	for _, row := range []struct {
		name string
		p    Percentiles
	}{{"  Dovecot: APPEND → EXISTS to an idling client", l.Dovecot}, {"  mailproc: APPEND → reply accepted by SMTP", l.Mailproc}} {
		fmt.Fprintf(w, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t\n", row.name, row.p.P50, row.p.P90, row.p.P99, row.p.Max)
	}
}

func writeMemory(w io.Writer, ms []MemoryResult) {
	if len(ms) == 0 {
		return
	}
	fmt.Fprintf(w, "\nMemory: the daemon's peak RSS\t\t\n")
	ms = slices.Clone(ms)
	slices.SortFunc(ms, func(a, b MemoryResult) int { return a.N - b.N })
	for _, m := range ms {
		fmt.Fprintf(w, "  N=%d\t%s\t%s; %.1f s, CPU %.1f s (%s)%s\n", m.N, mib(m.Run.MaxRSS), peaks(m.Run.Peaks), m.Run.Wall, m.Run.CPU, m.Run.GC, topOps(m.Run.Ops, 3))
	}
}

func writeDecide(w io.Writer, ds []DecideResult) {
	if len(ds) == 0 {
		return
	}
	fmt.Fprintf(w, "\nParse + classify + extract, one core\tmsg/s\tns/op\tB/op\tallocs/op\t\n")
	for _, d := range ds {
		fmt.Fprintf(w, "  %s (%d messages)\t%.0f\t%d\t%d\t%d\t\n", d.Set, d.Messages, d.PerSecond(), d.NsPerOp, d.BytesPerOp, d.AllocsPerOp)
	}
}

func writeTargets(w io.Writer, ts []Target) {
	fmt.Fprintf(w, "\nTargets\ttarget\tmeasured\t\n")
	for _, t := range ts {
		verdict := "not measured"
		switch {
		case t.Measured && t.Met:
			verdict = "met"
		case t.Measured:
			verdict = "MISSED"
		}
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\n", t.Name, t.Want, t.Got, verdict)
	}
}

// peaks describes the peaks of anonymous and file-backed memory.
func peaks(p RSSPeaks) string {
	s := fmt.Sprintf("anon ≤ %s, file ≤ %s", mib(p.Anon), mib(p.File))
	if p.Binary > 0 || p.Store > 0 {
		s += fmt.Sprintf(" (at the end: binary %s, store %s)", mib(p.Binary), mib(p.Store))
	}
	return s
}

// byTime is the operations' names, the longest first.
func (o Ops) byTime() []string {
	names := make([]string, 0, len(o))
	for name := range o {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		if c := cmp.Compare(o[b].Seconds, o[a].Seconds); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return names
}

// topOps is the n longest operations as "; name 1.2 s, …", or "" when
// none was timed.
func topOps(o Ops, n int) string {
	names := o.byTime()
	parts := make([]string, 0, n)
	for _, name := range names[:min(n, len(names))] {
		parts = append(parts, fmt.Sprintf("%s %.1f s", name, o[name].Seconds))
	}
	if len(parts) == 0 {
		return ""
	}
	return "; " + strings.Join(parts, ", ")
}
